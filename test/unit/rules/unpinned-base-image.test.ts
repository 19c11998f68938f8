import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD007', {
  valid: [
    { name: 'pinned minor tags', code: 'FROM golang:1.26-alpine AS build\nRUN go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' },
    { name: 'digest pin', code: 'FROM golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build\nRUN go build -o /out/app .\n' },
    { name: 'Debian codename tags are release pins', code: 'FROM golang:1.26-bookworm AS build\nRUN go build -o /out/app .\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n' },
    { name: 'EC55: distroless with a Debian release and the nonroot tag', code: 'FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
    { name: 'scratch and stage names are not image references', code: 'FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM build AS test\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'EC15: ${VAR} without a default comes from --build-arg', code: 'ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build\nRUN go build -o /out/app .\n' },
    { name: 'EC26: COPY --from an image with a tag', code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nCOPY --from=build /out/app /app\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:latest\nRUN npm ci\n' },
  ],
  invalid: [
    {
      name: 'golang:latest pinned from go.mod; untagged alpine from the knowledge base',
      facts: W0(),
      code: 'FROM golang:latest AS build\nRUN go build -o /out/app ./cmd/app\nFROM alpine\nCOPY --from=build /out/app /app\n',
      expect: [
        { at: '1:6-1:19', severity: 'warning', message: [':latest'], fixes: [{ title: 'Pin golang:1.26 (from go.mod)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN go build -o /out/app ./cmd/app\nFROM alpine\nCOPY --from=build /out/app /app\n' }] },
        { at: '3:6-3:12', severity: 'warning', message: ['untagged'], fixes: [{ title: 'Pin alpine:3.24 (latest known release)', safety: 'unsafe', output: 'FROM golang:latest AS build\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n' }] },
      ],
    },
    {
      name: 'floating tags keep their variant; unknown images get no fix',
      code: 'FROM golang:1-alpine AS build\nRUN go build -o /out/app .\nFROM golang:alpine AS b2\nFROM alpine:3\nFROM node:lts\n',
      expect: [
        { at: '1:6-1:21', severity: 'info', fixes: [{ title: 'Pin golang:1.27-alpine (latest known release)', safety: 'unsafe', output: 'FROM golang:1.27-alpine AS build\nRUN go build -o /out/app .\nFROM golang:alpine AS b2\nFROM alpine:3\nFROM node:lts\n' }] },
        { at: '3:6-3:19', severity: 'info', fixes: [{ title: 'Pin golang:1.27-alpine (latest known release)', safety: 'unsafe', output: 'FROM golang:1-alpine AS build\nRUN go build -o /out/app .\nFROM golang:1.27-alpine AS b2\nFROM alpine:3\nFROM node:lts\n' }] },
        { at: '4:6-4:14', severity: 'info', fixes: [{ title: 'Pin alpine:3.24 (latest known release)', safety: 'unsafe', output: 'FROM golang:1-alpine AS build\nRUN go build -o /out/app .\nFROM golang:alpine AS b2\nFROM alpine:3.24\nFROM node:lts\n' }] },
        { at: '5:6-5:14', severity: 'info', fixes: [] },
      ],
    },
    {
      name: 'EC55: distroless without a Debian release; Chainguard asks for a digest, never a version tag',
      code: 'FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static:nonroot AS a\nFROM cgr.dev/chainguard/static:latest AS c\n',
      expect: [
        { at: '3:6-3:38', severity: 'info', message: ['static-debian13'], fixes: [{ title: 'Use static-debian13:nonroot', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot AS a\nFROM cgr.dev/chainguard/static:latest AS c\n' }] },
        { at: '4:6-4:38', severity: 'info', message: ['digest'], fixes: [] },
      ],
    },
    {
      name: 'image from an ARG default: the fix edits the default',
      facts: W0(),
      code: 'ARG BASE=golang:latest\nFROM ${BASE} AS build\nRUN go build -o /out/app ./cmd/app\n',
      expect: [{ at: '2:6-2:13', message: ['from the default of ARG BASE'], fixes: [{ title: 'Pin golang:1.26 (from go.mod)', safety: 'unsafe', output: 'ARG BASE=golang:1.26\nFROM ${BASE} AS build\nRUN go build -o /out/app ./cmd/app\n' }] }],
    },
    {
      name: 'COPY --from an untagged image',
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=golang /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n',
      expect: [{ at: '4:13-4:19', severity: 'warning', fixes: [{ title: 'Pin golang:1.27 (latest known release)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=golang:1.27 /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n' }] }],
    },
  ],
});
