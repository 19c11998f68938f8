// POSIX path helpers for paths inside images (never the host file system).

/** Rules normalise the same few paths over and over: a bounded memo keeps it to one split each. */
const normalized = new Map<string, string>();

export function normalizePath(p: string): string {
  let n = normalized.get(p);
  if (n === undefined) {
    if (normalized.size >= 4096) normalized.clear();
    n = normalizeUncached(p);
    normalized.set(p, n);
  }
  return n;
}

function normalizeUncached(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    // `..` above an absolute root stays at the root; above a relative start it is kept.
    if (seg === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
    } else parts.push(seg);
  }
  return (abs ? '/' : '') + parts.join('/') || (abs ? '/' : '.');
}

/** Resolves `p` against the directory `base` (absolute). Trailing slashes are dropped. */
export function resolvePath(base: string, p: string): string {
  if (p.startsWith('/')) return normalizePath(p);
  return normalizePath(`${base.endsWith('/') ? base : `${base}/`}${p}`);
}

export function basename(p: string): string {
  const n = p.replace(/\/+$/, '');
  const i = n.lastIndexOf('/');
  return i < 0 ? n : n.slice(i + 1);
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

export function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Matches a path against a Go filepath.Match style pattern, segment by segment (`*` stays within a segment). */
export function globMatch(pattern: string, path: string): boolean {
  let re = compiledGlobs.get(pattern);
  if (!re) {
    if (compiledGlobs.size >= 4096) compiledGlobs.clear();
    re = new RegExp(`^${globToRegExp(pattern)}$`);
    compiledGlobs.set(pattern, re);
  }
  return re.test(path);
}

/** Rules match the same patterns against many paths: one RegExp per pattern. */
const compiledGlobs = new Map<string, RegExp>();

export function globToRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const e = pattern.indexOf(']', i + 1);
      if (e < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, e).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = e;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/** True when `child` equals `parent` or lies below it. */
export function isWithin(parent: string, child: string): boolean {
  const p = normalizePath(parent);
  const c = normalizePath(child);
  return c === p || c.startsWith(p === '/' ? '/' : `${p}/`);
}
