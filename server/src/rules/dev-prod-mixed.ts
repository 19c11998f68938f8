// GD006: dev/debug and prod concerns mixed in one target: a debug build shipped on a production
// base, or a delve stage debugging a stripped binary.
import { insertAt, insertLinesBefore, kw } from '../engine/edits';
import { LATEST } from '../engine/images';
import { copyFlows, entryCommand, stageGoOutputs, type GoOutput } from '../engine/model/artifacts';
import { goFlags, splitFlagValue } from '../engine/model/gocmd';
import { isDevStage, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { Fix, TextEdit } from '../engine/types';
import { BUILD_ONLY, defineRule, type Report } from './types';

function debugGcflags(cmd: GoCommand): { range: import('../engine/types').Range } | undefined {
  const f = goFlags(cmd, 'gcflags').find((x) => /-N/.test(x.value ?? '') && /-l/.test(x.value ?? ''));
  return f ? { range: f.range } : undefined;
}

function stripped(cmd: GoCommand): boolean {
  return goFlags(cmd, 'ldflags').some((f) => splitFlagValue(f.value ?? '').some((t) => t === '-s' || t === '-w'));
}

function runsDelve(stage: Stage): string | undefined {
  const entry = entryCommand(stage);
  if (!entry) return undefined;
  const i = entry.argv.findIndex((a) => /(^|\/)dlv$/.test(a));
  if (i < 0 || !/^(exec|debug|attach)$/.test(entry.argv[i + 1] ?? '')) return undefined;
  return entry.argv[i + 1] === 'exec' ? entry.argv[i + 2] : undefined;
}

/** "Add dev and prod targets": keep the prod build optimised, build the debug binary in a dev stage. */
function devProdFix(model: Model, prod: Stage, output: GoOutput): Fix | undefined {
  const cmd = output.cmd;
  const build = cmd.run.stage;
  const gc = debugGcflags(cmd);
  if (!gc || cmd.run.form === 'exec' || !build.info.go) return undefined;
  const bin = output.binaries?.[0] ?? (output.path ? basename(output.path) : 'app');
  const edits: TextEdit[] = [];
  const buildName = build.name ?? 'build';
  if (!build.name) edits.push(insertAt(build.imageRange.end, ` ${kw(model, 'AS')} build`));
  // Remove the flag (and the space before it) from the production build.
  const before = { line: gc.range.start.line, character: Math.max(0, gc.range.start.character - 1) };
  edits.push({ range: { start: before, end: gc.range.end }, newText: '' });
  if (!prod.name) edits.push(insertAt(prod.imageRange.end, ` ${kw(model, 'AS')} prod`));
  const env = [...cmd.inline.entries()].map(([k, v]) => `${k}=${v.value}`).join(' ');
  const pkgs = cmd.packages.map((p) => p.raw).join(' ');
  const debugBin = `/out/${bin}-debug`;
  edits.push(
    insertLinesBefore(model, prod.from, [
      `${kw(model, 'FROM')} ${buildName} ${kw(model, 'AS')} dev`,
      `${kw(model, 'RUN')} go install github.com/go-delve/delve/cmd/dlv@${LATEST.delve}`,
      `${kw(model, 'RUN')} ${env ? `${env} ` : ''}go build -gcflags="all=-N -l" -o ${debugBin}${pkgs ? ` ${pkgs}` : ''}`,
      `${kw(model, 'EXPOSE')} 40000`,
      `${kw(model, 'CMD')} ["dlv", "exec", "${debugBin}", "--headless", "--listen=:40000", "--api-version=2", "--accept-multiclient", "--"]`,
      '',
    ]),
  );
  return { title: 'Add dev and prod targets (debug build in a dev stage, optimised build in prod)', safety: 'unsafe', edits, isolated: true };
}

/** In a delve stage that has the toolchain: build an unstripped, unoptimised binary and debug that one. */
function debugBuildFix(model: Model, stage: Stage, fed: GoOutput, target: string): Fix | undefined {
  const entry = entryCommand(stage);
  if (!entry || entry.stage !== stage || entry.node.form.kind !== 'exec' || !stage.info.go || fed.cmd.run.form === 'exec') return undefined;
  const el = entry.node.form.elements.find((e) => e.value === target);
  if (!el) return undefined;
  const env = [...fed.cmd.inline.entries()].map(([k, v]) => `${k}=${v.value}`).join(' ');
  const pkgs = fed.cmd.packages.map((p) => p.raw).join(' ');
  const debugBin = `${target}-debug`;
  return {
    title: 'Build a separate debug binary (-gcflags="all=-N -l", no -s -w) for delve',
    safety: 'unsafe',
    edits: [
      insertLinesBefore(model, entry.node, [`${kw(model, 'RUN')} ${env ? `${env} ` : ''}go build -gcflags="all=-N -l" -o ${debugBin}${pkgs ? ` ${pkgs}` : ''}`]),
      { range: el.range, newText: JSON.stringify(debugBin) },
    ],
  };
}

export default defineRule({
  meta: {
    code: 'GD006',
    name: 'dev-prod-mixed',
    description: 'Debug builds or tools in a production image, or a debugger stage fed a stripped binary.',
    defaultSeverity: 'info',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    // (a) an optimised-for-prod base gets a binary built with optimisations and inlining off.
    for (const { stage } of runtimeTargets(model)) {
      if (isDevStage(stage) || !['distroless', 'scratch', 'chainguard'].includes(stage.info.family ?? '')) continue;
      for (const copy of stage.copies) {
        for (const flow of copyFlows(model, copy)) {
          const gc = debugGcflags(flow.output.cmd);
          if (!gc) continue;
          const fix = stage.isLast ? devProdFix(model, stage, flow.output) : undefined;
          reports.push({
            range: gc.range,
            message: `The production image (stage ${stageLabel(stage)}) ships a debug build (-N -l: optimisations and inlining off): it is larger and slower. Build it in a separate dev target.`,
            fixes: fix ? [fix] : [],
            related: [{ range: copy.node.range, message: 'the debug binary is copied into the production image here' }],
          });
        }
      }
    }
    // (b) a stage runs `dlv exec` on a binary whose DWARF was stripped by -s / -w.
    for (const stage of model.stages) {
      const target = runsDelve(stage);
      if (target === undefined) continue;
      const outputs = [...stageGoOutputs(model, stage), ...stage.copies.flatMap((c) => copyFlows(model, c).map((f) => f.output))];
      const fed = outputs.find((o) => o.path !== undefined && (o.path === target || basename(o.path) === basename(target)));
      if (!fed || !stripped(fed.cmd)) continue;
      const ld = goFlags(fed.cmd, 'ldflags').find((f) => splitFlagValue(f.value ?? '').some((t) => t === '-s' || t === '-w'));
      const fix = debugBuildFix(model, stage, fed, target);
      reports.push({
        range: ld?.range ?? fed.cmd.goWord.range,
        severity: 'warning',
        fixes: fix ? [fix] : [],
        message: `Stage ${stageLabel(stage)} runs delve on ${target}, but it is built with -ldflags -s/-w, which strips the debug information (since Go 1.22 -s implies -w): breakpoints and variables will not work. Build a separate debug binary without -s -w.`,
      });
    }
    return reports;
  },
});
