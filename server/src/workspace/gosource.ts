// Token-level facts from one Go source file: package clause, imports, build constraints,
// //go:embed and #cgo directives, func main, and the call literals the Dockerfile rules need.
// Works on tokens from golex.ts, so strings and comments never fake code.

import { includedOnLinux, isTestFile } from './buildtags';
import { scanStaticHazards, type StaticHazard } from './cstatic';
import { Token, tokenize } from './golex';

export interface GoImport {
  path: string;
  /** Explicit name: an identifier, "_" or ".". */
  name?: string;
  line: number;
}

export interface GoSourceInfo {
  fileName: string;
  isTest: boolean;
  packageName?: string;
  /** Expression of the `//go:build` line before the package clause. */
  buildExpr?: string;
  /** Bodies of legacy `// +build` lines before the package clause. */
  plusBuild: string[];
  /** True when the file is compiled for linux/amd64 or linux/arm64. */
  linux: boolean;
  imports: GoImport[];
  /** Line of `import "C"`. */
  importC?: number;
  /** Line of `func main(`. */
  mainFunc?: number;
  embeds: { pattern: string; line: number }[];
  /** A `#cgo LDFLAGS` line links libstdc++ / libc++. */
  cxxFlags: boolean;
  /** C calls in the cgo preamble that need shared libraries at run time (see cstatic.ts). */
  staticHazards: StaticHazard[];
  /** Lines of time.LoadLocation calls with a named zone or a variable. */
  tzUses: number[];
  reads: { path: string; call: string; line: number }[];
  ports: { port: number; line: number }[];
  health: { arg: string; line: number }[];
  exec: { name: string; line: number }[];
  /** Line of the first net/http client use (http.Get, http.Client, …). */
  httpClient?: number;
  /** Package-level string variables a linker -X can set, named like a version or a commit. */
  versionVars: { name: string; line: number }[];
}

type AddPort = (value: string | undefined, line: number, bare: boolean, anyHost?: boolean) => void;

interface Arg {
  value?: string;
  kind?: 'string' | 'number';
}

const HEALTH_NAME = /^health(-?check)?$/;
const HTTP_CLIENT_SELECTORS = new Set([
  'Get', 'Post', 'PostForm', 'Head', 'Client', 'DefaultClient', 'NewRequest', 'NewRequestWithContext',
]);
const LISTEN_METHODS = new Set([
  'ListenAndServe', 'ListenAndServeTLS', 'Listen', 'ListenTLS', 'Run', 'RunTLS', 'Start', 'StartTLS', 'Serve',
]);
const OS_READS = new Set(['Open', 'ReadFile', 'OpenFile', 'ReadDir', 'DirFS']);

/** The name a package gets when imported without one (good enough for std and common modules). */
export function defaultImportName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? importPath;
  if (/^v[2-9]\d*$|^v1\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last.replace(/^go-/, '').replace(/[.-]go$/, '').replace(/[^\w]/g, '_');
}

/**
 * Port of an address literal: ":8080", "0.0.0.0:8080", "[::]:8080", or "8080" when `bare`.
 * Unless `anyHost`, a named host ("localhost:6379", "redis:6379") is a client address, not ours.
 */
export function parsePortLiteral(s: string, bare: boolean, anyHost = false): number | undefined {
  const m = /^([\w.-]*|\[[0-9a-fA-F:.]*\]):(\d{1,5})$/.exec(s);
  let digits: string | undefined;
  if (m) {
    if (!anyHost && !['', '0.0.0.0', '[::]', '::'].includes(m[1])) return undefined;
    digits = m[2];
  } else if (bare && /^\d{2,5}$/.test(s)) {
    digits = s;
  }
  const port = Number(digits);
  return digits !== undefined && port >= 1 && port <= 65535 ? port : undefined;
}

const CLIENT_WORDS = /db|database|redis|postgres|pg|mysql|mongo|smtp|mail|upstream|remote|target|backend|proxy|dns|nats|kafka|amqp|rabbit|memcache|etcd|consul|vault|elastic|jaeger|otel|otlp|collector|statsd|sentry/i;

/** A config/env/flag name that plausibly holds this program's own listen port or address. */
export function isListenName(name: string): boolean {
  const boundary = /(^|[-_.])(port|addr|address|listen|bind)$/i.test(name) || /[a-z0-9](Port|Addr|Address|Listen|Bind)$/.test(name);
  return boundary && !CLIENT_WORDS.test(name);
}

/** Splits `//go:embed` arguments: space separated, Go-quoted ("a b" or `a b`) allowed. */
function embedPatterns(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === '`') {
      const end = c === '`' ? body.indexOf('`', i + 1) : findQuoteEnd(body, i);
      const stop = end < 0 ? body.length : end + 1;
      const tok = tokenize(body.slice(i, stop))[0];
      if (tok?.kind === 'string') out.push(tok.text);
      i = stop;
    } else {
      let j = i;
      while (j < body.length && !/\s/.test(body[j])) j++;
      out.push(body.slice(i, j));
      i = j;
    }
  }
  return out;
}

function findQuoteEnd(s: string, start: number): number {
  for (let j = start + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') return j;
  }
  return -1;
}

/** Literal arguments of the call whose "(" is at `open`: one entry per argument. */
function callArgs(code: Token[], open: number): Arg[] {
  const out: Arg[] = [];
  let depth = 0;
  let start = open + 1;
  const mk = (a: number, b: number): Arg => {
    const t = code[a];
    return b - a === 1 && (t.kind === 'string' || t.kind === 'number') ? { value: t.text, kind: t.kind } : {};
  };
  for (let k = open + 1; k < code.length && k < open + 400; k++) {
    const t = code[k];
    if (t.kind !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      if (depth === 0) {
        if (k > start) out.push(mk(start, k));
        return out;
      }
      depth--;
    } else if (t.text === ',' && depth === 0) {
      out.push(mk(start, k));
      start = k + 1;
    }
  }
  return out;
}

function isOp(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.kind === 'op' && t.text === text;
}

function isIdent(t: Token | undefined, text?: string): boolean {
  return t !== undefined && t.kind === 'ident' && (text === undefined || t.text === text);
}

function parseHeader(toks: Token[], info: GoSourceInfo): number {
  // Comments before the package clause carry the build constraints.
  let i = 0;
  for (; i < toks.length && toks[i].kind === 'comment'; i++) {
    const c = toks[i].text;
    const gb = /^\/\/go:build\s+(.*)$/.exec(c);
    if (gb && info.buildExpr === undefined) info.buildExpr = gb[1].trim();
    const pb = /^\/\/\s*\+build\s+(.*)$/.exec(c);
    if (pb) info.plusBuild.push(pb[1].trim());
  }
  return i;
}

function parseImports(code: Token[], info: GoSourceInfo): void {
  let i = 0;
  if (!isIdent(code[0], 'package') || !isIdent(code[1])) return;
  info.packageName = code[1].text;
  i = 2;
  const spec = (): void => {
    let name: string | undefined;
    const t = code[i];
    if (t && (t.kind === 'ident' || isOp(t, '.'))) {
      name = t.text;
      i++;
    }
    const s = code[i];
    if (s && s.kind === 'string') {
      info.imports.push({ path: s.text, ...(name !== undefined ? { name } : {}), line: s.line });
      if (s.text === 'C' && info.importC === undefined) info.importC = s.line;
      i++;
    } else {
      i++;
    }
  };
  for (;;) {
    while (isOp(code[i], ';')) i++;
    if (!isIdent(code[i], 'import')) return;
    i++;
    if (isOp(code[i], '(')) {
      i++;
      while (i < code.length && !isOp(code[i], ')')) {
        if (isOp(code[i], ';')) i++;
        else spec();
      }
      i++;
    } else {
      spec();
    }
  }
}

export function scanGoSource(src: string, fileName = 'x.go'): GoSourceInfo {
  const toks = tokenize(src);
  const info: GoSourceInfo = {
    fileName, isTest: isTestFile(fileName), plusBuild: [], linux: true, imports: [], embeds: [],
    cxxFlags: false, staticHazards: [], tzUses: [], reads: [], ports: [], health: [], exec: [], versionVars: [],
  };
  parseHeader(toks, info);
  const code = toks.filter((t) => t.kind !== 'comment');
  parseImports(code, info);
  info.linux = includedOnLinux({ fileName, buildExpr: info.buildExpr, plusBuild: info.plusBuild });

  for (const t of toks) {
    if (t.kind !== 'comment') continue;
    const em = /^\/\/go:embed(?:\s+(.*))?$/.exec(t.text);
    if (em) {
      for (const p of embedPatterns(em[1] ?? '')) info.embeds.push({ pattern: p, line: t.line });
    } else if (/#cgo\b[^\n]*LDFLAGS:[^\n]*-l(stdc\+\+|c\+\+)(?=\s|$)/.test(t.text)) {
      info.cxxFlags = true;
    }
  }
  if (info.importC !== undefined) info.staticHazards = preambleHazards(toks, info.importC);

  const pkgOf = new Map<string, string>();
  for (const imp of info.imports) {
    if (imp.name === '_' || imp.name === '.') continue;
    pkgOf.set(imp.name ?? defaultImportName(imp.path), imp.path);
  }
  scanCalls(code, pkgOf, info);
  info.versionVars = scanVersionVars(code);
  return info;
}

function scanCalls(code: Token[], pkgOf: Map<string, string>, info: GoSourceInfo): void {
  const addRead = (value: string | undefined, call: string, line: number): void => {
    if (value && !value.startsWith('/') && !value.includes('://')) info.reads.push({ path: value, call, line });
  };
  const addPort: AddPort = (value, line, bare, anyHost = false) => {
    const port = value === undefined ? undefined : parsePortLiteral(value, bare, anyHost);
    if (port !== undefined) info.ports.push({ port, line });
  };
  for (let k = 0; k < code.length; k++) {
    const t = code[k];
    if (t.kind === 'string') {
      if (t.text.startsWith('file://')) addRead(t.text.slice('file://'.length), 'file://', t.line);
      continue;
    }
    if (t.kind === 'op' && t.text === '(') {
      scanLiteralPairs(code, k, addPort);
      continue;
    }
    if (t.kind !== 'ident') continue;
    if (t.text === 'func' && isIdent(code[k + 1], 'main') && isOp(code[k + 2], '(')) {
      info.mainFunc ??= code[k + 1].line;
      continue;
    }
    // Composite-literal keys: http.Server{Addr: ":8080"}, cobra.Command{Use: "healthcheck"}.
    if (isOp(code[k + 1], ':') && code[k + 2]?.kind === 'string') {
      const v = code[k + 2].text;
      if (t.text === 'Addr') addPort(v, t.line, false);
      if ((t.text === 'Use' || t.text === 'Name') && HEALTH_NAME.test(v.split(' ')[0])) {
        info.health.push({ arg: v.split(' ')[0], line: t.line });
      }
    }
    if (t.text === 'case' && code[k + 1]?.kind === 'string' && HEALTH_NAME.test(code[k + 1].text)) {
      info.health.push({ arg: code[k + 1].text, line: t.line });
    }
    if (!isOp(code[k - 1], '.')) continue;
    const sel = t.text;
    const recv = code[k - 2];
    const pkg = recv && recv.kind === 'ident' && !isOp(code[k - 3], '.') ? pkgOf.get(recv.text) : undefined;
    const line = t.line;
    const isCall = isOp(code[k + 1], '(');
    let parsed: Arg[] | undefined; // computed only for the selectors we look at
    const allArgs = (): Arg[] => (parsed ??= isCall ? callArgs(code, k + 1) : []);
    const str = (i: number): string | undefined => {
      const a = allArgs()[i];
      return a?.kind === 'string' ? a.value : undefined;
    };
    if (pkg === 'net/http' && HTTP_CLIENT_SELECTORS.has(sel)) {
      // A literal plain-HTTP URL (typically a local health probe) needs no CA certificates.
      const url = str(sel.startsWith('NewRequest') ? 1 : 0);
      if (!(url !== undefined && /^http:\/\//i.test(url))) info.httpClient ??= line;
    }
    if (!isCall) continue;
    if (pkg === 'time' && sel === 'LoadLocation') {
      const a = allArgs()[0];
      if (!(a?.kind === 'string' && (a.value === 'UTC' || a.value === 'Local' || a.value === ''))) info.tzUses.push(line);
    } else if ((pkg === 'os' && OS_READS.has(sel)) || (pkg === 'io/ioutil' && (sel === 'ReadFile' || sel === 'ReadDir'))) {
      addRead(str(0), `${pkg === 'os' ? 'os' : 'ioutil'}.${sel}`, line);
    } else if (sel === 'ParseGlob' || sel === 'ParseFiles') {
      // template.ParseGlob(...) or a method on a *Template (template.New("x").ParseGlob(...)).
      if (pkg === undefined || pkg === 'html/template' || pkg === 'text/template') {
        allArgs().forEach((a) => a.kind === 'string' && addRead(a.value, `template.${sel}`, line));
      }
    } else if (pkg === 'net/http' && sel === 'Dir') {
      addRead(str(0), 'http.Dir', line);
    } else if (pkg === undefined && (sel === 'LoadHTMLGlob' || sel === 'LoadHTMLFiles')) {
      allArgs().forEach((a) => a.kind === 'string' && addRead(a.value, sel, line));
    } else if (pkg === undefined && sel === 'Static' && str(0)?.startsWith('/')) {
      addRead(str(1), 'Static', line);
    } else if (pkg === 'os/exec' && (sel === 'Command' || sel === 'CommandContext' || sel === 'LookPath')) {
      const name = str(sel === 'CommandContext' ? 1 : 0);
      if (name) info.exec.push({ name, line });
    } else if (pkg === 'net' && sel === 'Listen') {
      addPort(str(1), line, false, true);
    } else if (LISTEN_METHODS.has(sel)) {
      addPort(str(0), line, false, true);
    } else if (pkg === 'os' && (sel === 'Getenv' || sel === 'LookupEnv') && /(^|_)PORT$/i.test(str(0) ?? '') && isListenName(str(0) ?? '')) {
      envPortDefault(code, k, addPort);
    } else if (sel === 'Bool' || sel === 'BoolP' || sel === 'BoolFunc' || sel === 'BoolVar' || sel === 'BoolVarP') {
      const name = str(sel.startsWith('BoolVar') ? 1 : 0);
      if (name && HEALTH_NAME.test(name)) info.health.push({ arg: `${pkg === 'flag' ? '-' : '--'}${name}`, line });
    }
  }
}

/** `port := os.Getenv("PORT"); if port == "" { port = "8080" }` and `cmp.Or(os.Getenv("PORT"), "8080")`. */
function envPortDefault(code: Token[], sel: number, addPort: AddPort): void {
  // sel is the Getenv identifier: code[sel-2] is `os`; the call ends at its ")".
  let close = sel + 2;
  while (close < code.length && !isOp(code[close], ')')) close++;
  if (isOp(code[close + 1], ',') && code[close + 2]?.kind === 'string') {
    addPort(code[close + 2].text, code[close + 2].line, true);
    return;
  }
  const assign = code[sel - 3];
  const target = code[sel - 4];
  if (!(isOp(assign, ':=') || isOp(assign, '=')) || !isIdent(target)) return;
  for (let k = close + 1; k < code.length && k < close + 80; k++) {
    if (isIdent(code[k], target.text) && isOp(code[k + 1], '=') && code[k + 2]?.kind === 'string') {
      addPort(code[k + 2].text, code[k + 2].line, true);
      return;
    }
  }
}

/**
 * Name/default pairs inside any call: getenv("PORT", "8080"), flag.String("addr", ":8080", …),
 * flag.IntVar(&p, "port", 8080, …), viper.SetDefault("server.port", 8080).
 */
function scanLiteralPairs(code: Token[], open: number, addPort: AddPort): void {
  let i = open + 1;
  if (isOp(code[i], '&') && isIdent(code[i + 1]) && isOp(code[i + 2], ',')) i += 3;
  const name = code[i];
  const val = code[i + 2];
  if (name?.kind !== 'string' || !isOp(code[i + 1], ',') || !val) return;
  if (!isListenName(name.text)) return;
  const isPortName = /port$/i.test(name.text);
  if (val.kind === 'string') addPort(val.text, val.line, isPortName);
  else if (val.kind === 'number' && isPortName) addPort(val.text, val.line, true);
}

/** Names a version or commit string variable goes by (`-X main.version=…`). */
export const VERSION_VAR = /^(version|appVersion|buildVersion|gitVersion|commit|gitCommit|commitHash|revision|gitRevision|sha|gitSHA|gitSha)$/i;

/**
 * Package-level `var name = "…"` / `var name string` declarations (also in `var ( … )` groups and
 * lists `var a, b = "x", "y"`) whose name is a version or commit name: string variables without a
 * non-constant initialiser, which `go build -ldflags "-X pkg.name=value"` can set.
 */
function scanVersionVars(code: Token[]): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  let depth = 0;
  const spec = (i: number, end: number): void => {
    const names: Token[] = [];
    let j = i;
    while (j < end && isIdent(code[j])) {
      names.push(code[j] as Token);
      j++;
      if (isOp(code[j], ',')) j++;
      else break;
    }
    const typ = isIdent(code[j]) && (code[j] as Token).line === (names[0] as Token).line ? (code[j++] as Token).text : undefined;
    const init = isOp(code[j], '=') ? code[j + 1] : undefined;
    // string type, or an untyped string literal; no function call or other value
    const ok = typ === 'string' ? init === undefined || init.kind === 'string' : typ === undefined && init?.kind === 'string';
    if (!ok) return;
    for (const n of names) if (VERSION_VAR.test(n.text)) out.push({ name: n.text, line: n.line });
  };
  for (let i = 0; i < code.length; i++) {
    const t = code[i] as Token;
    if (t.kind === 'op' && (t.text === '{' || t.text === '(' || t.text === '[')) depth++;
    else if (t.kind === 'op' && (t.text === '}' || t.text === ')' || t.text === ']')) depth--;
    if (depth !== 0 || !isIdent(t, 'var')) continue;
    if (isOp(code[i + 1], '(')) {
      // a group: one spec per line at the group's own depth
      let d = 0;
      let lastLine = -1;
      let j = i + 2;
      for (; j < code.length; j++) {
        const u = code[j] as Token;
        if (u.kind === 'op' && (u.text === '{' || u.text === '(' || u.text === '[')) d++;
        else if (u.kind === 'op' && (u.text === '}' || u.text === ')' || u.text === ']')) {
          if (d === 0) break;
          d--;
        } else if (d === 0 && u.kind === 'ident' && u.line !== lastLine) spec(j, code.length);
        if (d === 0) lastLine = u.line;
      }
      i = j;
    } else {
      spec(i + 1, code.length);
    }
  }
  return out;
}

/** Static-link hazards in the comments before `import "C"` (the cgo preamble is C code). */
function preambleHazards(toks: Token[], importLine: number): StaticHazard[] {
  const out: StaticHazard[] = [];
  for (const t of toks) {
    if (t.kind !== 'comment' || t.line >= importLine) continue;
    const body = t.text.startsWith('//') ? t.text.slice(2) : t.text.slice(2, -2);
    for (const h of scanStaticHazards(body, t.line)) if (!out.some((x) => x.symbol === h.symbol)) out.push(h);
  }
  return out;
}
