import { strict as assert } from 'node:assert';
import { parseMakefile } from '../../../server/src/workspace/makefile';
import { buildReleaseTooling, parseBake, parseCompose, parseGoreleaser, scanCiText } from '../../../server/src/workspace/tooling';
import { parseYaml, yGet, ySeq, yStr } from '../../../server/src/workspace/yaml';

describe('workspace/yaml: parseYaml', () => {
  it('reads maps, sequences of maps, compact sequences, flow lists, quotes and comments', () => {
    const doc = parseYaml(`# top
a: 1
b:
  - x: "quoted # not a comment"
    y: 'it''s'
  - plain # comment
c:
- one
- two
d: [e, "f", g]
run: |
  echo "# kept"

  second line
after: yes
`);
    assert.equal(yStr(yGet(doc, 'a')), '1');
    const b = ySeq(yGet(doc, 'b'));
    assert.equal(yStr(yGet(b[0], 'x')), 'quoted # not a comment');
    assert.equal(yStr(yGet(b[0], 'y')), "it's");
    assert.equal(yStr(b[1]), 'plain');
    assert.deepEqual(ySeq(yGet(doc, 'c')).map(yStr), ['one', 'two']);
    assert.deepEqual(ySeq(yGet(doc, 'd')).map(yStr), ['e', 'f', 'g']);
    assert.equal(yStr(yGet(doc, 'run')), 'echo "# kept"\n\nsecond line');
    assert.equal(yStr(yGet(doc, 'after')), 'yes');
  });
});

describe('workspace/tooling', () => {
  it('goreleaser: dockerfiles default to Dockerfile; cgoDisabled needs every build', () => {
    const g = parseGoreleaser(`builds:
  - id: a
    env: [CGO_ENABLED=0]
  - id: b
    env:
      - CGO_ENABLED=1
dockers_v2:
  - images: [acme/app]
dockers:
  - dockerfile: Dockerfile.release
`, '.goreleaser.yml');
    assert.deepEqual(g.dockerfiles, ['Dockerfile.release', 'Dockerfile']);
    assert.equal(g.cgoDisabled, false);
    const top = parseGoreleaser('env:\n  - CGO_ENABLED=0\nbuilds:\n  - id: a\n', '.goreleaser.yaml');
    assert.equal(top.cgoDisabled, true, 'top-level env applies to every build');
    assert.deepEqual(top.dockerfiles, []);
    assert.equal(parseGoreleaser('project_name: x\n', 'g.yaml').cgoDisabled, false);
  });

  it('bake: target attributes and (multi-line) platform lists', () => {
    const b = parseBake(`group "default" { targets = ["app"] }
target "app" {
  target = "runtime" # stage
  platforms = ["linux/amd64",
               "linux/arm64"]
}
target "test" {
  inherits = ["app"]
  target = "test"
}
`, 'docker-bake.hcl');
    assert.deepEqual(b.targets.map((t) => [t.name, t.loc.line]), [['runtime', 3], ['test', 9]]);
    assert.deepEqual(b.platforms, ['linux/amd64', 'linux/arm64']);
    const j = parseBake('{"target":{"app":{"target":"prod","platforms":["linux/arm64"]}}}', 'docker-bake.json');
    assert.deepEqual([j.targets[0].name, j.platforms], ['prod', ['linux/arm64']]);
  });

  it('compose: build.target and build.platforms per service', () => {
    const c = parseCompose(`services:
  api:
    build:
      context: .
      target: dev
      platforms: ["linux/amd64", "linux/arm64"]
  db:
    image: postgres:17
  worker:
    build: .
`, 'compose.yaml');
    assert.deepEqual(c.targets.map((t) => [t.name, t.loc.line]), [['dev', 5]]);
    assert.deepEqual(c.platforms, ['linux/amd64', 'linux/arm64']);
  });

  it('CI: --target (also across continuations), platforms, cache-to, buildx, runners', () => {
    const ci = scanCiText(`jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - run: |
          docker buildx build \\
            --target=lint \\
            --cache-to type=gha .
          cargo build --target x86_64-unknown-linux-gnu
      - uses: docker/build-push-action@v6
        with:
          target: release
          platforms: |
            linux/amd64
      - name: matrix
        strategy:
          platforms:
            - linux/arm64
            - linux/arm/v7
`, '.github/workflows/ci.yml');
    assert.deepEqual(ci.targets.map((t) => [t.name, t.loc.line]), [['lint', 8], ['release', 13]]);
    assert.deepEqual(ci.platforms, ['linux/arm64', 'linux/arm/v7']);
    assert.equal(ci.cacheTo, true);
    assert.equal(ci.buildx, true);
    assert.equal(ci.hosted, true);
    const selfHosted = scanCiText('runs-on: [self-hosted, linux]\nsteps:\n  - run: docker build --cache-to type=local,dest=/c .\n', 'x.yml');
    const dance = scanCiText('runs-on: ubuntu-latest\n- uses: reproducible-containers/buildkit-cache-dance@v3\n- run: x --cache-to y\n', 'y.yml');
    const tooling = buildReleaseTooling({ bake: [], compose: [], ci: [selfHosted, dance], local: [] });
    assert.equal(tooling.ephemeralCi, false, 'self-hosted or cache-dance is not ephemeral');
    assert.equal(buildReleaseTooling({ bake: [], compose: [], ci: [ci], local: [] }).ephemeralCi, true);
  });

  it('Makefile: targets, recipes (tab removed), inline recipes, assignments and specials skipped', () => {
    const targets = parseMakefile(`GO ?= go
LDFLAGS := -s -w
export CGO_ENABLED=0
.PHONY: build test
build: deps ## build it
\tCGO_ENABLED=0 $(GO) build -trimpath \\
\t  -o bin/app ./cmd/app

# comment between rules
test:
\tgo test ./...
lint: ; golangci-lint run
bin/app: $(wildcard *.go)
\tgo build -o $@ .
build: GOFLAGS=-mod=vendor
define HELP
not: a target
endef
deps:
`, 'Makefile');
    assert.deepEqual(targets.map((t) => [t.name, t.loc.line, t.recipe]), [
      ['build', 5, ['CGO_ENABLED=0 $(GO) build -trimpath \\', '  -o bin/app ./cmd/app']],
      ['test', 10, ['go test ./...']],
      ['lint', 12, ['golangci-lint run']],
      ['bin/app', 13, ['go build -o $@ .']],
      ['deps', 19, []],
    ]);
  });
});
