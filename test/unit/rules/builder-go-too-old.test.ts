import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BODY = 'WORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n';

runRuleTests('GD008', {
  valid: [
    { name: 'same minor as go.mod (the tag tracks the newest patch)', facts: W0(), code: `FROM golang:1.26-alpine AS build\n${BODY}` },
    { name: 'patch tag at the go.mod version', facts: W0(), code: `FROM golang:1.26.1-bookworm AS build\n${BODY}` },
    { name: 'no go.mod seen: nothing to compare with', code: `FROM golang:1.20 AS build\n${BODY}` },
    { name: 'workspace without go.mod', facts: W0({ module: undefined }), code: `FROM golang:1.20 AS build\n${BODY}` },
    { name: 'floating tags are GD007 territory', facts: W0(), code: `FROM golang:alpine AS build\n${BODY}` },
    { name: 'go 1.21 (no patch) means 1.21.0', facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.21', requires: [], replaces: [] } }), code: `FROM golang:1.21.0 AS build\n${BODY}` },
    { name: 'image between the go line and the toolchain line of a patch-less tag', facts: fixtureFacts('v2-module'), code: `FROM golang:1.26 AS build\n${BODY}` },
    { name: 'only a pinned remote tool install runs in the stage', facts: W0(), code: 'FROM golang:1.22-alpine AS tools\nRUN go install golang.org/x/tools/cmd/stringer@v0.30.0\n' },
    { name: 'chainguard go carries no version tag', facts: W0(), code: `FROM cgr.dev/chainguard/go:latest AS build\n${BODY}` },
    { name: 'FROM <stage> is checked on the root stage only', facts: W0(), code: `FROM golang:1.26 AS base\nFROM base AS build\n${BODY}` },
    { name: 'go.work excluded by GOWORK=off', facts: W0({ goWork: { file: 'go.work', goVersion: '1.27.0', use: [] } }), code: `FROM golang:1.26 AS build\nENV GOWORK=off\nWORKDIR /src\nCOPY . .\nRUN go build ./cmd/app\n` },
    { name: 'go.work not copied into the build', facts: W0({ goWork: { file: 'go.work', goVersion: '1.27.0', use: [] } }), code: `FROM golang:1.26 AS build\n${BODY}` },
  ],
  invalid: [
    {
      name: 'EC14: ARG default drives the version; the fix edits the ARG',
      facts: W0(),
      code: `ARG GO_VERSION=1.24\nFROM golang:\${GO_VERSION}-alpine AS build\n${BODY}`,
      expect: [
        {
          at: '1:16-1:20',
          severity: 'error',
          message: ['golang:1.24-alpine has Go 1.24', 'go 1.26.1', 'GOTOOLCHAIN=local', '--build-arg GO_VERSION may override'],
          fixes: [{ title: 'Use Go 1.26 (go.mod): ARG GO_VERSION=1.26', safety: 'unsafe', output: `ARG GO_VERSION=1.26\nFROM golang:\${GO_VERSION}-alpine AS build\n${BODY}` }],
        },
      ],
    },
    {
      name: 'EC15: version from --build-arg only: info, not the InvalidDefaultArgInFrom text',
      facts: W0(),
      code: 'ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build\n',
      expect: [
        {
          at: '2:6-2:33',
          severity: 'info',
          message: ['comes from --build-arg GO_VERSION', 'cannot check it against go.mod (go 1.26.1)'],
          fixes: [{ title: 'Give ARG GO_VERSION the default 1.26 (go.mod)', safety: 'suggestion', output: 'ARG GO_VERSION=1.26\nFROM golang:${GO_VERSION}-alpine AS build\n' }],
        },
      ],
    },
    {
      name: 'EC15 without workspace facts: info, no fix',
      code: 'ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build\n',
      expect: [{ at: '2:6-2:33', severity: 'info', message: ['cannot check it against go.mod;'], fixes: [] }],
    },
    {
      name: 'EC54: GOTOOLCHAIN=auto downloads the toolchain: info',
      facts: W0(),
      code: `FROM golang:1.24-alpine AS build\nENV GOTOOLCHAIN=auto\n${BODY}`,
      expect: [
        {
          at: '1:6-1:24',
          severity: 'info',
          message: ['the toolchain go1.26.1 will be downloaded during the build', 'network and proxy access', 'Prefer golang:1.26-alpine'],
          fixes: [{ title: 'Use Go 1.26 (go.mod): golang:1.26-alpine', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nENV GOTOOLCHAIN=auto\n${BODY}` }],
        },
      ],
    },
    {
      name: 'GOTOOLCHAIN=local+auto inline on the go command: info',
      facts: W0(),
      code: 'FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN GOTOOLCHAIN=local+auto go build -o /out/app ./cmd/app\n',
      expect: [{ at: '1:6-1:17', severity: 'info', message: ['GOTOOLCHAIN=local+auto is set'] }],
    },
    {
      name: 'patch tag older than the go line keeps its precision and the variant suffix',
      facts: W0(),
      code: `FROM golang:1.26.0-alpine3.23 AS build\n${BODY}`,
      expect: [
        {
          at: '1:6-1:30',
          severity: 'error',
          message: ['running go 1.26.0; GOTOOLCHAIN=local'],
          fixes: [{ title: 'Use Go 1.26.1 (go.mod): golang:1.26.1-alpine3.23', safety: 'unsafe', output: `FROM golang:1.26.1-alpine3.23 AS build\n${BODY}` }],
        },
      ],
    },
    {
      name: 'go line newer than the newest patch go-dockerfile knows: warning',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.9', goLoc: { file: 'go.mod', line: 3 }, requires: [], replaces: [] } }),
      code: `FROM golang:1.26-bookworm AS build\n${BODY}`,
      expect: [{ at: '1:6-1:26', severity: 'warning', message: ['1.26.7 as far as go-dockerfile knows'], fixes: [{ title: 'Use Go 1.26.9 (go.mod): golang:1.26.9-bookworm', safety: 'unsafe', output: `FROM golang:1.26.9-bookworm AS build\n${BODY}` }] }],
    },
    {
      name: 'image older than the toolchain line: info',
      facts: fixtureFacts('v2-module'),
      code: `FROM golang:1.26.1 AS build\n${BODY}`,
      expect: [{ at: '1:6-1:19', severity: 'info', message: ['toolchain line of go.mod (go1.26.3)'], fixes: [{ title: 'Use Go 1.26.3 (toolchain line of go.mod): golang:1.26.3', safety: 'unsafe', output: `FROM golang:1.26.3 AS build\n${BODY}` }] }],
    },
    {
      name: 'image newer than go.mod: info without a fix',
      facts: W0(),
      code: `FROM golang:1.27-trixie AS build\n${BODY}`,
      expect: [{ at: '1:6-1:24', severity: 'info', message: ['newer than go.mod (go 1.26.1)', 'the build works'], fixes: [] }],
    },
    {
      name: 'go.work copied in with a newer go line',
      facts: W0({ goWork: { file: 'go.work', goVersion: '1.27.0', use: [] } }),
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n',
      expect: [{ at: '1:6-1:17', severity: 'error', message: ['older than go.work requires (go 1.27.0)'], fixes: [{ title: 'Use Go 1.27 (go.work): golang:1.27', safety: 'unsafe', output: 'FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' }] }],
    },
    {
      name: 'one ARG feeds two builders: one finding with both FROMs related',
      facts: W0(),
      code: 'ARG GO=1.25\nFROM golang:${GO} AS a\nRUN go build ./cmd/app\nFROM golang:${GO}-alpine AS b\nRUN go build ./cmd/app\n',
      expect: [{ at: '1:8-1:12', severity: 'error', fixes: [{ title: 'Use Go 1.26 (go.mod): ARG GO=1.26', safety: 'unsafe', output: 'ARG GO=1.26\nFROM golang:${GO} AS a\nRUN go build ./cmd/app\nFROM golang:${GO}-alpine AS b\nRUN go build ./cmd/app\n' }] }],
    },
    {
      name: 'Go before 1.21 cannot read a three-part go line',
      facts: W0(),
      code: `FROM golang:1.18-alpine AS build\n${BODY}`,
      expect: [{ at: '1:6-1:24', severity: 'error', message: ['older than Go 1.21', "invalid go version '1.26.1'"], fixes: [{ title: 'Use Go 1.26 (go.mod): golang:1.26-alpine', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\n${BODY}` }] }],
    },
    {
      name: 'Go before 1.21 with a two-part go line: warning',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.22', goLoc: { file: 'go.mod', line: 3 }, requires: [], replaces: [] } }),
      code: `FROM golang:1.20 AS build\n${BODY}`,
      expect: [{ at: '1:6-1:17', severity: 'warning', message: ['note: module requires Go 1.22'] }],
    },
    {
      name: 'digest-pinned image: no tag fix',
      facts: W0(),
      code: `FROM golang:1.25-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build\n${BODY}`,
      expect: [{ at: '1:6-1:96', severity: 'error', message: ['pinned by digest'], fixes: [] }],
    },
    {
      name: 'a non-official Go image: warning, conditional on GOTOOLCHAIN',
      facts: W0(),
      code: `FROM cimg/go:1.22 AS build\n${BODY}`,
      expect: [{ at: '1:6-1:18', severity: 'warning', message: ['if this image sets GOTOOLCHAIN=local'] }],
    },
  ],
});
