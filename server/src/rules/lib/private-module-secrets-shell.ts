// Shell details GD030 needs: the files a command writes, through output redirections
// (`echo … > ~/.netrc`) or `tee`.
import type { SimpleCommand } from '../../engine/shell';
import type { Range } from '../../engine/types';

export interface WriteTarget {
  /** The target path with quotes removed, as written (`~/.netrc`, `$HOME/.netrc`). */
  path: string;
  range?: Range;
  via: 'redirect' | 'tee';
}

/** Files a command writes: `> f`, `>> f`, `>| f` redirections and `tee [-a] f…`. */
export function writeTargets(cmd: SimpleCommand): WriteTarget[] {
  const out: WriteTarget[] = [];
  for (const r of cmd.redirects) {
    if (r.target && /^(>|>>|>\||&>|&>>)$/.test(r.op)) out.push({ path: r.target.value, range: r.target.range, via: 'redirect' });
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
