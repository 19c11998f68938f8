// What stops a cgo program from being linked fully statically (`-linkmode external -extldflags
// "-static"`) and run on a libc-less image: C code that loads shared objects at run time. glibc
// links such calls statically only with a warning ("Using 'getaddrinfo' in statically linked
// applications requires at runtime the shared libraries from the glibc version used for linking"),
// and on distroless static or scratch those libraries are not there: NSS lookups fail, dlopen
// returns NULL. The Go side is covered by `-tags netgo,osusergo`; the C side is what we read here.
// Reads text only: cgo preambles of Go files and the C/C++ sources next to them.

export interface StaticHazard {
  symbol: string;
  line: number;
}

const WHY: Record<string, string> = {
  dlopen: 'loads shared libraries at run time',
  dlmopen: 'loads shared libraries at run time',
  getaddrinfo: 'resolves host names through NSS',
  getnameinfo: 'resolves host names through NSS',
  gethostbyname: 'resolves host names through NSS',
  gethostbyname_r: 'resolves host names through NSS',
  gethostbyaddr: 'resolves host names through NSS',
  getservbyname: 'resolves services through NSS',
  getpwnam: 'looks up users through NSS',
  getpwnam_r: 'looks up users through NSS',
  getpwuid: 'looks up users through NSS',
  getpwuid_r: 'looks up users through NSS',
  getpwent: 'looks up users through NSS',
  getgrnam: 'looks up groups through NSS',
  getgrnam_r: 'looks up groups through NSS',
  getgrgid: 'looks up groups through NSS',
  getgrgid_r: 'looks up groups through NSS',
  getgrouplist: 'looks up groups through NSS',
  initgroups: 'looks up groups through NSS',
  iconv_open: 'loads gconv modules at run time',
  sqlite3_load_extension: 'loads SQLite extensions (dlopen) at run time',
  sqlite3_enable_load_extension: 'loads SQLite extensions (dlopen) at run time',
};

const CALL = new RegExp(`\\b(${Object.keys(WHY).join('|')})\\s*\\(`, 'g');

/** Why calling `symbol` keeps a binary from running when linked statically. */
export function staticHazardWhy(symbol: string): string {
  return WHY[symbol] ?? 'needs shared libraries at run time';
}

/** C comments and string/char literals blanked out (newlines kept), so they never count as calls. */
function codeOnly(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** Calls in C (or C++) text that need shared libraries at run time, with 1-based lines (`firstLine` is the text's first). */
export function scanStaticHazards(src: string, firstLine = 1): StaticHazard[] {
  const code = codeOnly(src);
  const out: StaticHazard[] = [];
  for (const m of code.matchAll(CALL)) {
    const symbol = m[1] as string;
    if (out.some((h) => h.symbol === symbol)) continue;
    const line = firstLine + (code.slice(0, m.index).match(/\n/g)?.length ?? 0);
    out.push({ symbol, line });
  }
  return out;
}
