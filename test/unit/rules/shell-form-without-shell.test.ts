import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

// Runtime-only snippets (EDGE_CASES partial snippets that `COPY --from=build` without the stage) are
// Go Dockerfiles when GoReleaser packages them; otherwise they would be classified not-go.
const RT = W0({ release: { targets: [], platforms: [], ephemeralCi: false, buildx: false, goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true } } });
const BUILD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const DISTROLESS = 'FROM gcr.io/distroless/static-debian13:nonroot';

runRuleTests('GD009', {
  valid: [
    { name: 'EC01 exactly', facts: W0(), code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN <<EOF\nset -eu\nCGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app\nEOF\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'EC08 exactly', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n' },
    { name: 'EC46: GoReleaser runtime-only image in exec form', facts: RT, code: 'FROM scratch\nARG TARGETPLATFORM\nCOPY $TARGETPLATFORM/app /usr/bin/app\nENTRYPOINT ["/usr/bin/app"]\n' },
    { name: 'EC01: exec form on distroless', facts: W0(), code: `${BUILD}${DISTROLESS}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'EC24: FROM <builder stage> has a shell', facts: W0(), code: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\nFROM builder AS final\nEXPOSE 8080\nCMD /out/app\n' },
    { name: 'EC34: SHELL ["/busybox/sh","-c"] on a :debug image', facts: RT, code: 'FROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nRUN mkdir -p /data\nCMD /app --serve\n' },
    { name: 'trap: ENTRYPOINT ["/busybox/sh","-c","…"] on a debug image', facts: RT, code: 'FROM gcr.io/distroless/static-debian13:debug\nENV PORT=8080\nENTRYPOINT ["/busybox/sh", "-c", "exec /app --addr=:$PORT"]\n' },
    { name: 'an earlier COPY brings /bin/sh', facts: RT, code: 'FROM scratch\nCOPY --from=busybox:1.37-musl /bin/ /bin/\nCOPY app /app\nCMD /app --serve\n' },
    { name: 'a shell-form CMD in a stage that is only copied from', facts: W0(), code: `FROM scratch AS files\nCOPY config.yaml /config.yaml\nCMD /app\n${BUILD}${DISTROLESS}\nCOPY --from=files /config.yaml /config.yaml\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'overridden by a later CMD in the chain', facts: W0(), code: `${BUILD}FROM scratch AS base\nCMD /app\nFROM base\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` },
    { name: 'unknown base whose build ran a shell command', facts: RT, code: 'FROM registry.example.com/base/runtime:7\nRUN mkdir /data\nCMD /app --serve\n' },
    { name: 'EC08: Windows', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nRUN go build -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nCMD C:\\app\\app.exe\n' },
    { name: 'EC33 variant: exec-form ENTRYPOINT with CMD on alpine', facts: RT, code: 'FROM alpine:3.24\nCOPY app /app\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n' },
    { name: 'shell-form ENTRYPOINT without a CMD (GD009c needs a CMD)', facts: RT, code: 'FROM alpine:3.24\nCOPY app /app\nENTRYPOINT /app\n' },
    { name: 'bash exists in the Debian golang image', facts: W0(), code: 'FROM golang:1.26 AS build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN go build -o /out/app ./cmd/app\n' },
    { name: 'bash installed before the SHELL', facts: W0(), code: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]\nRUN go build -o /out/app ./cmd/app\n' },
    { name: 'exec form with a variable on a base with a shell (the value is still literal, but not this rule)', facts: RT, code: 'FROM alpine:3.24\nENV PORT=8080\nCOPY app /app\nENTRYPOINT ["/app", "--addr=:${PORT}"]\n' },
    { name: 'not a Go Dockerfile', code: `${DISTROLESS}\nCOPY app /app\nCMD /app\n` },
  ],
  invalid: [
    {
      name: 'EC29: JSON look-alikes are shell form on distroless (the HEALTHCHECK on line 5 is GD024\'s)',
      facts: RT,
      code: `${DISTROLESS}\nCOPY --from=build /out/app /app\nCMD ['/app']\nENTRYPOINT ["/app" "--x"]\nHEALTHCHECK CMD ["/app", "-health",]\n`,
      expect: [
        {
          at: '3:5-3:13',
          severity: 'error',
          message: ['no /bin/sh in distroless', 'the container fails to start', 'not valid JSON'],
          fixes: [{ title: 'Use exec form: CMD ["/app"]', safety: 'safe', output: `${DISTROLESS}\nCOPY --from=build /out/app /app\nCMD ["/app"]\nENTRYPOINT ["/app" "--x"]\nHEALTHCHECK CMD ["/app", "-health",]\n` }],
        },
        {
          at: '4:12-4:26',
          severity: 'error',
          fixes: [{ title: 'Use exec form: ENTRYPOINT ["/app", "--x"]', safety: 'safe', output: `${DISTROLESS}\nCOPY --from=build /out/app /app\nCMD ['/app']\nENTRYPOINT ["/app", "--x"]\nHEALTHCHECK CMD ["/app", "-health",]\n` }],
        },
      ],
    },
    {
      name: 'EC22: base from an ARG default with a modifier',
      facts: W0(),
      code: 'ARG RUNTIME=gcr.io/distroless/static-debian13:nonroot\nFROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME:-scratch}\nCOPY --from=build /out/app /app\nCMD /app --serve\n',
      expect: [
        {
          at: '6:5-6:17',
          severity: 'error',
          message: ['resolved from the default of ARG RUNTIME; --build-arg may change it'],
          fixes: [{ title: 'Use exec form: CMD ["/app", "--serve"]', safety: 'safe', output: 'ARG RUNTIME=gcr.io/distroless/static-debian13:nonroot\nFROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME:-scratch}\nCOPY --from=build /out/app /app\nCMD ["/app", "--serve"]\n' }],
        },
      ],
    },
    {
      name: 'EC35: check=skip=JSONArgsRecommended does not silence GD009',
      facts: RT,
      code: `# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n${DISTROLESS}\nCOPY --from=build /out/app /app\nENTRYPOINT /app\n`,
      expect: [{ at: '5:12-5:16', severity: 'error', fixes: [{ title: 'Use exec form: ENTRYPOINT ["/app"]', safety: 'safe', output: `# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n${DISTROLESS}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` }] }],
    },
    {
      name: 'EC34: SHELL bash on golang alpine (GD009b)',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN go mod download\n\nFROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nRUN mkdir -p /data\n',
      expect: [
        {
          at: '2:8-2:19',
          severity: 'error',
          message: ['SHELL uses /bin/bash', 'no bash'],
          fixes: [
            { title: 'Install bash before this SHELL: RUN apk add --no-cache bash', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN go mod download\n\nFROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nRUN mkdir -p /data\n' },
            { title: 'Use /bin/sh in SHELL (scripts must not rely on bash features)', safety: 'suggestion', output: 'FROM golang:1.26-alpine AS build\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN go mod download\n\nFROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nRUN mkdir -p /data\n' },
          ],
        },
      ],
    },
    {
      name: 'EC34 variant: RUN on :debug without SHELL',
      facts: RT,
      code: 'FROM gcr.io/distroless/static-debian13:debug-nonroot\nRUN mkdir -p /data\n',
      expect: [
        {
          at: '2:5-2:19',
          severity: 'error',
          message: ['a shell only at /busybox/sh', '/bin/sh: no such file or directory'],
          fixes: [{ title: 'Add SHELL ["/busybox/sh", "-c"] after the FROM of stage #0', safety: 'safe', output: 'FROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nRUN mkdir -p /data\n' }],
        },
      ],
    },
    {
      name: 'shell syntax on distroless: suggestion to switch to :debug',
      facts: RT,
      code: `${DISTROLESS}\nCOPY app /app\nCMD /app --addr=:$PORT\n`,
      expect: [
        {
          at: '3:5-3:23',
          fixes: [{ title: 'Switch to gcr.io/distroless/static-debian13:debug-nonroot and SHELL ["/busybox/sh", "-c"] (adds busybox to the image)', safety: 'suggestion', output: 'FROM gcr.io/distroless/static-debian13:debug-nonroot\nSHELL ["/busybox/sh", "-c"]\nCOPY app /app\nCMD /app --addr=:$PORT\n' }],
        },
      ],
    },
    {
      name: 'scratch through a FROM <stage> chain; a RUN in scratch',
      facts: W0(),
      code: `${BUILD}FROM scratch AS base\nCOPY --from=build /out/app /app\nRUN ["/app", "-selftest"]\nFROM base\nRUN /app -selftest\nCMD /app\n`,
      expect: [
        { at: '9:5-9:19', severity: 'error', message: ['scratch is empty'], fixes: [] },
        { at: '10:5-10:9', severity: 'error', fixes: [{ title: 'Use exec form: CMD ["/app"]', safety: 'safe', output: `${BUILD}FROM scratch AS base\nCOPY --from=build /out/app /app\nRUN ["/app", "-selftest"]\nFROM base\nRUN /app -selftest\nCMD ["/app"]\n` }] },
      ],
    },
    {
      name: 'a candidate output (non-last leaf) is one level lower',
      facts: W0(),
      code: `${BUILD}FROM scratch AS debug-image\nCOPY --from=build /out/app /app\nCMD /app\nFROM ${DISTROLESS.slice(5)}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '7:5-7:9', severity: 'warning' }],
    },
    {
      name: 'unknown base: info, conditional',
      facts: RT,
      code: 'FROM registry.example.com/base/runtime:7\nCOPY app /app\nCMD /app --serve\n',
      expect: [{ at: '3:5-3:17', severity: 'info', message: ['if registry.example.com/base/runtime:7 has no /bin/sh'] }],
    },
    {
      name: 'EC31: exec-form RUN with an env assignment as argv[0]',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN ["CGO_ENABLED=0", "go", "build", "-o", "/out/app", "./cmd/app"]\n',
      expect: [
        {
          at: '4:6-4:21',
          severity: 'error',
          message: ['runs no shell', 'cannot set environment variables inline'],
          fixes: [
            { title: 'Use shell form: RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n' },
            { title: 'Move CGO_ENABLED to ENV and keep the exec form', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN ["go", "build", "-o", "/out/app", "./cmd/app"]\n' },
          ],
        },
      ],
    },
    {
      name: 'EC32: exec form with ${PORT} on distroless',
      facts: RT,
      code: `${DISTROLESS}\nENV PORT=8080\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app", "--addr=:\${PORT}"]\n`,
      expect: [
        {
          at: '4:21-4:38',
          severity: 'warning',
          message: ['${PORT}', 'passed literally', 'does not substitute variables in ENTRYPOINT/CMD', 'no shell'],
          fixes: [{ title: 'Write the value: "--addr=:8080"', safety: 'suggestion', output: `${DISTROLESS}\nENV PORT=8080\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app", "--addr=:8080"]\n` }],
        },
      ],
    },
    {
      name: 'exec form that names a missing shell',
      facts: RT,
      code: `${DISTROLESS}\nCOPY app /app\nENTRYPOINT ["/bin/sh", "-c", "exec /app --addr=:$PORT"]\n`,
      expect: [{ at: '3:13-3:22', severity: 'error', message: ['runs /bin/sh', 'does not have'] }],
    },
    {
      name: 'EC33: shell-form ENTRYPOINT swallows CMD on alpine (GD009c)',
      facts: RT,
      code: 'FROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT /app\nCMD ["--port", "8080"]\n',
      expect: [
        {
          at: '3:12-3:16',
          severity: 'warning',
          message: ['ignores CMD', 'SIGTERM'],
          fixes: [{ title: 'Use exec form: ENTRYPOINT ["/app"]', safety: 'unsafe', output: 'FROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n' }],
        },
      ],
    },
    {
      name: 'CRLF and lower-case keywords',
      facts: RT,
      code: 'from gcr.io/distroless/static-debian13:nonroot\r\ncopy app /app\r\nentrypoint /app --serve\r\n',
      expect: [{ at: '3:12-3:24', fixes: [{ title: 'Use exec form: ENTRYPOINT ["/app", "--serve"]', safety: 'safe', output: 'from gcr.io/distroless/static-debian13:nonroot\r\ncopy app /app\r\nentrypoint ["/app", "--serve"]\r\n' }] }],
    },
  ],
});
