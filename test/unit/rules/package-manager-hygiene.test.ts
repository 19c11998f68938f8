import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD036', {
  valid: [
    { name: 'apk add --no-cache, also as a global option before the subcommand', code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --no-cache ca-certificates && apk --no-cache add tzdata\nCOPY --from=build /out/app /app\n' },
    { name: 'apk cache mount or cleanup in the same RUN', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN --mount=type=cache,target=/var/cache/apk apk add ca-certificates\nRUN apk add tzdata && rm -rf /var/cache/apk/*\nCOPY --from=build /out/app /app\n' },
    { name: 'the canonical apt-get line', code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates \\\n && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\n' },
    { name: 'apt cache mounts instead of removing the lists', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get -qy install -o APT::Install-Recommends=false ca-certificates\nCOPY --from=build /out/app /app\n' },
    { name: 'apt-get -qq implies -y', code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get update && apt-get install -qq --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\n' },
    { name: 'builder stages are not runtime images', code: 'FROM golang:1.26-alpine AS build\nRUN apk add gcc musl-dev\nRUN apk upgrade\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'git is needed: private modules, git commands, ssh mounts', code: 'FROM golang:1.26-alpine AS a\nRUN apk add --no-cache git\nENV GOPRIVATE=github.com/acme/*\nRUN go mod download\nFROM golang:1.26-alpine AS b\nRUN apk add --no-cache git\nRUN go build -ldflags "-X main.commit=$(git rev-parse HEAD)" -o /out/b .\nFROM golang:1.26-alpine AS c\nRUN apk add --no-cache git\nRUN --mount=type=ssh go mod download\nFROM scratch\nCOPY --from=a /go /a\nCOPY --from=b /out/b /b\nCOPY --from=c /go /c\n' },
    { name: 'git may be needed for VCS stamping: the workspace does not exclude .git', facts: W0({ dockerignores: [] }), code: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache git\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'git may be needed: make or scripts may call git; go generate', code: 'FROM golang:1.26-alpine AS a\nRUN apk add --no-cache git make\nCOPY go.mod go.sum ./\nRUN go mod download && make build\nFROM golang:1.26-alpine AS b\nRUN apk add --no-cache git\nCOPY go.mod gen ./\nRUN go generate ./... && ./build.sh\nFROM scratch\nCOPY --from=a /out/app /a\nCOPY --from=b /out/app /b\n' },
    { name: 'git may be needed for VCS stamping: without a workspace, COPY . . may bring .git in', code: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache git\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'not a Go Dockerfile', code: 'FROM alpine:3.24\nRUN apk add curl\n' },
  ],
  invalid: [
    {
      name: 'apk add without --no-cache in the runtime stage',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add ca-certificates tzdata\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '6:5-6:12',
          severity: 'info',
          message: ['`apk add` without --no-cache leaves the package index in'],
          fixes: [
            { title: 'Add --no-cache', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'apk add --update: replaced by --no-cache',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --update curl\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '6:5-6:12',
          severity: 'info',
          message: ['`apk add` without --no-cache leaves the package index in'],
          fixes: [
            { title: 'Replace --update with --no-cache', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --no-cache curl\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'apk add --update --no-cache: --update is redundant',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --update --no-cache curl && apk add -U --no-cache jq\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '6:13-6:21',
          severity: 'info',
          message: ['`--update` is redundant with --no-cache: apk fetches a fresh index'],
          fixes: [
            { title: 'Remove --update', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --no-cache curl && apk add -U --no-cache jq\nCOPY --from=build /out/app /app\n' },
          ],
        },
        {
          at: '6:49-6:51',
          severity: 'info',
          message: ['`-U` is redundant with --no-cache: apk fetches a fresh index anyway'],
          fixes: [
            { title: 'Remove -U', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nRUN apk add --update --no-cache curl && apk add --no-cache jq\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'apt-get install: the canonical line',
      code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get update && apt-get install ca-certificates\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:23-4:38',
          severity: 'info',
          message: ['`apt-get install` in a runtime stage lacks -y (without it apt-get'],
          fixes: [
            { title: 'Use the canonical apt-get install line', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'apt-get install: only the lists removal is missing, over continuation lines',
      code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get -qq update \\\n && apt-get -qy install --no-install-recommends ca-certificates\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '5:5-5:24',
          severity: 'info',
          message: ['`apt-get install` in a runtime stage lacks `rm -rf'],
          fixes: [
            { title: 'Use the canonical apt-get install line', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:trixie-slim\nRUN apt-get -qq update \\\n && apt-get -qy install --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'upgrades in the runtime stage (and in a candidate output, one level lower)',
      code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24 AS alt\nRUN apk upgrade --no-cache\nCOPY --from=build /out/app /app\nFROM debian:trixie-slim\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:5-4:16',
          severity: 'hint',
          message: ['`apk upgrade` in a runtime stage makes the image depend on the day it'],
          fixes: [
          ],
        },
        {
          at: '7:23-7:41',
          severity: 'info',
          message: ['`apt-get upgrade` in a runtime stage makes the image depend on the'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'a candidate output is reported one level lower',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24 AS debug\nRUN apk add curl\nCOPY --from=build /out/app /app\nFROM scratch\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '6:5-6:12',
          severity: 'hint',
          message: ['`apk add` without --no-cache leaves the package index in'],
          fixes: [
            { title: 'Add --no-cache', safety: 'safe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24 AS debug\nRUN apk add --no-cache curl\nCOPY --from=build /out/app /app\nFROM scratch\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'builder: git only for public module downloads (workspace excludes .git)',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache git make\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '2:24-2:27',
          severity: 'hint',
          message: ['git is not needed to download public modules: the Go module proxy'],
          fixes: [
            { title: 'Do not install git', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache make\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'builder: git alone in its RUN, no workspace, only named paths copied',
      code: 'FROM golang:1.26-alpine AS build\nRUN apk add --no-cache git\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd ./cmd\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '2:24-2:27',
          severity: 'hint',
          message: ['git is not needed to download public modules: the Go module proxy'],
          fixes: [
            { title: 'Remove this RUN (git is not needed)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd ./cmd\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'builder: go install of a published tool',
      code: 'FROM golang:1.26-alpine AS build\nRUN apk --no-cache add --virtual build-deps git && go install github.com/acme/tool@v1.2.3\nFROM alpine:3.24\nCOPY --from=build /go/bin/tool /usr/local/bin/\n',
      expect: [
        {
          at: '2:45-2:48',
          severity: 'hint',
          message: ['git is not needed to download public modules: the Go module proxy'],
          fixes: [
          ],
        },
      ],
    },
  ],
});
