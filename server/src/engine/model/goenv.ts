// The environment a go command runs with (CATALOGUE §0.3), and what follows from it for cgo and
// cross-compilation (CATALOGUE GD003 detection step 1).
import { expand } from '../vars';
import { PLATFORM_ARGS, stageEnv, stageLookup, type EnvValue } from './env';
import { goFlag, goFlags, splitFlagValue } from './gocmd';
import { installedPackages } from './packages';
import type { SimpleCommand } from '../shell';
import type { GoCommand, Model, Stage } from './types';

/** `export NAME=value` (or `export NAME`) earlier in the same RUN and visible from the command's subshell. */
function exported(cmd: GoCommand, name: string): EnvValue | undefined {
  let found: EnvValue | undefined;
  const path = cmd.command.subshells;
  for (let i = 0; i < cmd.commandIndex; i++) {
    const c = cmd.run.commands[i];
    if (!c) continue;
    const visible = c.subshells.length <= path.length && c.subshells.every((id, k) => path[k] === id);
    if (!visible) continue;
    const w0 = c.words[0]?.value;
    if (w0 === 'export' || (w0 === 'declare' && c.words[1]?.value === '-x')) {
      for (const w of c.words.slice(1)) {
        const eq = w.value.indexOf('=');
        if (eq > 0 && w.value.slice(0, eq) === name) found = { value: w.value.slice(eq + 1), raw: w.value.slice(eq + 1), source: 'export', range: w.range, node: cmd.run.node };
      }
    } else if (c.words.length === 0) {
      // `NAME=value` on its own changes an already exported variable.
      for (const a of c.assigns) {
        if (a.name === name) found = { value: a.value, raw: a.value, source: 'export', range: a.word.range, node: cmd.run.node };
      }
    }
  }
  return found;
}

/** Resolves $VAR references in a shell-level value with the environment of the command. */
export function resolveShellValue(model: Model, cmd: GoCommand, raw: string): { value: string | undefined; vars: string[] } {
  const stage = cmd.run.stage;
  const lookup = stageLookup(model, stage, cmd.run.node.index);
  const e = expand(raw, (n) => {
    const x = exported(cmd, n);
    if (x) return { value: x.value };
    const v = lookup(n);
    if (v) return v;
    const s = stageEnv(model, stage, cmd.run.node.index, n);
    return s ? { value: s.value } : undefined;
  });
  return { value: e.unknown.length > 0 ? undefined : e.text, vars: e.used };
}

/** The effective value of an environment variable for a go command. */
export function goEnv(model: Model, cmd: GoCommand, name: string): EnvValue | undefined {
  const inline = cmd.inline.get(name);
  if (inline) {
    const r = resolveShellValue(model, cmd, inline.value);
    return { value: r.value, raw: inline.value, source: 'inline', range: inline.word.range, node: cmd.run.node };
  }
  const exp = exported(cmd, name);
  if (exp) {
    const r = resolveShellValue(model, cmd, exp.value ?? '');
    return { ...exp, value: r.value };
  }
  return stageEnv(model, cmd.run.stage, cmd.run.node.index, name);
}

/** True when the raw setting of a variable references $TARGETARCH/$TARGETOS/… */
export function referencesPlatformArg(model: Model, cmd: GoCommand, name: string): string | undefined {
  const raw = goEnv(model, cmd, name)?.raw ?? '';
  for (const m of raw.matchAll(/\$\{?([A-Z_]+)/g)) if (PLATFORM_ARGS.has(m[1] as string)) return m[1];
  return undefined;
}

export function buildsOnBuildPlatform(stage: Stage): boolean {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    if (s.platform) return /\$\{?BUILDPLATFORM\}?/.test(s.platform.raw);
  }
  return false;
}

/**
 * Whether the command compiles for another architecture than the machine it runs on:
 * 'no' for native builds, 'maybe' when it depends on the target platform (cgo is then on for the
 * native target and off for the others: the "mixed" case).
 */
export function crossCompiles(model: Model, cmd: GoCommand): 'no' | 'maybe' {
  if (cmd.xx) return 'maybe';
  const onBuild = buildsOnBuildPlatform(cmd.run.stage);
  for (const name of ['GOARCH', 'GOOS']) {
    const v = goEnv(model, cmd, name);
    if (!v) continue;
    const refs = referencesPlatformArg(model, cmd, name);
    if (refs && !onBuild) continue; // the stage already runs on the target platform
    if (v.value === '' && !refs) continue;
    return 'maybe';
  }
  return 'no';
}

const CC_PACKAGE = /^(gcc|clang|build-base|build-essential|g\+\+|musl-gcc|gcc-[\w.-]+)$/;

function installsCompiler(c: SimpleCommand): boolean {
  return installedPackages(c)?.some((p) => CC_PACKAGE.test(p)) ?? false;
}

/**
 * A C compiler is available: the image has one, an earlier RUN installed one, or (given `cmd`) an
 * earlier command of the same RUN did (`RUN apk add build-base && go build …`).
 */
export function hasCCompiler(stage: Stage, beforeIndex: number, cmd?: GoCommand): boolean | undefined {
  if (cmd && cmd.run.commands.slice(0, cmd.commandIndex).some(installsCompiler)) return true;
  for (let s: Stage | undefined = stage, limit = beforeIndex; s; limit = Number.POSITIVE_INFINITY, s = s.parent) {
    for (const run of s.runs) {
      if (run.node.index < limit && run.commands.some(installsCompiler)) return true;
    }
  }
  return stage.info.known ? stage.info.cc === true : undefined;
}

export interface CgoState {
  mode: 'on' | 'off' | 'mixed' | 'unknown';
  /** The CGO_ENABLED setting in effect, if any. */
  setting?: EnvValue;
  cross: 'no' | 'maybe';
  cc: boolean | undefined;
}

const cgoMemo = new WeakMap<GoCommand, CgoState>();

/** The cgo state of a go command (memoized per command: most Go rules ask). */
export function cgoState(model: Model, cmd: GoCommand): CgoState {
  let state = cgoMemo.get(cmd);
  if (!state) {
    state = computeCgoState(model, cmd);
    cgoMemo.set(cmd, state);
  }
  return state;
}

function computeCgoState(model: Model, cmd: GoCommand): CgoState {
  const setting = goEnv(model, cmd, 'CGO_ENABLED');
  const cross = crossCompiles(model, cmd);
  const cc = hasCCompiler(cmd.run.stage, cmd.run.node.index, cmd);
  if (setting?.value === '0') return { mode: 'off', setting, cross, cc };
  if (setting?.value === '1') return { mode: 'on', setting, cross, cc };
  if (cc === undefined) return { mode: 'unknown', setting, cross, cc };
  if (!cc) return { mode: 'off', setting, cross, cc };
  return { mode: cross === 'no' ? 'on' : 'mixed', setting, cross, cc };
}

/** The binary is linked statically even with cgo on: netgo+osusergo without import "C", or -extldflags -static. */
export function forcesStaticLink(model: Model, cmd: GoCommand): boolean {
  const ld = [goFlag(cmd, 'ldflags')?.value ?? '', goEnv(model, cmd, 'GOFLAGS')?.value ?? ''].join(' ');
  const toks = splitFlagValue(ld);
  if (toks.some((t, i) => t === '-extldflags' && /-static/.test(toks[i + 1] ?? '')) || /-extldflags[= ]+['"]?-static/.test(ld)) return true;
  const tags = goFlags(cmd, 'tags').flatMap((f) => (f.value ?? '').split(/[,\s]+/));
  const goflags = goEnv(model, cmd, 'GOFLAGS')?.value ?? '';
  for (const m of goflags.matchAll(/-tags=(\S+)/g)) tags.push(...(m[1] as string).split(','));
  return tags.includes('netgo') && tags.includes('osusergo') && !(model.facts?.cgo.required ?? false);
}
