// GD015: a module layout the build context cannot satisfy: local replace targets missing when the
// modules are downloaded, replace / go.work `use` targets outside the context, go.work silently
// switching the build to workspace mode, COPY sources that try to reach outside the context.
import type { GoReplace, WorkspaceFacts } from '../engine/facts';
import { insertAt, insertLinesAfter, insertLinesBefore, kw } from '../engine/edits';
import { contextPath, escapesContext, landings, placedAt, type Landed } from '../engine/model/context-files';
import { workdirAt } from '../engine/model/env';
import { goEnv } from '../engine/model/goenv';
import { stageLabel } from '../engine/model/queries';
import type { Model, Stage } from '../engine/model/types';
import { dirname } from '../engine/paths';
import type { Fix, Severity } from '../engine/types';
import { ignoreView, lineRange, type IgnoreView } from './lib/dockerignore-match';
import { contextDoubt, loadsModuleGraph, moduleAt, replaceNeeded, under, type ModuleAt } from './lib/module-layout-outside-context-queries';
import { BUILD_ONLY, defineRule, type Report } from './types';

function line(n: { range: { start: { line: number } } }): number {
  return n.range.start.line + 1;
}

/** (e) `COPY ../lib …`: BuildKit clamps the path into the context (moby/buildkit#2131). */
function escapingCopies(model: Model, facts: WorkspaceFacts | undefined): Report[] {
  const reports: Report[] = [];
  for (const c of model.copies) {
    if (c.from || c.heredoc) continue;
    for (const s of c.sources) {
      if (!escapesContext(s.value)) continue;
      const inside = contextPath(s.value) ?? '';
      const known = facts && !facts.limits.capped ? facts.entries.some((e) => e === inside || e === `${inside}/`) : undefined;
      const severity: Severity = known === false ? 'error' : 'warning';
      const effect = known === false
        ? `, which does not exist: the build fails with \`"/${inside}": not found\``
        : known === true ? `, so it silently copies the context's own ${inside}` : '';
      reports.push({
        range: s.word.range,
        severity,
        message: `\`${s.value}\` is outside the build context: COPY sources are relative to the context and BuildKit reads it as \`${inside}\`${effect}. A sibling module (replace target, go.work \`use\` dir) must be inside the context: build from the parent directory (\`docker build -f <dir>/Dockerfile ..\`) with paths relative to it, or pass it as a named context (\`--build-context ${inside.split('/').pop() || 'src'}=${s.value}\`, then \`COPY --from=…\`).`,
      });
    }
  }
  return reports;
}

function destPrefix(model: Model, m: ModuleAt): string {
  const c = m.mod.placement.copy;
  if (c?.dest && workdirAt(model, c.stage, c.node.index) === m.wd) {
    const raw = c.dest.value;
    if (raw === '.' || raw === './') return './';
    if (m.mod.placement.destIsDir) return raw.endsWith('/') ? raw : `${raw}/`;
  }
  return m.dir === '/' ? '/' : `${m.dir}/`;
}

function replaceFix(model: Model, facts: WorkspaceFacts, m: ModuleAt, missing: GoReplace[]): Fix[] {
  const p = m.mod.placement;
  const withSum = (r: GoReplace): boolean => facts.entries.includes(`${r.dir}/go.sum`);
  if (p.kind === 'copy' && p.copy) {
    const prefix = destPrefix(model, m);
    const lines = missing.map((r) => `${kw(model, 'COPY')} ${r.dir}/go.mod${withSum(r) ? ` ${r.dir}/go.sum` : ''} ${prefix}${r.dir}/`);
    return [{ title: `Copy ${missing.map((r) => `${r.dir}/go.mod`).join(', ')} before \`go ${m.cmd.sub}\``, safety: 'safe', edits: [insertLinesBefore(model, m.cmd.run.node, lines)] }];
  }
  if (p.kind === 'bind' && p.mount) {
    const tdir = dirname(p.mount.target ?? 'go.mod');
    const t = (f: string): string => (tdir === '.' ? f : `${tdir}/${f}`);
    const mounts = missing.flatMap((r) => [`${r.dir}/go.mod`, ...(withSum(r) ? [`${r.dir}/go.sum`] : [])]).map((f) => ` --mount=type=bind,source=${f},target=${t(f)}`);
    return [{ title: `Bind-mount ${missing.map((r) => `${r.dir}/go.mod`).join(', ')} too`, safety: 'safe', edits: [insertAt(p.mount.flag.range.end, mounts.join(''))] }];
  }
  return [];
}

/** (a) local replace targets absent when the module graph is loaded. */
function missingReplaceTargets(model: Model, facts: WorkspaceFacts, ign: IgnoreView, doubt: string | undefined): Report[] {
  const locals = (facts.module?.replaces ?? []).filter((r) => r.local && r.dir && !r.outsideContext && replaceNeeded(facts, r) && (facts.limits.capped || facts.entries.includes(`${r.dir}/go.mod`)));
  if (locals.length === 0) return [];
  const reports: Report[] = [];
  const seen = new Set<unknown>();
  for (const g of model.goCommands) {
    if (!loadsModuleGraph(g)) continue;
    const m = moduleAt(model, g, ign.ignored);
    if (!m || seen.has(m.mod.placement.node)) continue;
    if (m.view.opaque.some((n) => n.index > m.mod.placement.node.index)) continue;
    const missing = locals.filter((r) => !placedAt(m.view, `${r.dir}/go.mod`, under(m.dir, `${r.dir}/go.mod`), { ignored: ign.ignored }));
    if (missing.length === 0) continue;
    seen.add(m.mod.placement.node);
    const ignored = missing.filter((r) => ign.ignored(`${r.dir}/go.mod`));
    const first = missing[0] as GoReplace;
    const why = ignored.length > 0 && ign.file ? ` (${ign.file.file} leaves ${ignored.map((r) => r.dir).join(', ')} out of the context)` : '';
    reports.push({
      range: g.command.range,
      severity: doubt ? 'warning' : 'error',
      message: `go.mod replaces ${missing.map((r) => `${r.from} => ${r.to}`).join(', ')}, but ${missing.map((r) => `${r.dir}/go.mod`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the image when \`go ${g.sub}\` runs${why}: it fails with \`reading ${first.dir}/go.mod: no such file or directory\`. Copy the go.mod (and go.sum) of each replace target before it.${doubt ? ` (The Dockerfile also copies \`${doubt}\`, which this directory does not have: if the build context is elsewhere, check these paths there.)` : ''}`,
      fixes: ignored.length > 0 ? [] : replaceFix(model, facts, m, missing),
      related: missing.map((r) => ({ file: r.loc.file, range: lineRange(r.loc.line), message: `replace ${r.from} => ${r.to}` })),
    });
  }
  return reports;
}

/** The first module-loading command that has the root go.mod in its image. */
function firstModuleUse(model: Model, ign: IgnoreView): ModuleAt | undefined {
  for (const g of model.goCommands) {
    if (!loadsModuleGraph(g)) continue;
    const m = moduleAt(model, g, ign.ignored);
    if (m) return m;
  }
  return undefined;
}

/** (b) replace targets outside the context, reported on go.mod. */
function outsideReplaces(model: Model, facts: WorkspaceFacts, ign: IgnoreView, doubt: string | undefined): Report[] {
  const outside = (facts.module?.replaces ?? []).filter((r) => r.local && r.outsideContext && replaceNeeded(facts, r));
  if (outside.length === 0) return [];
  const use = firstModuleUse(model, ign);
  if (!use) return [];
  return outside.map((r) => ({
    file: r.loc.file,
    range: lineRange(r.loc.line),
    severity: doubt ? 'warning' : 'error',
    message: `replace ${r.from} => ${r.to} points outside the build context: \`go ${use.cmd.sub}\` in the Dockerfile (line ${line(use.cmd.run.node)}) can never read it and fails with \`replacement directory ${r.to} does not exist\`. Build from a directory that contains both modules, or pass ${r.to} as a named build context and copy it to the same relative place.${doubt ? ` (The Dockerfile copies \`${doubt}\`, which this directory does not have: this applies if the build context is this directory.)` : ''}`,
    related: [{ range: use.mod.placement.node.range, message: 'go.mod is copied into the image here' }],
  }));
}

interface WorkUse {
  m: ModuleAt;
  work: Landed;
  dir: string;
}

/** Module-loading commands that run in workspace mode because go.work is above them: the first per stage that received go.work. */
function workspaceModes(model: Model, facts: WorkspaceFacts, ign: IgnoreView): WorkUse[] {
  const out: WorkUse[] = [];
  const stages = new Set<Stage>();
  for (const g of model.goCommands) {
    if (!loadsModuleGraph(g)) continue;
    const gowork = goEnv(model, g, 'GOWORK');
    if (gowork && gowork.value !== '' && gowork.value !== 'auto') continue; // off, or an explicit file
    const m = moduleAt(model, g, ign.ignored);
    if (!m) continue;
    const works = landings(m.view, facts.goWork?.file ?? 'go.work', { ignored: ign.ignored });
    const work = works[works.length - 1];
    if (!work) continue;
    const dir = dirname(work.path);
    if (m.wd !== dir && !m.wd.startsWith(dir === '/' ? '/' : `${dir}/`)) continue;
    const stage = (work.placement.copy?.stage ?? work.placement.run?.stage) as Stage;
    if (stages.has(stage)) continue;
    stages.add(stage);
    out.push({ m, work, dir });
  }
  return out;
}

function goWorkFindings(model: Model, facts: WorkspaceFacts, ign: IgnoreView, doubt: string | undefined): Report[] {
  const gw = facts.goWork;
  if (!gw || gw.file !== 'go.work') return [];
  const uses = workspaceModes(model, facts, ign);
  const first = uses[0];
  if (!first) return [];
  const reports: Report[] = [];
  const firstCopy = first.work.placement.node;
  for (const u of gw.use.filter((x) => x.outsideContext)) {
    reports.push({
      file: gw.file,
      range: lineRange(u.loc.line),
      severity: doubt ? 'warning' : 'error',
      message: `go.work uses ${u.dir}, which is outside the build context: the Dockerfile copies go.work (line ${line(firstCopy)}), so \`go ${first.m.cmd.sub}\` runs in workspace mode and fails with \`go: cannot load module ${u.dir} listed in go.work file\`. Keep go.work out of the image (\`GOWORK=off\` or .dockerignore) or build from a directory that contains ${u.dir}.`,
      related: [{ range: firstCopy.range, message: 'go.work is copied into the image here' }],
    });
  }
  for (const use of uses) {
    const copyNode = use.work.placement.node;
    const missing = gw.use.filter((u) => u.outsideContext || !placedAt(use.m.view, u.dir === '' ? 'go.mod' : `${u.dir}/go.mod`, under(use.dir, u.dir === '' ? 'go.mod' : `${u.dir}/go.mod`), { ignored: ign.ignored }));
    const stage = (use.work.placement.copy?.stage ?? use.work.placement.run?.stage) as Stage;
    const how = use.work.placement.sources.some((x) => x.path === '') ? 'the whole context is copied' : 'go.work is copied';
    const severity: Severity = missing.length > 0 ? 'warning' : 'info';
    const problem = missing.length > 0
      ? `; ${missing.map((u) => u.dir || '.').join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the image, so it fails with \`go: cannot load module … listed in go.work file\``
      : ': every `use` directory is copied, so this works if workspace mode is intended';
    reports.push({
      range: copyNode.range,
      severity,
      message: `go.work is in the image (${how}) and GOWORK is not off, so \`go ${use.m.cmd.sub}\` (line ${line(use.m.cmd.run.node)}) runs in workspace mode with the go.work versions and replacements${problem}. Set \`ENV GOWORK=off\` in stage ${stageLabel(stage)}, or add go.work and go.work.sum to .dockerignore.`,
      fixes: [{ title: `Set GOWORK=off in stage ${stageLabel(stage)}`, safety: missing.length > 0 ? 'unsafe' : 'suggestion', edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'ENV')} GOWORK=off`])] }],
    });
  }
  return reports;
}

export default defineRule({
  meta: {
    code: 'GD015',
    name: 'module-layout-outside-context',
    description: 'A module layout the build context cannot satisfy: local replace targets, go.work or sibling modules outside the context.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports = escapingCopies(model, facts);
    if (!facts) return reports;
    const ign = ignoreView(model, facts);
    const doubt = contextDoubt(model, facts);
    if (facts.module?.dir === '') {
      reports.push(...missingReplaceTargets(model, facts, ign, doubt));
      reports.push(...outsideReplaces(model, facts, ign, doubt));
    }
    reports.push(...goWorkFindings(model, facts, ign, doubt));
    return reports;
  },
});
