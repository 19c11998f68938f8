// GD024: a HEALTHCHECK the runtime image cannot run: shell form on a base without /bin/sh, or an
// executable (curl, wget, nc, …) that scratch, distroless or Chainguard static do not have.
// GD024 owns HEALTHCHECK entirely; GD009 covers CMD/ENTRYPOINT/RUN.
import { execForm, needsShell } from '../engine/edits';
import { entryCommand, executableCandidates } from '../engine/model/artifacts';
import { chainInstructions } from '../engine/model/env';
import { baseLabel, lowerSeverity, runtimeTargets } from '../engine/model/queries';
import type { Model, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { Fix } from '../engine/types';
import { BUSYBOX_APPLETS, chainProvides, readHealthcheck, type HealthCommand } from './lib/healthcheck-cannot-run-probe';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const MINIMAL = new Set(['scratch', 'distroless', 'chainguard']);

/** A shell for the shell form: /bin/sh in the image, a SHELL whose executable exists, or /bin/sh copied in. */
function hasShell(model: Model, stage: Stage): boolean {
  if (stage.info.binSh) return true;
  const shells = chainInstructions(stage, 'SHELL');
  const last = shells[shells.length - 1];
  if (last?.form.kind === 'exec') {
    const exe = last.form.elements[0]?.value;
    if (exe && (exe === stage.info.shell || chainProvides(model, stage, [exe]))) return true;
  }
  return chainProvides(model, stage, ['/bin/sh']);
}

/** Does the executable exist in a minimal image? Only what COPY/ADD brought in (and busybox in :debug). */
function executablePresent(model: Model, stage: Stage, exe: string): boolean {
  if (exe.includes('$')) return true; // not expanded in HEALTHCHECK: leave it to GD012-style checks
  if (stage.info.shell === '/busybox/sh' && BUSYBOX_APPLETS.has(basename(exe)) && (!exe.includes('/') || exe.startsWith('/busybox/'))) return true;
  return chainProvides(model, stage, executableCandidates(model, stage, exe));
}

function exeName(h: HealthCommand): string {
  return (h.recovered?.[0] ?? h.argv[0] ?? '').trim();
}

function fixes(model: Model, stage: Stage, h: HealthCommand, exePresent: boolean, what: string): Fix[] {
  const out: Fix[] = [];
  const argv = h.recovered ?? (h.kind === 'shell' && !needsShell(h.argv.join(' ')) ? h.argv : undefined);
  if (h.kind === 'shell' && exePresent && argv) {
    out.push({ title: `Use exec form: ${h.cmdWord?.raw ?? 'CMD'} ${execForm(argv)}`, safety: 'safe', edits: [{ range: h.range, newText: execForm(argv) }] });
    return out;
  }
  const probe = model.facts?.healthProbe;
  const entry = entryCommand(stage);
  const bin = entry?.argv[0];
  if (probe && bin && !bin.includes('$') && (model.facts?.mainPackages.length ?? 0) <= 1) {
    const flags = h.node.flags.length === 0 ? '--interval=30s --timeout=3s ' : '';
    const cmd = `${h.cmdWord?.raw ?? 'CMD'} ${execForm([bin, probe.arg])}`;
    out.push({
      title: `Probe with the program itself: ${cmd}`,
      safety: 'unsafe',
      edits: [{ range: { start: (h.cmdWord ?? h.node.words[0] ?? h.node).range.start, end: h.range.end }, newText: `${flags}${cmd}` }],
    });
  }
  out.push({
    title: 'Remove the HEALTHCHECK (orchestrators such as Kubernetes use their own probes)',
    safety: 'unsafe',
    edits: [{ range: h.node.range, newText: `# HEALTHCHECK removed: ${baseLabel(stage)} has no ${what}; orchestrators such as Kubernetes use their own probes` }],
  });
  return out;
}

export default defineRule({
  meta: {
    code: 'GD024',
    name: 'healthcheck-cannot-run',
    description: 'A HEALTHCHECK uses shell form or an executable (curl, wget) that the minimal runtime image does not have.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
  },
  check({ model }) {
    const reports: Report[] = [];
    const seen = new Set<number>();
    // Output stages first, so a HEALTHCHECK they share with a candidate output gets the full severity.
    for (const { stage, lower } of runtimeTargets(model).sort((a, b) => a.lower - b.lower)) {
      const info = stage.info;
      if (!info.known || stage.os === 'windows' || !MINIMAL.has(info.family ?? '') || info.binSh) continue;
      const nodes = chainInstructions(stage, 'HEALTHCHECK');
      const node = nodes[nodes.length - 1];
      if (!node || seen.has(node.index)) continue;
      const h = readHealthcheck(model, node);
      if (!h || h.kind === 'none') continue;
      const exe = exeName(h);
      const present = exe !== '' && executablePresent(model, stage, exe);
      const shellForm = h.kind === 'shell' && !hasShell(model, stage);
      if (!shellForm && present) continue;
      seen.add(node.index);
      const base = baseLabel(stage);
      let problem = shellForm
        ? h.recovered
          ? `the command is not valid JSON, so BuildKit reads it as shell form and runs it with \`/bin/sh -c\`, but ${base} has no /bin/sh`
          : `the shell form runs \`/bin/sh -c …\`, but ${base} has no /bin/sh`
        : `it runs \`${exe}\`, which ${base} does not have (exec: "${exe}": executable file not found in $PATH)`;
      if (shellForm && !present) problem += `, and \`${exe}\` is not in the image either`;
      const what = shellForm && !present ? `shell and no ${basename(exe)}` : shellForm ? 'shell' : basename(exe);
      const advice = present
        ? 'Write it in exec form.'
        : model.facts?.healthProbe
          ? `The program has its own probe (${model.facts.healthProbe.arg}): run it in exec form instead.`
          : 'Use a probe built into the program (e.g. a -health flag) in exec form, or rely on the orchestrator\'s probes.';
      reports.push({
        range: shellForm ? h.range : h.exeRange,
        severity: lowerSeverity('error', lower),
        message: `This HEALTHCHECK cannot run: ${problem}. The check fails every time and the container is marked unhealthy forever. ${advice}`,
        fixes: fixes(model, stage, h, present, what),
      });
    }
    return reports;
  },
});
