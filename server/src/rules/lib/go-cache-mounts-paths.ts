// Where a go command keeps its caches (GOCACHE, GOMODCACHE) given the stage's ENV, USER and base
// image, whether the file already relies on BuildKit, and which uid a RUN runs as. Used by GD020 and by
// GD001's split fix, which mounts the caches on the build it moves into a build stage.
import type { InstructionNode } from '../../engine/instruction';
import { PLATFORM_ARGS, stageChain, workdirAt } from '../../engine/model/env';
import { goFlag } from '../../engine/model/gocmd';
import { goEnv } from '../../engine/model/goenv';
import type { GoCommand, Model, Mount, RunNode, Stage } from '../../engine/model/types';
import { isWithin, normalizePath, resolvePath } from '../../engine/paths';

const BUILDKIT_COPY_FLAGS = new Set(['link', 'chmod', 'chown', 'parents', 'exclude', 'checksum', 'keep-git-dir']);

/** The file uses BuildKit-only features, has an effective `# syntax=` directive, or CI uses buildx. */
export function usesBuildKit(model: Model): string | undefined {
  if (model.directives.some((d) => d.effective && d.name.toLowerCase() === 'syntax')) return 'the `# syntax=` directive';
  const all: InstructionNode[] = [...model.instructions, ...model.onbuild];
  if (all.some((n) => n.keyword === 'RUN' && n.flags.length > 0)) return '`RUN --mount`';
  if (all.some((n) => n.heredocs.length > 0)) return 'heredocs';
  if (all.some((n) => (n.keyword === 'COPY' || n.keyword === 'ADD') && n.flags.some((f) => BUILDKIT_COPY_FLAGS.has(f.name.toLowerCase()) && f.name.toLowerCase() !== 'chown'))) return '`COPY --link/--chmod/--parents`';
  if (model.stages.some((s) => s.platform && /\$\{?BUILDPLATFORM/.test(s.platform.raw))) return '`FROM --platform=$BUILDPLATFORM`';
  if (model.stages.some((s) => s.args.some((a) => PLATFORM_ARGS.has(a.name)))) return 'the automatic platform ARGs';
  if (model.facts?.release.buildx) return 'buildx in the workspace CI';
  return undefined;
}

export interface RunUser {
  /** As written in USER (before the colon), or "0" for the image default root. */
  name: string;
  uid?: string;
  gid?: string;
  root: boolean;
  /** False when USER is only known at build time (`USER $UID`). */
  known: boolean;
  node?: InstructionNode;
}

/** uid/gid given to `adduser`/`useradd`/`addgroup` for a user name in an earlier RUN of the chain. */
function createdIds(stage: Stage, beforeIndex: number, name: string): { uid?: string; gid?: string } {
  let uid: string | undefined;
  for (const s of stageChain(stage).reverse()) {
    for (const run of s.runs) {
      if (s === stage && run.node.index >= beforeIndex) continue;
      for (const c of run.commands) {
        const w = c.words.map((x) => x.value);
        if (!/^(adduser|useradd)$/.test(w[0] ?? '') || w[w.length - 1] !== name) continue;
        const i = w.findIndex((x) => x === '-u' || x === '--uid');
        if (i > 0 && /^\d+$/.test(w[i + 1] ?? '')) uid = w[i + 1];
      }
    }
  }
  return { uid, gid: uid };
}

/** The user a RUN at `beforeIndex` runs as: the last USER before it in the stage chain, else the image default. */
export function userAt(stage: Stage, beforeIndex: number): RunUser {
  let node: InstructionNode | undefined;
  for (const s of stageChain(stage)) {
    const users = s.instructions.filter((n) => n.keyword === 'USER' && (s !== stage || n.index < beforeIndex));
    node = users[users.length - 1];
    if (node) break;
  }
  if (!node) {
    // chainguard/go runs as root (chainguard-images/images#1240) although its runtime images use 65532.
    const def = stage.info.family === 'golang' ? '0' : stage.info.defaultUser ?? '0';
    return { name: def, uid: def, gid: def, root: def === '0', known: true };
  }
  const [user = '', group] = node.args.text.trim().split(':');
  const root = user === 'root' || user === '0';
  const known = !user.includes('$');
  if (/^\d+$/.test(user)) return { name: user, uid: user, gid: group && /^\d+$/.test(group) ? group : user, root, known, node };
  if (user === 'nonroot') return { name: user, uid: '65532', gid: '65532', root, known, node };
  const ids = root ? { uid: '0', gid: '0' } : known ? createdIds(stage, beforeIndex, user) : {};
  return { name: user, ...ids, root, known, node };
}

export interface CachePaths {
  gocache?: string;
  gomodcache?: string;
  /** Where the values come from, for messages. */
  gocacheWhy: string;
  gomodcacheWhy: string;
  /** HOME is a guess (a named non-root user): do not rewrite targets to it. */
  homeGuessed: boolean;
}

export function cachePaths(model: Model, cmd: GoCommand, user: RunUser): CachePaths {
  const wd = workdirAt(model, cmd.run.stage, cmd.run.node.index);
  const abs = (v: string | undefined) => (v && !v.includes('$') ? resolvePath(wd, v) : undefined);
  const homeEnv = goEnv(model, cmd, 'HOME')?.value;
  // An image the knowledge base does not know may set GOPATH, GOCACHE or its user itself.
  const known = cmd.run.stage.info.known;
  let home: string | undefined;
  let homeGuessed = false;
  if (homeEnv) home = normalizePath(homeEnv);
  else if (!known && !user.node) home = undefined;
  else if (user.root) home = '/root';
  else if (user.name === 'nonroot' || user.uid === '65532') home = '/home/nonroot';
  else if (!/^\d+$/.test(user.name) && !user.name.includes('$')) {
    home = `/home/${user.name}`;
    homeGuessed = true;
  }
  const gc = goEnv(model, cmd, 'GOCACHE')?.value;
  const gm = goEnv(model, cmd, 'GOMODCACHE')?.value;
  const gp = goEnv(model, cmd, 'GOPATH')?.value?.split(':')[0];
  const userText = user.root ? 'root' : `user ${user.name}`;
  return {
    gocache: gc ? abs(gc) : home ? `${home}/.cache/go-build` : undefined,
    gocacheWhy: gc ? `GOCACHE=${gc}` : `GOCACHE defaults to $HOME/.cache/go-build and the RUN runs as ${userText}${home ? ` (HOME=${home})` : ''}`,
    gomodcache: gm ? abs(gm) : gp ? abs(`${gp}/pkg/mod`) : home && known ? `${home}/go/pkg/mod` : undefined,
    gomodcacheWhy: gm ? `GOMODCACHE=${gm}` : gp ? `GOPATH=${gp}` : `GOPATH is not set, so GOMODCACHE is $HOME/go/pkg/mod${home ? ` (HOME=${home})` : ''}`,
    homeGuessed,
  };
}

/** The mount target as an absolute path. */
export function mountTarget(model: Model, run: RunNode, m: Mount): string | undefined {
  if (!m.target || m.target.includes('$')) return m.target;
  return resolvePath(workdirAt(model, run.stage, run.node.index), m.target);
}

/** A mount (cache or bind) whose target holds `path`. */
export function covering(model: Model, run: RunNode, path: string | undefined): Mount | undefined {
  if (!path) return undefined;
  return run.mounts.find((m) => {
    const t = mountTarget(model, run, m);
    return t !== undefined && (m.type === 'cache' || m.type === 'bind') && isWithin(t, path);
  });
}

/** A cache mount that looks meant for a Go cache. */
export function goCacheKind(target: string | undefined): 'build' | 'mod' | undefined {
  if (!target) return undefined;
  if (/\/go-build\/?$/.test(target)) return 'build';
  if (/\/pkg\/mod\/?$/.test(target)) return 'mod';
  return undefined;
}

/** The module cache is the vendor directory: no module cache to mount. */
export function vendored(model: Model, g: GoCommand): boolean {
  if (model.facts?.vendor) return true;
  const mod = goFlag(g, 'mod')?.value ?? /(^|\s)--?mod=(\S+)/.exec(goEnv(model, g, 'GOFLAGS')?.value ?? '')?.[2];
  return mod === 'vendor';
}

/** `,uid=…,gid=…` for a cache mount used by a non-root builder (a cache mount is root-owned otherwise). */
export function ids(user: RunUser): string {
  return !user.root && user.uid ? `,uid=${user.uid},gid=${user.gid ?? user.uid}` : '';
}

export function cacheMountFlag(target: string, user: RunUser): string {
  return `--mount=type=cache,target=${target}${ids(user)}`;
}

/**
 * The cache mounts a go command's RUN lacks: its effective GOMODCACHE (when `modules` and not vendored)
 * and GOCACHE, for the user the RUN runs as. Paths the model cannot know get no mount.
 */
export function missingCacheMounts(model: Model, cmd: GoCommand, modules: boolean): string[] {
  const run = cmd.run;
  const user = userAt(run.stage, run.node.index);
  if (!user.known) return [];
  const paths = cachePaths(model, cmd, user);
  const flags: string[] = [];
  if (modules && paths.gomodcache && !vendored(model, cmd) && !covering(model, run, paths.gomodcache)) flags.push(cacheMountFlag(paths.gomodcache, user));
  if (paths.gocache && !covering(model, run, paths.gocache)) flags.push(cacheMountFlag(paths.gocache, user));
  return flags;
}
