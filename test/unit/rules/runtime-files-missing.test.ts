import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const TEMPLATES = fixtureFacts('templates');
const BUILDER = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const EC51 = `${BUILDER}FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
const READ = { path: 'config.yaml', call: 'os.ReadFile', loc: { file: 'cmd/app/main.go', line: 12 } };
const WITH_CONFIG = W0({ runtimeReads: [READ], entries: ['go.mod', 'go.sum', 'config.yaml', 'cmd/', 'cmd/app/', 'cmd/app/main.go'] });

runRuleTests('GD023', {
  valid: [
    { name: 'EC51 variant: the templates are embedded (no runtime read left)', facts: W0({ embeds: [{ dir: '', pattern: 'web/templates/*.html', loc: { file: 'main.go', line: 8 } }] }), code: EC51 },
    { name: 'templates copied next to the binary working directory', facts: TEMPLATES, code: `${BUILDER}FROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /app\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY --from=build /src/web/templates ./web/templates\nENTRYPOINT ["/usr/local/bin/app"]\n` },
    { name: 'the whole source tree copied to the working directory', facts: TEMPLATES, code: `${BUILDER}FROM alpine:3.24\nWORKDIR /app\nCOPY --from=build /src /app\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n` },
    { name: 'single stage: COPY . . put the files at WORKDIR', facts: TEMPLATES, code: `${BUILDER}CMD ["/out/app"]\n` },
    { name: 'templates copied from the context into the runtime stage', facts: TEMPLATES, code: `${BUILDER}FROM alpine:3.24\nWORKDIR /srv\nCOPY web/ web/\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n` },
    { name: 'trap: a VOLUME is mounted there', facts: TEMPLATES, code: `${BUILDER}FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nVOLUME /home/nonroot/web\nENTRYPOINT ["/app"]\n` },
    { name: 'trap: absolute config path from a flag (mounted at run time)', code: `${BUILDER}FROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app", "--config", "/etc/app/config.yaml"]\n` },
    { name: 'trap: output-like flags are not reads', code: `${BUILDER}FROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app", "-o", "report.json", "--log-file=app.log"]\n` },
    { name: 'config argument copied into the image', code: `${BUILDER}FROM alpine:3.24\nWORKDIR /app\nCOPY config.yaml ./\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app", "-config", "config.yaml"]\n` },
    { name: 'no runtime reads in the workspace', facts: W0(), code: EC51 },
  ],
  invalid: [
    {
      name: 'EC51: template glob read relative to /home/nonroot (distroless nonroot)',
      facts: TEMPLATES,
      code: EC51,
      expect: [{
        at: '6:1-6:32',
        severity: 'warning',
        message: ['web/templates/*.html (template.ParseGlob, cmd/app/main.go:15)', '/home/nonroot/web/templates', 'pattern matches no files', '//go:embed'],
        fixes: [{
          title: 'Copy web/templates into the runtime image and set WORKDIR /srv/app',
          safety: 'unsafe',
          output: `${BUILDER}FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nWORKDIR /srv/app\nCOPY --from=build /src/web/templates /srv/app/web/templates\nENTRYPOINT ["/app"]\n`,
        }],
      }],
    },
    {
      name: 'binary not at /app: the fix uses WORKDIR /app',
      facts: TEMPLATES,
      code: `${BUILDER}FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n`,
      expect: [{ at: '6:1-6:46', message: ['/web/templates', 'no WORKDIR, so /'], fixes: [{ title: 'Copy web/templates into the runtime image and set WORKDIR /app', safety: 'unsafe', output: `${BUILDER}FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\nWORKDIR /app\nCOPY --from=build /src/web/templates /app/web/templates\nENTRYPOINT ["/usr/local/bin/app"]\n` }] }],
    },
    {
      name: 'explicit WORKDIR and a relative entry: the files go into that WORKDIR',
      facts: TEMPLATES,
      code: `${BUILDER}FROM alpine:3.24\nWORKDIR /opt/site\nCOPY --from=build /out/app ./app\nENTRYPOINT ["./app"]\n`,
      expect: [{ at: '7:1-7:33', message: ['/opt/site/web/templates', 'WORKDIR /opt/site'], fixes: [{ title: 'Copy web/templates into the runtime image', safety: 'unsafe', output: `${BUILDER}FROM alpine:3.24\nWORKDIR /opt/site\nCOPY --from=build /out/app ./app\nCOPY --from=build /src/web/templates /opt/site/web/templates\nENTRYPOINT ["./app"]\n` }] }],
    },
    {
      name: 'the builder never copied the file: the fix copies it from the context',
      facts: WITH_CONFIG,
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd/ cmd/\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nWORKDIR /srv\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n',
      expect: [{ at: '9:1-9:46', message: ['config.yaml (os.ReadFile', '`open config.yaml: no such file or directory`'], fixes: [{ title: 'Copy config.yaml into the runtime image', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd/ cmd/\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM alpine:3.24\nWORKDIR /srv\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY config.yaml /srv/config.yaml\nENTRYPOINT ["/usr/local/bin/app"]\n' }] }],
    },
    {
      name: 'candidate output stage: one level lower',
      facts: TEMPLATES,
      code: `${BUILDER}FROM alpine:3.24 AS alt\nWORKDIR /app\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\nFROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /app\nCOPY --from=build /out/app /usr/local/bin/app\nCOPY --from=build /src/web/templates ./web/templates\nENTRYPOINT ["/usr/local/bin/app"]\n`,
      expect: [{ at: '7:1-7:46', severity: 'info' }],
    },
    {
      name: 'without facts: a relative config argument nothing provides (info)',
      code: `${BUILDER}FROM alpine:3.24\nWORKDIR /srv\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app", "--config", "config.yaml", "-templates=web/templates/"]\n`,
      expect: [
        { at: '8:25-8:38', severity: 'info', message: ['`--config config.yaml`', '/srv/config.yaml', 'unless it is mounted'], fixes: [] },
        { at: '8:40-8:67', severity: 'info', message: ['/srv/web/templates'] },
      ],
    },
    {
      name: 'config argument that exists in the workspace: warning with a fix',
      facts: W0({ entries: ['go.mod', 'go.sum', 'app.toml', 'cmd/', 'cmd/app/'] }),
      code: `${BUILDER}FROM alpine:3.24\nCOPY --from=build /out/app /usr/local/bin/app\nCMD app -config=app.toml\n`,
      expect: [{ at: '7:9-7:25', severity: 'warning', fixes: [{ title: 'Copy app.toml into the runtime image and set WORKDIR /app', safety: 'unsafe', output: `${BUILDER}FROM alpine:3.24\nCOPY --from=build /out/app /usr/local/bin/app\nWORKDIR /app\nCOPY --from=build /src/app.toml /app/app.toml\nCMD app -config=app.toml\n` }] }],
    },
  ],
});
