import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixesDetailed, lint } from '../../../server/src/api';
import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

/** One GD001 finding at `at` whose only fix splits onto distroless static and gives `output`. */
function splitTo(at: string, output: string) {
  return [{ at, fixes: [{ title: 'Split into build and runtime stages (distroless static)', safety: 'unsafe' as const, output }] }];
}

/** The sqlite example's naive Dockerfile (golang:1.22 is Debian 12, bookworm): two comment lines, then FROM. */
const CGO_NAIVE = readFileSync(path.resolve(__dirname, '../../../examples/sqlite-service/Dockerfile'), 'utf8');
const CGO_COMMENTS = CGO_NAIVE.split('\n').filter((l) => l.startsWith('#'));

/** The default split of CGO_NAIVE: the glibc runtime of the builder's Debian release. */
const GLIBC_SPLIT = {
  title: 'Split into build and runtime stages (distroless base-debian12, glibc like the builder)',
  safety: 'unsafe' as const,
  output: cgoSplit('go build -o /out/notes .', 'gcr.io/distroless/base-debian12:nonroot'),
};

/** CGO_NAIVE after a split whose build command is \`build\` and whose runtime is \`runtime\`. */
function cgoSplit(build: string, runtime: string): string {
  return `# syntax=docker/dockerfile:1
${CGO_COMMENTS.join('\n')}
FROM golang:1.22 AS build
WORKDIR /app
COPY go.mod ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build ${build}

FROM ${runtime}
COPY --from=build /out/notes /notes
EXPOSE 8080
CMD ["/notes"]
`;
}

runRuleTests('GD001', {
  valid: [
    {
      name: 'multi-stage build on distroless',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
    },
    {
      name: 'dev stage by name (EC24 variant)',
      code: `FROM golang:1.26 AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM builder AS dev
CMD ["/out/app"]
`,
    },
    {
      name: 'dev stage by command: air',
      code: `FROM golang:1.26
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app
CMD ["air"]
`,
    },
    {
      name: 'toolchain on purpose: ENTRYPOINT go',
      code: `FROM golang:1.26
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app .
ENTRYPOINT ["go"]
`,
    },
    {
      name: 'image that publishes a remote tool',
      code: `FROM golang:1.26-alpine
RUN go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1.0
ENTRYPOINT ["golangci-lint"]
`,
    },
    {
      name: 'export-only last stage',
      code: `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .
FROM scratch AS export
COPY --from=build /out/app /
`,
    },
    {
      name: 'not a Go Dockerfile',
      code: `FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
`,
    },
    {
      name: 'ONBUILD template (EC28)',
      code: `FROM golang:1.26-alpine
ONBUILD COPY . /src
ONBUILD RUN cd /src && go install github.com/acme/tool@latest
`,
    },
    {
      name: 'Windows build (EC08)',
      code: `# escape=\`
FROM golang:1.26-windowsservercore-ltsc2022 AS build
WORKDIR C:\\src
COPY . .
RUN go build \`
    -o C:\\out\\app.exe .\\cmd\\app
CMD ["C:\\\\out\\\\app.exe"]
`,
    },
    {
      name: 'no command runs the built binary',
      code: `FROM golang:1.26
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app
`,
    },
  ],
  invalid: [
    {
      name: 'single stage golang (catalogue example)',
      facts: W0(),
      code: `FROM golang:1.26
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app/server ./cmd/server
EXPOSE 8080
CMD ["/app/server"]
`,
      expect: [
        {
          at: '1:6-1:17',
          severity: 'warning',
          message: ['golang:1.26', 'Go toolchain', '/app/server'],
          fixes: [
            {
              title: 'Split into build and runtime stages (distroless static)',
              safety: 'unsafe',
              output: `# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/server /server
EXPOSE 8080
CMD ["/server"]
`,
            },
          ],
        },
      ],
    },
    {
      name: 'FROM builder AS final chain (EC24)',
      facts: W0(),
      code: `FROM golang:1.26 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM builder AS final
EXPOSE 8080
CMD ["/out/app"]
`,
      expect: [
        {
          at: '8:6-8:13',
          severity: 'warning',
          message: ["stage 'final'", "through stage 'builder'"],
          fixes: [
            {
              title: 'Split into build and runtime stages (distroless static)',
              safety: 'unsafe',
              output: `# syntax=docker/dockerfile:1
FROM golang:1.26 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot AS final
COPY --from=builder /out/app /app
EXPOSE 8080
CMD ["/app"]
`,
            },
          ],
        },
      ],
    },
    {
      name: 'go install, bare executable name found on PATH',
      facts: W0(),
      code: `FROM golang:1.26-alpine
WORKDIR /src
COPY . .
RUN go install ./cmd/app
USER nobody
ENTRYPOINT ["app", "--serve"]
`,
      expect: [
        {
          at: '1:6-1:24',
          message: ['/go/bin/app'],
          fixes: [
            {
              title: 'Split into build and runtime stages (distroless static)',
              safety: 'unsafe',
              output: `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
USER nobody
ENTRYPOINT ["/app", "--serve"]
`,
            },
          ],
        },
      ],
    },
    {
      name: 'shell-form CMD with shell syntax keeps a shell; lower-case file (EC13 casing)',
      facts: W0(),
      code: `from golang:1.26
workdir /src
copy . .
run go build -o server .
cmd ./server --port $PORT
`,
      expect: [
        {
          at: '1:6-1:17',
          fixes: [
            {
              title: 'Split into build and runtime stages (alpine)',
              safety: 'unsafe',
              output: `# syntax=docker/dockerfile:1
from golang:1.26 as build
workdir /src
copy . .
run --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/server .

from alpine:3.24
copy --from=build /out/server /server
cmd /server --port $PORT
`,
            },
          ],
        },
      ],
    },
    {
      name: 'cgo on keeps a glibc runtime of the same Debian release; runtime ENV moves',
      code: `FROM golang:1.26-bookworm
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /usr/local/bin/app ./cmd/app
ENV GIN_MODE=release
CMD ["app"]
`,
      expect: [
        {
          at: '1:6-1:26',
          fixes: [
            {
              title: 'Split into build and runtime stages (distroless base-debian12, glibc like the builder)',
              safety: 'unsafe',
              output: `# syntax=docker/dockerfile:1
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=1 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /out/app /app
ENV GIN_MODE=release
CMD ["/app"]
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a cgo program offers, as a suggestion, a fully static link onto distroless static',
      facts: W0({ cgo: { required: true, reasons: [{ kind: 'import-c', loc: { file: 'db.go', line: 7 } }], cxx: false, staticBlockers: [] } }),
      code: CGO_NAIVE,
      expect: [
        {
          at: '3:6-3:17',
          fixes: [
            GLIBC_SPLIT,
            {
              title: 'Split into build and runtime stages, cgo linked statically (distroless static)',
              safety: 'suggestion',
              output: cgoSplit(`go build -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"' -o /out/notes .`, 'gcr.io/distroless/static-debian13:nonroot'),
            },
          ],
        },
      ],
    },
    {
      name: 'no static-link option when the C code resolves names through NSS',
      facts: W0({ cgo: { required: true, reasons: [{ kind: 'import-c', loc: { file: 'db.go', line: 7 } }], cxx: false, staticBlockers: [{ what: 'getaddrinfo()', why: 'resolves host names through NSS', loc: { file: 'net.c', line: 3 } }] } }),
      code: CGO_NAIVE,
      expect: [
        {
          at: '3:6-3:17',
          fixes: [
            GLIBC_SPLIT,
          ],
        },
      ],
    },
    {
      name: 'ephemeral CI with cache-to: portable strategy, build cache mount only (GENERATOR §3.6); continuation layout',
      facts: W0({ release: { ephemeralCi: true } }),
      code: `FROM golang:1.26
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build \\
    -o /app/server ./cmd/server
CMD ["/app/server"]
`,
      expect: splitTo('1:6-1:17', `# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build \\
    -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/server /server
CMD ["/server"]
`),
    },
    {
      name: 'effective syntax directive kept (no second one); an existing build cache mount is not repeated',
      facts: W0(),
      code: `# escape=\`
# syntax=docker/dockerfile:1.7
FROM golang:1.26
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app
CMD ["/out/app"]
`,
      expect: splitTo('3:6-3:17', `# escape=\`
# syntax=docker/dockerfile:1.7
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
CMD ["/app"]
`),
    },
    {
      name: 'non-root builder with GOCACHE/GOMODCACHE set: mounts at those paths, owned by the uid; directive before the other directives',
      facts: W0(),
      code: `# escape=\`
FROM golang:1.26
ENV GOCACHE=/tmp/gocache GOMODCACHE=/tmp/gomod
USER 1000:1000
WORKDIR /src
COPY --chown=1000:1000 . .
RUN go build -o /src/app ./cmd/app
CMD ["/src/app"]
`,
      expect: splitTo('2:6-2:17', `# syntax=docker/dockerfile:1
# escape=\`
FROM golang:1.26 AS build
ENV GOCACHE=/tmp/gocache GOMODCACHE=/tmp/gomod
USER 1000:1000
WORKDIR /src
COPY --chown=1000:1000 . .
RUN --mount=type=cache,target=/tmp/gomod,uid=1000,gid=1000 --mount=type=cache,target=/tmp/gocache,uid=1000,gid=1000 CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
USER 1000:1000
CMD ["/app"]
`),
    },
    {
      name: 'candidate output (non-last leaf) is one level lower and has no fix',
      code: `FROM golang:1.26 AS server
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server
CMD ["/out/server"]

FROM alpine:3.24 AS tools
RUN apk add --no-cache curl
`,
      expect: [{ at: '1:6-1:17', severity: 'info', fixes: [] }],
    },
  ],
});

describe('GD001 split fix, then the fix chain (applyFixes re-lints)', () => {
  const code = `FROM golang:1.26
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app/server ./cmd/server
CMD ["/app/server"]
`;
  const fixAll = (facts: ReturnType<typeof W0>) => {
    const options = { facts, dockerfilePath: 'Dockerfile' };
    const fixed = applyFixesDetailed(code, lint(code, options), { safety: ['safe', 'unsafe'], lint: options });
    return { text: fixed.text, left: lint(fixed.text, options).filter((f) => f.code === 'GD020' || f.code === 'GD037' || f.code === 'GD001') };
  };
  it('"mounts": GD020 gives go mod download the module cache mount of the build (GD020b), nothing left', () => {
    const { text, left } = fixAll(W0());
    assert.match(text, /^# syntax=docker\/dockerfile:1\n/);
    assert.match(text, /^RUN --mount=type=cache,target=\/go\/pkg\/mod go mod download$/m);
    assert.match(text, /^RUN --mount=type=cache,target=\/go\/pkg\/mod --mount=type=cache,target=\/root\/\.cache\/go-build CGO_ENABLED=0 go build /m);
    assert.deepEqual(left.map((f) => `${f.code} ${f.message}`), []);
  });
  it('"portable": the modules stay in the download layer, no module cache mount anywhere, nothing left', () => {
    const { text, left } = fixAll(W0({ release: { ephemeralCi: true } }));
    assert.match(text, /^RUN go mod download$/m);
    assert.match(text, /^RUN --mount=type=cache,target=\/root\/\.cache\/go-build CGO_ENABLED=0 go build /m);
    assert.doesNotMatch(text, /target=\/go\/pkg\/mod/);
    assert.deepEqual(left.map((f) => `${f.code} ${f.message}`), []);
  });
});
