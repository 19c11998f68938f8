// Generator tests (GENERATOR.md): golden files, the self-check matrix and decision-level unit tests.
//
// Golden files live in test/fixtures/generator/<fixture>[-<variant>].Dockerfile and .dockerignore. Each is
// the generator's output for a fixture workspace under test/fixtures/workspaces, with the .dockerignore
// already in the workspace merged in (so a golden .dockerignore can be the block to append).
// To rewrite them after an intended change, run
//   UPDATE_GOLDEN=1 npx mocha --no-config -r tsx/cjs --extension ts 'test/unit/generator/**/*.test.ts'
// and review every changed line: each one must be justifiable from GENERATOR.md.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../../../server/src/engine/facts';
import { LATEST } from '../../../server/src/engine/images';
import type { Finding } from '../../../server/src/engine/types';
import { effectiveDockerignore, generate, GenerateError, goreleaserBuildsDockerfile, selfCheck, type GenerateOptions, type GenerateResult } from '../../../server/src/generator';
import { parseDockerignore } from '../../../server/src/workspace/dockerignore';
import { emptyFacts, fixtureFacts, W0 } from '../../support/facts';

const GOLDEN = path.resolve(__dirname, '../../fixtures/generator');
const WORKSPACES = path.resolve(__dirname, '../../fixtures/workspaces');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function run(facts: WorkspaceFacts, options: Omit<GenerateOptions, 'existingDockerignore'> = {}): GenerateResult {
  return generate(facts, { ...options, existingDockerignore: effectiveDockerignore(facts) });
}

function show(f: Finding): string {
  return `${f.file ?? 'Dockerfile'}:${f.range.start.line + 1} ${f.severity} ${f.code}: ${f.message}`;
}

/**
 * Self-check: no error or warning on the generated files. A finding on another file (go.mod, go.work) is a
 * project problem the generator cannot solve: the generator must have announced it as a warning.
 */
function assertClean(r: GenerateResult, facts: WorkspaceFacts, label: string): Finding[] {
  const findings = selfCheck(r, facts);
  const ours = (f: Finding) => f.file === undefined || f.file === r.dockerignoreFile;
  const blocking = findings.filter((f) => ours(f) && (f.severity === 'error' || f.severity === 'warning'));
  assert.deepEqual(blocking.map(show), [], `${label}: the generated files have findings:\n${r.dockerfile}`);
  for (const f of findings.filter((x) => !ours(x) && (x.severity === 'error' || x.severity === 'warning'))) {
    const where = `${f.file}:${f.range.start.line + 1}`;
    assert.ok(r.warnings.some((w) => w.includes(where)), `${label}: ${show(f)} is not announced by a generator warning`);
  }
  return findings;
}

function golden(name: string, r: GenerateResult): void {
  const files: [string, string][] = [[`${name}.Dockerfile`, r.dockerfile], [`${name}.dockerignore`, r.dockerignore]];
  for (const [file, actual] of files) {
    const p = path.join(GOLDEN, file);
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(p, actual);
      continue;
    }
    assert.ok(existsSync(p), `missing golden file ${file} (run with UPDATE_GOLDEN=1)`);
    assert.equal(actual, readFileSync(p, 'utf8'), `${file} differs from the golden file (run with UPDATE_GOLDEN=1 to rewrite, then review)`);
  }
}

interface GoldenCase {
  fixture: string;
  variant?: string;
  options?: Omit<GenerateOptions, 'existingDockerignore'>;
  check?: (r: GenerateResult, facts: WorkspaceFacts) => void;
}

const CASES: GoldenCase[] = [
  {
    fixture: 'http-service',
    check: (r) => {
      assert.match(r.dockerfile, /^HEALTHCHECK .*CMD \["\/app", "-health"\]$/m);
      assert.match(r.dockerfile, /^EXPOSE 8080$/m);
      assert.ok(r.dockerignoreAppend, 'the existing .dockerignore is appended to');
      assert.ok(!/^\.git$/m.test(r.dockerignore), '.git is already excluded: not repeated');
    },
  },
  { fixture: 'http-service', variant: 'dev-test', options: { dev: true, test: true } },
  {
    fixture: 'cgo-sqlite',
    check: (r) => {
      assert.match(r.dockerfile, /^FROM golang:\$\{GO_VERSION\}-trixie AS build$/m);
      assert.ok(r.dockerfile.split('\n').every((l) => !l.startsWith('FROM --platform')), 'cgo: no --platform');
      assert.match(r.dockerfile, /CGO_ENABLED=1 go build/);
      assert.match(r.dockerfile, /^FROM gcr\.io\/distroless\/base-debian13:nonroot AS prod$/m);
    },
  },
  {
    fixture: 'cgo-sqlite',
    variant: 'static',
    options: { cgoLink: 'static' },
    check: (r) => {
      assert.match(r.dockerfile, /^FROM golang:\$\{GO_VERSION\}-trixie AS build$/m);
      assert.match(r.dockerfile, /CGO_ENABLED=1 go build -trimpath -tags netgo,osusergo,sqlite_omit_load_extension -ldflags='-s -w -linkmode external -extldflags "-static"' -o /);
      assert.match(r.dockerfile, /^FROM gcr\.io\/distroless\/static-debian13:nonroot AS prod$/m);
      assert.deepEqual(r.warnings, []);
    },
  },
  {
    fixture: 'multi-main',
    check: (r) => {
      assert.match(r.dockerfile, /-o \/out\/api \.\/cmd\/api$/m);
      assert.ok(r.warnings.some((w) => w.includes('./cmd/migrate') && w.includes('./cmd/worker') && w.includes('--main')));
    },
  },
  {
    fixture: 'multi-main',
    variant: 'all-mains',
    options: { allMains: true },
    check: (r) => {
      assert.match(r.dockerfile, /-o \/out\/ \.\/cmd\/migrate \.\/cmd\/worker \.\/cmd\/api$/m, 'cmd/wintool is not a linux main: packages listed');
      const froms = r.dockerfile.split('\n').filter((l) => l.startsWith('FROM '));
      assert.match(froms[froms.length - 1] as string, / AS api$/, 'the primary (listens on 9090) is last');
      assert.match(r.dockerfile, /^FROM alpine:[\d.]+ AS worker$/m, 'worker runs git: alpine with git');
      assert.match(r.dockerfile, /apk add --no-cache git/);
    },
  },
  { fixture: 'no-gosum', check: (r) => assert.match(r.dockerfile, /^COPY go\.mod \.\/$/m) },
  {
    fixture: 'vendored',
    check: (r) => {
      assert.doesNotMatch(r.dockerfile, /go mod download/);
      assert.doesNotMatch(r.dockerfile, /target=\/go\/pkg\/mod/);
      assert.doesNotMatch(r.dockerignore, /vendor/);
    },
  },
  {
    fixture: 'local-replace',
    check: (r) => {
      assert.match(r.dockerfile, /^COPY lib\/go\.mod lib\/$/m, 'lib has no go.sum: only its go.mod');
      assert.ok(r.warnings.some((w) => w.includes('../outside')));
    },
  },
  {
    fixture: 'gowork',
    check: (r) => {
      assert.match(r.dockerfile, /^ENV GOWORK=off$/m);
      assert.match(r.dockerignore, /^go\.work$/m);
      assert.match(r.dockerignore, /^go\.work\.sum$/m);
    },
  },
  { fixture: 'tz', check: (r) => assert.doesNotMatch(r.dockerfile, /timetzdata/, 'distroless has tzdata') },
  {
    fixture: 'tz',
    variant: 'scratch',
    options: { runtime: 'scratch' },
    check: (r) => {
      assert.match(r.dockerfile, /go build -trimpath -tags timetzdata /);
      assert.match(r.dockerfile, /^USER 65532:65532$/m);
      assert.doesNotMatch(r.dockerfile, /ca-certificates/, 'no networking, no dependencies: no CA bundle needed');
    },
  },
  {
    fixture: 'templates',
    check: (r) => {
      assert.match(r.dockerfile, /^WORKDIR \/srv$/m, '/app is the binary: the assets go elsewhere');
      assert.match(r.dockerfile, /^COPY --from=build \/src\/web\/templates \/srv\/web\/templates$/m);
      assert.doesNotMatch(r.dockerfile, /web\/static/, 'web/static is embedded');
    },
  },
  {
    fixture: 'v2-module',
    check: (r) => {
      assert.match(r.dockerfile, /-o \/out\/tool \.$/m, 'named after the last non-major-version element');
      assert.match(r.dockerfile, /org\.opencontainers\.image\.source="https:\/\/github\.com\/acme\/tool"/);
    },
  },
  {
    fixture: 'ci-target',
    check: (r) => {
      assert.match(r.dockerfile, /^RUN go mod download$/m, 'ephemeral CI: portable strategy');
      assert.match(r.dockerfile, / AS runtime$/m, 'docker-bake.hcl builds --target runtime');
      assert.match(r.dockerfile, /^FROM build AS test$/m);
      assert.match(r.dockerfile, / AS dev$/m);
      assert.doesNotMatch(r.dockerfile, /ignore=GD021/, 'CI builds --target test');
    },
  },
  {
    fixture: 'goreleaser',
    check: (r) => {
      assert.match(r.dockerfile, /^COPY \$TARGETPLATFORM\/rel \/rel$/m);
      assert.doesNotMatch(r.dockerfile, /go build/);
    },
  },
];

describe('generator: golden files', function () {
  this.timeout(20_000);
  for (const c of CASES) {
    const name = c.variant ? `${c.fixture}-${c.variant}` : c.fixture;
    it(`${name}${c.options ? ` ${JSON.stringify(c.options)}` : ''}`, async () => {
      const facts = await fixtureFacts(c.fixture)();
      const r = run(facts, c.options);
      assert.ok(!r.dockerfile.includes('\r'), 'LF line endings');
      assert.ok(r.dockerfile.startsWith('# syntax=docker/dockerfile:1\n'));
      assertClean(r, facts, name);
      c.check?.(r, facts);
      golden(name, r);
    });
  }
});

describe('generator: self-check matrix (every fixture × runtime × dev × test × allMains)', function () {
  this.timeout(60_000);
  const fixtures = readdirSync(WORKSPACES).filter((n) => existsSync(path.join(WORKSPACES, n, 'go.mod'))).sort();
  for (const fixture of fixtures) {
    it(fixture, async () => {
      const facts = await fixtureFacts(fixture)();
      let n = 0;
      for (const runtime of [undefined, 'distroless', 'scratch', 'alpine'] as const) {
        for (const dev of [false, true]) {
          for (const test of [false, true]) {
            for (const allMains of facts.mainPackages.length > 1 ? [false, true] : [false]) {
              for (const cacheStrategy of ['auto', 'portable'] as const) {
                for (const mode of goreleaserBuildsDockerfile(facts) ? (['auto', 'build'] as const) : (['auto'] as const)) {
                  for (const cgoLink of facts.cgo.required ? (['dynamic', 'static'] as const) : (['dynamic'] as const)) {
                    const options = { runtime, dev, test, allMains, cacheStrategy, mode, cgoLink };
                    assertClean(run(facts, options), facts, `${fixture} ${JSON.stringify(options)}`);
                    n++;
                  }
                }
              }
            }
          }
        }
      }
      assert.ok(n >= 32);
    });
  }
});

describe('generator: decisions', function () {
  this.timeout(20_000);
  const clean = (facts: WorkspaceFacts, options: GenerateOptions = {}): GenerateResult => {
    const r = run(facts, options);
    assertClean(r, facts, JSON.stringify(options));
    return r;
  };

  it('refuses a Dockerfile without go.mod', () => {
    assert.throws(() => generate(emptyFacts()), GenerateError);
  });

  it('W0 default: the GENERATOR §4.1 shape', () => {
    const r = clean(W0());
    const lines = r.dockerfile.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.deepEqual(lines, [
      'ARG GO_VERSION=1.26',
      'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build',
      'WORKDIR /src',
      'COPY go.mod go.sum ./',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    go mod download',
      'COPY . .',
      'ARG TARGETOS',
      'ARG TARGETARCH',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    --mount=type=cache,target=/root/.cache/go-build \\',
      '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\',
      '    go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app',
      'FROM gcr.io/distroless/static-debian13:nonroot AS prod',
      'ARG VERSION=dev',
      'ARG COMMIT=unknown',
      'LABEL org.opencontainers.image.version="${VERSION}" \\',
      '      org.opencontainers.image.revision="${COMMIT}"',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
    ]);
  });

  it('portable strategy: neither the download nor the build mounts /go/pkg/mod', () => {
    const r = clean(W0(), { cacheStrategy: 'portable' });
    assert.doesNotMatch(r.dockerfile, /target=\/go\/pkg\/mod/);
    assert.match(r.dockerfile, /^RUN go mod download$/m);
    assert.match(r.dockerfile, /^RUN --mount=type=cache,target=\/root\/\.cache\/go-build \\$/m);
  });

  it('GOARM from TARGETVARIANT only when 32-bit ARM is targeted', () => {
    const r = clean(W0({ release: { platforms: ['linux/amd64', 'linux/arm/v7'] } }));
    assert.match(r.dockerfile, /^ARG TARGETVARIANT$/m);
    assert.match(r.dockerfile, /if \[ "\$TARGETARCH" = arm \]; then export GOARM="\$\{TARGETVARIANT#v\}"; fi;/);
    assert.doesNotMatch(clean(W0({ release: { platforms: ['linux/amd64', 'linux/arm64'] } })).dockerfile, /GOARM|TARGETVARIANT/);
  });

  it('cgo with C++: distroless cc; scratch and alpine requests fall back with a warning', () => {
    const facts = W0({ cgo: { required: true, reasons: [{ kind: 'import-c', loc: { file: 'cmd/app/main.go', line: 3 } }], cxx: true, staticBlockers: [] } });
    for (const runtime of ['scratch', 'alpine'] as const) {
      const r = clean(facts, { runtime });
      assert.match(r.dockerfile, /^FROM gcr\.io\/distroless\/cc-debian13:nonroot AS prod$/m);
      assert.ok(r.warnings.some((w) => w.includes(`"${runtime}"`)));
      assert.ok(r.decisions.some((d) => d.topic === 'runtime image' && d.choice.includes('cc-debian13')));
    }
  });

  it('cgo plus exec of tools: debian slim of the builder codename with the tools and CA certificates', () => {
    const r = clean(W0({
      cgo: { required: true, reasons: [{ kind: 'module', module: 'github.com/mattn/go-sqlite3', loc: { file: 'go.mod', line: 5 } }], cxx: false, staticBlockers: [] },
      execTools: [{ name: 'git', loc: { file: 'cmd/app/main.go', line: 9 } }],
    }));
    assert.match(r.dockerfile, /^FROM debian:trixie-slim AS prod$/m);
    assert.match(r.dockerfile, /apt-get install -y --no-install-recommends ca-certificates git/);
    assert.match(r.dockerfile, /useradd --uid 65532/);
  });

  it('--cgo-link static: a static cgo binary on the requested runtime; refused with a warning when the C code needs shared libraries', () => {
    const reasons = [{ kind: 'import-c' as const, loc: { file: 'cmd/app/main.go', line: 3 } }];
    const onScratch = clean(W0({ cgo: { required: true, reasons, cxx: false, staticBlockers: [] } }), { cgoLink: 'static', runtime: 'scratch' });
    assert.match(onScratch.dockerfile, /^FROM scratch AS prod$/m);
    assert.match(onScratch.dockerfile, /-tags netgo,osusergo -ldflags='-s -w -linkmode external -extldflags "-static"'/);
    assert.ok(onScratch.decisions.some((d) => d.topic === 'cgo' && /linked statically/.test(d.choice)));
    assert.deepEqual(onScratch.warnings, []);

    const blocked = W0({ cgo: { required: true, reasons, cxx: false, staticBlockers: [{ what: 'getaddrinfo()', why: 'resolves host names through NSS', loc: { file: 'cmd/app/dns.c', line: 4 } }] } });
    const r = clean(blocked, { cgoLink: 'static' });
    assert.match(r.dockerfile, /^FROM gcr\.io\/distroless\/base-debian13:nonroot AS prod$/m);
    assert.doesNotMatch(r.dockerfile, /extldflags/);
    assert.deepEqual(r.warnings, ['--cgo-link static was not applied: getaddrinfo() (cmd/app/dns.c:4) resolves host names through NSS, which a statically linked binary cannot do on an image without a libc. The binary is linked dynamically against glibc.']);

    const pure = clean(W0(), { cgoLink: 'static' });
    assert.equal(pure.dockerfile, clean(W0()).dockerfile, 'no cgo: the option changes nothing');
  });

  it('scratch is refused when os/user is used, kept otherwise (CA bundle copied for TLS)', () => {
    const refused = clean(W0({ imports: { net: true, osUser: true, tlsClient: true } }), { runtime: 'scratch' });
    assert.match(refused.dockerfile, /^FROM gcr\.io\/distroless\/static-debian13:nonroot AS prod$/m);
    assert.ok(refused.warnings.some((w) => w.includes('scratch refused')));
    assert.ok(refused.decisions.some((d) => d.topic === 'runtime image' && /os\/user/.test(d.because)));
    const kept = clean(W0(), { runtime: 'scratch' });
    assert.match(kept.dockerfile, /^FROM scratch AS prod$/m);
    assert.match(kept.dockerfile, /^COPY --from=build \/etc\/ssl\/certs\/ca-certificates\.crt \/etc\/ssl\/certs\/ca-certificates\.crt$/m);
  });

  it('alpine on request: nonroot 65532 created, tzdata installed for named zones', () => {
    const r = clean(W0({ tz: { uses: [{ file: 'cmd/app/main.go', line: 7 }], embedded: false } }), { runtime: 'alpine' });
    assert.match(r.dockerfile, /^RUN apk add --no-cache tzdata \\$/m);
    assert.match(r.dockerfile, /adduser -D -u 65532 -G nonroot/);
    assert.match(r.dockerfile, /^USER 65532:65532$/m);
    assert.doesNotMatch(r.dockerfile, /timetzdata/);
  });

  it('the main package: options.main in any spelling; otherwise the listening one, with a warning', () => {
    const facts = W0({
      mainPackages: [
        { dir: 'cmd/tool', binary: 'tool', loc: { file: 'cmd/tool/main.go', line: 1 } },
        { dir: 'cmd/web', binary: 'web', loc: { file: 'cmd/web/main.go', line: 1 } },
      ],
      ports: [{ port: 8080, loc: { file: 'cmd/web/main.go', line: 9 } }],
      entries: ['go.mod', 'go.sum', 'cmd/', 'cmd/tool/', 'cmd/web/', 'cmd/tool/main.go', 'cmd/web/main.go'],
    });
    const auto = clean(facts);
    assert.match(auto.dockerfile, /-o \/out\/web \.\/cmd\/web$/m);
    assert.ok(auto.warnings.some((w) => w.includes('./cmd/tool')));
    for (const main of ['./cmd/tool', 'cmd/tool', 'cmd/tool/']) {
      const r = clean(facts, { main });
      assert.match(r.dockerfile, /-o \/out\/tool \.\/cmd\/tool$/m);
      assert.doesNotMatch(r.dockerfile, /^EXPOSE/m, 'the port belongs to cmd/web');
    }
    const all = clean(facts, { allMains: true });
    assert.match(all.dockerfile, /-o \/out\/ \.\/cmd\/\.\.\.$/m, 'every package under cmd/ is a main: ./cmd/...');
  });

  it('delve is pinned to the knowledge base version; the dev build has no -s -w and no -trimpath', () => {
    const r = clean(W0(), { dev: true });
    assert.ok(r.dockerfile.includes(`go install github.com/go-delve/delve/cmd/dlv@${LATEST.delve}`));
    const devBuild = r.dockerfile.split('\n').find((l) => l.includes('-gcflags="all=-N -l"') && l.includes('go build')) as string;
    assert.doesNotMatch(devBuild, /-s -w|-trimpath/);
    const stages = r.dockerfile.split('\n').filter((l) => l.startsWith('FROM '));
    assert.match(stages[stages.length - 1] as string, / AS prod$/, 'the final stage stays last');
  });

  it('builder tag follows the toolchain directive when it is newer than the go line', () => {
    const facts = W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.25', toolchain: '1.26.3', requires: [], replaces: [] } });
    assert.match(clean(facts).dockerfile, /^ARG GO_VERSION=1\.26$/m);
  });

  it('go:embed targets are never excluded; an existing file excluding them gets a re-include appended', () => {
    // A web UI built into dist/ and embedded (`//go:embed dist`): the template's dist/ must go.
    const embeds = [{ dir: '', pattern: 'dist', loc: { file: 'cmd/app/ui.go', line: 5 } }];
    const entries = ['go.mod', 'go.sum', 'cmd/', 'cmd/app/', 'cmd/app/main.go', 'dist/', 'dist/index.html'];
    const fresh = clean(W0({ embeds, entries, dockerignores: [] }));
    assert.doesNotMatch(fresh.dockerignore, /^dist\/$/m);
    assert.ok(fresh.decisions.some((d) => d.topic === '.dockerignore' && d.choice.startsWith('dist/')));
    const existing = parseDockerignore('.git\ndist/\n');
    const r = clean(W0({ embeds, entries, dockerignores: [existing] }));
    assert.ok(r.dockerignoreAppend);
    assert.match(r.dockerignore, /^!dist$/m);
  });

  it('appending respects an existing re-include and a missing final newline', () => {
    const existing = parseDockerignore('.git\n!.env.example');
    const r = clean(W0({ dockerignores: [existing] }));
    assert.ok(r.dockerignore.startsWith('\n# added by go-dockerfile\n'));
    assert.doesNotMatch(r.dockerignore, /^\.env\*$/m, '.env* would exclude the re-included .env.example');
  });
});
