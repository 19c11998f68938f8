import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const RUN_APP = `COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const BUNDLE_LINE = 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/';
const SERVER_ONLY = W0({ imports: { net: true, osUser: false, tlsClient: false } });
const GORELEASER = W0({
  release: { goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true }, targets: [], platforms: [], ephemeralCi: false, buildx: false },
});
const EC46 = `FROM scratch
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/app /usr/bin/app
ENTRYPOINT ["/usr/bin/app"]
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

runRuleTests('GD010', {
  valid: [
    { name: 'alpine ships ca-certificates-bundle', facts: W0(), code: `${BUILD}FROM alpine:3.24\n${RUN_APP}` },
    { name: 'distroless static has certs', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}` },
    { name: 'chainguard static has certs', facts: W0(), code: `${BUILD}FROM cgr.dev/chainguard/static:latest\n${RUN_APP}` },
    { name: 'the bundle is copied from the builder', facts: W0(), code: `${BUILD}FROM scratch\n${BUNDLE_LINE}\n${RUN_APP}` },
    { name: 'the whole certs directory is copied', facts: W0(), code: `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl/certs /etc/ssl/certs\n${RUN_APP}` },
    { name: 'the Red Hat bundle under /etc/pki', facts: W0(), code: `${BUILD}FROM scratch\nCOPY --from=build /etc/pki/tls/certs/ca-bundle.crt /etc/pki/tls/certs/ca-bundle.crt\n${RUN_APP}` },
    { name: 'remote bundle added into /etc/ssl/certs', facts: W0(), code: `${BUILD}FROM scratch\nADD https://curl.se/ca/cacert.pem /etc/ssl/certs/ca-certificates.crt\n${RUN_APP}` },
    { name: 'SSL_CERT_FILE points at a copied file', facts: W0(), code: `${BUILD}FROM scratch\nCOPY certs/corp.pem /certs/corp.pem\nENV SSL_CERT_FILE=/certs/corp.pem\n${RUN_APP}` },
    { name: 'SSL_CERT_DIR points at a copied directory', facts: W0(), code: `${BUILD}FROM scratch\nCOPY certs/ /certs/\nENV SSL_CERT_DIR=/certs\n${RUN_APP}` },
    { name: 'the program embeds x509roots/fallback', facts: W0({ x509Fallback: true }), code: `${BUILD}FROM scratch\n${RUN_APP}` },
    { name: 'debian slim that installs ca-certificates', facts: W0(), code: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n${RUN_APP}` },
    { name: 'the program imports no networking at all', facts: W0({ imports: { net: false, osUser: false, tlsClient: false }, module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [], replaces: [] } }), code: `${BUILD}FROM scratch\n${RUN_APP}` },
    { name: 'EC46 fixture: GoReleaser binary without any networking', facts: fixtureFacts('goreleaser'), code: EC46 },
    { name: 'a named export stage (docker build --output)', facts: W0(), code: `${BUILD}FROM scratch AS export\nCOPY --from=build /out/app /\n` },
    { name: 'a scratch stage holding only data files', facts: W0(), code: `${BUILD}FROM scratch AS assets\nCOPY web/ /web/\nFROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}` },
    { name: 'EC28: ONBUILD template has no runtime image', code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go install github.com/acme/tool@latest\n' },
    { name: 'EC08: Windows stages are skipped', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n' },
    { name: 'not a Go Dockerfile', code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'unknown runtime image', facts: W0(), code: `${BUILD}FROM registry.example.com/base/runtime:7\n${RUN_APP}` },
  ],
  invalid: [
    {
      name: 'EC12: CRLF line endings, the inserted line uses CRLF',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n',
      expect: [
        {
          at: '4:6-4:13',
          severity: 'error',
          message: ['scratch has no CA certificates', 'has an outbound TLS client', 'x509: certificate signed by unknown authority'],
          fixes: [
            {
              title: "Copy the CA bundle from stage 'build'",
              safety: 'safe',
              output: `FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\n${BUNDLE_LINE}\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n`,
            },
            {
              title: 'Use gcr.io/distroless/static-debian13:nonroot (CA certificates, tzdata, a nonroot user)',
              safety: 'suggestion',
              output: 'FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM gcr.io/distroless/static-debian13:nonroot\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n',
            },
          ],
        },
      ],
    },
    { name: 'EC02: scratch, no certs, TLS client', facts: W0(), code: EC02, expect: [{ at: '8:6-8:13', severity: 'error' }] },
    { name: 'EC07: as EC02', facts: W0(), code: EC07, expect: [{ at: '8:6-8:13', severity: 'error' }] },
    { name: 'EC18: --platform=$BUILDPLATFORM builder, scratch runtime', facts: W0(), code: EC18, expect: [{ at: '5:6-5:13', severity: 'error' }] },
    {
      name: 'EC39: opaque make build; the bundle comes from the golang stage',
      facts: EC39_FACTS,
      code: EC39,
      expect: [{ at: '5:6-5:13', severity: 'error', fixes: [{ title: "Copy the CA bundle from stage 'build'", safety: 'safe', output: EC39.replace('FROM scratch\n', `FROM scratch\n${BUNDLE_LINE}\n`) }, { title: /^Use gcr.io/, safety: 'suggestion', output: EC39.replace('FROM scratch', 'FROM gcr.io/distroless/static-debian13:nonroot') }] }],
    },
    {
      name: 'EC13: lower-case file, COPY --from by index; the fix follows the casing',
      facts: W0(),
      code: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
      expect: [
        {
          at: '5:6-5:13',
          severity: 'error',
          fixes: [
            {
              title: "Copy the CA bundle from stage 'build'",
              safety: 'safe',
              output: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
            },
            {
              title: /^Use gcr.io\/distroless\/static-debian13:nonroot/,
              safety: 'suggestion',
              output: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom gcr.io/distroless/static-debian13:nonroot\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'EC22 variant: FROM ${RUNTIME:-scratch} without the ARG resolves to scratch',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM ${RUNTIME:-scratch}\nCOPY --from=build /out/app /app\nCMD /app --serve\n',
      expect: [
        {
          at: '3:6-3:25',
          severity: 'error',
          message: ['scratch has no CA certificates'],
          fixes: [
            {
              title: "Copy the CA bundle from stage 'build'",
              safety: 'safe',
              output: `FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM \${RUNTIME:-scratch}\n${BUNDLE_LINE}\nCOPY --from=build /out/app /app\nCMD /app --serve\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'EC26: zoneinfo is copied from an image, the certificates are not',
      facts: W0({ tz: { uses: [{ file: 'cmd/app/main.go', line: 12 }], embedded: false } }),
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -tags netgo -o /out/app .\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
      expect: [{ at: '3:6-3:13', severity: 'error', message: ['scratch has no CA certificates'] }],
    },
    {
      name: 'EC46: GoReleaser runtime-only Dockerfile, no builder stage: copy the bundle from alpine',
      facts: GORELEASER,
      code: EC46,
      expect: [
        {
          at: '1:6-1:13',
          severity: 'error',
          fixes: [
            { title: 'Copy the CA bundle from alpine:3.24', safety: 'unsafe', output: `FROM scratch\nCOPY --from=alpine:3.24 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n${EC46.slice('FROM scratch\n'.length)}` },
            { title: /^Use gcr.io\/distroless\/static-debian13:nonroot/, safety: 'suggestion', output: `FROM gcr.io/distroless/static-debian13:nonroot\n${EC46.slice('FROM scratch\n'.length)}` },
          ],
        },
      ],
    },
    {
      name: 'without workspace facts: warning, phrased conditionally, unsafe fix',
      code: `${BUILD}FROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          severity: 'warning',
          message: ['if this service makes HTTPS calls'],
          fixes: [
            { title: "Copy the CA bundle from stage 'build'", safety: 'unsafe', output: `${BUILD}FROM scratch\n${BUNDLE_LINE}\n${RUN_APP}` },
            { title: /^Use gcr.io\/distroless\/static-debian13:nonroot/, safety: 'suggestion', output: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'a server that makes no outbound TLS calls: warning (TLS-terminating proxy trap)',
      facts: SERVER_ONLY,
      code: `${BUILD}FROM scratch\n${RUN_APP}`,
      expect: [{ at: '5:6-5:13', severity: 'warning', message: ['if this service makes HTTPS calls'] }],
    },
    {
      name: 'no networking seen, but a required module could bring it in: still reported',
      facts: W0({ imports: { net: false, osUser: false, tlsClient: false } }),
      code: `${BUILD}FROM scratch\n${RUN_APP}`,
      expect: [{ at: '5:6-5:13', severity: 'warning', message: ['if this service makes HTTPS calls'] }],
    },
    {
      name: 'debian slim has no ca-certificates: info with the apt-get fix',
      facts: W0(),
      code: `${BUILD}FROM debian:bookworm-slim\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:26',
          severity: 'info',
          message: ['debian:bookworm-slim does not include the ca-certificates package'],
          fixes: [
            {
              title: 'Install ca-certificates with apt-get',
              safety: 'unsafe',
              output: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\n${RUN_APP}`,
            },
            { title: "Copy the CA bundle from stage 'build'", safety: 'suggestion', output: `${BUILD}FROM debian:bookworm-slim\n${BUNDLE_LINE}\n${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'SSL_CERT_FILE set, but nothing is copied there',
      facts: W0(),
      code: `${BUILD}FROM scratch\nENV SSL_CERT_FILE=/certs/ca.pem\n${RUN_APP}`,
      expect: [{ at: '5:6-5:13', severity: 'error', message: ['SSL_CERT_FILE=/certs/ca.pem points at a path nothing copies into the image'] }],
    },
    {
      name: 'busybox has no certificates either',
      facts: W0(),
      code: `${BUILD}FROM busybox:1.37\n${RUN_APP}`,
      expect: [{ at: '5:6-5:18', severity: 'error', fixes: [{ title: "Copy the CA bundle from stage 'build'", safety: 'safe', output: `${BUILD}FROM busybox:1.37\n${BUNDLE_LINE}\n${RUN_APP}` }] }],
    },
    {
      name: 'a candidate output (non-last leaf) is reported one level lower',
      facts: W0(),
      code: `${BUILD}FROM scratch AS slim\n${RUN_APP}FROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:6-5:13', severity: 'warning' }],
    },
  ],
});
