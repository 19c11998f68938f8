import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const TAIL = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';

runRuleTests('GD019', {
  valid: [
    { name: 'WORKDIR before the COPY', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${TAIL}` },
    { name: 'trap: WORKDIR set in a parent stage', facts: W0(), code: `FROM golang:1.26 AS base\nWORKDIR /src\nFROM base AS build\nCOPY . .\n${TAIL}` },
    { name: 'trap: absolute COPY destination, then WORKDIR', facts: W0(), code: `FROM golang:1.26 AS build\nCOPY . /src\nWORKDIR /src\n${TAIL}` },
    { name: 'not a Go toolchain base', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\n${TAIL}FROM alpine:3.24\nCOPY --from=build /out/app app\n` },
    { name: 'EC28: ONBUILD COPY is for a downstream build', code: 'FROM golang:1.26-alpine\nONBUILD COPY . ./\nONBUILD RUN go install github.com/acme/tool@latest\n' },
    { name: 'destination from a variable', facts: W0(), code: `FROM golang:1.26 AS build\nARG DIR=/src\nCOPY . $DIR\nWORKDIR $DIR\n${TAIL}` },
    { name: 'Windows golang image', code: 'FROM golang:1.26-windowsservercore-ltsc2022 AS build\nCOPY . .\nRUN go build -o app.exe .\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:22\nCOPY . .\nRUN npm ci\n' },
  ],
  invalid: [
    {
      name: 'go.mod copied into GOPATH: error, WORKDIR fix',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${TAIL}`,
      expect: [
        {
          at: '2:20-2:22',
          severity: 'error',
          message: ['no WORKDIR', '/go', '$GOPATH/go.mod exists but should not'],
          fixes: [{ title: "Add WORKDIR /src after the FROM of stage 'build'", safety: 'safe', output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${TAIL}` }],
        },
      ],
    },
    {
      name: 'COPY . . with the workspace showing go.mod at the root: error',
      facts: fixtureFacts('http-service'),
      code: `FROM golang:1.26-alpine AS build\nCOPY . .\n${TAIL}`,
      expect: [{ at: '2:8-2:9', severity: 'error', message: ['go.mod lands in /go'] }],
    },
    {
      name: 'COPY . . without workspace facts: warning',
      code: `FROM golang:1.26-alpine AS build\nCOPY . .\n${TAIL}`,
      expect: [{ at: '2:8-2:9', severity: 'warning', message: ['if it has one at the root'] }],
    },
    {
      name: 'relative destination that is not the root: warning',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nCOPY pkg/ pkg/\nWORKDIR /src\nCOPY . .\n${TAIL}`,
      expect: [{ at: '2:11-2:15', severity: 'warning', message: ['module cache /go/pkg'] }],
    },
    {
      name: 'relative COPY in a child stage of a stage without WORKDIR; lower-case file',
      facts: W0(),
      code: `from golang:1.26 as base\nrun go env -w GOFLAGS=-mod=mod\nfrom base as build\n  copy go.mod ./\n${TAIL}`,
      expect: [
        {
          at: '4:15-4:17',
          severity: 'error',
          fixes: [{ title: "Add WORKDIR /src after the FROM of stage 'build'", safety: 'safe', output: `from golang:1.26 as base\nrun go env -w GOFLAGS=-mod=mod\nfrom base as build\nworkdir /src\n  copy go.mod ./\n${TAIL}` }],
        },
      ],
    },
    {
      name: 'CRLF file',
      facts: W0(),
      code: 'FROM golang:1.26 AS build\r\nCOPY go.mod .\r\nRUN go mod download\r\n',
      expect: [{ at: '2:13-2:14', severity: 'error', fixes: [{ title: "Add WORKDIR /src after the FROM of stage 'build'", safety: 'safe', output: 'FROM golang:1.26 AS build\r\nWORKDIR /src\r\nCOPY go.mod .\r\nRUN go mod download\r\n' }] }],
    },
  ],
});
