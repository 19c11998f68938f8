import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../../../server/src/engine/facts';
import { isIgnored, scanWorkspace } from '../../../server/src/workspace';

const FIXTURES = path.resolve(__dirname, '../../fixtures/workspaces');

function scan(name: string): Promise<WorkspaceFacts> {
  const root = path.join(FIXTURES, name);
  return scanWorkspace(root, { moduleSearchStop: root });
}

describe('workspace/scan: fixture workspaces', () => {
  it('http-service: module, go.sum, one main, net + TLS client, port 8080, -health flag', async () => {
    const f = await scan('http-service');
    assert.equal(f.root, path.join(FIXTURES, 'http-service'));
    assert.equal(f.module?.path, 'example.com/app');
    assert.equal(f.module?.goVersion, '1.26.1');
    assert.equal(f.goSum, true);
    assert.equal(f.vendor, false);
    assert.equal(f.goWork, undefined);
    assert.deepEqual(f.mainPackages, [
      { dir: 'cmd/app', binary: 'app', importPath: 'example.com/app/cmd/app', loc: { file: 'cmd/app/main.go', line: 11 } },
    ]);
    assert.equal(f.cgo.required, false);
    assert.deepEqual(f.imports, { net: true, osUser: false, tlsClient: true });
    assert.deepEqual(f.ports, [{ port: 8080, loc: { file: 'cmd/app/main.go', line: 31 } }]);
    assert.deepEqual(f.healthProbe, { arg: '-health', loc: { file: 'cmd/app/main.go', line: 12 } });
    assert.deepEqual(f.dockerignores.map((d) => d.file), ['.dockerignore']);
    assert.deepEqual(f.entries, ['.dockerignore', 'cmd/', 'go.mod', 'go.sum', 'cmd/app/', 'cmd/app/main.go']);
    assert.equal(f.limits.capped, false);
    assert.equal(f.limits.filesScanned, 4);
  });

  it('cgo-import-c: import "C" reachable from main counts; test-only and unreachable ones do not', async () => {
    const f = await scan('cgo-import-c');
    assert.equal(f.cgo.required, true);
    assert.deepEqual(f.cgo.reasons, [{ kind: 'import-c', loc: { file: 'internal/img/resize.go', line: 7 } }]);
    assert.equal(f.cgo.cxx, false);
  });

  it('cgo-static-blockers: C calls that need shared libraries at run time, from reachable preambles and C files only', async () => {
    const f = await scan('cgo-static-blockers');
    assert.equal(f.cgo.required, true);
    assert.deepEqual(
      f.cgo.staticBlockers.map((b) => `${b.what} ${b.loc.file}:${b.loc.line} (${b.why})`).sort(),
      [
        'dlopen() internal/plug/load.c:8 (loads shared libraries at run time)',
        'getpwnam() internal/plug/plug.go:10 (looks up users through NSS)',
      ],
    );
    assert.deepEqual((await scan('cgo-import-c')).cgo.staticBlockers, []);
  });

  it('cgo-sqlite: a required cgo-only module imported by main', async () => {
    const f = await scan('cgo-sqlite');
    assert.equal(f.cgo.required, true);
    assert.deepEqual(f.cgo.reasons, [{ kind: 'module', module: 'github.com/mattn/go-sqlite3', loc: { file: 'go.mod', line: 5 } }]);
    assert.deepEqual(f.mainPackages.map((m) => [m.dir, m.binary]), [['', 'store']]);
  });

  it('vendored: vendor/modules.txt sets vendor; vendored sources are not scanned', async () => {
    const f = await scan('vendored');
    assert.equal(f.vendor, true);
    assert.equal(f.cgo.required, false, 'the import "C" under vendor/ is never read');
    assert.ok(f.entries.includes('vendor/'));
    assert.ok(f.entries.includes('vendor/modules.txt'));
    assert.ok(!f.entries.includes('vendor/github.com/'));
  });

  it('local-replace: local vs module replaces, nested module, reachability through the replace', async () => {
    const f = await scan('local-replace');
    assert.deepEqual(f.module?.replaces.map((r) => [r.from, r.to, r.local, r.dir, r.outsideContext]), [
      ['example.com/lib', './lib', true, 'lib', false],
      ['example.com/other', '../outside', true, '../outside', true],
      ['golang.org/x/net', 'golang.org/x/net', false, undefined, undefined],
    ]);
    assert.deepEqual(f.nestedModules, [{ dir: 'lib', path: 'example.com/lib' }]);
    assert.deepEqual(f.mainPackages.map((m) => m.dir), ['cmd/app'], 'the nested module\'s main is not ours');
    assert.equal(f.imports.osUser, true, 'os/user comes from ./lib, reached through the replace');
  });

  it('gowork: go.work use dirs with ../shared outside the context, go.work.sum', async () => {
    const f = await scan('gowork');
    assert.deepEqual(f.goWork?.use.map((u) => [u.dir, u.outsideContext, u.loc.line]), [
      ['', false, 4], ['lib', false, 5], ['../shared', true, 6],
    ]);
    assert.equal(f.goWork?.goVersion, '1.26.1');
    assert.equal(f.goWorkSum, true);
    assert.equal(f.imports.tlsClient, true, 'crypto/tls in ./lib, reached through go.work');
  });

  it('multi-main: three mains; windows-only and //go:build ignore mains excluded', async () => {
    const f = await scan('multi-main');
    assert.deepEqual(f.mainPackages.map((m) => [m.dir, m.binary]), [['cmd/api', 'api'], ['cmd/migrate', 'migrate'], ['cmd/worker', 'worker']]);
    assert.equal(f.cgo.required, false, 'open_windows.go (import "C") is excluded by its file name');
    assert.deepEqual(f.ports.map((p) => p.port), [9090]);
    assert.deepEqual(f.execTools.map((e) => e.name), ['git']);
    assert.deepEqual(f.runtimeReads.map((r) => [r.path, r.call]), [['migrations', 'file://']]);
    assert.equal(f.imports.net, true);
  });

  it('no-gosum: goSum false, root main named after the module', async () => {
    const f = await scan('no-gosum');
    assert.equal(f.goSum, false);
    assert.deepEqual(f.mainPackages.map((m) => [m.dir, m.binary, m.importPath]), [['', 'tiny', 'example.com/tiny']]);
  });

  it('tz: a named zone counts, "UTC" does not', async () => {
    const f = await scan('tz');
    assert.deepEqual(f.tz, { uses: [{ file: 'main.go', line: 10 }], embedded: false });
  });

  it('templates: ParseGlob is a runtime read; the embedded path is excluded; PORT default', async () => {
    const f = await scan('templates');
    assert.deepEqual(f.runtimeReads, [{ path: 'web/templates/*.html', call: 'template.ParseGlob', loc: { file: 'cmd/app/main.go', line: 15 } }]);
    assert.deepEqual(f.embeds, [{ dir: 'cmd/app', pattern: 'web/static', loc: { file: 'cmd/app/main.go', line: 11 } }]);
    assert.deepEqual(f.ports.map((p) => p.port), [3000]);
  });

  it('v2-module: binary named after the last non-major-version element; toolchain', async () => {
    const f = await scan('v2-module');
    assert.deepEqual(f.mainPackages.map((m) => [m.dir, m.binary, m.importPath]), [['', 'tool', 'github.com/acme/tool/v2']]);
    assert.equal(f.module?.toolchain, '1.26.3');
    assert.equal(f.imports.osUser, true);
  });

  it('dockerignore-variants: both ignore files parsed; the embed dir is excluded by **/templates', async () => {
    const f = await scan('dockerignore-variants');
    assert.deepEqual(f.dockerignores.map((d) => d.file), ['.dockerignore', 'Dockerfile.dockerignore']);
    const [root, specific] = f.dockerignores;
    assert.deepEqual(root.patterns.map((p) => [p.negate ? `!${p.pattern}` : p.pattern, p.line]), [
      ['.git', 2], ['**/templates', 3], ['*.md', 5], ['!keep', 6],
    ]);
    assert.equal(root.lineCount, 6);
    assert.equal(root.endsWithNewline, true);
    assert.deepEqual(f.embeds.map((e) => `${e.dir}/${e.pattern}`), ['cmd/app/templates/*']);
    assert.equal(isIgnored(root, 'cmd/app/templates/index.html'), true);
    assert.equal(isIgnored(root, 'README.md'), true);
    assert.equal(isIgnored(root, 'docs/guide.md'), false);
    assert.equal(isIgnored(root, 'keep/notes.md'), false);
    assert.equal(isIgnored(specific, 'go.mod'), false);
    assert.equal(isIgnored(specific, 'README.md'), true);
    assert.equal(isIgnored(specific, 'cmd/app/main.go'), false);
  });

  it('goreleaser: dockers_v2 default Dockerfile, dockers dockerfile, CGO_ENABLED=0, ko', async () => {
    const f = await scan('goreleaser');
    assert.deepEqual(f.release.goreleaser, { file: '.goreleaser.yaml', dockerfiles: ['build/Dockerfile.legacy', 'Dockerfile'], cgoDisabled: true });
    assert.deepEqual(f.release.ko, { file: '.ko.yaml' });
    assert.deepEqual(f.release.platforms, ['linux/amd64', 'linux/arm64']);
  });

  it('makefile: build target and recipe; --target and platforms of the image target', async () => {
    const f = await scan('makefile');
    const build = f.makeTargets.find((t) => t.name === 'build');
    assert.deepEqual(build, { name: 'build', recipe: ['CGO_ENABLED=0 go build -trimpath -o bin/app ./cmd/app'], loc: { file: 'Makefile', line: 6 } });
    assert.deepEqual(f.makeTargets.map((t) => t.name), ['build', 'test', 'image']);
    assert.deepEqual(f.release.targets, [{ name: 'runtime', loc: { file: 'Makefile', line: 15 } }]);
    assert.equal(f.release.buildx, true);
    assert.equal(f.release.ephemeralCi, false, 'a Makefile is not CI');
  });

  it('ci-target: workflow --target and platforms, plus bake and compose targets', async () => {
    const f = await scan('ci-target');
    assert.deepEqual(f.release.targets.map((t) => [t.name, t.loc.file, t.loc.line]), [
      ['runtime', 'docker-bake.hcl', 2],
      ['dev', 'compose.yaml', 5],
      ['test', '.github/workflows/ci.yml', 9],
    ]);
    assert.deepEqual(f.release.platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(f.release.buildx, true);
    assert.equal(f.release.ephemeralCi, true, 'GitHub-hosted runner exporting cache-to');
    assert.ok(f.entries.includes('.github/'));
    assert.ok(f.entries.includes('.github/workflows/ci.yml'));
  });
});
