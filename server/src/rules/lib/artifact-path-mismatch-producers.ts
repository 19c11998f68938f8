// What else than a go build could have put a file at a path of a stage (GD012(a)): COPY/ADD
// destinations, and RUN commands. Commands go-dockerfile cannot see into (make, scripts, sh -c,
// redirections) make the stage "opaque": GD012 then says nothing about it.
import { stageChain, workdirAt } from '../../engine/model/env';
import { isBuild } from '../../engine/model/gocmd';
import type { CopyNode, Model, RunNode, Stage } from '../../engine/model/types';
import { basename, hasGlob, isWithin, resolvePath } from '../../engine/paths';
import type { SimpleCommand } from '../../engine/shell';

/** Commands that write nothing but what their arguments name (or nothing at all). */
const KNOWN = new Set([
  // package managers and system setup
  'apk', 'apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'xx-apk', 'xx-apt-get', 'xx-apt', 'xx-verify', 'xx-info',
  'adduser', 'addgroup', 'useradd', 'groupadd', 'update-ca-certificates',
  // shell builtins and inspection
  'set', 'export', 'cd', 'true', 'false', 'ls', 'echo', 'printf', 'test', '[', 'file', 'which', 'command', 'sleep',
  'id', 'whoami', 'ldd', 'pwd', 'go', 'xx-go', 'uname', 'du', 'df',
  // file operations: they produce the paths they mention
  'mkdir', 'cp', 'mv', 'ln', 'install', 'touch', 'chmod', 'chown', 'chgrp', 'rm', 'strip', 'upx', 'tar', 'unzip', 'gzip',
  'curl', 'wget', 'cat', 'tee', 'sed', 'rsync', 'objcopy',
]);

/** go subcommands that write nothing GD012 cares about. */
const QUIET_GO = new Set(['mod download', 'mod verify', 'env', 'version', 'vet', 'list', 'mod graph', 'mod why']);

function commandName(c: SimpleCommand): string {
  const w = c.words[0]?.value ?? '';
  return w.slice(w.lastIndexOf('/') + 1);
}

/** The command writes a file through a redirection (`> file`, `>> file`). */
function redirects(c: SimpleCommand): boolean {
  return c.redirects.some((r) => /^(>|>>|>\||&>|&>>|<>)$/.test(r.op));
}

/** Why a RUN makes its stage's files unpredictable, or undefined. */
export function opaqueRun(run: RunNode): string | undefined {
  const topLevel = new Set(run.scripts.flatMap((s) => s.commands));
  const goCommands = new Set(run.goCommands.map((g) => g.command));
  for (const c of run.commands) {
    const name = commandName(c);
    if (name === '' || goCommands.has(c)) continue;
    if (!KNOWN.has(name)) return `\`${name}\``;
    if (redirects(c)) return 'a redirection';
    if (!topLevel.has(c) && name !== 'go') return '`sh -c`';
  }
  for (const g of run.goCommands) {
    if (isBuild(g) || QUIET_GO.has(g.sub)) continue;
    if (g.sub === 'test' && !g.flags.some((f) => f.name === 'c' || f.name === 'o')) continue;
    return `\`go ${g.sub}\``;
  }
  return undefined;
}

function fileLike(source: string): boolean {
  const name = basename(source);
  return !source.endsWith('/') && !hasGlob(source) && name !== '.' && name !== '' && (name.includes('.') || /^(Makefile|Dockerfile|LICENSE)$/.test(name));
}

/** A directory above `rel` was recorded but not entered (vendor/, testdata/, .x, the depth limit). */
function unscannedAncestor(entries: string[], rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = `${parts.slice(0, i).join('/')}/`;
    if (entries.includes(dir) && !entries.some((e) => e !== dir && e.startsWith(dir))) return true;
  }
  return false;
}

/** The COPY/ADD may have put something at `path` (its own destination, or a tree it copied). */
export function copyProduces(model: Model, c: CopyNode, path: string): boolean {
  if (!c.dest) return false;
  const st = model.stages[c.node.stage] as Stage;
  const dest = resolvePath(workdirAt(model, st, c.node.index), c.dest.value);
  if (!isWithin(dest, path) && !isWithin(path, dest)) return false;
  const destIsDir = c.dest.value.endsWith('/') || c.sources.length > 1;
  const entries = model.facts && !model.facts.limits.capped ? model.facts.entries : undefined;
  for (const s of c.sources) {
    if (fileLike(s.value)) {
      const produced = destIsDir ? resolvePath(dest, basename(s.value)) : dest;
      if (isWithin(produced, path) || isWithin(path, produced)) return true;
      continue;
    }
    // A directory of the build context: the workspace scan says what is in it.
    if (!c.from && !c.heredoc && entries && !hasGlob(s.value) && isWithin(dest, path) && path !== dest) {
      const dir = s.value.replace(/^\.\/?/, '').replace(/\/+$/, '');
      const rel = path.slice(dest === '/' ? 1 : dest.length + 1);
      const inContext = dir === '' ? rel : `${dir}/${rel}`;
      if (entries.includes(inContext) || entries.includes(`${inContext}/`) || entries.some((e) => e.startsWith(`${inContext}/`))) return true;
      if (unscannedAncestor(entries, inContext)) return true;
      continue;
    }
    return true;
  }
  return false;
}

/** A command of the RUN names the path or its file name (`cp`, `mv`, `mkdir`, `curl -o`, …). */
function runMentions(run: RunNode, path: string): boolean {
  const name = basename(path);
  const goCommands = new Set(run.goCommands.map((g) => g.command));
  for (const c of run.commands) {
    if (goCommands.has(c)) continue;
    if (c.words.slice(1).some((w) => w.value.includes(path) || (name.length > 1 && basename(w.value.replace(/\/+$/, '')) === name))) return true;
  }
  return false;
}

export interface Producers {
  /** Why the stage chain is opaque, when it is. */
  opaque?: string;
  /** Something other than a go build may have produced the path. */
  other: boolean;
}

export function otherProducers(model: Model, stage: Stage, path: string): Producers {
  for (const s of stageChain(stage)) {
    for (const run of s.runs) {
      const why = opaqueRun(run);
      if (why) return { opaque: why, other: true };
      if (runMentions(run, path)) return { other: true };
    }
    if (s.copies.some((c) => copyProduces(model, c, path))) return { other: true };
  }
  return { other: false };
}
