import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const TZ = fixtureFacts('tz');
const TZ_W0 = W0({ tz: { uses: [{ file: 'cmd/app/main.go', line: 12 }], embedded: false } });
const build = (flags = '', from = 'golang:1.26-alpine') => `FROM ${from} AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build${flags} -o /out/clock .
`;
const RUN_APP = `COPY --from=build /out/clock /clock
ENTRYPOINT ["/clock"]
`;
const ZIP_LINES = 'COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\n';
const EC46 = `FROM scratch
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/app /usr/bin/app
ENTRYPOINT ["/usr/bin/app"]
`;

runRuleTests('GD016', {
  valid: [
    { name: 'off without workspace facts', code: `${build()}FROM scratch\n${RUN_APP}` },
    { name: 'off when the program loads no named zone (UTC, Local, fixed offsets)', facts: W0(), code: `${build()}FROM scratch\n${RUN_APP}` },
    { name: 'import _ "time/tzdata" in main', facts: W0({ tz: { uses: [{ file: 'main.go', line: 9 }], embedded: true } }), code: `${build()}FROM scratch\n${RUN_APP}` },
    { name: 'built with -tags timetzdata', facts: TZ, code: `${build(' -tags timetzdata')}FROM scratch\n${RUN_APP}` },
    { name: 'timetzdata among other tags', facts: TZ, code: `${build(' -tags=netgo,timetzdata')}FROM alpine:3.24\n${RUN_APP}` },
    { name: 'timetzdata through GOFLAGS', facts: TZ, code: `FROM golang:1.26-alpine AS build\nENV GOFLAGS=-tags=timetzdata\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/clock .\nFROM scratch\n${RUN_APP}` },
    { name: 'distroless has tzdata', facts: TZ, code: `${build()}FROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}` },
    { name: 'chainguard static', facts: TZ, code: `${build()}FROM cgr.dev/chainguard/static:latest\n${RUN_APP}` },
    { name: 'debian-based runtime', facts: TZ, code: `${build()}FROM debian:trixie-slim\n${RUN_APP}` },
    { name: '/usr/share/zoneinfo copied from a Debian builder', facts: TZ, code: `${build('', 'golang:1.26')}FROM scratch\nCOPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n${RUN_APP}` },
    {
      name: 'EC26: zoneinfo.zip from an image plus ENV ZONEINFO',
      facts: TZ_W0,
      code: 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -tags netgo -o /out/app .\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\nENV ZONEINFO=/zoneinfo.zip\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    { name: 'apk add tzdata on alpine', facts: TZ, code: `${build()}FROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\n${RUN_APP}` },
    { name: 'golang:alpine as runtime finds GOROOT/lib/time/zoneinfo.zip', facts: TZ, code: 'FROM golang:1.26-alpine\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/clock .\nCMD ["clock"]\n' },
    { name: 'ENV TZ=UTC needs no database', code: `${build()}FROM scratch\nENV TZ=UTC\n${RUN_APP}` },
    { name: 'ENV TZ with the database embedded', facts: W0({ tz: { uses: [], embedded: true } }), code: `${build()}FROM scratch\nENV TZ=Europe/Berlin\n${RUN_APP}` },
    { name: 'ENV TZ on alpine with tzdata installed', code: `${build()}FROM alpine:3.24\nRUN apk add --no-cache tzdata\nENV TZ=Europe/Berlin\n${RUN_APP}` },
    { name: 'ENV TZ on distroless', code: `${build()}FROM gcr.io/distroless/static-debian13:nonroot\nENV TZ=Europe/Berlin\n${RUN_APP}` },
    { name: 'EC08: Windows', facts: TZ, code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build -o C:\\out\\app.exe .\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\n' },
  ],
  invalid: [
    {
      name: 'scratch runtime, the fixture loads Europe/Berlin',
      facts: TZ,
      code: `${build()}FROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          severity: 'warning',
          message: ['scratch has no time-zone database', 'time.LoadLocation in main.go:10', 'unknown time zone'],
          fixes: [
            { title: 'Build with -tags timetzdata (embeds the zone database, about 450 KB)', safety: 'safe', output: `${build(' -tags timetzdata')}FROM scratch\n${RUN_APP}` },
            { title: "Copy zoneinfo.zip from stage 'build' and set ZONEINFO", safety: 'suggestion', output: `${build()}FROM scratch\n${ZIP_LINES}${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'alpine runtime: the tag merges into -tags; apk add tzdata is offered',
      facts: TZ,
      code: `${build(' -tags netgo')}FROM alpine:3.24\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:17',
          severity: 'warning',
          message: ['apk add tzdata'],
          fixes: [
            { title: /^Build with -tags timetzdata/, safety: 'safe', output: `${build(' -tags netgo,timetzdata')}FROM alpine:3.24\n${RUN_APP}` },
            { title: 'Install tzdata with apk', safety: 'unsafe', output: `${build(' -tags netgo')}FROM alpine:3.24\nRUN apk add --no-cache tzdata\n${RUN_APP}` },
            { title: "Copy zoneinfo.zip from stage 'build' and set ZONEINFO", safety: 'suggestion', output: `${build(' -tags netgo')}FROM alpine:3.24\n${ZIP_LINES}${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'a legacy space-separated tag list becomes a comma list',
      facts: TZ,
      code: `${build(' -tags "netgo osusergo"')}FROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          fixes: [
            { title: /^Build with -tags timetzdata/, safety: 'safe', output: `${build(' -tags netgo,osusergo,timetzdata')}FROM scratch\n${RUN_APP}` },
            { title: /^Copy zoneinfo.zip/, safety: 'suggestion', output: `${build(' -tags "netgo osusergo"')}FROM scratch\n${ZIP_LINES}${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'two builds feed the stage: one fix edits both',
      facts: TZ,
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/clock . && CGO_ENABLED=0 go build -tags=timetzdata -o /out/cron ./cmd/cron\nRUN CGO_ENABLED=0 go build -o /out/tool ./cmd/tool\nFROM scratch\nCOPY --from=build /out/clock /out/tool /\nENTRYPOINT ["/clock"]\n',
      expect: [
        {
          at: '6:6-6:13',
          fixes: [
            {
              title: /^Build with -tags timetzdata/,
              safety: 'safe',
              output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -tags timetzdata -o /out/clock . && CGO_ENABLED=0 go build -tags=timetzdata -o /out/cron ./cmd/cron\nRUN CGO_ENABLED=0 go build -tags timetzdata -o /out/tool ./cmd/tool\nFROM scratch\nCOPY --from=build /out/clock /out/tool /\nENTRYPOINT ["/clock"]\n',
            },
            {
              title: /^Copy zoneinfo.zip/,
              safety: 'suggestion',
              output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/clock . && CGO_ENABLED=0 go build -tags=timetzdata -o /out/cron ./cmd/cron\nRUN CGO_ENABLED=0 go build -o /out/tool ./cmd/tool\nFROM scratch\n${ZIP_LINES}COPY --from=build /out/clock /out/tool /\nENTRYPOINT ["/clock"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'ENV ZONEINFO pointing at nothing copied',
      facts: TZ,
      code: `${build()}FROM scratch\nENV ZONEINFO=/zoneinfo.zip\n${RUN_APP}`,
      expect: [{ at: '5:6-5:13', severity: 'warning' }],
    },
    {
      name: 'exec-form build: no tag edit, the zoneinfo.zip copy remains',
      facts: TZ,
      code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN ["go", "build", "-o", "/out/clock", "."]\nFROM scratch\n${RUN_APP}`,
      expect: [{ at: '6:6-6:13', fixes: [{ title: /^Copy zoneinfo.zip/, safety: 'suggestion', output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nENV CGO_ENABLED=0\nRUN ["go", "build", "-o", "/out/clock", "."]\nFROM scratch\n${ZIP_LINES}${RUN_APP}` }] }],
    },
    {
      name: 'GoReleaser runtime-only: the build flags are not visible, info',
      facts: W0({
        tz: { uses: [{ file: 'cmd/app/main.go', line: 12 }], embedded: false },
        release: { goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true }, targets: [], platforms: [], ephemeralCi: false, buildx: false },
      }),
      code: EC46,
      expect: [{ at: '1:6-1:13', severity: 'info', message: ['unless the binary is built with -tags timetzdata'], fixes: [] }],
    },
    {
      name: 'no workspace facts: ENV TZ with a named zone on scratch',
      code: `${build()}FROM scratch\nENV TZ=Europe/Berlin\n${RUN_APP}`,
      expect: [
        {
          at: '6:8-6:21',
          severity: 'warning',
          message: ['ENV TZ=Europe/Berlin asks for a named zone', 'time.Local silently falls back to UTC'],
          fixes: [
            { title: /^Build with -tags timetzdata/, safety: 'safe', output: `${build(' -tags timetzdata')}FROM scratch\nENV TZ=Europe/Berlin\n${RUN_APP}` },
            { title: /^Copy zoneinfo.zip/, safety: 'suggestion', output: `${build()}FROM scratch\n${ZIP_LINES}ENV TZ=Europe/Berlin\n${RUN_APP}` },
          ],
        },
      ],
    },
    {
      name: 'the legacy ENV TZ form on alpine',
      code: `${build()}FROM alpine:3.24\nENV TZ America/New_York\n${RUN_APP}`,
      expect: [{ at: '6:8-6:24', severity: 'warning', message: ['TZ=America/New_York'] }],
    },
    {
      name: 'a candidate output is reported one level lower',
      facts: TZ,
      code: `${build()}FROM alpine:3.24 AS shell\n${RUN_APP}FROM gcr.io/distroless/static-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:6-5:17', severity: 'info' }],
    },
  ],
});
