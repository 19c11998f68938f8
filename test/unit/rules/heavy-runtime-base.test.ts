import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const CGO_BUILD = `FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app
`;

runRuleTests('GD002', {
  valid: [
    { name: 'distroless static runtime', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'alpine runtime', facts: W0(), code: `${BUILD}FROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'debian slim runtime', facts: W0(), code: `${BUILD}FROM debian:bookworm-slim\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'scratch runtime', facts: W0(), code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'dev stage', facts: W0(), code: `${BUILD}FROM ubuntu:24.04 AS debug\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'ubuntu runtime that installs dependencies (no slim variant exists)', facts: W0(), code: `${BUILD}FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y chromium\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'the app runs external tools (os/exec)', facts: W0({ execTools: [{ name: 'git', loc: { file: 'main.go', line: 3 } }] }), code: `${BUILD}FROM ubuntu:24.04\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'toolchain image that builds what it runs (GD001 territory)', facts: W0(), code: `FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nCMD ["/out/app"]\n` },
    { name: 'no Go binary reaches the heavy stage', facts: W0(), code: `${BUILD}FROM node:22\nCOPY web/ /web\nCMD ["node", "/web/server.js"]\n` },
    { name: 'unknown private base image', facts: W0(), code: `${BUILD}FROM registry.example.com/platform/base:2024\nCOPY --from=build /out/app /app\n` },
  ],
  invalid: [
    {
      name: 'ubuntu runtime for a static binary: three alternatives',
      facts: W0(),
      code: `${BUILD}FROM ubuntu:24.04\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n`,
      expect: [
        {
          at: '5:6-5:18',
          severity: 'warning',
          message: ['ubuntu:24.04 is far heavier than a static Go binary needs'],
          fixes: [
            { title: 'Use gcr.io/distroless/static-debian13:nonroot (~2 MiB with CA certs, tzdata, /tmp and a nonroot user)', safety: 'suggestion', output: `${BUILD}FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n` },
            // scratch has no CA bundle: the GD010 cascade the catalogue describes.
            { title: 'Use scratch (empty: add CA certs, tzdata and a numeric USER yourself)', safety: 'suggestion', output: `${BUILD}FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n`, allowNewErrors: ['GD010'] },
            { title: 'Use alpine:3.24 (~8 MiB with a shell and apk)', safety: 'suggestion', output: `${BUILD}FROM alpine:3.24\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n` },
          ],
        },
      ],
    },
    {
      name: 'golang used only as a runtime',
      facts: W0(),
      code: `${BUILD}FROM golang:1.26\nCOPY --from=build /out/app /app\nCMD ["/app"]\n`,
      expect: [{ at: '5:6-5:17', severity: 'warning', message: ['golang:1.26'] }],
    },
    {
      name: 'cgo binary: glibc runtimes of the builder release',
      facts: W0(),
      code: `${CGO_BUILD}FROM ubuntu:24.04\nCOPY --from=build /out/app /app\nCMD ["/app"]\n`,
      expect: [
        {
          at: '5:6-5:18',
          message: ['dynamically linked'],
          fixes: [
            { title: "Use gcr.io/distroless/base-debian12:nonroot (glibc from the builder's Debian 12, certs, tzdata, nonroot user)", safety: 'suggestion', output: `${CGO_BUILD}FROM gcr.io/distroless/base-debian12:nonroot\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` },
            { title: 'Use debian:bookworm-slim (glibc with a shell and apt)', safety: 'suggestion', output: `${CGO_BUILD}FROM debian:bookworm-slim\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` },
          ],
        },
      ],
    },
    {
      name: 'full Debian that installs packages: the slim variant of the same release',
      facts: W0(),
      code: `${BUILD}FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\nCMD ["/app"]\n`,
      expect: [
        {
          at: '5:6-5:21',
          severity: 'info',
          fixes: [{ title: 'Use debian:bookworm-slim (the same release without the extras)', safety: 'suggestion', output: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` }],
        },
      ],
    },
    {
      name: 'runtime image given by an ARG default: the fix edits the default',
      facts: W0(),
      code: `ARG RUNTIME=debian:bookworm\n${BUILD}FROM \${RUNTIME}\nCOPY --from=build /out/app /app\nCMD ["/app"]\n`,
      expect: [
        {
          at: '6:6-6:16',
          severity: 'warning',
          fixes: [
            { title: 'Use gcr.io/distroless/static-debian13:nonroot (~2 MiB with CA certs, tzdata, /tmp and a nonroot user)', safety: 'suggestion', output: `ARG RUNTIME=gcr.io/distroless/static-debian13:nonroot\n${BUILD}FROM \${RUNTIME}\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` },
            { title: 'Use scratch (empty: add CA certs, tzdata and a numeric USER yourself)', safety: 'suggestion', output: `ARG RUNTIME=scratch\n${BUILD}FROM \${RUNTIME}\nCOPY --from=build /out/app /app\nCMD ["/app"]\n`, allowNewErrors: ['GD010'] },
            { title: 'Use alpine:3.24 (~8 MiB with a shell and apk)', safety: 'suggestion', output: `ARG RUNTIME=alpine:3.24\n${BUILD}FROM \${RUNTIME}\nCOPY --from=build /out/app /app\nCMD ["/app"]\n` },
          ],
        },
      ],
    },
  ],
});
