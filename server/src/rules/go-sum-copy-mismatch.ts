// GD014: the go.mod / go.sum copy does not match the workspace: go.sum named but absent, go.mod
// copied without go.sum before a build, or go.mod/go.sum left out of the context by .dockerignore.
import { deleteInstruction, insertAt, insertLinesAfter, kw, pathWord, replace } from '../engine/edits';
import { contextPlacements, landing, placedAt, type Placement } from '../engine/model/context-files';
import { stageChain } from '../engine/model/env';
import { goFlag } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import { stageLabel } from '../engine/model/queries';
import type { CopyNode, GoCommand, Model, Stage } from '../engine/model/types';
import { basename, dirname, hasGlob } from '../engine/paths';
import type { Fix, Range } from '../engine/types';
import type { WorkspaceFacts } from '../engine/facts';
import { ignoreView, patternRange, patternText, type IgnoreView } from './lib/dockerignore-match';
import { deleteToken } from './lib/go-sum-copy-mismatch-edits';
import { contextDoubt, moduleAt, under } from './lib/module-layout-outside-context-queries';
import { BUILD_ONLY, defineRule, type Report } from './types';

const COMPILES = new Set(['build', 'install', 'test', 'vet', 'run']);

/** A go command that loads the main module's dependencies (and so needs their go.sum lines). */
function loadsModule(g: GoCommand): boolean {
  if (!COMPILES.has(g.sub)) return false;
  return g.packages.length === 0 || g.packages.some((p) => !p.value.includes('@'));
}

function modeFlag(model: Model, g: GoCommand): string | undefined {
  return goFlag(g, 'mod')?.value ?? /(?:^|\s)-mod=(\S+)/.exec(goEnv(model, g, 'GOFLAGS')?.value ?? '')?.[1];
}

/** The workspace has this go.sum: the root one from facts.goSum, others from the entry list. */
function goSumExists(facts: WorkspaceFacts, path: string): boolean | undefined {
  if (path === 'go.sum') return facts.goSum;
  if (facts.entries.includes(path)) return true;
  // A nested module's go.sum is only judged when that module's go.mod is there (else the context is elsewhere).
  if (facts.limits.capped || !facts.entries.includes(`${dirname(path)}/go.mod`)) return undefined;
  return false;
}

function missingSumCopies(model: Model, facts: WorkspaceFacts): Report[] {
  const reports: Report[] = [];
  const severity = contextDoubt(model, facts) ? 'warning' : 'error';
  for (const c of model.copies) {
    if (c.from || c.heredoc || !c.dest) continue;
    const named = c.sources.filter((s) => basename(s.value) === 'go.sum' && !hasGlob(s.value) && !/^[a-z]+:\/\//.test(s.value));
    for (const s of named) {
      const path = s.value.replace(/^\.?\/+/, '');
      if (goSumExists(facts, path) !== false) continue;
      const only = c.sources.length === 1;
      const exec = c.node.form.kind === 'exec';
      const fixes: Fix[] = only
        ? [{ title: `Delete this ${c.keyword}: there is no ${path}`, safety: 'safe', edits: [deleteInstruction(model, c.node)] }]
        : [{ title: `Copy ${path} only when it exists (${path}*)`, safety: 'safe', edits: [exec ? replace(s.word.range, JSON.stringify(`${s.value}*`)) : insertAt(s.word.range.end, '*')] }];
      reports.push({
        range: s.word.range,
        severity,
        message: `${c.keyword} names ${path}, but the workspace has no ${path} (a module without dependencies has none): the build fails with \`failed to compute cache key: "/${path}": not found\`. ${only ? 'Delete this instruction' : `Use the glob \`${path}*\`: BuildKit accepts a pattern that matches nothing while another source matches`}.`,
        fixes,
      });
    }
  }
  for (const run of model.runs) {
    for (const m of run.mounts) {
      if (m.type !== 'bind' || m.from !== undefined || !m.source) continue;
      const path = m.source.replace(/^\.?\/+/, '');
      if (basename(path) !== 'go.sum' || goSumExists(facts, path) !== false) continue;
      const del = deleteToken(model, m.flag.range);
      reports.push({
        range: m.flag.range,
        severity,
        message: `This bind mount reads ${path}, but the workspace has no ${path} (a module without dependencies has none): the build fails with \`failed to compute cache key: "/${path}": not found\`. Remove the mount (\`docker init\` generates it for every module).`,
        fixes: del ? [{ title: `Remove the ${path} bind mount`, safety: 'safe', edits: [del] }] : [],
      });
    }
  }
  return reports;
}

interface Unpaired {
  placement: Placement;
  build: GoCommand;
}

/** (b) go.mod reaches a build without go.sum next to it. */
function unpairedGoMod(model: Model, facts: WorkspaceFacts | undefined, ign: IgnoreView): Unpaired[] {
  const out: Unpaired[] = [];
  const seen = new Set<Placement['node']>();
  for (const g of model.goCommands) {
    if (!loadsModule(g) || g.run.stage.os === 'windows') continue;
    const mode = modeFlag(model, g);
    if (mode === 'mod' || mode === 'vendor' || facts?.vendor) continue;
    const m = moduleAt(model, g, ign.ignored);
    if (!m || seen.has(m.mod.placement.node)) continue;
    const mod = m.mod;
    const view = m.view;
    if (placedAt(view, 'go.sum', under(m.dir, 'go.sum'), { ignored: ign.ignored })) continue;
    // Something else may bring go.sum (another stage, a clone) or write it (go mod tidy, go get: GD028).
    if (view.opaque.some((n) => n.index > mod.placement.node.index)) continue;
    if (writesGoSum(model, g, mod.placement)) continue;
    seen.add(mod.placement.node);
    out.push({ placement: mod.placement, build: g });
  }
  return out;
}

function writesGoSum(model: Model, g: GoCommand, p: Placement): boolean {
  const chain = stageChain(g.run.stage);
  return model.goCommands.some((o) => {
    if (o === g || !['mod tidy', 'get', 'work sync', 'mod init'].includes(o.sub) || !chain.includes(o.run.stage)) return false;
    return o.run.node.index >= p.node.index && o.run.node.index <= g.run.node.index;
  });
}

function addGoSumFix(model: Model, p: Placement, facts: WorkspaceFacts | undefined): Fix[] {
  const c: CopyNode | undefined = p.copy;
  if (!c?.dest) return [];
  const safety = facts ? 'safe' : 'unsafe';
  const src = c.sources.find((s) => basename(s.value) === 'go.mod');
  if (!src) return [];
  if (c.node.form.kind === 'exec') return [{ title: 'Copy go.sum with go.mod', safety, edits: [insertAt(src.word.range.end, ', "go.sum"')] }];
  if (p.destIsDir) return [{ title: 'Copy go.sum with go.mod', safety, edits: [insertAt(src.word.range.end, ' go.sum')] }];
  const raw = c.dest.value;
  const dir = raw.includes('/') ? `${raw.slice(0, raw.lastIndexOf('/'))}/` : './';
  return [{ title: 'Copy go.sum next to go.mod', safety, edits: [insertLinesAfter(model, c.node, [`${kw(model, c.keyword)} go.sum ${pathWord(model, dir)}`])] }];
}

function ignoredModuleFiles(model: Model, facts: WorkspaceFacts, ign: IgnoreView): Report[] {
  if (!ign.file || facts.module?.dir !== '') return [];
  const reports: Report[] = [];
  const wanted: { path: string; effect: string }[] = [{ path: 'go.mod', effect: '`go: go.mod file not found in current directory or any parent directory`' }];
  if (facts.goSum) wanted.push({ path: 'go.sum', effect: '`missing go.sum entry for module providing package …`' });
  for (const w of wanted) {
    const pattern = ign.by(w.path);
    if (!pattern) continue;
    // Only when this Dockerfile brings the file in from the context.
    const user = contextPlacements(model).find((p) => landing(p, w.path) !== undefined);
    if (!user) continue;
    const explicit = user.sources.some((s) => s.path === w.path);
    const effect = explicit ? `\`failed to compute cache key: "/${w.path}": not found\`` : w.effect;
    reports.push({
      file: ign.file.file,
      range: patternRange(pattern),
      severity: 'error',
      message: `\`${patternText(pattern)}\` leaves ${w.path} out of the build context, but the Dockerfile copies it (line ${user.node.range.start.line + 1}): the build fails with ${effect}. Remove the pattern or add \`!${w.path}\` after it.`,
      related: [{ range: user.node.range, message: `${w.path} is expected here${stageOf(user) ? ` (stage ${stageLabel(stageOf(user) as Stage)})` : ''}` }],
    });
  }
  return reports;
}

function stageOf(p: Placement): Stage | undefined {
  return p.copy?.stage ?? p.run?.stage;
}

export default defineRule({
  meta: {
    code: 'GD014',
    name: 'go-sum-copy-mismatch',
    description: 'The go.mod / go.sum copy does not match the workspace: go.sum named but absent, or missing where the build needs it.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    buildkit: ['CopyIgnoredFile'],
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const ign = ignoreView(model, facts);
    if (facts?.module && facts.module.dir === '') reports.push(...missingSumCopies(model, facts));
    const doubt = facts ? contextDoubt(model, facts) : undefined;
    if (!facts || (facts.module?.dir === '' && facts.goSum && !ign.ignored('go.sum'))) {
      for (const u of unpairedGoMod(model, facts, ign)) {
        const src = u.placement.sources.find((s) => basename(s.path) === 'go.mod' || hasGlob(s.path));
        const range: Range = src?.range ?? u.placement.node.range;
        const line = u.build.run.node.range.start.line + 1;
        reports.push({
          range,
          severity: facts ? (doubt ? 'warning' : 'error') : 'info',
          message: facts
            ? `go.mod is copied without go.sum, and \`go ${u.build.sub}\` (line ${line}) runs before go.sum arrives: it fails with \`missing go.sum entry for module providing package …\`. Copy go.sum together with go.mod.`
            : `go.mod is copied without go.sum, and \`go ${u.build.sub}\` (line ${line}) runs before go.sum arrives: if the module has dependencies (and so a go.sum), it fails with \`missing go.sum entry for module providing package …\`. Copy go.sum together with go.mod.`,
          fixes: addGoSumFix(model, u.placement, facts),
          related: [{ range: u.build.command.range, message: 'this command needs the go.sum lines of the dependencies' }],
        });
      }
    }
    if (facts) reports.push(...ignoredModuleFiles(model, facts, ign));
    return reports;
  },
});
