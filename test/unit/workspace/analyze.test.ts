import { strict as assert } from 'node:assert';
import { analyze, AnalysisInput, binaryName, coveredByEmbed, GoFile } from '../../../server/src/workspace/analyze';
import { parseGoMod } from '../../../server/src/workspace/gomod';
import { scanGoSource } from '../../../server/src/workspace/gosource';

function file(rel: string, src: string): GoFile {
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
  return { rel, dir, info: scanGoSource(src, rel.slice(rel.lastIndexOf('/') + 1)) };
}

function input(goMod: string, files: GoFile[], extra: Partial<AnalysisInput> = {}): AnalysisInput {
  return { rootName: 'ws', module: parseGoMod(goMod), nestedModules: [], goFiles: files, dirFiles: new Map(), complete: true, ...extra };
}

describe('workspace/analyze', () => {
  it('binaryName follows go\'s DefaultExecName', () => {
    assert.equal(binaryName('github.com/acme/tool/v2'), 'tool');
    assert.equal(binaryName('example.com/x/cmd/v2'), 'cmd');
    assert.equal(binaryName('example.com/x/cmd/app'), 'app');
    assert.equal(binaryName('example.com/x/v1'), 'v1');
    assert.equal(binaryName('example.com/x/v0'), 'v0');
    assert.equal(binaryName('v2'), 'v2');
  });

  it('coveredByEmbed: exact, directory, glob, all: and ./ prefixes', () => {
    assert.equal(coveredByEmbed('web/templates/*.html', ['web/templates']), true);
    assert.equal(coveredByEmbed('static/logo.png', ['all:static']), true);
    assert.equal(coveredByEmbed('./config.yaml', ['config.yaml']), true);
    assert.equal(coveredByEmbed('web/a.html', ['web/*.html']), true);
    assert.equal(coveredByEmbed('migrations', ['static']), false);
    assert.equal(coveredByEmbed('webapp/x', ['web']), false);
  });

  it('cgo modules: direct requires count only when imported; indirect ones always; pcap only via /pcap', () => {
    const goMod = `module example.com/app
require (
	github.com/mattn/go-sqlite3 v1.14.24
	github.com/DataDog/zstd v1.5.6 // indirect
	github.com/google/gopacket v1.1.19
	github.com/go-gl/mathgl v1.1.0
	github.com/aws/aws-sdk-go-v2 v1.30.0
)`;
    const main = file('main.go', 'package main\nimport "github.com/google/gopacket/layers"\nfunc main() {}\n');
    const a = analyze(input(goMod, [main]));
    assert.deepEqual(a.cgo.reasons.map((r) => [r.module, r.loc.line]), [['github.com/DataDog/zstd', 4]]);
    assert.equal(a.imports.tlsClient, true, 'cloud SDK require');

    const withPcap = file('main.go', 'package main\nimport (_ "github.com/google/gopacket/pcap"; _ "github.com/mattn/go-sqlite3")\nfunc main() {}\n');
    const b = analyze(input(goMod, [withPcap]));
    assert.deepEqual(b.cgo.reasons.map((r) => r.module), ['github.com/mattn/go-sqlite3', 'github.com/DataDog/zstd', 'github.com/google/gopacket/pcap']);

    const lib = file('lib.go', 'package lib\n');
    const c = analyze(input(goMod, [lib]));
    assert.deepEqual(c.cgo.reasons.map((r) => r.module), ['github.com/mattn/go-sqlite3', 'github.com/DataDog/zstd'], 'no main package: imports not visible');
  });

  it('static-link blockers: modules whose C side loads shared objects (go-gl, confluent-kafka-go), only when they count as cgo reasons', () => {
    const goMod = `module example.com/app
require (
	github.com/go-gl/glfw/v3.3/glfw v0.0.0-20240506104042-037f3cc74f2a
	github.com/confluentinc/confluent-kafka-go/v2 v2.5.0 // indirect
	github.com/mattn/go-sqlite3 v1.14.24
)`;
    const main = file('main.go', 'package main\nimport (_ "github.com/go-gl/glfw/v3.3/glfw"; _ "github.com/mattn/go-sqlite3")\nfunc main() {}\n');
    const a = analyze(input(goMod, [main]));
    assert.deepEqual(a.cgo.staticBlockers, [
      { what: 'github.com/go-gl/glfw/v3.3/glfw', why: 'loads the OpenGL driver at run time', loc: { file: 'go.mod', line: 3 } },
      { what: 'github.com/confluentinc/confluent-kafka-go/v2', why: 'librdkafka resolves broker names with getaddrinfo (NSS)', loc: { file: 'go.mod', line: 4 } },
    ]);
    const onlySqlite = analyze(input(goMod, [file('main.go', 'package main\nimport _ "github.com/mattn/go-sqlite3"\nfunc main() {}\n')]));
    assert.deepEqual(onlySqlite.cgo.staticBlockers.map((b) => b.what), ['github.com/confluentinc/confluent-kafka-go/v2'], 'a direct go-gl require that nothing imports does not count');
  });

  it('static-link blockers: C files count in directories of reachable packages that import "C"', () => {
    const files = [
      file('main.go', 'package main\nimport "example.com/app/c"\nfunc main() { c.F() }\n'),
      file('c/c.go', 'package c\n// #include "c.h"\nimport "C"\nfunc F() {}\n'),
      file('d/d.go', 'package d\n// #include "d.h"\nimport "C"\n'),
    ];
    const cFiles = new Map([
      ['c', [{ rel: 'c/c.c', hazards: [{ symbol: 'iconv_open', line: 4 }] }]],
      ['d', [{ rel: 'd/d.c', hazards: [{ symbol: 'dlopen', line: 2 }] }]],
    ]);
    const r = analyze(input('module example.com/app\n', files, { cFiles }));
    assert.deepEqual(r.cgo.staticBlockers, [{ what: 'iconv_open()', why: 'loads gconv modules at run time', loc: { file: 'c/c.c', line: 4 } }]);
  });

  it('reachability: net, os/user, tzdata and x509 fallback only from reachable packages', () => {
    const files = [
      file('cmd/app/main.go', 'package main\nimport (_ "time/tzdata"; "example.com/app/internal/a")\nfunc main() { a.F() }\n'),
      file('internal/a/a.go', 'package a\nimport ("os/user"; _ "golang.org/x/crypto/x509roots/fallback")\nfunc F() { user.Current() }\n'),
      file('internal/b/b.go', 'package b\nimport "net/http"\nvar _ = http.Get\n'),
      file('internal/b/cc.go', 'package b\n// #cgo LDFLAGS: -lstdc++\nimport "C"\n'),
    ];
    const dirFiles = new Map([['internal/b', ['b.go', 'cc.go', 'x.cc']]]);
    const r = analyze(input('module example.com/app\n', files, { dirFiles }));
    assert.deepEqual(r.imports, { net: false, osUser: true, tlsClient: false });
    assert.equal(r.tz.embedded, true);
    assert.equal(r.x509Fallback, true);
    assert.deepEqual(r.cgo, { required: false, reasons: [], cxx: false, staticBlockers: [] });
  });

  it('embeds: all: stripped, dir recorded; runtime reads excluded only by the same package', () => {
    const files = [
      file('cmd/app/main.go', 'package main\nimport ("embed"; "os"; "example.com/app/web")\n//go:embed all:static\nvar s embed.FS\nfunc main() { os.ReadFile("static/a.txt"); os.ReadFile("assets/b.txt"); web.X() }\n'),
      file('web/web.go', 'package web\nimport ("embed"; "os")\n//go:embed assets\nvar a embed.FS\nfunc X() { os.ReadFile("static/c.txt") }\n'),
    ];
    const r = analyze(input('module example.com/app\n', files));
    assert.deepEqual(r.embeds.map((e) => [e.dir, e.pattern]), [['cmd/app', 'static'], ['web', 'assets']]);
    assert.deepEqual(r.runtimeReads.map((x) => [x.path, x.loc.file]), [['assets/b.txt', 'cmd/app/main.go'], ['static/c.txt', 'web/web.go']]);
  });
});
