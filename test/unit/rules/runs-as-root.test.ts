import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const APP = 'COPY --from=build /out/app /app\n';
const ENTRY = 'ENTRYPOINT ["/app"]\n';
const ADDUSER = 'RUN adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" --no-create-home --uid 65532 appuser\n';
const USERADD = 'RUN useradd --uid 65532 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin appuser\n';
const GORELEASER = W0({
  release: { goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true }, targets: [], platforms: [], ephemeralCi: false, buildx: false },
});
const EC24 = (tail: string) => `FROM golang:1.26 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM builder AS final
EXPOSE 8080
${tail}CMD ["/out/app"]
`;

const EC02 = `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN <<-"EOT"
\t# CGO_ENABLED=0
\tgo build -o /out/app ./cmd/app
\tEOT
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC07 = 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build \\\n# CGO_ENABLED=0 \\\n\n    -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const EC18 = 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const EC39 = 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN make build\nFROM scratch\nCOPY --from=build /src/bin/app /app\nENTRYPOINT ["/app"]\n';
const EC39_FACTS = W0({ makeTargets: [{ name: 'build', recipe: ['CGO_ENABLED=0 go build -trimpath -o bin/app ./cmd/app'], loc: { file: 'Makefile', line: 6 } }] });

runRuleTests('GD018', {
  valid: [
    { name: 'EC01: distroless :nonroot', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${APP}${ENTRY}` },
    { name: 'distroless :debug-nonroot', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:debug-nonroot\n${APP}${ENTRY}` },
    { name: 'chainguard static runs as 65532', facts: W0(), code: `${BUILD}FROM cgr.dev/chainguard/static:latest\n${APP}${ENTRY}` },
    { name: 'scratch with a numeric USER', facts: W0(), code: `${BUILD}FROM scratch\n${APP}USER 65532:65532\n${ENTRY}` },
    { name: 'alpine with its own user', facts: W0(), code: `${BUILD}FROM alpine:3.24\n${ADDUSER}${APP}USER appuser\n${ENTRY}` },
    { name: 'USER inherited through FROM <stage>', facts: W0(), code: `${BUILD}FROM alpine:3.24 AS base\n${ADDUSER}USER appuser\nFROM base\n${APP}${ENTRY}` },
    { name: 'the entrypoint drops privileges with su-exec', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache su-exec\n${APP}ENTRYPOINT ["su-exec", "nobody", "/app"]\n` },
    { name: 'USER from --build-arg cannot be judged', facts: W0(), code: `${BUILD}FROM scratch\nARG RUN_AS\n${APP}USER $RUN_AS\n${ENTRY}` },
    { name: 'EC45: go-tooling class (node app): runtime rules belong to other linters', code: 'FROM node:22-alpine\nRUN apk add --no-cache go && go install github.com/acme/gen@latest\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    { name: 'EC28: an ONBUILD template has no runtime image', code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go install github.com/acme/tool@latest\n' },
    { name: 'EC08: Windows', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n' },
    { name: 'a named export stage is never run', facts: W0(), code: `${BUILD}FROM scratch AS export\nCOPY --from=build /out/app /\n` },
    { name: 'a scratch stage holding only data files', facts: W0(), code: `${BUILD}FROM scratch AS assets\nCOPY web/ /web/\nFROM gcr.io/distroless/static-debian13:nonroot\n${APP}${ENTRY}` },
    { name: 'unknown runtime image', facts: W0(), code: `${BUILD}FROM registry.example.com/base/runtime:7\n${APP}${ENTRY}` },
  ],
  invalid: [
    {
      name: 'EC12: scratch runs as root; the USER line is inserted with CRLF',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n',
      expect: [
        {
          at: '4:6-4:13',
          severity: 'warning',
          message: ['no USER is set and scratch runs as root by default'],
          fixes: [
            { title: 'Add USER 65532:65532', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\nCOPY --from=build /out/app /app\r\nUSER 65532:65532\r\nENTRYPOINT ["/app"]\r\n' },
          ],
        },
      ],
    },
    { name: 'EC02: scratch runs as root', facts: W0(), code: EC02, expect: [{ at: '8:6-8:13', severity: 'warning' }] },
    { name: 'EC07: as EC02', facts: W0(), code: EC07, expect: [{ at: '8:6-8:13', severity: 'warning' }] },
    { name: 'EC18: as EC02', facts: W0(), code: EC18, expect: [{ at: '5:6-5:13', severity: 'warning' }] },
    { name: 'EC39: opaque make build', facts: EC39_FACTS, code: EC39, expect: [{ at: '5:6-5:13', severity: 'warning', fixes: [{ title: 'Add USER 65532:65532', safety: 'unsafe', output: EC39.replace('ENTRYPOINT', 'USER 65532:65532\nENTRYPOINT') }] }] },
    {
      name: 'EC22 variant: FROM ${RUNTIME:-scratch} without the ARG',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME:-scratch}\nCOPY --from=build /out/app /app\nCMD /app --serve\n',
      expect: [{ at: '3:6-3:25', severity: 'warning' }],
    },
    {
      name: 'EC13: lower case and indentation are kept',
      facts: W0(),
      code: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
      expect: [
        {
          at: '5:6-5:13',
          fixes: [
            { title: 'Add USER 65532:65532', safety: 'unsafe', output: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  user 65532:65532\n  entrypoint ["/app"]\n' },
          ],
        },
      ],
    },
    {
      name: 'EC24: final inherits golang:1.26 through stage builder',
      facts: W0(),
      code: EC24(''),
      expect: [
        {
          at: '8:6-8:13',
          severity: 'warning',
          message: ['golang:1.26 runs as root by default'],
          fixes: [{ title: 'Create an unprivileged user (uid 65532) and run as USER 65532:65532', safety: 'unsafe', output: EC24(`${USERADD}USER 65532:65532\n`) }],
        },
      ],
    },
    {
      name: 'EC46: GoReleaser runtime-only scratch image',
      facts: GORELEASER,
      code: 'FROM scratch\nARG TARGETPLATFORM\nCOPY $TARGETPLATFORM/app /usr/bin/app\nENTRYPOINT ["/usr/bin/app"]\n',
      expect: [{ at: '1:6-1:13', severity: 'warning', fixes: [{ title: 'Add USER 65532:65532', safety: 'unsafe', output: 'FROM scratch\nARG TARGETPLATFORM\nCOPY $TARGETPLATFORM/app /usr/bin/app\nUSER 65532:65532\nENTRYPOINT ["/usr/bin/app"]\n' }] }],
    },
    {
      name: 'distroless :latest (no tag): switch to :nonroot',
      facts: W0(),
      code: `${BUILD}FROM gcr.io/distroless/static-debian13\n${APP}${ENTRY}`,
      expect: [{ at: '5:6-5:39', severity: 'warning', fixes: [{ title: 'Use the :nonroot tag (uid 65532)', safety: 'unsafe', output: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${APP}${ENTRY}` }] }],
    },
    {
      name: 'distroless :debug: switch to :debug-nonroot',
      facts: W0(),
      code: `${BUILD}FROM gcr.io/distroless/static-debian13:debug\n${APP}${ENTRY}`,
      expect: [{ at: '5:6-5:45', fixes: [{ title: 'Use the :debug-nonroot tag (uid 65532)', safety: 'unsafe', output: `${BUILD}FROM gcr.io/distroless/static-debian13:debug-nonroot\n${APP}${ENTRY}` }] }],
    },
    {
      name: 'alpine: docker init style user creation after the last RUN',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache ca-certificates\n${APP}${ENTRY}`,
      expect: [
        {
          at: '5:6-5:17',
          fixes: [{ title: 'Create an unprivileged user (uid 65532) and run as USER 65532:65532', safety: 'unsafe', output: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache ca-certificates\n${APP}${ADDUSER}USER 65532:65532\n${ENTRY}` }],
        },
      ],
    },
    {
      name: 'ubuntu: useradd',
      facts: W0(),
      code: `${BUILD}FROM ubuntu:24.04\n${APP}${ENTRY}`,
      expect: [{ at: '5:6-5:18', fixes: [{ title: /^Create an unprivileged user/, safety: 'unsafe', output: `${BUILD}FROM ubuntu:24.04\n${APP}${USERADD}USER 65532:65532\n${ENTRY}` }] }],
    },
    {
      name: 'explicit USER root',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24\n${APP}USER root\n${ENTRY}`,
      expect: [{ at: '7:6-7:10', severity: 'warning', message: ['USER root runs it as root'], fixes: [{ title: 'Run as USER 65532:65532', safety: 'unsafe', output: `${BUILD}FROM alpine:3.24\n${APP}USER 65532:65532\n${ENTRY}` }] }],
    },
    {
      name: 'USER 0:0 on distroless :nonroot',
      facts: W0(),
      code: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${APP}USER 0:0\n${ENTRY}`,
      expect: [{ at: '7:6-7:9', fixes: [{ title: 'Run as USER 65532:65532', safety: 'unsafe', output: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${APP}USER 65532:65532\n${ENTRY}` }] }],
    },
    {
      name: 'a root USER in an ancestor stage: the stage gets its own USER',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24 AS base\nUSER root\nFROM base\n${APP}${ENTRY}`,
      expect: [{ at: '6:6-6:10', fixes: [{ title: /^Create an unprivileged user/, safety: 'unsafe', output: `${BUILD}FROM alpine:3.24 AS base\nUSER root\nFROM base\n${APP}${ADDUSER}USER 65532:65532\n${ENTRY}` }] }],
    },
    {
      name: 'ports below 1024 still fire, with a high-port hint',
      facts: W0({ ports: [{ port: 443, loc: { file: 'cmd/app/main.go', line: 20 } }] }),
      code: `${BUILD}FROM scratch\n${APP}EXPOSE 80/tcp\n${ENTRY}`,
      expect: [{ at: '5:6-5:13', severity: 'warning', message: ['port 80, 443', 'prefer a high port (8080)', 'CAP_NET_BIND_SERVICE'] }],
    },
    {
      name: 'a dev stage is info',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24 AS dev\n${APP}${ENTRY}`,
      expect: [{ at: '5:6-5:17', severity: 'info' }],
    },
    {
      name: 'a build environment image (CMD make) is info',
      facts: W0(),
      code: 'FROM golang:1.26\nRUN apt-get update && apt-get install -y --no-install-recommends gcc-mingw-w64\nWORKDIR /go/src/app\nCMD ["make", "static"]\n',
      expect: [{ at: '1:6-1:17', severity: 'info' }],
    },
    {
      name: 'a candidate output is reported one level lower; no ENTRYPOINT: the USER goes at the end',
      facts: W0(),
      code: `${BUILD}FROM scratch AS bare\n${APP}FROM gcr.io/distroless/static-debian13:nonroot\n${APP}${ENTRY}`,
      expect: [
        {
          at: '5:6-5:13',
          severity: 'info',
          fixes: [{ title: 'Add USER 65532:65532', safety: 'unsafe', output: `${BUILD}FROM scratch AS bare\n${APP}USER 65532:65532\nFROM gcr.io/distroless/static-debian13:nonroot\n${APP}${ENTRY}` }],
        },
      ],
    },
  ],
});
