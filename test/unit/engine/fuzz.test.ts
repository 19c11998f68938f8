// Property-based fuzzing of the engine (fast-check): Dockerfiles built from grammar fragments, and the
// project's own Dockerfiles (fixtures, the incorrect examples of the rule pages) mutated the way editors
// and bad tools break them (flipped bytes, cut lines, duplicated continuations, unterminated heredocs and
// JSON, CRLF, BOM, NUL bytes, very long lines, deep stage chains). For every input:
//   - lint never throws and no rule fails (no GD000 internal-error finding);
//   - every range (finding, related location, fix edit) lies inside the document;
//   - every fix applies on its own and the result lints;
//   - applying the fixes gives a text that lints without a new error, and fixing twice equals fixing once.
// GO_DOCKERFILE_FUZZ_RUNS=N runs N cases per property (default 40); GO_DOCKERFILE_FUZZ_SEED=S replays a seed.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkEngine } from '../../support/engine-properties';

const RUNS = Number(process.env.GO_DOCKERFILE_FUZZ_RUNS ?? 40);
const SEED = process.env.GO_DOCKERFILE_FUZZ_SEED !== undefined ? Number(process.env.GO_DOCKERFILE_FUZZ_SEED) : 20261127;
const ROOT = path.resolve(__dirname, '../../..');

/** The project's Dockerfiles: fixtures, and the `dockerfile incorrect` / `correct` examples of the rule pages. */
function seeds(): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) visit(abs);
      else if (/Dockerfile/.test(e.name) && !e.name.endsWith('.dockerignore')) out.push(readFileSync(abs, 'utf8'));
    }
  };
  visit(path.join(ROOT, 'test/fixtures'));
  const rules = path.join(ROOT, 'docs/rules');
  for (const f of readdirSync(rules)) {
    if (!f.endsWith('.md')) continue;
    for (const m of readFileSync(path.join(rules, f), 'utf8').matchAll(/```dockerfile[^\n]*\n([\s\S]*?)```/g)) out.push(m[1] as string);
  }
  return out;
}

const SEEDS = seeds();

// --- grammar fragments ---

const image = fc.constantFrom(
  'golang:1.26',
  'golang:1.22-alpine',
  'golang',
  'golang:latest',
  'golang:${GO_VERSION}',
  'golang:${GO_VERSION:-1.26}-bookworm',
  'gcr.io/distroless/static-debian12:nonroot',
  'gcr.io/distroless/base',
  'scratch',
  'alpine:3.22',
  'alpine',
  'debian:bookworm-slim',
  'ubuntu',
  'busybox',
  'cgr.dev/chainguard/go',
  'build',
  'base',
  '0',
  'mcr.microsoft.com/windows/nanoserver:ltsc2022',
  'golang@sha256:' + 'a'.repeat(64),
  '--platform=$BUILDPLATFORM golang:1.26',
);
const stageName = fc.constantFrom('build', 'builder', 'base', 'test', 'dev', 'debug', 'runtime', 'final', 'BUILD', 'tools');
const word = fc.constantFrom('app', '/app', './cmd/app', '.', './...', '/out/app', 'go.mod', 'go.sum', '*.go', '$APP', '${OUT:-/out}', '"quoted path"', "'single'", '~/.netrc', '/root/.ssh/id_rsa');
const goCmd = fc.constantFrom(
  'go build -o /out/app .',
  'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app',
  'CGO_ENABLED=1 GOOS=linux GOARCH=arm64 go build -o /app',
  'go build -a -installsuffix cgo -o app',
  'go mod download',
  'go mod tidy',
  'go install ./...',
  'go test ./...',
  'go build -race -gcflags="all=-N -l" -o /dlv-app',
  'GOFLAGS="-ldflags=-s -w" go build',
  'go env -w GOPROXY=direct',
  'go build -ldflags "-X main.version=$VERSION" -o /app',
  'xx-go build -o /app',
  'go -C ./sub build -o /app',
);
const shellCmd = fc.constantFrom(
  'apt-get update && apt-get install -y git ca-certificates',
  'apk add git',
  'apk add --no-cache ca-certificates tzdata',
  'echo "$TOKEN" > ~/.netrc',
  'git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"',
  'make build',
  './build.sh',
  'useradd -u 10001 app',
  'rm -rf /var/lib/apt/lists/*',
  'cd /src && ls',
  '(cd sub; go build)',
  'if [ -f go.mod ]; then go mod download; fi',
  'for f in a b; do echo $f; done',
  'echo ${A:-${B:+c}}',
  'echo "unterminated',
  "echo 'also unterminated",
  'sh -c "go build -o /app"',
);
const mount = fc.constantFrom('', '--mount=type=cache,target=/go/pkg/mod ', '--mount=type=cache,target=/root/.cache/go-build ', '--mount=type=secret,id=netrc,target=/root/.netrc ', '--mount=type=ssh ', '--mount=type=bind,from=build,source=/out,target=/x ', '--network=none ', '--mount=type=cache,id=$X,target=$GOCACHE ');

const run = fc.oneof(
  fc.tuple(mount, goCmd).map(([m, c]) => `RUN ${m}${c}`),
  fc.tuple(mount, shellCmd).map(([m, c]) => `RUN ${m}${c}`),
  fc.tuple(goCmd, shellCmd).map(([a, b]) => `RUN ${a} \\\n    && ${b}`),
  fc.tuple(goCmd, shellCmd).map(([a, b]) => `RUN ${a} \\\n# a comment inside\n\n    && ${b}`),
  fc.tuple(goCmd, fc.boolean()).map(([c, dash]) => `RUN <<${dash ? '-' : ''}EOF\n${dash ? '\t' : ''}set -e\n${c}\n${dash ? '\t' : ''}EOF`),
  fc.tuple(goCmd, fc.constantFrom('EOF', '"EOF"', "'EOT'")).map(([c, t]) => `RUN <<${t} bash\n${c}\n${t.replace(/['"]/g, '')}`),
  goCmd.map((c) => `RUN ["sh", "-c", "${c.replace(/"/g, '\\"')}"]`),
);
const instruction = fc.oneof(
  { weight: 3, arbitrary: run },
  { weight: 2, arbitrary: fc.tuple(fc.option(fc.constantFrom('--from=build ', '--from=0 ', '--from=alpine ', '--link ', '--chown=1000:1000 ', '--chmod=755 ', '--parents ', '--exclude=*.md '), { nil: '' }), word, word).map(([f, a, b]) => `COPY ${f}${a} ${b}`) },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `ADD ${a} ${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('ADD https://example.com/x.tar.gz /x', 'ADD --checksum=sha256:abc https://example.com/x /x', 'COPY <<EOF /etc/conf\nkey=value\nEOF', 'COPY ["a b", "/c"]') },
  { weight: 2, arbitrary: fc.constantFrom('ENV CGO_ENABLED=0', 'ENV CGO_ENABLED 1', 'ENV GOFLAGS="-mod=vendor -trimpath"', 'ENV GOPROXY=direct GOPRIVATE=github.com/acme', 'ENV GO111MODULE=on', 'ENV A=1 B=$A C=${B:-x}', 'ENV PATH=/go/bin:$PATH', 'ENV TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789') },
  { weight: 2, arbitrary: fc.constantFrom('ARG GO_VERSION=1.26', 'ARG TARGETOS TARGETARCH', 'ARG TARGETARCH', 'ARG VERSION', 'ARG GITHUB_TOKEN', 'ARG A=1 B=2', 'ARG BUILDPLATFORM') },
  { weight: 1, arbitrary: fc.constantFrom('WORKDIR /src', 'WORKDIR app', 'WORKDIR /go/src/github.com/acme/app', 'WORKDIR $HOME/x', 'USER nonroot', 'USER 65532:65532', 'USER app', 'USER root', 'EXPOSE 8080', 'VOLUME /data', 'LABEL a=b', 'STOPSIGNAL SIGTERM', 'SHELL ["/bin/bash", "-c"]') },
  { weight: 1, arbitrary: fc.constantFrom('CMD ["/app"]', 'CMD /app', "CMD ['/app']", 'CMD ["/app" "--x"]', 'CMD [ "/app", ]', 'CMD [1, 2]', 'ENTRYPOINT ["/app", "serve"]', 'ENTRYPOINT /app serve', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'HEALTHCHECK CMD ["/app", "health"]', 'HEALTHCHECK NONE', 'ONBUILD RUN go build', 'ONBUILD COPY . .') },
  { weight: 1, arbitrary: fc.constantFrom('# go-dockerfile ignore=GD018', '# go-dockerfile global ignore=GD007,unpinned-base-image', '# hadolint ignore=DL3006', '# check=skip=JSONArgsRecommended', '# go-dockerfile ignore=GD999', '# a comment', '', '   ', '\\', 'NOTANINSTRUCTION foo', 'RUN', 'COPY', 'FROM') },
);
const stage = fc.tuple(image, fc.option(stageName, { nil: undefined }), fc.array(instruction, { maxLength: 8 })).map(([img, name, body]) => [`FROM ${img}${name ? ` AS ${name}` : ''}`, ...body].join('\n'));
const header = fc.constantFrom('', '# syntax=docker/dockerfile:1', '# syntax=docker/dockerfile:1.4\n# escape=`', '# escape=\\', '# escape=x', '# check=error=true', 'ARG GO_VERSION=1.26', '# comment\n# syntax=docker/dockerfile:1');
const grammarDockerfile = fc.tuple(header, fc.array(stage, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '', '\n\n')).map(([h, stages, end]) => `${[h, ...stages].filter((x) => x !== '').join('\n')}${end}`);

// --- mutations ---

type Mutation = (text: string) => string;

const at = (frac: number, n: number): number => Math.min(n, Math.floor(frac * (n + 1)));
const lines = (t: string): string[] => t.split('\n');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('\u0000', '\\', '"', "'", '[', '{', '$', '<', '\r', '\t', 'é', '\ud83d\ude00', '\ud800', '`', '#', '\n')).map(
    ([f, c]): Mutation => (t) => {
      const i = at(f, t.length - 1);
      return t.slice(0, i) + c + t.slice(i + 1);
    },
  ),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (t) => {
    const ls = lines(t);
    ls.splice(at(f, ls.length - 1), 1);
    return ls.join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (t) => {
    // A continuation duplicated: the line ends with a backslash and appears twice.
    const ls = lines(t);
    const i = at(f, ls.length - 1);
    ls.splice(i, 0, `${ls[i] ?? ''} \\`, `${ls[i] ?? ''} \\`);
    return ls.join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (t) => t.slice(0, at(f, t.length))),
  fc.constant<Mutation>((t) => `${t}\nRUN <<EOF\necho never terminated\n`),
  fc.constant<Mutation>((t) => `${t}\nCMD ["/app", "--flag`),
  fc.constant<Mutation>((t) => `${t}\nENTRYPOINT [`),
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r')),
  fc.constant<Mutation>((t) => `\ufeff${t}`),
  fc.constant<Mutation>((t) => t.replace(/ /g, '\u0000')),
  fc.constant<Mutation>((t) => t.replace(/\n/g, ' \\\n')),
  fc.constant<Mutation>((t) => t.replace(/EOF/g, 'EOT')),
  fc.integer({ min: 1_000, max: 12_000 }).map((n): Mutation => (t) => `${t}\nRUN echo ${'x'.repeat(n)} && go build -o /app${' -v'.repeat(n / 100)}\n`),
  fc.integer({ min: 20, max: 120 }).map((n): Mutation => (t) => {
    const chain = ['FROM golang:1.26 AS s0', 'RUN go build -o /app .'];
    for (let i = 1; i < n; i++) chain.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s${i - 1} /app /app${i}`);
    return `${t}\n${chain.join('\n')}\n`;
  }),
  fc.constant<Mutation>((t) => t.toLowerCase()),
);

const mutatedDockerfile = fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([seed, ms]) => ms.reduce((t, m) => m(t), seed));

describe('engine fuzzing (fast-check)', function () {
  this.timeout(Math.max(60_000, RUNS * 2_000));

  it(`has seeds from the fixtures and the rule pages (${SEEDS.length})`, function () {
    assert.ok(SEEDS.length > 50, `only ${SEEDS.length} seeds`);
  });

  it('holds for Dockerfiles built from grammar fragments', function () {
    fc.assert(fc.property(grammarDockerfile, checkEngine), { numRuns: RUNS, seed: SEED });
  });

  it('holds for mutated fixtures and rule examples', function () {
    fc.assert(fc.property(mutatedDockerfile, checkEngine), { numRuns: RUNS, seed: SEED });
  });

  it('holds for random text and bytes', function () {
    const noise = fc.oneof(fc.string({ maxLength: 400, unit: 'binary' }), fc.string({ maxLength: 400, unit: fc.constantFrom('F', 'R', 'O', 'M', 'U', 'N', ' ', '\n', '\\', '<', 'E', 'F', '[', '"', '$', '{', '}', '\r', '#', '=', '-') }));
    fc.assert(fc.property(noise, (t) => checkEngine(`FROM golang\nRUN go build\n${t}`)), { numRuns: RUNS, seed: SEED });
  });
});
