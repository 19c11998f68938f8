// GD020: Go caches not mounted, or mounted at the wrong place. (a) builds without a GOCACHE (or module)
// cache mount in a BuildKit file, (b) the download and the build disagree about the module cache
// mount, (c) a cache mount that misses the effective GOCACHE/GOMODCACHE, (d) a root-owned cache
// mount used by a non-root builder.
import { buildsLocalCode } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import { stageChain } from '../engine/model/env';
import { descendantsOf } from '../engine/model/queries';
import type { GoCommand, Model, Mount, RunNode, Stage } from '../engine/model/types';
import { isWithin } from '../engine/paths';
import type { Fix, Severity, TextEdit } from '../engine/types';
import { addMountFlags } from './lib/go-cache-mounts-edits';
import { cacheMountFlag, cachePaths, covering, goCacheKind, ids, mountTarget, userAt, usesBuildKit, vendored, type CachePaths, type RunUser } from './lib/go-cache-mounts-paths';
import { BUILD_ONLY, defineRule, type Report } from './types';

function compiles(g: GoCommand): boolean {
  return ((g.sub === 'build' || g.sub === 'install') && buildsLocalCode(g)) || g.sub === 'test' || g.sub === 'vet';
}


function rootOwned(m: Mount): boolean {
  return m.type === 'cache' && m.options.uid === undefined && m.options.mode === undefined;
}

interface RunInfo {
  run: RunNode;
  cmd: GoCommand;
  user: RunUser;
  paths: CachePaths;
  builds: boolean;
  downloads: boolean;
  modCache: boolean;
}

function info(model: Model, run: RunNode): RunInfo | undefined {
  const builds = run.goCommands.filter(compiles);
  const downloads = run.goCommands.filter((g) => g.sub === 'mod download');
  const cmd = builds[0] ?? downloads[0];
  if (!cmd) return undefined;
  const user = userAt(run.stage, run.node.index);
  return { run, cmd, user, paths: cachePaths(model, cmd, user), builds: builds.length > 0, downloads: downloads.length > 0, modCache: !vendored(model, cmd) };
}

/** RUNs of the stage chain and of the stages built FROM it, in build order. */
const familyMemo = new WeakMap<Stage, RunNode[]>();

/** The RUNs of the stage's FROM chain and of the stages built FROM it (memoized per stage). */
function family(model: Model, stage: Stage): RunNode[] {
  let runs = familyMemo.get(stage);
  if (!runs) {
    const inChain = new Set(stageChain(stage));
    const below = new Set(descendantsOf(model, stage));
    runs = model.stages.filter((s) => inChain.has(s) || below.has(s)).flatMap((s) => s.runs);
    familyMemo.set(stage, runs);
  }
  return runs;
}

export default defineRule({
  meta: {
    code: 'GD020',
    name: 'go-cache-mounts',
    description: 'Go builds without a cache mount for GOCACHE or the module cache, or with cache mounts at the wrong path.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const buildkit = usesBuildKit(model);
    const infos = new Map<RunNode, RunInfo>();
    for (const run of model.runs) {
      if (run.stage.os === 'windows') continue;
      const i = info(model, run);
      if (i) infos.set(run, i);
    }
    const modMount = (i: RunInfo) => covering(model, i.run, i.paths.gomodcache);
    for (const i of infos.values()) {
      const { run, user, paths } = i;
      const badKinds = new Set<string>();
      // (c) a Go-looking cache mount that is not where this go command looks.
      for (const m of run.mounts) {
        const kind = goCacheKind(m.target);
        const target = mountTarget(model, run, m);
        const want = kind === 'build' ? paths.gocache : kind === 'mod' ? paths.gomodcache : undefined;
        if (!kind || m.type !== 'cache' || !target || !want || isWithin(target, want) || !user.known) continue;
        const fromHome = kind === 'build' ? !paths.gocacheWhy.startsWith('GOCACHE=') : paths.gomodcacheWhy.startsWith('GOPATH is not set');
        if (paths.homeGuessed && fromHome && !target.startsWith('/root/')) continue;
        if (kind === 'mod' && !i.modCache) continue;
        badKinds.add(kind);
        const chainguard = run.stage.rootRef?.name === 'cgr.dev/chainguard/go' && kind === 'mod' && !goEnv(model, i.cmd, 'GOPATH');
        const fixes: Fix[] = [];
        if (!(paths.homeGuessed && fromHome) && m.target && m.flag.value !== null) {
          const value = m.flag.value.replace(/(^|,)(target|dst|destination)=[^,]*/i, `$1$2=${want}`) + (rootOwned(m) ? ids(user) : '');
          fixes.push({ title: `Mount the cache at ${want}`, safety: 'safe', edits: [{ range: m.flag.range, newText: `--${m.flag.name}=${value}` }] });
        }
        reports.push({
          range: m.flag.range,
          severity: chainguard ? 'info' : 'warning',
          message:
            `This cache mount is at ${target}, but ${kind === 'build' ? 'the build cache' : 'the module cache'} of this RUN is ${want} (${kind === 'build' ? paths.gocacheWhy : paths.gomodcacheWhy}${chainguard ? ', if the image sets no GOPATH' : ''}): ` +
            'the mount is never used and every build starts cold.',
          fixes,
        });
      }
      // (d) a non-root builder with a root-owned cache mount.
      if (!user.root && user.known) {
        for (const m of [covering(model, run, paths.gocache), i.modCache ? modMount(i) : undefined]) {
          if (!m || !rootOwned(m) || badKinds.has(goCacheKind(m.target) ?? '')) continue;
          badKinds.add(goCacheKind(m.target) ?? 'other');
          reports.push({
            range: m.flag.range,
            severity: 'warning',
            message: `The RUN runs as ${user.name}, but a cache mount is owned by root (mode 0755) unless uid/gid are given: go cannot write to ${mountTarget(model, run, m)} and fails with "permission denied".`,
            fixes: user.uid && m.flag.value !== null
              ? [{ title: `Give the cache mount to uid ${user.uid}`, safety: 'safe', edits: [{ range: { start: m.flag.range.end, end: m.flag.range.end }, newText: ids(user) }] }]
              : [],
          });
        }
      }
      // (a)/(b) missing mounts.
      const missing: string[] = [];
      const flags: string[] = [];
      const notes: string[] = [];
      let severity: Severity = 'info';
      const myMod = modMount(i);
      if (i.modCache && !myMod && !badKinds.has('mod') && paths.gomodcache) {
        const fam = family(model, run.stage).map((r) => infos.get(r)).filter((x): x is RunInfo => x !== undefined);
        if (i.builds) {
          const earlier = fam.filter((x) => x.downloads && x.run.node.index < run.node.index && stageChain(run.stage).includes(x.run.stage));
          const mounted = earlier.find((x) => modMount(x));
          if (mounted) {
            severity = 'warning';
            const m = modMount(mounted) as Mount;
            flags.push(model.src.slice(m.flag.range));
            notes.push(`\`go mod download\` on line ${mounted.run.node.range.start.line + 1} downloads into a cache mount, so the modules are not in the layer and this build downloads them all again`);
          } else if (earlier.length === 0 && buildkit) {
            missing.push(`the module cache (${paths.gomodcache})`);
            flags.push(cacheMountFlag(paths.gomodcache, user));
          }
        } else {
          const later = fam.filter((x) => x.builds && x.run.node.index > run.node.index && stageChain(x.run.stage).includes(run.stage));
          const mounted = later.find((x) => modMount(x));
          if (mounted) {
            severity = 'warning';
            flags.push(model.src.slice((modMount(mounted) as Mount).flag.range));
            notes.push(`the build on line ${mounted.run.node.range.start.line + 1} mounts a cache over ${paths.gomodcache}, which hides the modules this layer downloads`);
          }
        }
      }
      if (i.builds && buildkit && paths.gocache && !covering(model, run, paths.gocache) && !badKinds.has('build')) {
        missing.push(`the build cache (GOCACHE, ${paths.gocache})`);
        flags.push(cacheMountFlag(paths.gocache, user));
      }
      if (flags.length === 0) continue;
      const parts = [...notes];
      if (missing.length > 0) {
        parts.push(`no cache mount for ${missing.join(' or ')}: this file already uses BuildKit (${buildkit}), and without ${missing.length > 1 ? 'them' : 'it'} every change ${flags.some((f) => f.includes('go-build')) ? 'recompiles every package' : ''}${missing.length > 1 ? ' and ' : ''}${missing.some((m) => m.startsWith('the module')) ? 'downloads every module again' : ''}`);
      }
      const ci = facts?.release.ephemeralCi
        ? ' CI uses ephemeral runners: cache mounts are not exported with the layer cache (moby/buildkit#1474), so use a persistent builder or buildkit-cache-dance and keep the go.mod/download layer split (GD004).'
        : '';
      const edit: TextEdit | undefined = addMountFlags(model, run, flags);
      reports.push({
        range: run.node.keywordRange,
        severity,
        message: `${parts.map((p, k) => (k === 0 ? p[0]?.toUpperCase() + p.slice(1) : p)).join('; ')}.${ci}`,
        fixes: edit ? [{ title: `Add ${flags.length === 1 ? 'the cache mount' : 'cache mounts'} to this RUN`, safety: 'safe', edits: [edit] }] : [],
      });
    }
    return reports;
  },
});
