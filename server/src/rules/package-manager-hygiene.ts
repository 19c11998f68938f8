// GD036: package-manager hygiene in output stages (apk --no-cache, the canonical apt-get line,
// upgrades), and `apk add git` a Go builder that only downloads public modules does not need.
import { deleteInstruction, insertAt } from '../engine/edits';
import { stageChain, stageEnv } from '../engine/model/env';
import { descendantsOf, lowerSeverity, runtimeTargets } from '../engine/model/queries';
import type { Model, RunNode, Stage } from '../engine/model/types';
import type { Fix, Range, TextEdit } from '../engine/types';
import { deleteTidy } from './lib/obsolete-go-flags-tidy';
import { aptAssumesYes, aptNoRecommends, cacheMountOn, hasOption, pkgCommands, removesLater, type PkgCommand } from './lib/package-manager-hygiene-commands';
import { BUILD_ONLY, defineRule, type Report } from './types';

function span(p: PkgCommand): Range {
  return { start: p.tool.range.start, end: p.subWord.range.end };
}

/** Edits on words of `sh -c '…'` bodies are only exact when the body maps 1:1 to the document. */
function editable(run: RunNode, p: PkgCommand): boolean {
  return run.form !== 'exec' && !p.command.subshells.some((id) => id < 0);
}

function apk(model: Model, run: RunNode, p: PkgCommand, lower: number, reports: Report[]): void {
  if (p.sub === 'upgrade') {
    reports.push({ range: span(p), severity: lowerSeverity('info', lower), message: '`apk upgrade` in a runtime stage makes the image depend on the day it was built and hides which base it really runs on. Rebuild on a newer base tag (or digest) instead.' });
    return;
  }
  if (p.sub !== 'add') return;
  const noCache = hasOption(p, '--no-cache');
  const update = hasOption(p, '--update', '-U', '--update-cache');
  if (noCache) {
    if (update) {
      reports.push({
        range: update.range,
        severity: lowerSeverity('info', lower),
        message: `\`${update.value}\` is redundant with --no-cache: apk fetches a fresh index anyway and keeps nothing in /var/cache/apk.`,
        fixes: editable(run, p) ? [{ title: `Remove ${update.value}`, safety: 'safe', edits: [deleteTidy(model, update.range)] }] : [],
      });
    }
    return;
  }
  if (cacheMountOn(run, '/var/cache/apk', '/etc/apk/cache') || removesLater(run, p.index, '/var/cache/apk')) return;
  const fixes: Fix[] = [];
  if (editable(run, p)) {
    const edit: TextEdit = update ? { range: update.range, newText: '--no-cache' } : insertAt(p.subWord.range.end, ' --no-cache');
    fixes.push({ title: update ? `Replace ${update.value} with --no-cache` : 'Add --no-cache', safety: 'safe', edits: [edit] });
  }
  reports.push({
    range: span(p),
    severity: lowerSeverity('info', lower),
    message: '`apk add` without --no-cache leaves the package index in /var/cache/apk of the runtime image (hadolint DL3019). Use `apk add --no-cache`, or a cache mount on /var/cache/apk.',
    fixes,
  });
}

function apt(run: RunNode, p: PkgCommand, lower: number, reports: Report[]): void {
  if (['upgrade', 'dist-upgrade', 'full-upgrade'].includes(p.sub)) {
    reports.push({ range: span(p), severity: lowerSeverity('info', lower), message: `\`${p.tool.value} ${p.sub}\` in a runtime stage makes the image depend on the day it was built and hides which base it really runs on. Rebuild on a newer base tag (or digest) instead.` });
    return;
  }
  if (p.sub !== 'install') return;
  const missing: string[] = [];
  const yes = aptAssumesYes(p);
  const noRec = aptNoRecommends(p);
  if (!yes) missing.push('-y (without it apt-get stops at the confirmation prompt whenever it needs extra packages)');
  if (!noRec) missing.push('--no-install-recommends (recommended packages are rarely needed at runtime and add size, DL3015)');
  const updated = run.commands.some((c, i) => i < p.index && /(^|\/)apt(-get)?$/.test(c.words[0]?.value ?? '') && c.words.some((w) => w.value === 'update'));
  const cleaned = !updated || removesLater(run, p.index, '/var/lib/apt/lists') || cacheMountOn(run, '/var/lib/apt', '/var/lib/apt/lists');
  if (!cleaned) missing.push('`rm -rf /var/lib/apt/lists/*` after the install (the package lists stay in the layer, DL3009)');
  if (missing.length === 0) return;
  const fixes: Fix[] = [];
  if (editable(run, p)) {
    const edits: TextEdit[] = [];
    const flags = `${yes ? '' : ' -y'}${noRec ? '' : ' --no-install-recommends'}`;
    if (flags) edits.push(insertAt(p.subWord.range.end, flags));
    if (!cleaned) {
      const script = run.scripts.find((s) => s.commands.includes(p.command));
      const last = script?.commands[script.commands.length - 1];
      if (last) edits.push(insertAt(last.range.end, ' && rm -rf /var/lib/apt/lists/*'));
    }
    if (edits.length > 0) fixes.push({ title: 'Use the canonical apt-get install line', safety: 'unsafe', edits });
  }
  reports.push({
    range: span(p),
    severity: lowerSeverity('info', lower),
    message: `\`${p.tool.value} install\` in a runtime stage lacks ${missing.join('; and ')}. Docker's best practice: \`apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*\` in one RUN.`,
    fixes,
  });
}

/** Signs that a builder really needs git: VCS commands, private or direct module fetches, VCS stamping. */
function needsGit(model: Model, stage: Stage): boolean {
  for (const s of descendantsOf(model, stage)) {
    for (const run of s.runs) {
      if (run.mounts.some((m) => m.type === 'ssh' || m.type === 'secret')) return true;
      for (const c of run.commands) {
        if (/(^|\/)git$/.test(c.words[0]?.value ?? '')) return true;
        if (c.words.some((w) => /(\$\(|`)\s*git\s/.test(w.value)) || c.assigns.some((a) => /(\$\(|`)\s*git\s/.test(a.value))) return true;
      }
      for (const g of run.goCommands) {
        if (g.inline.has('GOPRIVATE') || g.inline.has('GONOPROXY') || /direct|off/.test(g.inline.get('GOPROXY')?.value ?? '')) return true;
        if (g.flags.some((f) => f.name === 'buildvcs' && f.value !== 'false')) return true;
      }
    }
    for (const name of ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB']) if (stageEnv(model, s, Number.POSITIVE_INFINITY, name)?.value) return true;
    const proxy = stageEnv(model, s, Number.POSITIVE_INFINITY, 'GOPROXY')?.value;
    if (proxy && /(^|,|\|)(direct|off)$/.test(proxy) && !/,direct$/.test(proxy)) return true;
    if (/-buildvcs=true/.test(stageEnv(model, s, Number.POSITIVE_INFINITY, 'GOFLAGS')?.value ?? '')) return true;
  }
  // Opaque build steps (make, scripts, go generate) often call git themselves.
  for (const s of descendantsOf(model, stage)) {
    for (const run of s.runs) {
      if (run.goCommands.some((g) => g.sub === 'generate')) return true;
      for (const c of run.commands) {
        const w = c.words.map((x) => x.value);
        const exe = (w[0] ?? '').replace(/^.*\//, '');
        if (/^(make|gmake|task|mage|just|goreleaser)$/.test(exe) || /\.sh$/.test(w[0] ?? '') || (/^(sh|bash|ash)$/.test(exe) && /\.sh$/.test(w[1] ?? ''))) return true;
      }
    }
  }
  // VCS stamping: with .git in the build context, `go build` needs git (or -buildvcs=false). Without a
  // workspace, a copy of the whole context may bring .git in.
  const facts = model.facts;
  if (facts) return !facts.dockerignores.some((d) => d.patterns.some((p) => !p.negate && /^(\/|\*\*\/)?\.git\/?$/.test(p.pattern)));
  return descendantsOf(model, stage).some((s) => s.copies.some((c) => !c.from && c.sources.some((x) => /^(\.\/?|\*)$/.test(x.value))));
}

function builderGit(model: Model, stage: Stage, reports: Report[]): void {
  const downloads = descendantsOf(model, stage).some((s) => s.runs.some((r) => r.goCommands.some((g) => g.sub === 'mod download' || g.sub === 'build' || g.sub === 'install')));
  if (!downloads || needsGit(model, stage)) return;
  for (const run of stage.runs) {
    for (const p of pkgCommands(run)) {
      if (!((p.manager === 'apk' && p.sub === 'add') || (p.manager === 'apt' && p.sub === 'install'))) continue;
      const git = p.packages.find((w) => w.value === 'git');
      if (!git) continue;
      const fixes: Fix[] = [];
      if (editable(run, p) && p.packages.length > 1) fixes.push({ title: 'Do not install git', safety: 'unsafe', edits: [deleteTidy(model, git.range)] });
      else if (editable(run, p) && run.commands.length === 1) fixes.push({ title: 'Remove this RUN (git is not needed)', safety: 'unsafe', edits: [deleteInstruction(model, run.node)] });
      reports.push({
        range: git.range,
        severity: 'hint',
        message: `git is not needed to download public modules: the Go module proxy serves them as zip files. It is needed only for private or direct VCS fetches (GOPRIVATE, GOPROXY=direct) and for VCS stamping when .git is in the build context${model.facts ? ' (your .dockerignore excludes .git)' : ''}. If none applies, drop it and save a layer's worth of packages.`,
        fixes,
      });
    }
  }
}

export default defineRule({
  meta: {
    code: 'GD036',
    name: 'package-manager-hygiene',
    description: 'Package-manager hygiene in runtime stages (apk --no-cache, the canonical apt-get line, no upgrades) and git a Go builder does not need.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    hadolint: ['DL3019', 'DL3015', 'DL3009'],
  },
  check({ model }) {
    const reports: Report[] = [];
    const seen = new Set<RunNode>();
    const targets = runtimeTargets(model);
    for (const { stage, lower } of targets) {
      if (stage.os === 'windows') continue;
      for (const s of stageChain(stage).reverse()) {
        for (const run of s.runs) {
          if (seen.has(run)) continue;
          seen.add(run);
          for (const p of pkgCommands(run)) {
            if (p.manager === 'apk') apk(model, run, p, lower, reports);
            else apt(run, p, lower, reports);
          }
        }
      }
    }
    const shipped = new Set(targets.flatMap((t) => stageChain(t.stage)));
    for (const stage of model.stages) if (!shipped.has(stage) && stage.os !== 'windows') builderGit(model, stage, reports);
    return reports;
  },
});
