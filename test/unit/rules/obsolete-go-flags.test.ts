import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD033', {
  valid: [
    { name: 'trap: a toolchain older than Go 1.16 still needs GO111MODULE=on', code: 'FROM golang:1.15-alpine AS build\nENV GO111MODULE=on\nWORKDIR /go/src/github.com/acme/app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 GO111MODULE=on go build -o /out/app .\n' },
    { name: 'GO111MODULE=off and auto are choices, not leftovers', code: 'FROM golang:1.26 AS build\nENV GO111MODULE=off\nRUN GO111MODULE=auto go build -o /out/app .\n' },
    { name: 'netgo/osusergo and -extldflags -static matter with cgo on', code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -tags netgo,osusergo -ldflags \'-linkmode external -extldflags "-static"\' -o /out/app .\nRUN CGO_ENABLED=1 go build -tags netgo -ldflags \'-extldflags "-static"\' -o /out/app2 .\n' },
    { name: 'cgo mixed when cross-compiling from BUILDPLATFORM on a Debian builder', code: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -tags netgo -o /out/app .\n' },
    { name: 'go clean -i and flags with similar names are fine', code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go clean -i -r && go build -asmflags=-trimpath=/src -o /out/app . && go test -a ./...\n' },
    { name: 'short WORKDIR, and /go/src without a host element', code: 'FROM golang:1.26 AS build\nWORKDIR /go/src/app\nCOPY go.mod go.sum ./\nRUN go mod download\nWORKDIR /src\n' },
    { name: 'GOPATH WORKDIR without any sign of a module build (projects like docker/cli still build in GOPATH mode)', code: 'FROM golang:1.26 AS build\nWORKDIR /go/src/github.com/acme/app\nCOPY . .\nRUN ./scripts/build\n' },
    { name: 'GOPATH WORKDIR with GO111MODULE=auto in a stage built FROM it', code: 'FROM golang:1.26 AS base\nWORKDIR /go/src/github.com/acme/app\nCOPY go.mod vendor.mod ./\nFROM base AS test\nENV GO111MODULE=auto\nRUN go test ./...\n' },
    { name: 'GOPATH WORKDIR when the workspace has no go.mod', facts: W0({ module: undefined }), code: 'FROM golang:1.26 AS build\nWORKDIR /go/src/github.com/acme/app\nCOPY go.mod go.sum ./\nRUN go build -o /out/app .\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:22\nENV GO111MODULE=on\nRUN npm ci\n' },
  ],
  invalid: [
    {
      name: 'catalogue example: -a and -installsuffix cgo',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o main .\n',
      expect: [
        {
          at: '4:39-4:41',
          severity: 'warning',
          message: ['`-a` forces every package, the standard library included, to be'],
          fixes: [
            { title: 'Remove -a', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=linux go build -installsuffix cgo -o main .\n' },
          ],
        },
        {
          at: '4:42-4:60',
          severity: 'info',
          message: ['`-installsuffix cgo` is a leftover from Go before 1.10: CGO_ENABLED=0'],
          fixes: [
            { title: 'Remove -installsuffix cgo', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=linux go build -a -o main .\n' },
          ],
        },
      ],
    },
    {
      name: 'EC26: -tags netgo with CGO_ENABLED=0 (COPY --from an image)',
      facts: W0({ tz: { uses: [{ file: 'cmd/app/main.go', line: 9 }], embedded: false } }),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -tags netgo -o /out/app .\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '2:28-2:39',
          severity: 'info',
          message: ['`-tags netgo` is pointless here: CGO_ENABLED=0 is set, so net and'],
          fixes: [
            { title: 'Remove "netgo" from -tags', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' },
          ],
        },
      ],
    },
    {
      name: 'GO111MODULE=on as ENV, ARG, inline and export',
      code: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nARG GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n',
      expect: [
        {
          at: '2:5-2:19',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nARG GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n' },
          ],
        },
        {
          at: '3:5-3:19',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n' },
          ],
        },
        {
          at: '4:19-4:33',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nARG GO111MODULE=on\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n' },
          ],
        },
        {
          at: '7:5-7:19',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nARG GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n' },
          ],
        },
        {
          at: '8:12-8:26',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nARG GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN go build -o /out/app .\nRUN export GOFLAGS=-trimpath GO111MODULE=on && go build -o /out/app2 .\n' },
          ],
        },
        {
          at: '9:30-9:44',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nENV GO111MODULE=on\nARG GO111MODULE=on\nENV CGO_ENABLED=0 GO111MODULE=on\nWORKDIR /src\nCOPY . .\nRUN GO111MODULE=on go mod download\nRUN export GO111MODULE=on && go build -o /out/app .\nRUN export GOFLAGS=-trimpath && go build -o /out/app2 .\n' },
          ],
        },
      ],
    },
    {
      name: 'legacy ENV form',
      code: 'FROM golang:1.26 AS build\nENV GO111MODULE on\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '2:5-2:19',
          severity: 'info',
          message: ['GO111MODULE=on is the default since Go 1.16: module mode is always'],
          fixes: [
            { title: 'Remove GO111MODULE=on', safety: 'safe', output: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'go get -d -v ./...',
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go get -d -v ./... && go build -o /out/app .\n',
      expect: [
        {
          at: '4:12-4:14',
          severity: 'info',
          message: ['`go get -d` is a GOPATH-era idiom: since Go 1.18 `go get` never'],
          fixes: [
            { title: 'Remove -d', safety: 'safe', output: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go get -v ./... && go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'go build -i: removed in Go 1.20 (error), deprecated before (info), unknown toolchain (warning)',
      code: 'FROM golang:1.26 AS a\nRUN go build -i -o /out/app .\nFROM golang:1.18 AS b\nRUN go build -i -o /out/app .\nFROM example.com/ci/go AS c\nRUN go install -i ./cmd/app\n',
      expect: [
        {
          at: '2:14-2:16',
          severity: 'error',
          message: ['`go build -i` fails on Go 1.20 and later ("flag provided but not'],
          fixes: [
            { title: 'Remove -i', safety: 'safe', output: 'FROM golang:1.26 AS a\nRUN go build -o /out/app .\nFROM golang:1.18 AS b\nRUN go build -i -o /out/app .\nFROM example.com/ci/go AS c\nRUN go install -i ./cmd/app\n' },
          ],
        },
        {
          at: '4:14-4:16',
          severity: 'info',
          message: ['`-i` is deprecated since Go 1.16 and rejected from Go 1.20 on: the'],
          fixes: [
            { title: 'Remove -i', safety: 'safe', output: 'FROM golang:1.26 AS a\nRUN go build -i -o /out/app .\nFROM golang:1.18 AS b\nRUN go build -o /out/app .\nFROM example.com/ci/go AS c\nRUN go install -i ./cmd/app\n' },
          ],
        },
        {
          at: '6:16-6:18',
          severity: 'warning',
          message: ['`-i` is deprecated since Go 1.16 and rejected from Go 1.20 on: the'],
          fixes: [
            { title: 'Remove -i', safety: 'safe', output: 'FROM golang:1.26 AS a\nRUN go build -i -o /out/app .\nFROM golang:1.18 AS b\nRUN go build -i -o /out/app .\nFROM example.com/ci/go AS c\nRUN go install ./cmd/app\n' },
          ],
        },
      ],
    },
    {
      name: '-a alone on a continuation line; -extldflags inside a longer -ldflags',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build \\\n    -a \\\n    -ldflags \'-s -w -extldflags "-static"\' \\\n    -o /out/app .\n',
      expect: [
        {
          at: '5:5-5:7',
          severity: 'warning',
          message: ['`-a` forces every package, the standard library included, to be'],
          fixes: [
            { title: 'Remove -a', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build \\\n    -ldflags \'-s -w -extldflags "-static"\' \\\n    -o /out/app .\n' },
          ],
        },
        {
          at: '6:5-6:43',
          severity: 'info',
          message: ['`-extldflags "-static"` does nothing here: CGO_ENABLED=0 is set, so'],
          fixes: [
            { title: 'Remove -extldflags "-static" from -ldflags', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build \\\n    -a \\\n    -ldflags \'-s -w\' \\\n    -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: '-a alone on the last line of a continued RUN',
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app . && go install \\\n    -a\n',
      expect: [
        {
          at: '3:5-3:7',
          severity: 'warning',
          message: ['`-a` forces every package, the standard library included, to be'],
          fixes: [
            { title: 'Remove -a', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app . && go install\n' },
          ],
        },
      ],
    },
    {
      name: 'tags: netgo and osusergo among other tags, comma separated; -ldflags= holding only -extldflags',
      code: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=0\nRUN go build -tags=netgo,osusergo,timetzdata -ldflags="-extldflags=-static" -o /out/app .\n',
      expect: [
        {
          at: '3:14-3:45',
          severity: 'info',
          message: ['`-tags netgo,osusergo` is pointless here: CGO_ENABLED=0 is set, so'],
          fixes: [
            { title: 'Remove "netgo" and "osusergo" from -tags', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=0\nRUN go build -tags=timetzdata -ldflags="-extldflags=-static" -o /out/app .\n' },
          ],
        },
        {
          at: '3:46-3:76',
          severity: 'info',
          message: ['`-extldflags "-static"` does nothing here: CGO_ENABLED=0 is set, so'],
          fixes: [
            { title: 'Remove the -ldflags that only set -extldflags', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=0\nRUN go build -tags=netgo,osusergo,timetzdata -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'cgo off because the alpine builder has no C compiler',
      code: 'FROM golang:1.26-alpine AS build\nRUN go build -tags "osusergo" -o /out/app .\n',
      expect: [
        {
          at: '2:14-2:30',
          severity: 'info',
          message: ['`-tags osusergo` is pointless here: cgo is off (the builder has no C'],
          fixes: [
            { title: 'Remove "osusergo" from -tags', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nRUN go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'GOPATH-era WORKDIR: go.mod is in the workspace',
      facts: W0(),
      code: 'FROM golang:1.26 AS build\nWORKDIR /go/src/github.com/acme/app\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n',
      expect: [
        {
          at: '2:9-2:36',
          severity: 'info',
          message: ['`WORKDIR /go/src/github.com/acme/app` is the GOPATH-era layout. In'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'GOPATH-era WORKDIR in a module build',
      code: 'FROM golang:1.26 AS build\nWORKDIR /go/src/github.com/acme/app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '2:9-2:36',
          severity: 'info',
          message: ['`WORKDIR /go/src/github.com/acme/app` is the GOPATH-era layout. In'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'GOPATH-era WORKDIR through $GOPATH, module known from the workspace',
      facts: W0(),
      code: 'FROM golang:1.26 AS build\nWORKDIR $GOPATH/src/example.com/app\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n',
      expect: [
        {
          at: '2:9-2:36',
          severity: 'info',
          message: ['`WORKDIR /go/src/example.com/app` is the GOPATH-era layout. In module'],
          fixes: [
          ],
        },
      ],
    },
  ],
});
