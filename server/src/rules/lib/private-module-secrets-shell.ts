// Shell details GD030 needs that the model does not keep: the targets of output redirections
// (`echo … > ~/.netrc`; the shell reader drops redirections), read from the command's own span of
// the script text, and the files a command writes through `tee`.
import type { Model, RunNode } from '../../engine/model/types';
import type { SimpleCommand } from '../../engine/shell';
import type { Range } from '../../engine/types';

export interface WriteTarget {
  /** The target path with quotes removed, as written (`~/.netrc`, `$HOME/.netrc`). */
  path: string;
  range?: Range;
  via: 'redirect' | 'tee';
}

const REDIRECT = /(?:^|[^<>&\d])\d*(>>|>\||>)\s*("[^"]*"|'[^']*'|[^\s;&|<>()]+)/g;

function unquote(s: string): string {
  return (s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")) ? s.slice(1, -1) : s;
}

/** Files a command writes: `> f`, `>> f`, `>| f` redirections and `tee [-a] f…`. */
export function writeTargets(model: Model, run: RunNode, cmd: SimpleCommand): WriteTarget[] {
  const out: WriteTarget[] = [];
  const script = run.scripts.find((s) => s.commands.includes(cmd));
  if (script) {
    const [a, b] = cmd.span;
    const text = script.source.text.slice(a, b);
    for (const m of text.matchAll(REDIRECT)) {
      const raw = m[2] as string;
      const at = a + (m.index ?? 0) + (m[0] as string).lastIndexOf(raw);
      const startOff = script.source.offsets[at];
      const endOff = script.source.offsets[at + raw.length - 1];
      const range = startOff !== undefined && endOff !== undefined ? model.src.range(startOff, endOff + 1) : undefined;
      out.push({ path: unquote(raw), range, via: 'redirect' });
    }
  }
  const w0 = cmd.words[0]?.value ?? '';
  if (/(^|\/)tee$/.test(w0)) for (const w of cmd.words.slice(1)) if (!w.value.startsWith('-')) out.push({ path: w.value, range: w.range, via: 'tee' });
  return out;
}

/** A credentials file in the home directory: .netrc, _netrc, .git-credentials, .gitconfig. */
export function credentialFile(path: string): string | undefined {
  const base = path.replace(/\/+$/, '').replace(/^.*\//, '');
  return ['.netrc', '_netrc', '.git-credentials', '.gitconfig'].includes(base) ? base : undefined;
}

/** Variable names referenced by `$X` / `${X…}` in a text. */
export function referenced(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) names.push((m[1] ?? m[2]) as string);
  return names;
}

/** Names that look like a credential (CATALOGUE GD030): *TOKEN*, *PASSWORD*, NETRC*, GIT_AUTH*. */
export function secretName(name: string): boolean {
  const u = name.toUpperCase();
  return u.includes('TOKEN') || u.includes('PASSWORD') || u.includes('PASSWD') || u.startsWith('NETRC') || u.startsWith('GIT_AUTH');
}

/** A credential written out literally: userinfo in a URL, a known token prefix, `password <literal>`. */
export function literalCredential(text: string): string | undefined {
  const url = /[a-z][a-z0-9+.-]*:\/\/([^@/\s$`'"]+)@/i.exec(text);
  if (url && !/^git$/i.test(url[1] as string)) return url[0];
  const tok = /\b(ghp_|gho_|ghs_|ghu_|github_pat_|glpat-)[A-Za-z0-9_-]{8,}/.exec(text);
  if (tok) return tok[0];
  const pw = /\bpassword\s+([^\s$`'"]+)/i.exec(text);
  if (pw) return pw[0];
  return undefined;
}
