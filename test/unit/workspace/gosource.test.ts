import { strict as assert } from 'node:assert';
import { scanStaticHazards, staticHazardWhy } from '../../../server/src/workspace/cstatic';
import { scanGoSource } from '../../../server/src/workspace';
import { evalBuildExpr, fileNameIncludedOnLinux, includedOnLinux } from '../../../server/src/workspace/buildtags';
import { tokenize } from '../../../server/src/workspace/golex';

describe('workspace/golex: tokenize', () => {
  it('keeps comments, raw strings, interpreted strings and runes apart, with line numbers', () => {
    const toks = tokenize('a := `x\n"y"` // c\n/* d\n*/ b := "e\\"f" + \'\\\'\'\n');
    assert.deepEqual(toks.map((t) => [t.kind, t.text, t.line]), [
      ['ident', 'a', 1], ['op', ':=', 1], ['string', 'x\n"y"', 1], ['comment', '// c', 2],
      ['comment', '/* d\n*/', 3], ['ident', 'b', 4], ['op', ':=', 4], ['string', 'e"f', 4], ['op', '+', 4],
      ['char', "'\\''", 4],
    ]);
  });

  it('decodes escapes in interpreted strings', () => {
    assert.equal(tokenize('"\\x41\\u00e9\\101\\n"')[0].text, 'Aé\x41\n');
  });
});

describe('workspace/gosource: scanGoSource', () => {
  it('reads the package clause and grouped, aliased, dot and blank imports', () => {
    const info = scanGoSource(`// Package doc
package main

import "fmt"
import (
	nethttp "net/http"
	. "strings"
	_ "time/tzdata"

	"example.com/app/internal/x" // comment
)
import "C"

func main() {}
`);
    assert.equal(info.packageName, 'main');
    assert.deepEqual(info.imports, [
      { path: 'fmt', line: 4 },
      { path: 'net/http', name: 'nethttp', line: 6 },
      { path: 'strings', name: '.', line: 7 },
      { path: 'time/tzdata', name: '_', line: 8 },
      { path: 'example.com/app/internal/x', line: 10 },
      { path: 'C', line: 12 },
    ]);
    assert.equal(info.importC, 12);
    assert.equal(info.mainFunc, 14);
  });

  it('does not see import "C" or func main inside raw strings or comments', () => {
    const info = scanGoSource(`package main

import "fmt"

const src = \`package x
import "C"
func main() {}
\`

// func main() { import "C" }
/* func main() {} */

func notMain() { fmt.Println(src) }
func (s server) main() {}
`);
    assert.equal(info.importC, undefined);
    assert.equal(info.mainFunc, undefined);
    assert.deepEqual(info.imports.map((i) => i.path), ['fmt']);
  });

  it('reads //go:build and // +build before the package clause only', () => {
    const a = scanGoSource('//go:build linux && (amd64 || arm64)\n\npackage x\n//go:build windows\n');
    assert.equal(a.buildExpr, 'linux && (amd64 || arm64)');
    assert.equal(a.linux, true);
    const b = scanGoSource('// +build windows darwin\n\npackage x\n');
    assert.deepEqual(b.plusBuild, ['windows darwin']);
    assert.equal(b.linux, false);
    const c = scanGoSource('//go:build ignore\n\npackage main\nfunc main() {}\n');
    assert.equal(c.linux, false);
  });

  it('collects //go:embed patterns, quoted ones included', () => {
    const info = scanGoSource('package x\n\nimport "embed"\n\n//go:embed templates/* static\n//go:embed "with space.txt" `raw.txt`\n//go:embed all:assets\nvar fs embed.FS\n');
    assert.deepEqual(info.embeds, [
      { pattern: 'templates/*', line: 5 },
      { pattern: 'static', line: 5 },
      { pattern: 'with space.txt', line: 6 },
      { pattern: 'raw.txt', line: 6 },
      { pattern: 'all:assets', line: 7 },
    ]);
  });

  it('finds runtime reads, time zones, ports, health flags and exec tools', () => {
    const info = scanGoSource(`package main

import (
	"flag"
	"html/template"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"
)

func main() {
	_ = flag.Bool("healthcheck", false, "probe")
	t := template.Must(template.ParseGlob("web/templates/*.html"))
	t2, _ := template.New("x").ParseFiles("a.tmpl", "b.tmpl")
	_, _ = os.ReadFile("config.yaml")
	_, _ = os.Open("/etc/passwd")
	http.Handle("/static/", http.FileServer(http.Dir("./static")))
	_, _ = time.LoadLocation("UTC")
	_, _ = time.LoadLocation("Local")
	_, _ = time.LoadLocation("America/New_York")
	_, _ = time.LoadLocation(os.Getenv("TZ"))
	_, _ = net.Listen("tcp", "0.0.0.0:9000")
	_ = exec.Command("ffmpeg", "-i", "x")
	_ = "file://db/migrations"
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	_ = http.ListenAndServe(":8080", nil)
	_, _ = t, t2
}
`);
    assert.deepEqual(info.reads.map((r) => [r.path, r.call]), [
      ['web/templates/*.html', 'template.ParseGlob'],
      ['a.tmpl', 'template.ParseFiles'],
      ['b.tmpl', 'template.ParseFiles'],
      ['config.yaml', 'os.ReadFile'],
      ['./static', 'http.Dir'],
      ['db/migrations', 'file://'],
    ]);
    assert.deepEqual(info.tzUses, [22, 23]);
    assert.deepEqual(info.ports.map((p) => p.port), [9000, 8081, 8080]);
    assert.deepEqual(info.health, [{ arg: '-healthcheck', line: 14 }]);
    assert.deepEqual(info.exec, [{ name: 'ffmpeg', line: 25 }]);
    assert.equal(info.httpClient, undefined);
  });

  it('detects HTTP client use through an aliased import; a plain-HTTP probe is not TLS', () => {
    const info = scanGoSource('package x\nimport h "net/http"\nvar c = &h.Client{}\n');
    assert.equal(info.httpClient, 3);
    const probe = scanGoSource('package x\nimport "net/http"\nfunc f() { http.Get("http://127.0.0.1:8080/healthz") }\n');
    assert.equal(probe.httpClient, undefined);
    const https = scanGoSource('package x\nimport "net/http"\nfunc f(u string) { http.Get(u); http.NewRequest("GET", "https://x", nil) }\n');
    assert.equal(https.httpClient, 3);
  });

  it('ignores client addresses and ports of other services', () => {
    const info = scanGoSource(`package main
import ("flag"; "os"; "github.com/redis/go-redis/v9")
var r = redis.NewClient(&redis.Options{Addr: "localhost:6379"})
var d = getenv("DB_PORT", "5432")
var m = flag.String("redis-addr", ":6379", "")
var p = os.Getenv("POSTGRES_PORT")
var s = flag.String("support", "8080", "")
`);
    assert.deepEqual(info.ports, []);
  });

  it('finds port defaults in helper calls, cmp.Or and struct literals', () => {
    const info = scanGoSource(`package main
import ("cmp"; "flag"; "net/http"; "os")
var a = cmp.Or(os.Getenv("PORT"), "7000")
var b = getenv("HTTP_PORT", "7001")
var c = flag.String("listen-addr", ":7002", "")
var d = &http.Server{Addr: ":7003"}
var e = flag.Int("port", 7004, "")
`);
    assert.deepEqual(info.ports.map((p) => p.port), [7000, 7001, 7002, 7003, 7004]);
  });

  it('static-link hazards: C calls in the cgo preamble (line and block comments before import "C"), not in other comments or strings', () => {
    const info = scanGoSource(`package x

// #include <dlfcn.h>
// static void *h(void) { return dlopen("x.so", 0); }
/*
static int u(void) { return getpwuid (0) != 0; }
// a C comment inside the preamble: getaddrinfo(...)
static const char *s = "iconv_open(";
*/
import "C"

// After the import: gethostbyname(x) is Go documentation, not C.
func f() {}
`, 'x.go');
    assert.deepEqual(info.staticHazards, [{ symbol: 'dlopen', line: 4 }, { symbol: 'getpwuid', line: 6 }]);
    assert.deepEqual(scanGoSource('package x\n// dlopen(x)\nfunc f() {}\n', 'y.go').staticHazards, [], 'no import "C": no preamble');
  });

  it('scanStaticHazards: the first call of each symbol with its line; comments, strings and look-alike names do not count', () => {
    const c = '#include <netdb.h>\n/* getaddrinfo( */\nint f(void) {\n  my_dlopen(1); x.dlopen_count = 0;\n  return getaddrinfo("h", 0, 0, 0) + getaddrinfo("i", 0, 0, 0) + sqlite3_load_extension(db, "ext", 0, 0);\n}\n';
    assert.deepEqual(scanStaticHazards(c), [{ symbol: 'getaddrinfo', line: 5 }, { symbol: 'sqlite3_load_extension', line: 5 }]);
    assert.deepEqual(scanStaticHazards('int x = 1;\n', 10), []);
    assert.equal(staticHazardWhy('getgrnam'), 'looks up groups through NSS');
  });

  it('reads #cgo LDFLAGS for C++ and excludes test files by name', () => {
    const info = scanGoSource('package x\n// #cgo LDFLAGS: -L/x -lstdc++\nimport "C"\n', 'x_test.go');
    assert.equal(info.cxxFlags, true);
    assert.equal(info.isTest, true);
  });
});

describe('workspace/buildtags', () => {
  const has = (t: string): boolean => ['linux', 'amd64', 'cgo'].includes(t);
  it('evaluates boolean expressions', () => {
    assert.equal(evalBuildExpr('linux && !windows', has), true);
    assert.equal(evalBuildExpr('!(linux || darwin)', has), false);
    assert.equal(evalBuildExpr('darwin || (cgo && amd64)', has), true);
    assert.equal(evalBuildExpr('linux &&', has), undefined);
  });

  it('honours linux on amd64 or arm64, cgo taken as set, other GOOS unset', () => {
    const inc = (buildExpr: string): boolean => includedOnLinux({ fileName: 'x.go', buildExpr });
    assert.equal(inc('linux'), true);
    assert.equal(inc('unix'), true);
    assert.equal(inc('!amd64'), true, 'true on arm64');
    assert.equal(inc('amd64 || arm64'), true);
    assert.equal(inc('386'), false);
    assert.equal(inc('windows || darwin'), false);
    assert.equal(inc('cgo'), true);
    assert.equal(inc('!cgo'), false);
    assert.equal(inc('go1.21'), true);
    assert.equal(inc('integration'), false);
  });

  it('applies GOOS/GOARCH file-name suffixes', () => {
    assert.equal(fileNameIncludedOnLinux('open_windows.go'), false);
    assert.equal(fileNameIncludedOnLinux('open_darwin_arm64.go'), false);
    assert.equal(fileNameIncludedOnLinux('open_linux.go'), true);
    assert.equal(fileNameIncludedOnLinux('open_linux_arm64.go'), true);
    assert.equal(fileNameIncludedOnLinux('asm_386.s'), false);
    assert.equal(fileNameIncludedOnLinux('open_unix.go'), true, 'unix is not a GOOS suffix');
    assert.equal(fileNameIncludedOnLinux('windows.go'), true, 'no underscore, no constraint');
    assert.equal(fileNameIncludedOnLinux('x_windows_test.go'), false);
  });
});
