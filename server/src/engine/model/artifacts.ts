// Where binaries go (CATALOGUE §0.5 output inference) and how files flow between stages through
// COPY --from, down to the executable an output stage's ENTRYPOINT/CMD runs.
import { basename, dirname, globMatch, hasGlob, isWithin, normalizePath, resolvePath } from '../paths';
import type { ShellWord } from '../shell';
import type { Range } from '../types';
import { hasVariable } from '../vars';
import { expandIn, stageChain, stageEnv, workdirAt } from './env';
import { goFlag, isBuild } from './gocmd';
import { goEnv, resolveShellValue } from './goenv';
import type { CopyNode, GoCommand, Model, Stage } from './types';

export interface GoOutput {
  cmd: GoCommand;
  /** Absolute path of the file (or directory when `dir`), undefined when it cannot be inferred. */
  path?: string;
  dir: boolean;
  /** Executable names when known (one per main package). */
  binaries?: string[];
  /** False when the path depends on values only known at build time or on unseen workspace facts. */
  certain: boolean;
  /** `go build` of several packages without -o: nothing is written. */
  discarded: boolean;
}

/** The executable name `go build` gives a package: the last element of the import path that is not a major version. */
export function binaryName(pkg: string, model: Model): string | undefined {
  let p = pkg.replace(/@.*$/, '').replace(/\/+$/, '');
  if (p.includes('...')) return undefined;
  if (p.endsWith('.go')) return basename(p).replace(/\.go$/, '');
  if (p === '.' || p === './' || p === '') {
    const root = model.facts?.mainPackages.find((m) => m.dir === '');
    if (root) return root.binary;
    p = model.facts?.module?.path ?? '';
    if (p === '') return undefined;
  }
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  while (parts.length > 1 && /^v[2-9]\d*$|^v[1-9]\d+$/.test(parts[parts.length - 1] as string)) parts.pop();
  return parts[parts.length - 1];
}

const memo = new WeakMap<GoCommand, GoOutput>();

export function goOutput(model: Model, cmd: GoCommand): GoOutput {
  const cached = memo.get(cmd);
  if (cached) return cached;
  const out = computeOutput(model, cmd);
  memo.set(cmd, out);
  return out;
}

function computeOutput(model: Model, cmd: GoCommand): GoOutput {
  const stage = cmd.run.stage;
  let wd = workdirAt(model, stage, cmd.run.node.index);
  if (cmd.chdir) wd = resolvePath(wd, cmd.chdir);
  const pkgs = cmd.packages.map((p) => p.value);
  // Flags hidden in a variable may include -o: nothing about the output is certain then.
  if (cmd.opaqueFlags.length > 0 && !goFlag(cmd, 'o')) return { cmd, dir: false, certain: false, discarded: false };
  if (pkgs.length === 0) pkgs.push('.');
  const multi = pkgs.length > 1 || pkgs.some((p) => p.includes('...'));
  const names = multi ? undefined : pkgs.map((p) => binaryName(p, model)).filter((n): n is string => n !== undefined);
  const known = names && names.length > 0 ? names : undefined;
  if (cmd.sub === 'install') {
    const gobin = goEnv(model, cmd, 'GOBIN')?.value;
    const gopath = goEnv(model, cmd, 'GOPATH')?.value ?? '/root/go';
    const dir = gobin && gobin !== '' ? gobin : `${gopath.split(':')[0]}/bin`;
    const name = known?.[0];
    return { cmd, path: name ? normalizePath(`${dir}/${name}`) : normalizePath(dir), dir: !name, binaries: known, certain: !!name, discarded: false };
  }
  const o = goFlag(cmd, 'o');
  if (o?.value !== undefined) {
    const r = resolveShellValue(model, cmd, o.value);
    const value = r.value ?? o.value;
    const isDir = value.endsWith('/') || multi;
    const path = resolvePath(wd, value);
    // `-o dir/` with one package writes dir/<name>.
    if (isDir && !multi && known?.length === 1) {
      return { cmd, path: normalizePath(`${path}/${known[0]}`), dir: false, binaries: known, certain: r.value !== undefined && !hasVariable(value), discarded: false };
    }
    return {
      cmd,
      path,
      dir: isDir,
      binaries: isDir ? known : [basename(path)],
      certain: r.value !== undefined && !hasVariable(value),
      discarded: false,
    };
  }
  if (multi) return { cmd, dir: false, certain: true, discarded: true };
  const name = known?.[0];
  return { cmd, path: name ? resolvePath(wd, name) : undefined, dir: false, binaries: known, certain: !!name, discarded: false };
}

/** Every go build/install in the stage and its FROM chain, with its output. */
export function stageGoOutputs(model: Model, stage: Stage): GoOutput[] {
  const out: GoOutput[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const run of s.runs) for (const g of run.goCommands) if (isBuild(g)) out.push(goOutput(model, g));
  }
  return out;
}

/** Does the path `p` (inside the stage that built `o`) refer to the output or to its directory? */
export function outputMatches(o: GoOutput, p: string): boolean {
  if (!o.path) return false;
  if (hasGlob(p)) return globMatch(p, o.path) || (o.dir && globMatch(p, `${o.path}/x`));
  if (o.dir) return isWithin(o.path, p) || isWithin(p, o.path);
  return isWithin(p, o.path);
}

export interface CopyFlow {
  copy: CopyNode;
  source: { word: ShellWordLike; value: string };
  output: GoOutput;
  /** Where the binary lands in the destination stage (absolute), when it can be worked out. */
  destPath?: string;
}

type ShellWordLike = { range: Range; value: string };

const flowsMemo = new WeakMap<CopyNode, CopyFlow[]>();

/** For COPY --from=<stage>: which go outputs of that stage each source brings in (memoized per COPY). */
export function copyFlows(model: Model, copy: CopyNode): CopyFlow[] {
  let flows = flowsMemo.get(copy);
  if (!flows) {
    flows = computeFlows(model, copy);
    flowsMemo.set(copy, flows);
  }
  return flows;
}

function computeFlows(model: Model, copy: CopyNode): CopyFlow[] {
  const src = copy.from?.stage;
  if (!src || !copy.dest) return [];
  const outputs = stageGoOutputs(model, src);
  const flows: CopyFlow[] = [];
  const destWd = workdirAt(model, copy.stage, copy.node.index);
  const destRaw = copy.dest.value;
  const destIsDir = destRaw.endsWith('/') || copy.sources.length > 1;
  const dest = resolvePath(destWd, destRaw);
  for (const s of copy.sources) {
    const srcPath = resolvePath('/', s.value);
    for (const o of outputs) {
      if (!outputMatches(o, srcPath)) continue;
      let destPath: string | undefined;
      if (o.path && o.dir && srcPath !== o.path && isWithin(o.path, srcPath) && !hasGlob(srcPath)) {
        destPath = destIsDir ? `${dest}/${basename(srcPath)}` : dest;
      } else if (o.path && !o.dir) {
        if (hasGlob(srcPath) || destIsDir) destPath = `${dest}/${basename(o.path)}`;
        else if (isWithin(srcPath, o.path) && srcPath !== o.path) destPath = `${dest}/${o.path.slice(srcPath.length + 1)}`;
        else destPath = dest;
      }
      flows.push({ copy, source: { word: s.word, value: s.value }, output: o, destPath: destPath && normalizePath(destPath) });
    }
  }
  return flows;
}

export interface EntryCommand {
  node: import('../instruction').InstructionNode;
  keyword: 'ENTRYPOINT' | 'CMD';
  form: 'exec' | 'shell';
  argv: string[];
  /** Range of the executable (first element/word). */
  exeRange: Range;
  stage: Stage;
}

const entryMemo = new WeakMap<Stage, EntryCommand | null>();

/** The command the container runs: ENTRYPOINT if set, else CMD (searching the FROM chain; memoized per stage). */
export function entryCommand(stage: Stage): EntryCommand | undefined {
  let e = entryMemo.get(stage);
  if (e === undefined) {
    e = findEntryCommand(stage) ?? null;
    entryMemo.set(stage, e);
  }
  return e ?? undefined;
}

function findEntryCommand(stage: Stage): EntryCommand | undefined {
  for (const keyword of ['ENTRYPOINT', 'CMD'] as const) {
    for (const s of stageChain(stage)) {
      const nodes = s.instructions.filter((n) => n.keyword === keyword);
      const node = nodes[nodes.length - 1];
      if (!node) continue;
      if (node.form.kind === 'exec') {
        const first = node.form.elements[0];
        if (!first) break;
        return { node, keyword, form: 'exec', argv: node.form.elements.map((e) => e.value), exeRange: first.range, stage: s };
      }
      const first = node.words[0];
      if (!first) break;
      return { node, keyword, form: 'shell', argv: node.words.map((w) => w.value), exeRange: first.range, stage: s };
    }
  }
  return undefined;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Absolute paths an executable name may resolve to in a stage (PATH lookup for bare names). */
export function executableCandidates(model: Model, stage: Stage, exe: string): string[] {
  const expanded = expandIn(model, stage, Number.POSITIVE_INFINITY, exe);
  if (expanded.startsWith('/')) return [normalizePath(expanded)];
  if (expanded.includes('/')) return [resolvePath(workdirAt(model, stage, Number.POSITIVE_INFINITY), expanded)];
  const path = stageEnv(model, stage, Number.POSITIVE_INFINITY, 'PATH')?.value ?? DEFAULT_PATH;
  return path.split(':').filter((d) => d.startsWith('/')).map((d) => normalizePath(`${d}/${expanded}`));
}

/** The go output an output stage's entry command runs, when it was built in the stage's own FROM chain. */
export function entryBuiltInChain(model: Model, stage: Stage): { entry: EntryCommand; output: GoOutput; path: string } | undefined {
  const entry = entryCommand(stage);
  if (!entry) return undefined;
  let exe = entry.argv[0] ?? '';
  if (entry.form === 'shell' && /^(sh|bash|\/bin\/sh|\/bin\/bash)$/.test(exe) && entry.argv[1] === '-c') {
    exe = (entry.argv[2] ?? '').split(/\s+/)[0] ?? '';
  }
  const candidates = executableCandidates(model, stage, exe);
  for (const o of stageGoOutputs(model, stage)) {
    if (!o.cmd.packages.every((p) => !p.value.includes('@')) && o.cmd.packages.length > 0) continue;
    const hit = o.path ? candidates.find((c) => (o.dir ? dirname(c) === o.path : c === o.path)) : undefined;
    if (hit) return { entry, output: o, path: hit };
    if (!o.path && !o.discarded && !o.certain) {
      const wd = workdirAt(model, o.cmd.run.stage, o.cmd.run.node.index);
      const inWd = candidates.find((c) => dirname(c) === wd);
      if (inWd) return { entry, output: o, path: inWd };
    }
  }
  return undefined;
}

export type { ShellWord };
