// Which files of the build context are inside a stage, and where: COPY/ADD from the context and
// RUN bind mounts of the context place context paths at image paths. Rules that compare the
// Dockerfile with the workspace (go.sum, local replace targets, go.work, runtime assets) ask
// "is context path P in the image at this point, and where?".
//
// BuildKit semantics followed here: sources are relative to the context root and cannot escape it
// (`../lib` is read as `lib`, moby/buildkit#2131); a directory source copies its contents into the
// destination; a glob that matches a directory copies that directory's contents too; `--parents`
// keeps the source path below the destination; .dockerignore'd paths are never sent.
import type { InstructionNode } from '../instruction';
import { basename, globMatch, hasGlob, isWithin, normalizePath, resolvePath } from '../paths';
import type { Range } from '../types';
import { stageChain, workdirAt } from './env';
import type { CopyNode, Model, Mount, RunNode, Stage } from './types';

export interface ContextSource {
  /** Context-relative path, cleaned ("" for the context root), with BuildKit's clamping of "..". */
  path: string;
  /** The value as written (after build-time substitution). */
  value: string;
  range: Range;
}

export interface Placement {
  node: InstructionNode;
  kind: 'copy' | 'bind';
  copy?: CopyNode;
  run?: RunNode;
  mount?: Mount;
  sources: ContextSource[];
  /** Absolute destination in the image. */
  dest: string;
  /** The destination is a directory (trailing slash, several sources, a glob, or an existing WORKDIR). */
  destIsDir: boolean;
  parents: boolean;
}

export interface ContextView {
  placements: Placement[];
  /**
   * Instructions before the point that may also bring files from elsewhere (COPY --from, remote ADD,
   * ADD of an archive, a git clone): answers that say "not there" are less certain.
   */
  opaque: InstructionNode[];
}

const REMOTE = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/;

/** The context path a COPY/ADD source names, as BuildKit resolves it; undefined for remote sources. */
export function contextPath(value: string): string | undefined {
  if (REMOTE.test(value)) return undefined;
  const n = normalizePath(`/${value}`);
  return n === '/' ? '' : n.slice(1);
}

/** True when the written source starts outside the context (`../x`): BuildKit silently reads it as `x`. */
export function escapesContext(value: string): boolean {
  if (REMOTE.test(value) || value.startsWith('/')) return false;
  const n = normalizePath(value);
  return n === '..' || n.startsWith('../');
}

function copyPlacement(model: Model, c: CopyNode): Placement | undefined {
  if (c.from || c.heredoc || !c.dest) return undefined;
  const sources: ContextSource[] = [];
  for (const s of c.sources) {
    const p = contextPath(s.value);
    if (p === undefined) continue;
    if (c.keyword === 'ADD' && ARCHIVE.test(p)) continue;
    sources.push({ path: p, value: s.value, range: s.word.range });
  }
  if (sources.length === 0) return undefined;
  const wd = workdirAt(model, c.stage, c.node.index);
  const raw = c.dest.value;
  const dest = resolvePath(wd, raw);
  const destIsDir = raw.endsWith('/') || raw === '.' || c.sources.length > 1 || sources.some((s) => hasGlob(s.path)) || isWithin(dest, wd);
  const parents = c.node.flags.some((f) => f.name === 'parents' && f.value !== 'false');
  return { node: c.node, kind: 'copy', copy: c, sources, dest, destIsDir, parents };
}

/** Bind mounts of the build context (no `from=`) of a RUN. */
export function contextBinds(model: Model, run: RunNode): Placement[] {
  const out: Placement[] = [];
  const wd = workdirAt(model, run.stage, run.node.index);
  for (const m of run.mounts) {
    if (m.type !== 'bind' || m.from !== undefined) continue;
    const p = contextPath(m.source ?? '.');
    if (p === undefined) continue;
    const dest = resolvePath(wd, m.target ?? '.');
    const range = m.flag.valueRange ?? m.flag.range;
    out.push({ node: run.node, kind: 'bind', run, mount: m, sources: [{ path: p, value: m.source ?? '.', range }], dest, destIsDir: p === '' || isWithin(dest, wd), parents: false });
  }
  return out;
}

function isOpaque(c: CopyNode): boolean {
  if (c.from) return true;
  return c.sources.some((s) => REMOTE.test(s.value) || (c.keyword === 'ADD' && ARCHIVE.test(s.value)));
}

function clones(run: RunNode): boolean {
  return run.commands.some((c) => {
    const w = c.words.map((x) => x.value);
    return (basename(w[0] ?? '') === 'git' && (w.includes('clone') || w.includes('pull') || w.includes('checkout'))) || /^(wget|curl)$/.test(w[0] ?? '');
  });
}

/**
 * Context placements in the stage chain up to (not including) the instruction at `beforeIndex` in
 * `stage`, in build order, plus the context bind mounts of `run` when given.
 */
/** Per stage, in file order: what each COPY/ADD places from the context, and opaque instructions. */
const stageEntries = new WeakMap<Stage, { index: number; placement?: Placement; opaque: boolean }[]>();

function entriesOf(model: Model, s: Stage): { index: number; placement?: Placement; opaque: boolean }[] {
  const cached = stageEntries.get(s);
  if (cached) return cached;
  const out: { index: number; placement?: Placement; opaque: boolean }[] = [];
  for (const c of s.copies) out.push({ index: c.node.index, placement: copyPlacement(model, c), opaque: isOpaque(c) });
  for (const r of s.runs) if (clones(r)) out.push({ index: r.node.index, opaque: true });
  out.sort((a, b) => a.index - b.index);
  stageEntries.set(s, out);
  return out;
}

export function contextView(model: Model, stage: Stage, beforeIndex: number, run?: RunNode): ContextView {
  const placements: Placement[] = [];
  const opaque: InstructionNode[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const e of entriesOf(model, s)) {
      if (s === stage && e.index >= beforeIndex) break;
      if (e.opaque) opaque.push((model.instructions[e.index] as InstructionNode));
      if (e.placement) placements.push(e.placement);
    }
  }
  if (run) placements.push(...contextBinds(model, run));
  return { placements, opaque };
}

/** Every context placement of the file (COPY/ADD from the context, context bind mounts), in file order. */
export function contextPlacements(model: Model): Placement[] {
  const out: Placement[] = [];
  for (const c of model.copies) {
    const p = copyPlacement(model, c);
    if (p) out.push(p);
  }
  for (const r of model.runs) out.push(...contextBinds(model, r));
  return out.sort((a, b) => a.node.index - b.node.index);
}

/** True when the placement sends the whole context (`COPY . .`, `--mount=type=bind,target=.`). */
export function isWholeContext(p: Placement): boolean {
  return p.sources.some((s) => s.path === '');
}

function join(dir: string, rel: string): string {
  return rel === '' ? normalizePath(dir) : resolvePath(dir, rel);
}

/**
 * Where the context path `ctx` (a file, or a directory when `isDir`) lands with this placement, or
 * undefined when the placement does not bring it. `.dockerignore` is the caller's business.
 */
export function landing(p: Placement, ctx: string, isDir = false): string | undefined {
  const parts = ctx.split('/');
  for (const s of p.sources) {
    if (s.path === '') return join(p.dest, ctx);
    if (hasGlob(s.path)) {
      // The glob may match the path itself or one of its parent directories.
      for (let i = parts.length; i >= 1; i--) {
        const prefix = parts.slice(0, i).join('/');
        if (!globMatch(s.path, prefix)) continue;
        if (p.parents) return join(p.dest, ctx);
        const isFile = i === parts.length && !isDir;
        return isFile ? join(p.dest, basename(ctx)) : join(p.dest, parts.slice(i).join('/'));
      }
      continue;
    }
    if (ctx === s.path) {
      if (p.parents) return join(p.dest, ctx);
      if (isDir) return normalizePath(p.dest);
      return p.destIsDir ? join(p.dest, basename(ctx)) : normalizePath(p.dest);
    }
    if (ctx.startsWith(`${s.path}/`)) {
      if (p.parents) return join(p.dest, ctx);
      return join(p.dest, ctx.slice(s.path.length + 1));
    }
  }
  return undefined;
}

export interface Landed {
  placement: Placement;
  path: string;
}

/** Every placement that brings `ctx` into the image, with where it lands (skipping ignored paths). */
export function landings(view: ContextView, ctx: string, opts: { isDir?: boolean; ignored?: (path: string) => boolean } = {}): Landed[] {
  if (opts.ignored?.(ctx)) return [];
  const out: Landed[] = [];
  for (const p of view.placements) {
    const path = landing(p, ctx, opts.isDir);
    if (path !== undefined) out.push({ placement: p, path });
  }
  return out;
}

/** The last placement that puts `ctx` exactly at `imagePath`. */
export function placedAt(view: ContextView, ctx: string, imagePath: string, opts: { isDir?: boolean; ignored?: (path: string) => boolean } = {}): Landed | undefined {
  const target = normalizePath(imagePath);
  const all = landings(view, ctx, opts).filter((l) => l.path === target);
  return all[all.length - 1];
}
