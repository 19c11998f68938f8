import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const SCRATCH_TAIL = `FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;

runRuleTests('GD003', {
  valid: [
    {
      name: 'EC01: CGO_ENABLED=0 inside a heredoc',
      facts: W0(),
      code: `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN <<EOF
set -eu
CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app
EOF
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
    },
    { name: 'ENV CGO_ENABLED=0 in the stage', facts: W0(), code: `FROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'ENV inherited through FROM <stage>', facts: W0(), code: `FROM golang:1.26 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'EC23 variant: global ARG redeclared in the stage', facts: W0(), code: `ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nARG CGO_ENABLED\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'EC37: export applies to the rest of the script', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN export CGO_ENABLED=0 && go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'EC12: CRLF continuation', facts: W0(), code: 'FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n' },
    { name: 'alpine builder without gcc: cgo is off', facts: W0(), code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'go env -w CGO_ENABLED=0 in an earlier RUN', facts: W0(), code: `FROM golang:1.26 AS build\nRUN go env -w CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'netgo and osusergo tags link statically', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -tags netgo,osusergo -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'external static link', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'the program links nothing dynamically (no net, no os/user, no dependencies)', facts: W0({ imports: { net: false, osUser: false, tlsClient: false }, module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [], replaces: [] } }), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'cgo required: GD013 territory, never CGO_ENABLED=0', facts: W0({ cgo: { required: true, reasons: [], cxx: false, staticBlockers: [] } }), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
    { name: 'the same image builds and runs (GD001 territory)', facts: W0(), code: `FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nCMD ["/out/app"]\n` },
    { name: 'unknown runtime image', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM registry.example.com/base/runtime:7\nCOPY --from=build /out/app /app\n` },
    { name: 'Windows (EC08)', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n' },
  ],
  invalid: [
    {
      name: 'EC02: CGO setting only in a shell comment inside a heredoc',
      facts: W0(),
      code: `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN <<-"EOT"
\t# CGO_ENABLED=0
\tgo build -o /out/app ./cmd/app
\tEOT
${SCRATCH_TAIL}`,
      expect: [
        {
          at: '6:2-6:4',
          severity: 'error',
          message: ['cgo is on by default', 'imports net', 'scratch has no libc', 'exec /app: no such file or directory'],
          fixes: [
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'safe', output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN <<-"EOT"\n\t# CGO_ENABLED=0\n\tCGO_ENABLED=0 go build -o /out/app ./cmd/app\n\tEOT\n${SCRATCH_TAIL}` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'safe', output: `FROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN <<-"EOT"\n\t# CGO_ENABLED=0\n\tgo build -o /out/app ./cmd/app\n\tEOT\n${SCRATCH_TAIL}` },
          ],
        },
      ],
    },
    {
      name: 'EC07: comment and blank line inside a continuation; the fix goes on the go line',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build \\\n# CGO_ENABLED=0 \\\n\n    -o /out/app ./cmd/app\n${SCRATCH_TAIL}`,
      expect: [
        {
          at: '4:5-4:7',
          severity: 'error',
          fixes: [
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'safe', output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build \\\n# CGO_ENABLED=0 \\\n\n    -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'safe', output: `FROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build \\\n# CGO_ENABLED=0 \\\n\n    -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
          ],
        },
      ],
    },
    {
      name: 'EC19: mixed cgo when cross-compiling from $BUILDPLATFORM',
      facts: W0(),
      code: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}`,
      expect: [
        {
          at: '5:24-5:26',
          severity: 'error',
          message: ['cgo is on for the native platform', 'cross-compiled platforms get cgo off'],
          fixes: [
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'safe', output: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'safe', output: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nENV CGO_ENABLED=0\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
          ],
        },
      ],
    },
    {
      name: 'EC23: a global ARG CGO_ENABLED=0 is not visible in the stage',
      facts: W0(),
      code: `ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}`,
      expect: [
        {
          at: '5:5-5:7',
          severity: 'error',
          message: ["ARG CGO_ENABLED (line 1) is global and not redeclared in stage 'build'"],
          fixes: [
            { title: "Redeclare ARG CGO_ENABLED in stage 'build'", safety: 'safe', output: `ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nARG CGO_ENABLED\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'safe', output: `ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'safe', output: `ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n${SCRATCH_TAIL}` },
          ],
        },
      ],
    },
    {
      name: 'EC36: the inline setting covers only the first of two builds',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/a ./cmd/a && go build -o /out/b ./cmd/b\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\nENTRYPOINT ["/a"]\n`,
      expect: [
        {
          at: '4:49-4:51',
          message: ['exec /b'],
          fixes: [
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'safe', output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/a ./cmd/a && CGO_ENABLED=0 go build -o /out/b ./cmd/b\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\nENTRYPOINT ["/a"]\n` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'safe', output: `FROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/a ./cmd/a && go build -o /out/b ./cmd/b\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\nENTRYPOINT ["/a"]\n` },
          ],
        },
      ],
    },
    {
      name: 'EC37: an export inside a subshell does not reach the next command',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN export CGO_ENABLED=0 && go build -o /out/a ./cmd/app\nRUN (export CGO_ENABLED=0); go build -o /out/b ./cmd/app\nFROM scratch\nCOPY --from=build /out/a /a\nCOPY --from=build /out/b /b\n`,
      expect: [{ at: '5:29-5:31', severity: 'error' }],
    },
    {
      name: 'without workspace facts the dynamic link is likely, not proven: warning, unsafe fix',
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [
        {
          at: '4:5-4:7',
          severity: 'warning',
          message: ['a program that imports net (net/http does) links libc dynamically'],
          fixes: [
            { title: 'Set CGO_ENABLED=0 on this build', safety: 'unsafe', output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
            { title: "Add ENV CGO_ENABLED=0 to stage 'build'", safety: 'unsafe', output: `FROM golang:1.26 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
          ],
        },
      ],
    },
    {
      name: 'musl binary on a glibc runtime',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN apk add --no-cache gcc musl-dev\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '5:5-5:7', severity: 'error', message: ['linked against musl', 'debian:bookworm-slim has glibc'] }],
    },
    {
      name: 'matching glibc: info, for explicitness',
      facts: W0(),
      code: `FROM golang:1.26-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '4:5-4:7', severity: 'info', message: ['matching libc'] }],
    },
    {
      name: 'COPY --from by stage index, into a directory',
      facts: W0(),
      code: `FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/ ./cmd/app\nFROM gcr.io/distroless/static-debian13\nCOPY --from=0 /out/app /usr/local/bin/\nENTRYPOINT ["/usr/local/bin/app"]\n`,
      expect: [{ at: '4:5-4:7', severity: 'error', message: ['exec /usr/local/bin/app'] }],
    },
  ],
});
