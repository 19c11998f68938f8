import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const DISTROLESS = 'FROM gcr.io/distroless/static-debian13:nonroot';
const EC38 = 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go install ./cmd/app\n';
const EC38_TAIL = `${DISTROLESS}\nCOPY --from=build /go/bin/app /app\nENTRYPOINT ["/app"]\n`;
const TWO_MAINS = W0({
  mainPackages: [
    { dir: 'cmd/app', binary: 'app', importPath: 'example.com/app/cmd/app', loc: { file: 'cmd/app/main.go', line: 1 } },
    { dir: 'cmd/worker', binary: 'worker', importPath: 'example.com/app/cmd/worker', loc: { file: 'cmd/worker/main.go', line: 1 } },
  ],
});

runRuleTests('GD012', {
  valid: [
    { name: 'EC46: runtime-only Dockerfile, COPY from the GoReleaser context', facts: W0({ release: { targets: [], platforms: [], ephemeralCi: false, buildx: false, goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true } } }), code: 'FROM scratch\nARG TARGETPLATFORM\nCOPY $TARGETPLATFORM/app /usr/bin/app\nENTRYPOINT ["/usr/bin/app"]\n' },
    { name: 'EC39 variant: no Makefile in the workspace', facts: W0(), code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN make build\nFROM scratch\nCOPY --from=build /src/bin/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'EC01: the COPY takes the build output', facts: W0(), code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'EC04: COPY --from=0 resolves to the building stage', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nCOPY <<EOF ./main.go\npackage main\n\nfunc main() {}\nEOF\nRUN go build -o /bin/hello ./main.go\n\nFROM scratch\nCOPY --from=0 /bin/hello /bin/hello\nCMD ["/bin/hello"]\n' },
    { name: 'EC25: index reference', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\n${DISTROLESS}\nCOPY --from=0 /out/app /app\nCOPY --from=1 /etc/passwd /tmp/passwd\nENTRYPOINT ["/app"]\n` },
    { name: 'EC28: ONBUILD triggers', code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go install github.com/acme/tool@latest\n' },
    { name: 'EC38 variant: native go install, /go/bin/app is right', facts: W0(), code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go install ./cmd/app\n${EC38_TAIL}` },
    { name: 'EC39: opaque make build (Makefile or not)', facts: fixtureFacts('makefile'), code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN make build\nFROM scratch\nCOPY --from=build /src/bin/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'EC39 variant: make next to a go build', facts: W0(), code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app && make assets\nFROM scratch\nCOPY --from=build /out/assets /assets\n' },
    { name: 'partial snippet: --from names no stage', facts: W0(), code: `FROM golang:1.26-alpine AS builder\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/other /app\n` },
    { name: 'trap: wildcard source', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/* /\n` },
    { name: 'files of the base image (CA bundle, zoneinfo)', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nCOPY --from=build /out/app /app\n` },
    { name: 'a file of the context copied into the builder', facts: W0({ entries: ['go.mod', 'go.sum', 'cmd/', 'cmd/app/', 'cmd/app/main.go', 'config/', 'config/app.yaml'] }), code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /src/bin/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /src/config /config\nCOPY --from=build /src/bin/app /app\n` },
    { name: 'a file the RUN creates by name', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app && mkdir -p /out/data\n${DISTROLESS}\nCOPY --from=build /out/data /data\nCOPY --from=build /out/app /app\n` },
    { name: 'a file written through a redirection', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app && echo 1.2.3 > /out/VERSION\n${DISTROLESS}\nCOPY --from=build /out/VERSION /VERSION\n` },
    { name: 'without workspace facts the output of go build . is unknown', code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build\n${DISTROLESS}\nCOPY --from=build /src/v2 /tool\n` },
    { name: '(d) relative ./app with a matching WORKDIR', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nWORKDIR /srv\nCOPY --from=build /out/app ./app\nENTRYPOINT ["./app"]\n` },
    { name: '(d) bare name on PATH', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["app"]\n` },
    { name: '(d) the entry runs another program (tini)', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nRUN apk add --no-cache tini\nCOPY --from=build /out/app /app\nENTRYPOINT ["/sbin/tini", "--", "/app"]\n` },
  ],
  invalid: [
    {
      name: '(a) COPY of a binary the builder does not produce',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /bin/server ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /bin/app /app\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '4:19-4:27',
          severity: 'error',
          message: ["Stage 'build' does not produce /bin/app", 'writes /bin/server'],
          fixes: [{ title: 'Copy /bin/server', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /bin/server ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /bin/server /app\nENTRYPOINT ["/app"]\n' }],
        },
      ],
    },
    {
      name: '(a) a file expected in the WORKDIR, but the source was only bind-mounted: warning',
      code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nRUN --mount=target=. CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /src/config.yaml /config.yaml\nCOPY --from=build /out/app /app\n`,
      expect: [{ at: '5:19-5:35', severity: 'warning', message: ['does not produce /src/config.yaml'], fixes: [] }],
    },
    {
      name: '(a) output path from an ARG without default: info',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nARG OUT\nRUN CGO_ENABLED=0 go build -o /out/$OUT ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [{ at: '5:19-5:27', severity: 'info', message: ['depend on OUT'] }],
    },
    {
      name: 'EC38: go install while cross-compiling, then COPY from /go/bin',
      facts: W0(),
      code: `${EC38}${EC38_TAIL}`,
      expect: [
        {
          at: '7:19-7:30',
          severity: 'error',
          message: ['/go/bin/linux_arm64/app', 'fails for every platform other than the build machine'],
          fixes: [{ title: 'Build with go build -o /out/app and copy /out/app', safety: 'safe', output: `${EC38.replace('go install', 'go build -o /out/app')}${EC38_TAIL.replace('/go/bin/app', '/out/app')}` }],
        },
      ],
    },
    {
      name: 'EC38 variant: ENV GOBIN with a cross go install',
      facts: W0(),
      code: `${EC38.replace('ARG TARGETARCH\n', 'ARG TARGETARCH\nENV GOBIN=/out\n')}${EC38_TAIL}`,
      expect: [
        {
          at: '8:19-8:30',
          severity: 'error',
          message: ['go install fails: "cannot install cross-compiled binaries when GOBIN is set"'],
          fixes: [{ title: 'Build with go build -o /out/app and copy /out/app', safety: 'safe', output: `${EC38.replace('ARG TARGETARCH\n', 'ARG TARGETARCH\nENV GOBIN=/out\n').replace('go install', 'go build -o /out/app')}${EC38_TAIL.replace('/go/bin/app', '/out/app')}` }],
        },
      ],
    },
    {
      name: 'EC40: no -o in a /v2 module',
      facts: fixtureFacts('v2-module'),
      code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build\n${DISTROLESS}\nCOPY --from=build /src/v2 /tool\nENTRYPOINT ["/tool"]\n`,
      expect: [
        {
          at: '6:19-6:26',
          severity: 'error',
          message: ['not a major version', 'writes /src/tool, not v2'],
          fixes: [
            { title: 'Copy /src/tool', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build\n${DISTROLESS}\nCOPY --from=build /src/tool /tool\nENTRYPOINT ["/tool"]\n` },
            { title: 'Build with -o /out/tool and copy /out/tool', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/tool\n${DISTROLESS}\nCOPY --from=build /out/tool /tool\nENTRYPOINT ["/tool"]\n` },
          ],
        },
      ],
    },
    {
      name: 'EC41: go build ./... writes nothing',
      facts: TWO_MAINS,
      code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build ./...\n${DISTROLESS}\nCOPY --from=build /src/app /app\n`,
      expect: [
        {
          at: '6:19-6:27',
          severity: 'error',
          message: ['discards the results'],
          fixes: [{ title: 'Write the binaries to /out/ and copy /out/app', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/ ./...\n${DISTROLESS}\nCOPY --from=build /out/app /app\n` }],
        },
      ],
    },
    {
      name: '(d) COPY into /app/ makes /app/app',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app/\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '5:13-5:19',
          severity: 'error',
          message: ['/app is a directory', '/app/app'],
          fixes: [{ title: 'Run /app/app', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app/\nENTRYPOINT ["/app/app"]\n' }],
        },
      ],
    },
    {
      name: '(d) a bare name is looked up on PATH, and /app is not on it',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/app /app\nCMD ["app"]\n`,
      expect: [{ at: '5:6-5:11', severity: 'error', message: ['looked up on PATH', 'not on PATH'], fixes: [{ title: 'Run /app', safety: 'safe', output: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` }] }],
    },
    {
      name: '(d) ./app against the distroless nonroot WORKDIR',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${DISTROLESS}\nCOPY --from=build /out/app /app\nENTRYPOINT ["./app"]\n`,
      expect: [{ at: '5:13-5:20', severity: 'error', message: ['resolves against WORKDIR /home/nonroot'] }],
    },
    {
      name: '(d) on a candidate output: one level lower',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24 AS debug\nCOPY --from=build /out/app /srv/\nENTRYPOINT ["/srv"]\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '5:13-5:19', severity: 'warning', message: ['/srv is a directory'] }],
    },
  ],
});
