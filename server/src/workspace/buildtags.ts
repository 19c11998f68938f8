// Build constraints for the targets a container image is built for: linux on amd64 or arm64.
// `//go:build` expressions, legacy `// +build` lines and GOOS/GOARCH file-name suffixes.
// Tags: linux and unix are set, the architecture is amd64 or arm64 (a file counts when either
// matches), cgo is unknown and taken as set, gc and go1.N are set; everything else is unset.

// From go/build/syslist.go.
const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux',
  'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64',
  's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);
const TARGET_ARCHES = ['amd64', 'arm64'] as const;

type Tags = (tag: string) => boolean;

function linuxTags(arch: string): Tags {
  return (tag) =>
    tag === 'linux' || tag === 'unix' || tag === arch || tag === 'cgo' || tag === 'gc' || /^go1\.\d+$/.test(tag);
}

/** Evaluates a `//go:build` expression; undefined when it does not parse. */
export function evalBuildExpr(expr: string, has: Tags): boolean | undefined {
  const toks = expr.match(/&&|\|\||[()!]|[^\s()!&|]+/g) ?? [];
  let pos = 0;
  let bad = false;
  const parseOr = (): boolean => {
    let v = parseAnd();
    while (toks[pos] === '||') {
      pos++;
      const r = parseAnd();
      v = v || r;
    }
    return v;
  };
  const parseAnd = (): boolean => {
    let v = parseNot();
    while (toks[pos] === '&&') {
      pos++;
      const r = parseNot();
      v = v && r;
    }
    return v;
  };
  const parseNot = (): boolean => {
    const t = toks[pos];
    if (t === '!') {
      pos++;
      return !parseNot();
    }
    if (t === '(') {
      pos++;
      const v = parseOr();
      if (toks[pos] !== ')') bad = true;
      pos++;
      return v;
    }
    if (t === undefined || !/^[\w.]+$/.test(t)) {
      bad = true;
      pos++;
      return false;
    }
    pos++;
    return has(t);
  };
  if (toks.length === 0) return undefined;
  const v = parseOr();
  return bad || pos !== toks.length ? undefined : v;
}

/** Legacy `// +build a,b c` lines: options OR-ed within a line, terms AND-ed, lines AND-ed. */
export function evalPlusBuild(lines: readonly string[], has: Tags): boolean {
  return lines.every((line) =>
    line.split(/\s+/).filter(Boolean).some((opt) =>
      opt.split(',').every((term) => (term.startsWith('!') ? !has(term.slice(1)) : has(term))),
    ),
  );
}

/** go/build goodOSArchFile for linux and `arch`. */
function goodOSArchFile(fileName: string, arch: string): boolean {
  let name = fileName;
  const dot = name.indexOf('.');
  if (dot >= 0) name = name.slice(0, dot);
  const us = name.indexOf('_');
  if (us < 0) return true;
  const parts = name.slice(us).split('_');
  if (parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  const last = parts[n - 1];
  const prev = parts[n - 2];
  if (n >= 2 && KNOWN_OS.has(prev) && KNOWN_ARCH.has(last)) return prev === 'linux' && last === arch;
  if (n >= 1 && KNOWN_OS.has(last)) return last === 'linux';
  if (n >= 1 && KNOWN_ARCH.has(last)) return last === arch;
  return true;
}

export interface ConstraintInput {
  fileName: string;
  buildExpr?: string;
  plusBuild?: readonly string[];
}

/**
 * True when the file is compiled for linux/amd64 or linux/arm64. A `//go:build` line wins over
 * `// +build` lines (as in Go ≥1.17); an unparsable expression counts as satisfied.
 */
export function includedOnLinux(f: ConstraintInput): boolean {
  return TARGET_ARCHES.some((arch) => {
    if (!goodOSArchFile(f.fileName, arch)) return false;
    const has = linuxTags(arch);
    if (f.buildExpr !== undefined) return evalBuildExpr(f.buildExpr, has) ?? true;
    if (f.plusBuild && f.plusBuild.length) return evalPlusBuild(f.plusBuild, has);
    return true;
  });
}

/** File-name rules alone, so excluded files need not be read. */
export function fileNameIncludedOnLinux(fileName: string): boolean {
  return TARGET_ARCHES.some((arch) => goodOSArchFile(fileName, arch));
}

export function isTestFile(fileName: string): boolean {
  return fileName.endsWith('_test.go');
}
