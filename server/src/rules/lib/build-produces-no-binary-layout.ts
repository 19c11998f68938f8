// Where the build context sits in a build stage (COPY . <dir>, or a bind mount of the context), and
// what workspace facts say about the packages a go build names. Used by GD026.
import { stageChain, workdirAt } from '../../engine/model/env';
import { resolveShellValue } from '../../engine/model/goenv';
import type { GoCommand, Model } from '../../engine/model/types';
import { dirname, isWithin, normalizePath, resolvePath } from '../../engine/paths';

/** Relative path ("" for the root) of `dir` inside the build context, when a COPY or bind mount maps it. */
export function contextDirOf(model: Model, cmd: GoCommand, dir: string): string | undefined {
  const run = cmd.run;
  for (const m of run.mounts) {
    if (m.type !== 'bind' || m.from || !m.target) continue;
    const t = resolvePath(workdirAt(model, run.stage, run.node.index), m.target);
    if (isWithin(t, dir)) return rel(normalizePath(`${m.source ?? '.'}/${dir.slice(t.length)}`));
  }
  let found: string | undefined;
  for (const s of stageChain(run.stage).reverse()) {
    for (const c of s.copies) {
      if (s === run.stage && c.node.index >= run.node.index) continue;
      if (c.from || !c.dest || c.heredoc) continue;
      const whole = c.sources.find((x) => x.value === '.' || x.value === './');
      if (!whole) continue;
      const d = resolvePath(workdirAt(model, s, c.node.index), c.dest.value);
      if (isWithin(d, dir)) found = rel(dir.slice(d.length));
    }
  }
  return found;
}

function rel(p: string): string {
  return normalizePath(p).replace(/^\/+/, '').replace(/^\.$/, '');
}

/** The build's working directory (WORKDIR, then `go -C`). */
export function buildDir(model: Model, cmd: GoCommand): string {
  const wd = workdirAt(model, cmd.run.stage, cmd.run.node.index);
  return cmd.chdir ? resolvePath(wd, cmd.chdir) : wd;
}

/** Directories (context-relative) holding non-test Go files under `root`, as the workspace scan saw them. */
export function packageDirs(model: Model, root: string): string[] {
  const facts = model.facts;
  if (!facts) return [];
  const dirs = new Set<string>();
  for (const e of facts.entries) {
    if (!e.endsWith('.go') || e.endsWith('_test.go')) continue;
    const d = dirname(e) === '.' ? '' : dirname(e);
    if (root !== '' && !isWithin(root, d)) continue;
    if (d.split('/').some((p) => p === 'testdata' || p === 'vendor' || p.startsWith('_') || p.startsWith('.'))) continue;
    if (facts.nestedModules.some((n) => n.dir !== '' && isWithin(n.dir, d) && !(root !== '' && isWithin(n.dir, root)))) continue;
    dirs.add(d);
  }
  return [...dirs];
}

/** Directories that exist in a Go builder without being created (and those a WORKDIR or mkdir created). */
export function existingDir(model: Model, cmd: GoCommand, path: string): boolean {
  const fixed = ['/', '/go', '/go/bin', '/usr/local/bin', '/usr/bin', '/bin', '/usr/local/go/bin', '/tmp', '/root', '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local', '/usr', '/var', '/opt', '/home', '/etc'];
  if (fixed.includes(path)) return true;
  const run = cmd.run;
  for (const s of stageChain(run.stage)) {
    for (const n of s.instructions) {
      if (s === run.stage && n.index >= run.node.index) continue;
      if (n.keyword === 'WORKDIR' && workdirAt(model, s, n.index + 1) === path) return true;
      if ((n.keyword === 'COPY' || n.keyword === 'ADD') && s.copies.some((c) => c.node === n && c.dest && resolvePath(workdirAt(model, s, n.index), c.dest.value) === path)) return true;
    }
    for (const r of s.runs) {
      if (s === run.stage && r.node.index > run.node.index) continue;
      for (const [k, c] of r.commands.entries()) {
        if (r === run && k >= cmd.commandIndex) break;
        if (c.words[0]?.value !== 'mkdir') continue;
        const wd = workdirAt(model, s, r.node.index);
        for (const w of c.words.slice(1)) {
          if (w.value.startsWith('-')) continue;
          const v = w.value.includes('$') ? resolveShellValue(model, cmd, w.value).value : w.value;
          if (v && isWithin(path, resolvePath(wd, v))) return true;
        }
      }
    }
  }
  return false;
}
