import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD034', {
  valid: [
    { name: 'current distroless, golang and alpine tags', code: 'FROM golang:1.26-alpine3.24 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
    { name: 'EC55 L2/L3: debian13 nonroot and Chainguard :latest (GD007 handles the digest advice)', code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot AS b\nCOPY --from=build /out/app /app\nFROM cgr.dev/chainguard/static:latest AS c\nCOPY --from=build /out/app /app\n' },
    { name: 'trap: a digest pin without a tag is fine; Chainguard version tag with a digest pulls', code: 'FROM golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM cgr.dev/chainguard/static:20240301@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY --from=build /out/app /app\n' },
    { name: 'digests are advised only for release Dockerfiles', facts: W0(), code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n' },
    { name: 'Go minors the knowledge base does not list, and alpine variants newer than it knows', code: 'FROM golang:1.22-alpine3.19 AS old\nRUN go build -o /out/app .\nFROM golang:1.27-alpine3.25 AS new\nRUN go build -o /out/app .\nFROM golang:1.26-alpine AS plain\nRUN go build -o /out/app .\n' },
    { name: 'a GoReleaser Dockerfile pinned by digest', facts: fixtureFacts('goreleaser'), dockerfilePath: 'Dockerfile', code: 'FROM gcr.io/distroless/static-debian13:nonroot@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'not a Go Dockerfile', code: 'FROM gcr.io/distroless/nodejs20-debian11\nCOPY index.js /\n' },
  ],
  invalid: [
    {
      name: '(f) trusted registries from the settings: Docker Hub and a wildcard',
      settings: { trustedRegistries: ['gcr.io', '*.example.com'] },
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM registry.example.com/base/static:1\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n',
      expect: [{ at: '1:6-1:24', severity: 'warning', message: ['comes from docker.io', 'not one of the trusted registries (gcr.io, *.example.com)'], fixes: [] }],
    },
    {
      name: 'EC55 (after a Go builder, so L1-L4 are lines 3-6): deprecated debian11 and an unpullable Chainguard version tag',
      code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian11:nonroot AS a\nFROM gcr.io/distroless/static-debian13:nonroot AS b\nFROM cgr.dev/chainguard/static:latest AS c\nFROM cgr.dev/chainguard/static:20240301 AS d\n',
      expect: [
        {
          at: '3:6-3:47',
          severity: 'warning',
          message: ['gcr.io/distroless/static-debian11:nonroot: distroless no longer'],
          fixes: [
            { title: 'Move to debian13 (static-debian13:nonroot)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot AS a\nFROM gcr.io/distroless/static-debian13:nonroot AS b\nFROM cgr.dev/chainguard/static:latest AS c\nFROM cgr.dev/chainguard/static:20240301 AS d\n' },
          ],
        },
        {
          at: '6:6-6:40',
          severity: 'warning',
          message: ['cgr.dev/chainguard/static:20240301: Chainguard\'s free tier publishes'],
          fixes: [
            { title: 'Use :latest (then pin its digest)', safety: 'suggestion', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian11:nonroot AS a\nFROM gcr.io/distroless/static-debian13:nonroot AS b\nFROM cgr.dev/chainguard/static:latest AS c\nFROM cgr.dev/chainguard/static:latest AS d\n' },
          ],
        },
      ],
    },
    {
      name: 'distroless debian12 is past its support date; Docker\'s Go guide base-debian11',
      code: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/base-debian12:nonroot AS alt\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/base-debian11\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '3:6-3:45',
          severity: 'warning',
          message: ['gcr.io/distroless/base-debian12:nonroot: distroless supports'],
          fixes: [
            { title: 'Move to debian13 (base-debian13:nonroot)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot AS alt\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/base-debian11\nCOPY --from=build /out/app /app\n' },
          ],
        },
        {
          at: '5:6-5:37',
          severity: 'warning',
          message: ['gcr.io/distroless/base-debian11: distroless no longer updates'],
          fixes: [
            { title: 'Move to debian13 (base-debian13)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/base-debian12:nonroot AS alt\nCOPY --from=build /out/app /app\nFROM gcr.io/distroless/base-debian13\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'distroless from an ARG default; digest dropped on the move',
      code: 'ARG RUNTIME=gcr.io/distroless/static-debian12:nonroot@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME}\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '4:6-4:16',
          severity: 'warning',
          message: ['gcr.io/distroless/static-debian12:nonroot@sha256:0123456789abcdef01234'],
          fixes: [
            { title: 'Move to debian13 (static-debian13:nonroot)', safety: 'unsafe', output: 'ARG RUNTIME=gcr.io/distroless/static-debian13:nonroot\nFROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME}\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'golang onbuild image',
      code: 'FROM golang:1.8-onbuild\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '1:6-1:24',
          severity: 'warning',
          message: ['golang:1.8-onbuild: the golang onbuild images are deprecated and no'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'golang alpine variant no longer published for that Go version',
      code: 'FROM golang:1.26-alpine3.21 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nCOPY --from=golang:1.27.0-alpine3.22 /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n',
      expect: [
        {
          at: '1:6-1:28',
          severity: 'info',
          message: ['golang:1.26-alpine3.21: docker-library/golang publishes Go 1.26 only'],
          fixes: [
            { title: 'Use golang:1.26-alpine3.24', safety: 'unsafe', output: 'FROM golang:1.26-alpine3.24 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nCOPY --from=golang:1.27.0-alpine3.22 /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n' },
          ],
        },
        {
          at: '5:13-5:37',
          severity: 'info',
          message: ['golang:1.27.0-alpine3.22: docker-library/golang publishes Go 1.27'],
          fixes: [
            { title: 'Use golang:1.27.0-alpine3.24', safety: 'unsafe', output: 'FROM golang:1.26-alpine3.21 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nCOPY --from=golang:1.27.0-alpine3.24 /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n' },
          ],
        },
      ],
    },
    {
      name: 'Chainguard -dev version tag in COPY --from and FROM',
      code: 'FROM cgr.dev/chainguard/go:1.26-dev AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM cgr.dev/chainguard/static\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '1:6-1:36',
          severity: 'warning',
          message: ['cgr.dev/chainguard/go:1.26-dev: Chainguard\'s free tier publishes only'],
          fixes: [
            { title: 'Use :latest-dev (then pin its digest)', safety: 'suggestion', output: 'FROM cgr.dev/chainguard/go:latest-dev AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM cgr.dev/chainguard/static\nCOPY --from=build /out/app /app\n' },
          ],
        },
      ],
    },
    {
      name: 'EC55 L2: GoReleaser release Dockerfile without a digest: hint',
      facts: fixtureFacts('goreleaser'),
      dockerfilePath: 'Dockerfile',
      code: 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '1:6-1:47',
          severity: 'hint',
          message: ['gcr.io/distroless/static-debian13:nonroot has no digest, and this'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'a second GoReleaser Dockerfile (dockers: dockerfile: build/Dockerfile.legacy)',
      facts: fixtureFacts('goreleaser'),
      dockerfilePath: 'build/Dockerfile.legacy',
      code: 'FROM alpine:3.24\nRUN apk add --no-cache ca-certificates\nCOPY rel /usr/local/bin/rel\nENTRYPOINT ["rel"]\n',
      expect: [
        {
          at: '1:6-1:17',
          severity: 'hint',
          message: ['alpine:3.24 has no digest, and this Dockerfile is released by'],
          fixes: [
          ],
        },
      ],
    },
  ],
});
