// Scope queries over the model (CATALOGUE §0.3): which ENV, ARG, WORKDIR and USER an instruction
// sees. ENV is inherited through FROM <stage>; ARG is not, and a global ARG is visible inside a
// stage only when redeclared there; an ENV of the same name overrides an ARG.
import type { InstructionNode } from '../instruction';
import { resolvePath } from '../paths';
import type { Range } from '../types';
import { expand, type VarLookup } from '../vars';
import type { ArgDecl, EnvDecl, Model, Stage } from './types';

/** Build arguments BuildKit defines automatically (values known only at build time). */
export const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

export type EnvSource = 'inline' | 'export' | 'env' | 'arg' | 'go-env' | 'image';

export interface EnvValue {
  /** The value, or undefined when it is only known at build time (ARG without default, platform ARG). */
  value: string | undefined;
  /** The value as written, before expansion (`$TARGETARCH`, `${GOARCH:-amd64}`). */
  raw?: string;
  source: EnvSource;
  range?: Range;
  node?: InstructionNode;
  /** For source=arg: the declaration inside the stage, and the global ARG that gave its default. */
  arg?: ArgDecl;
  globalArg?: ArgDecl;
}

/** The last global ARG of that name before the first FROM. */
export function globalArg(model: Model, name: string): ArgDecl | undefined {
  let found: ArgDecl | undefined;
  for (const a of model.globalArgs) if (a.name === name) found = a;
  return found;
}

/** Declarations by name, per stage; extended as the model builder appends (lookups run during the build too). */
interface NameIndex<T> {
  count: number;
  byName: Map<string, T[]>;
}

const envIndex = new WeakMap<Stage, NameIndex<EnvDecl>>();
const argIndex = new WeakMap<Stage, NameIndex<ArgDecl>>();

function named<T extends { name: string }>(memo: WeakMap<Stage, NameIndex<T>>, stage: Stage, all: T[], name: string): T[] | undefined {
  let idx = memo.get(stage);
  if (!idx) {
    idx = { count: 0, byName: new Map() };
    memo.set(stage, idx);
  }
  for (; idx.count < all.length; idx.count++) {
    const d = all[idx.count] as T;
    const list = idx.byName.get(d.name);
    if (list) list.push(d);
    else idx.byName.set(d.name, [d]);
  }
  return idx.byName.get(name);
}

/** The last declaration of `name` before `beforeIndex` (declarations are in document order). */
function lastBefore<T extends { node: InstructionNode }>(decls: T[] | undefined, beforeIndex: number): T | undefined {
  if (!decls) return undefined;
  for (let i = decls.length - 1; i >= 0; i--) if ((decls[i] as T).node.index < beforeIndex) return decls[i];
  return undefined;
}

function lastEnv(stage: Stage, name: string, beforeIndex: number): EnvDecl | undefined {
  for (let s: Stage | undefined = stage, limit = beforeIndex; s; limit = Number.POSITIVE_INFINITY, s = s.parent) {
    const found = lastBefore(named(envIndex, s, s.envs, name), limit);
    if (found) return found;
  }
  return undefined;
}

function stageArg(stage: Stage, name: string, beforeIndex: number): ArgDecl | undefined {
  return lastBefore(named(argIndex, stage, stage.args, name), beforeIndex);
}

/**
 * The value of an environment variable for a RUN (or any instruction) at `beforeIndex` in `stage`,
 * from ENV, in-stage ARG, `go env -w` in earlier RUNs, then the base image's config.
 */
export function stageEnv(model: Model, stage: Stage, beforeIndex: number, name: string): EnvValue | undefined {
  const env = lastEnv(stage, name, beforeIndex);
  if (env) return { value: env.value, raw: env.raw, source: 'env', range: env.valueRange, node: env.node };
  const arg = stageArg(stage, name, beforeIndex);
  if (arg) {
    const g = arg.value === undefined ? globalArg(model, name) : undefined;
    const value = arg.value ?? (PLATFORM_ARGS.has(name) ? undefined : g?.value);
    return { value, raw: arg.raw ?? g?.raw, source: 'arg', range: arg.valueRange ?? arg.nameRange, node: arg.node, arg, globalArg: g };
  }
  const goEnv = goEnvWrite(stage, beforeIndex, name);
  if (goEnv) return goEnv;
  const img = rootInfoEnv(stage, name);
  if (img !== undefined) return { value: img, raw: img, source: 'image' };
  return undefined;
}

function rootInfoEnv(stage: Stage, name: string): string | undefined {
  return stage.info.env?.[name];
}

function goEnvWrite(stage: Stage, beforeIndex: number, name: string): EnvValue | undefined {
  for (let s: Stage | undefined = stage, limit = beforeIndex; s; limit = Number.POSITIVE_INFINITY, s = s.parent) {
    let found: EnvValue | undefined;
    for (const run of s.runs) {
      if (run.node.index >= limit) continue;
      for (const g of run.goCommands) {
        if (g.sub !== 'env' || !g.flags.some((f) => f.name === 'w')) continue;
        for (const w of g.packages) {
          const eq = w.value.indexOf('=');
          if (eq > 0 && w.value.slice(0, eq) === name) {
            found = { value: w.value.slice(eq + 1), raw: w.value.slice(eq + 1), source: 'go-env', range: w.range, node: run.node };
          }
        }
      }
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * Variables visible to build-time substitution in an instruction: the ENV chain, in-stage ARGs, and
 * the base image's config ENV (`WORKDIR $GOPATH/src` in a golang image).
 */
export function stageLookup(model: Model, stage: Stage, beforeIndex: number): VarLookup {
  return (name) => {
    const env = lastEnv(stage, name, beforeIndex);
    if (env) return { value: env.value };
    const arg = stageArg(stage, name, beforeIndex);
    if (arg) {
      if (arg.value !== undefined) return { value: arg.value };
      if (PLATFORM_ARGS.has(name)) return { value: undefined };
      return { value: globalArg(model, name)?.value };
    }
    const img = rootInfoEnv(stage, name);
    return img !== undefined ? { value: img } : undefined;
  };
}

/** Substitutes variables in instruction text as BuildKit does for COPY, WORKDIR, USER, … */
export function expandIn(model: Model, stage: Stage, beforeIndex: number, text: string): string {
  return expand(text, stageLookup(model, stage, beforeIndex), model.escape).text;
}

/** WORKDIR changes of a stage's FROM chain in build order, computed once per stage. */
const workdirTimeline = new WeakMap<Stage, { index: number; dir: string }[]>();

function timeline(model: Model, stage: Stage): { index: number; dir: string }[] {
  const cached = workdirTimeline.get(stage);
  if (cached) return cached;
  const parent = stage.parent ? timeline(model, stage.parent) : [];
  let dir = parent.length > 0 ? (parent[parent.length - 1] as { dir: string }).dir : undefined;
  // Parent changes count as before every instruction of this stage.
  const out = parent.length > 0 ? [{ index: Number.NEGATIVE_INFINITY, dir: dir as string }] : [];
  for (const node of stage.instructions) {
    if (node.keyword !== 'WORKDIR') continue;
    const value = expandIn(model, stage, node.index, node.args.text.trim());
    dir = resolvePath(dir ?? stage.info.workdir ?? '/', value);
    out.push({ index: node.index, dir });
  }
  workdirTimeline.set(stage, out);
  return out;
}

/** The working directory an instruction runs in. */
export function workdirAt(model: Model, stage: Stage, beforeIndex: number): string {
  let found: string | undefined;
  for (const t of timeline(model, stage)) {
    if (t.index >= beforeIndex) break;
    found = t.dir;
  }
  return found ?? stage.info.workdir ?? '/';
}

/** True when the stage (or its FROM chain) sets WORKDIR before `beforeIndex`. */
export function hasWorkdir(stage: Stage, beforeIndex = Number.POSITIVE_INFINITY): boolean {
  for (let s: Stage | undefined = stage, limit = beforeIndex; s; limit = Number.POSITIVE_INFINITY, s = s.parent) {
    if (s.instructions.some((n) => n.keyword === 'WORKDIR' && n.index < limit)) return true;
  }
  return false;
}

/** The last USER instruction in the stage or its FROM chain. */
export function lastUser(stage: Stage): { node: InstructionNode; value: string; stage: Stage } | undefined {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const users = s.instructions.filter((n) => n.keyword === 'USER');
    const u = users[users.length - 1];
    if (u) return { node: u, value: u.args.text.trim(), stage: s };
  }
  return undefined;
}

/** Instructions of a keyword in the stage and its FROM chain, in build order (ancestors first). */
export function chainInstructions(stage: Stage, keyword: string): InstructionNode[] {
  const out: InstructionNode[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    out.unshift(...s.instructions.filter((n) => n.keyword === keyword));
  }
  return out;
}

/** Stages of the FROM chain, the stage itself first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) out.push(s);
  return out;
}
