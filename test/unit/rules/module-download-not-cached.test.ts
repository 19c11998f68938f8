import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';

runRuleTests('GD004', {
  valid: [
    { name: 'go.mod and go.sum first, then download, then source', facts: W0(), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    {
      name: 'docker init pattern: bind mounts, no COPY',
      facts: W0(),
      code: `# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,source=go.sum,target=go.sum \\
    --mount=type=bind,source=go.mod,target=go.mod \\
    go mod download -x
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,target=. \\
    CGO_ENABLED=0 go build -o /bin/server ./cmd/app
`,
    },
    {
      name: 'EC43: source only through a bind mount',
      code: `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
RUN --mount=target=. \\
    --mount=type=cache,dst=/root/.cache/go-build,id=gobuild,sharing=locked \\
    --mount=type=cache,destination=/go/pkg/mod \\
    CGO_ENABLED=0 go build -o /out/app ./cmd/app
`,
    },
    { name: 'vendored modules (workspace facts)', facts: W0({ vendor: true }), code: `${HEAD}COPY . .\n${BUILD}` },
    { name: 'vendored modules (-mod=vendor)', code: `${HEAD}COPY . .\nRUN go build -mod=vendor -o /out/app ./cmd/app\n` },
    { name: 'EC44: go.* glob counts as the module files', code: `${HEAD}COPY go.* ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'only non-source files before the download', facts: W0(), code: `${HEAD}COPY Makefile go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    {
      name: 'EC04: source created by a COPY heredoc, no go.mod',
      code: `# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /src
COPY <<EOF ./main.go
package main

func main() {}
EOF
RUN go build -o /bin/hello ./main.go
`,
    },
    { name: 'a module without requirements has nothing to download', facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [], replaces: [] } }), code: `${HEAD}COPY . .\n${BUILD}` },
    { name: 'no build after the copy', facts: W0(), code: `FROM golang:1.26-alpine\nWORKDIR /src\nCOPY . .\nCMD ["sh"]\n` },
    { name: 'runtime stage copying files', facts: W0(), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}FROM alpine:3.24\nCOPY config/ /etc/app/\nCOPY --from=build /out/app /app\n` },
  ],
  invalid: [
    {
      name: '(a) source copied first, with workspace facts: safe fix',
      facts: W0(),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [
        {
          at: '3:1-3:9',
          severity: 'warning',
          message: ['copied before the modules are downloaded'],
          fixes: [{ title: 'Copy go.mod and go.sum and download modules first', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` }],
        },
      ],
    },
    {
      name: '(a) without workspace facts the fix assumes go.sum exists: unsafe',
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '3:1-3:9', fixes: [{ title: 'Copy go.mod and go.sum and download modules first', safety: 'unsafe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(a) no go.sum in the workspace (GD014): only go.mod is copied',
      facts: W0({ goSum: false, module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [{ path: 'golang.org/x/text', version: 'v0.21.0', indirect: false }], replaces: [] } }),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '3:1-3:9', fixes: [{ title: 'Copy go.mod and download modules first', safety: 'safe', output: `${HEAD}COPY go.mod ./\nRUN go mod download\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(a) local replace targets are copied too (GD015)',
      facts: W0({
        module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [{ path: 'example.com/lib', version: 'v0.0.0', indirect: false }], replaces: [{ from: 'example.com/lib', to: './lib', local: true, dir: 'lib', outsideContext: false, loc: { file: 'go.mod', line: 5 } }] },
        entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod', 'lib/go.sum', 'cmd/', 'cmd/app/'],
      }),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '3:1-3:9', fixes: [{ title: 'Copy go.mod and go.sum and download modules first', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nCOPY lib/go.mod lib/go.sum ./lib/\nRUN go mod download\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(a) absolute destination; the module cache mount goes on the download only if the build has it',
      facts: W0(),
      code: `# syntax=docker/dockerfile:1\n${HEAD}COPY . /src\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '4:1-4:12',
          fixes: [
            {
              title: 'Copy go.mod and go.sum and download modules first',
              safety: 'safe',
              output: `# syntax=docker/dockerfile:1\n${HEAD}COPY go.mod go.sum /src/\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . /src\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app\n`,
            },
          ],
        },
      ],
    },
    {
      name: '(b) go.mod copied but never downloaded',
      facts: W0(),
      code: `${HEAD}COPY go.mod go.sum ./\nCOPY . .\n${BUILD}`,
      expect: [{ at: '4:1-4:9', message: ['copying go.mod alone caches nothing'], fixes: [{ title: 'Add RUN go mod download before copying the source', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(c) go mod download after the source copy is moved before it',
      facts: W0(),
      code: `${HEAD}COPY . .\nRUN go mod download\n${BUILD}`,
      expect: [{ at: '3:1-3:9', message: ['runs after the source was copied'], fixes: [{ title: 'Download modules before copying the source', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: 'copy of source directories (workspace knows cmd/ is a directory)',
      facts: W0(),
      code: `${HEAD}COPY go.mod ./\nCOPY cmd/ ./cmd/\n${BUILD}`,
      expect: [{ at: '4:1-4:17', message: ['copying go.mod alone'] }],
    },
    {
      name: 'EC13: lower-case instructions; inserted lines follow the casing and indentation',
      facts: W0(),
      code: `from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\n`,
      expect: [{ at: '3:4-3:12', fixes: [{ title: 'Copy go.mod and go.sum and download modules first', safety: 'safe', output: `from golang:1.26 as build\n   workdir /src\n   copy go.mod go.sum ./\n   run go mod download\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` }] }],
    },
    {
      name: 'EC12: CRLF file; inserted lines use CRLF',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\r\nWORKDIR /src\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\r\n',
      expect: [{ at: '3:1-3:9', fixes: [{ title: 'Copy go.mod and go.sum and download modules first', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\r\nWORKDIR /src\r\nCOPY go.mod go.sum ./\r\nRUN go mod download\r\nCOPY . .\r\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\r\n' }] }],
    },
    {
      name: 'remote git context: info',
      code: `${HEAD}ADD https://github.com/acme/app.git#v1.2.3 .\n${BUILD}`,
      expect: [{ at: '3:1-3:45', severity: 'info' }],
    },
  ],
});
