// GOFLAGS as cmd/go reads it (strings.Fields: every entry must be a standalone -flag[=value]), and
// shell quoting for merged flag values. Used by GD025.
import type { GoFlag } from '../../engine/model/types';

/** Flags of go build and go test (go help build, go help testflag). */
const BUILD = new Set([
  'a', 'n', 'p', 'race', 'msan', 'asan', 'cover', 'covermode', 'coverpkg', 'v', 'work', 'x', 'asmflags', 'buildmode',
  'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'linkshared', 'mod', 'modcacherw',
  'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'trimpath', 'toolexec', 'json', 'o', 'i', 'C',
  'bench', 'benchmem', 'benchtime', 'blockprofile', 'blockprofilerate', 'count', 'coverprofile', 'cpu', 'cpuprofile',
  'exec', 'failfast', 'fullpath', 'fuzz', 'fuzzminimizetime', 'fuzztime', 'list', 'memprofile', 'memprofilerate',
  'mutexprofile', 'mutexprofilefraction', 'outputdir', 'parallel', 'run', 'short', 'shuffle', 'skip', 'timeout',
  'trace', 'vet', 'c', 'args', 'artifacts',
]);

/**
 * Flags of the other go commands (go env -w, go get -u, go list -f, go mod edit -replace, …): cmd/go accepts any flag
 * some go command has (hasFlag walks every command) and each command ignores the ones it does not know.
 */
const OTHER = new Set([
  'd', 'e', 'f', 'm', 'r', 't', 'u', 'w', 'fmt', 'module', 'go', 'require', 'droprequire', 'replace', 'dropreplace',
  'exclude', 'dropexclude', 'retract', 'dropretract', 'print', 'toolchain', 'godebug', 'dropgodebug', 'tool', 'droptool',
  'compat', 'diff', 'reuse', 'versions', 'retracted', 'deps', 'export', 'find', 'test', 'compiled', 'cache', 'testcache',
  'modcache', 'fuzzcache', 'all', 'cmd', 'src', 'http', 'fix', 'vettool', 'changed', 'use', 'dropuse', 'insecure',
]);

export interface GoflagsReading {
  /** The entries, as cmd/go splits them (cmd/internal/quoted.Split: spaces, quotes only around whole entries). */
  tokens: string[];
  /** The error cmd/go stops every command with, e.g. `go: parsing $GOFLAGS: unknown flag -s`. */
  error?: string;
  /**
   * An entry cut by a space whose second half happens to be a flag of another go command (`-ldflags=-s -w`: go env
   * has -w): no error, but go build ignores that half.
   */
  ignored?: { entry: string; cut: string };
  /** The entries that are valid flags and whose value was not cut by a space. */
  valid: string[];
  /** The value with every cut entry quoted as a whole ('-ldflags=-s -w'), when that repairs it. */
  quoted?: string;
}

function entryName(tok: string): string {
  const body = tok.startsWith('--') ? tok.slice(2) : tok.slice(1);
  const eq = body.indexOf('=');
  return eq < 0 ? body : body.slice(0, eq);
}

/** cmd/internal/quoted.Split: fields separated by spaces; a field may be wrapped in single or double quotes. */
export function splitQuoted(value: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    const q = value[i];
    if (q === '"' || q === "'") {
      const end = value.indexOf(q, i + 1);
      if (end < 0) return undefined;
      out.push(value.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < value.length && !/\s/.test(value[j] as string)) j++;
    out.push(value.slice(i, j));
    i = j;
  }
  return out;
}

export function readGoflags(value: string): GoflagsReading {
  const split = splitQuoted(value);
  if (!split) return { tokens: [], error: 'go: parsing $GOFLAGS: unterminated quoted string', valid: [] };
  const tokens = split;
  let error: string | undefined;
  let ignored: GoflagsReading['ignored'];
  const bad = new Set<number>();
  tokens.forEach((t, i) => {
    const prev = i > 0 && !bad.has(i - 1) && tokens[i - 1]?.includes('=') ? i - 1 : -1;
    let e: string | undefined;
    if (!t.startsWith('-') || t === '-' || t === '--' || t.startsWith('---') || t.startsWith('-=') || t.startsWith('--=')) e = `go: parsing $GOFLAGS: non-flag "${t}"`;
    else if (!BUILD.has(entryName(t)) && !OTHER.has(entryName(t))) e = `go: parsing $GOFLAGS: unknown flag -${entryName(t)}`;
    else if (!BUILD.has(entryName(t)) && prev >= 0 && /^--?(ldflags|gcflags|asmflags|gccgoflags|tags)=/.test(tokens[prev] as string)) {
      ignored ??= { entry: tokens[prev] as string, cut: t };
      bad.add(i);
      bad.add(prev);
    }
    if (e) {
      error ??= e;
      bad.add(i);
      // The entry before a stray piece is the flag whose value the space cut.
      if (prev >= 0) bad.add(prev);
    }
  });
  return { tokens, error, ignored, valid: tokens.filter((_, i) => !bad.has(i)), quoted: requote(value, tokens, bad) };
}

/** Joins each cut entry with the pieces after it and quotes the whole entry. */
function requote(value: string, tokens: string[], bad: Set<number>): string | undefined {
  if (bad.size === 0 || /["']/.test(value)) return undefined;
  const groups: string[][] = [];
  tokens.forEach((t, i) => {
    const owner = bad.has(i) && !t.startsWith('-') ? true : bad.has(i) && i > 0 && bad.has(i - 1) && !/=/.test(t);
    if (owner && groups.length > 0) (groups[groups.length - 1] as string[]).push(t);
    else groups.push([t]);
  });
  const bare = groups.every((g) => g.length > 1 || !bad.has(tokens.indexOf(g[0] as string)));
  if (!bare) return undefined;
  return groups.map((g) => (g.length > 1 ? `'${g.join(' ')}'` : g[0])).join(' ');
}

/** The value of `-name=…` in GOFLAGS (the last one wins). */
export function goflagsValue(tokens: string[], name: string): string | undefined {
  let found: string | undefined;
  for (const t of tokens) {
    if (!t.startsWith('-')) continue;
    const body = t.replace(/^--?/, '');
    if (body === name) found = 'true';
    else if (body.startsWith(`${name}=`)) found = body.slice(name.length + 1);
  }
  return found;
}

/**
 * Quotes a merged flag value for the shell, keeping `$VAR` expansions as they were: double quotes
 * when every `$` came from an expanding word, single quotes when none did. Undefined when it cannot.
 */
export function shellQuote(value: string, flags: GoFlag[]): string | undefined {
  if (!/[\s"'$`\\;&|<>(){}*?[\]#~]/.test(value)) return value;
  const dollarWords = flags.flatMap((f) => f.words).filter((w) => w.value.includes('$'));
  const expanding = dollarWords.every((w) => w.expands);
  const literal = dollarWords.every((w) => !w.expands);
  if (expanding && !/["\\`]/.test(value)) return `"${value}"`;
  if (literal && !value.includes("'")) return `'${value}'`;
  if (expanding) return `"${value.replace(/(["\\`])/g, '\\$1')}"`;
  return undefined;
}

/**
 * The go command's flags cannot be read: an unquoted `$VAR` or `$(…)` word may expand to flags
 * (`go build ${GOBUILDFLAGS} -o …` parses as packages only), or a "package" starts with a dash.
 */
export function opaqueArgs(cmd: import('../../engine/model/types').GoCommand): boolean {
  const values = new Set(cmd.flags.flatMap((f) => (f.valueWord ? [f.valueWord] : [])));
  const bare = (raw: string) => /^\$(\{?[A-Za-z_][A-Za-z0-9_]*\}?|\(.*\))$/s.test(raw) || raw.startsWith('`');
  return cmd.args.some((w) => !values.has(w) && bare(w.raw)) || cmd.packages.some((p) => p.value.startsWith('-'));
}
