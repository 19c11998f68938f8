import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const MULTI = W0({ release: { targets: [], platforms: ['linux/amd64', 'linux/arm64'], ephemeralCi: false, buildx: true } });
const CGO = W0({ release: { targets: [], platforms: ['linux/amd64', 'linux/arm64'], ephemeralCi: false, buildx: true }, cgo: { required: true, reasons: [{ kind: 'import-c', loc: { file: 'cmd/app/main.go', line: 3 } }], cxx: false, staticBlockers: [] } });

runRuleTests('GD032', {
  valid: [
    { name: 'the canonical cross-compiling builder', facts: MULTI, code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
    { name: 'trap (d): single-platform projects build natively', facts: W0(), code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'trap (d): cgo required without a cross toolchain: emulated native builds are right', facts: CGO, code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13\nCOPY --from=build /out/app /app\n' },
    { name: 'constant platform or GOARCH in a single-platform project', facts: W0(), code: 'FROM --platform=linux/amd64 golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 GOARCH=amd64 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
    { name: 'cgo cross-compile with xx', facts: CGO, code: 'FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\nFROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\nRUN xx-apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 xx-go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
    { name: 'cgo cross-compile with an explicit cross compiler', code: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nRUN apt-get update && apt-get install -y gcc-aarch64-linux-gnu\nRUN CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOARCH=$TARGETARCH go build -o /out/app .\nFROM debian:trixie-slim\nCOPY --from=build /out/app /app\n' },
    { name: 'EC16: a single builder stage on $BUILDPLATFORM (several ARG names on one line)', code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n' },
    { name: '${TARGETPLATFORM:-linux/amd64} also serves builders without BuildKit', code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.24\nCOPY --from=build /out/app /app\n' },
    { name: 'an export stage on $BUILDPLATFORM is written to disk, not run', code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM --platform=$BUILDPLATFORM scratch AS export\nCOPY --from=build /out/app /\n' },
  ],
  invalid: [
    {
      name: 'EC20: --platform=$BUILDPLATFORM on the runtime stage',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '5:6-5:31',
          severity: 'error',
          message: ['Output stage #1 is FROM --platform=$BUILDPLATFORM: its base image has'],
          fixes: [
            { title: 'Remove --platform=$BUILDPLATFORM from the output stage', safety: 'safe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
          ],
        },
      ],
    },
    {
      name: 'output stage with RUNs: removing the flag is unsafe',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM --platform=${BUILDPLATFORM:-linux/amd64} alpine:3.24\nRUN apk add --no-cache ca-certificates\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:6-4:46',
          severity: 'error',
          message: ['Output stage #1 is FROM --platform=$BUILDPLATFORM: its base image has'],
          fixes: [
            { title: 'Remove --platform=$BUILDPLATFORM from the output stage', safety: 'unsafe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --no-cache ca-certificates\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'EC21: constant platform and GOARCH on the builder in a multi-platform project',
      facts: fixtureFacts('multi-platform'),
      code: 'FROM --platform=linux/amd64 golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 GOARCH=amd64 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '1:6-1:28',
          severity: 'warning',
          message: ['The workspace builds several platforms (linux/amd64, linux/arm64),'],
          fixes: [
            { title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
        {
          at: '2:19-2:31',
          severity: 'warning',
          message: ['GOARCH=amd64 is a constant, but the workspace builds linux/amd64,'],
          fixes: [
            { title: 'Use GOARCH=$TARGETARCH', safety: 'unsafe', output: 'FROM --platform=linux/amd64 golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'constant builder platform without a workspace: info, phrased as a condition',
      code: 'FROM --platform=linux/arm64 golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '1:6-1:28',
          severity: 'info',
          message: ['If this image is built for several platforms, the Go builder is'],
          fixes: [
            { title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'constant GOARCH in ENV on a target-platform stage',
      facts: MULTI,
      code: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=0 GOARCH=amd64\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '2:26-2:31',
          severity: 'warning',
          message: ['GOARCH=amd64 is a constant, but the workspace builds linux/amd64,'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'constant inline GOARCH on a stage built FROM another: remove it',
      facts: MULTI,
      code: 'FROM golang:1.26-alpine AS base\nWORKDIR /src\nFROM base AS build\nRUN CGO_ENABLED=0 GOARCH=arm64 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:19-4:31',
          severity: 'warning',
          message: ['GOARCH=arm64 is a constant, but the workspace builds linux/amd64,'],
          fixes: [
            { title: 'Remove GOARCH=arm64 (the stage already runs on the target platform)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS base\nWORKDIR /src\nFROM base AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'constant inline GOARCH on a target-platform stage: cross-compile instead',
      facts: MULTI,
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 GOARCH=arm64 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '2:19-2:31',
          severity: 'warning',
          message: ['GOARCH=arm64 is a constant, but the workspace builds linux/amd64,'],
          fixes: [
            { title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'a candidate output on $BUILDPLATFORM is reported one level lower',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM --platform=$BUILDPLATFORM alpine:3.24 AS debug\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:6-4:31',
          severity: 'warning',
          message: ['Stage \'debug\', which no other stage uses (so it may be built as a'],
          fixes: [
            { title: 'Remove --platform=$BUILDPLATFORM from the output stage', safety: 'safe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.24 AS debug\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: '--platform=$TARGETPLATFORM on the builder and on the runtime',
      code: 'FROM --platform=$TARGETPLATFORM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM --platform=${TARGETPLATFORM} alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '1:6-1:32',
          severity: 'info',
          message: ['--platform=$TARGETPLATFORM is the default, so it only hides the'],
          fixes: [
            { title: 'Remove --platform=$TARGETPLATFORM', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM --platform=${TARGETPLATFORM} alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
        {
          at: '3:6-3:34',
          severity: 'info',
          message: ['--platform=$TARGETPLATFORM repeats the default (BuildKit'],
          fixes: [
            { title: 'Remove --platform=$TARGETPLATFORM', safety: 'safe', output: 'FROM --platform=$TARGETPLATFORM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: '(d) Go builder under emulation in a multi-platform project',
      facts: MULTI,
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '1:6-1:17',
          severity: 'info',
          message: ['The workspace builds linux/amd64, linux/arm64, and the Go builder'],
          fixes: [
            { title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', output: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETOS\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: '(d) keeps existing GOOS and the RUN flags',
      facts: MULTI,
      code: '# syntax=docker/dockerfile:1\nfrom golang:1.26-alpine as build\nrun --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=linux go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=build /out/app /app\n',
      expect: [
        {
          at: '2:6-2:24',
          severity: 'info',
          message: ['The workspace builds linux/amd64, linux/arm64, and the Go builder'],
          fixes: [
            { title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', output: '# syntax=docker/dockerfile:1\nfrom --platform=$BUILDPLATFORM golang:1.26-alpine as build\narg TARGETARCH\nrun --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=linux GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: '(e) CGO_ENABLED=1 while cross-compiling from $BUILDPLATFORM',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nRUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '3:5-3:18',
          severity: 'warning',
          message: ['CGO_ENABLED=1, but this stage runs on $BUILDPLATFORM and'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: '(e) the program requires cgo and the cross build leaves it unset',
      facts: CGO,
      code: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETOS\nARG TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:39-4:41',
          severity: 'warning',
          message: ['The program requires cgo, but this stage runs on $BUILDPLATFORM and'],
          fixes: [
          ],
        },
      ],
    },
  ],
});
