// GD025 (d): `-ldflags "-X main.version=$VERSION"` where VERSION is not set for the shell that expands
// the go command's arguments (no ARG in the stage, or only an inline assignment on the command).
import { globalArg } from '../../engine/model/env';
import { goEnv } from '../../engine/model/goenv';
import { goFlags, splitFlagValue } from '../../engine/model/gocmd';
import type { ArgDecl, GoCommand, GoFlag, Model } from '../../engine/model/types';
import type { Range } from '../../engine/types';

/** Variables every RUN shell has without a declaration. */
const SHELL_VARS = new Set(['HOME', 'PATH', 'PWD', 'OLDPWD', 'HOSTNAME', 'SHLVL', 'IFS', 'PPID', 'UID', 'EUID', 'RANDOM', 'LINENO', 'SECONDS', 'BASH_VERSION', 'TERM', 'USER']);

export interface XVarProblem {
  name: string;
  flag: GoFlag;
  range: Range;
  /** 'undeclared': nothing sets it; 'inline': only `VAR=x go build …`, which does not reach the expansion. */
  kind: 'undeclared' | 'inline';
  global?: ArgDecl;
}

function refRange(flag: GoFlag, ref: string): Range {
  for (const w of flag.words) {
    const i = w.raw.indexOf(ref);
    const single = w.range.start.line === w.range.end.line && w.range.end.character - w.range.start.character === w.raw.length;
    if (i >= 0 && single) {
      return { start: { line: w.range.start.line, character: w.range.start.character + i }, end: { line: w.range.start.line, character: w.range.start.character + i + ref.length } };
    }
  }
  return flag.range;
}

export function xVarProblems(model: Model, cmd: GoCommand): XVarProblem[] {
  if (cmd.run.form === 'exec') return [];
  const out: XVarProblem[] = [];
  const seen = new Set<string>();
  for (const flag of goFlags(cmd, 'ldflags')) {
    if (!flag.words.some((w) => w.expands)) continue;
    const toks = splitFlagValue(flag.value ?? '');
    toks.forEach((t, i) => {
      const xval = t === '-X' || t === '--X' ? toks[i + 1] : /^--?X=(.*)$/.exec(t)?.[1];
      if (!xval) return;
      for (const m of xval.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
        const name = (m[1] ?? m[2]) as string;
        if (seen.has(name) || SHELL_VARS.has(name)) continue;
        // ${VAR:-default} and ${VAR-default} have a fallback.
        if (/^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]/.test(m[0])) continue;
        seen.add(name);
        // The shell expands the arguments before inline assignments (`V=1 go build … $V`) take effect.
        if (goEnv(model, { ...cmd, inline: new Map() }, name)) continue;
        const kind = cmd.inline.has(name) ? 'inline' : 'undeclared';
        out.push({ name, flag, range: refRange(flag, m[0]), kind, global: globalArg(model, name) });
      }
    });
  }
  return out;
}
