import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const APP = 'COPY --from=build /out/app /app\n';
const ENTRY = 'ENTRYPOINT ["/app"]\n';
/** Runtime-only facts (a ko workspace): EC53 is a partial snippet without a build stage. */
const KO = (targets: string[] = []) =>
  W0({ release: { ko: { file: '.ko.yaml' }, targets: targets.map((name) => ({ name, loc: { file: 'Makefile', line: 3 } })), platforms: [], ephemeralCi: false, buildx: false } });
const EC53 = `FROM scratch AS a
COPY --from=build /out/app /app
USER appuser

FROM scratch AS b
COPY --from=build /out/app /app
USER 65532:65532

FROM gcr.io/distroless/static-debian13 AS c
COPY --from=build /out/app /app
USER nonroot:nonroot
`;

runRuleTests('GD017', {
  valid: [
    { name: 'EC53 b: numeric uid:gid on scratch', facts: W0(), code: `${BUILD}FROM scratch\n${APP}USER 65532:65532\n${ENTRY}` },
    { name: 'EC53 c: distroless knows nonroot', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13\n${APP}USER nonroot:nonroot\n${ENTRY}` },
    { name: 'distroless knows nobody', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13\n${APP}USER nobody\n${ENTRY}` },
    { name: 'chainguard knows nonroot', facts: W0(), code: `${BUILD}FROM cgr.dev/chainguard/static:latest\n${APP}USER nonroot\n${ENTRY}` },
    { name: 'adduser earlier in the same stage (alpine)', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN adduser -D -u 10001 appuser\n${APP}USER appuser\n${ENTRY}` },
    { name: 'useradd in an ancestor stage (debian)', facts: W0(), code: `${BUILD}FROM debian:bookworm-slim AS base\nRUN useradd --system --uid 10001 app\nFROM base\n${APP}USER app\n${ENTRY}` },
    { name: 'the docker init adduser block', facts: W0(), code: `${BUILD}FROM alpine:3.24\nARG UID=10001\nRUN adduser \\\n    --disabled-password \\\n    --gecos "" \\\n    --home "/nonexistent" \\\n    --shell "/sbin/nologin" \\\n    --no-create-home \\\n    --uid "\${UID}" \\\n    appuser\n${APP}USER appuser\n${ENTRY}` },
    { name: 'user and group created with addgroup/adduser', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN addgroup -S appgroup && adduser -S appuser -G appgroup\n${APP}USER appuser:appgroup\n${ENTRY}` },
    { name: 'a passwd line written with echo', facts: W0(), code: `${BUILD}FROM busybox:1.37\nRUN echo "app:x:10001:10001::/:/sbin/nologin" >> /etc/passwd\n${APP}USER app\n${ENTRY}` },
    { name: '/etc/passwd copied from the builder', facts: W0(), code: `FROM golang:1.26-alpine AS build\nRUN adduser -D -u 10001 appuser\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n${APP}USER appuser\n${ENTRY}` },
    { name: '/etc/passwd copied after the USER instruction (looked up at start)', facts: W0(), code: `${BUILD}FROM scratch\nUSER appuser\nCOPY --from=build /etc/passwd /etc/passwd\n${APP}${ENTRY}` },
    { name: 'USER $APP_UID with a numeric ARG default', facts: W0(), code: `${BUILD}FROM scratch\nARG APP_UID=10001\n${APP}USER $APP_UID\n${ENTRY}` },
    { name: 'USER $APP_USER without a default comes from --build-arg', facts: W0(), code: `${BUILD}FROM scratch\nARG APP_USER\n${APP}USER $APP_USER\n${ENTRY}` },
    { name: 'www-data is a Debian system account', facts: W0(), code: `${BUILD}FROM debian:bookworm-slim\n${APP}USER www-data\n${ENTRY}` },
    { name: 'nobody on alpine', facts: W0(), code: `${BUILD}FROM alpine:3.24\n${APP}USER nobody:nogroup\n${ENTRY}` },
    {
      name: 'a setup script may create the account (opaque to the rule)',
      facts: W0(),
      code: 'FROM golang:1.26.6-bullseye\nARG USERNAME=dapr\nCOPY library-scripts/* /tmp/staging/\nRUN apt-get update && bash /tmp/staging/common-debian.sh "true" "${USERNAME}"\nENTRYPOINT ["/usr/local/share/devcontainer-init.sh"]\nUSER ${USERNAME}\n',
    },
    { name: 'a RUN names the account (chown), so something created it', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN ./create-user && chown svc /data\n${APP}USER svc\n${ENTRY}` },
    { name: 'unknown base image', facts: W0(), code: `${BUILD}FROM registry.example.com/base/runtime:7\n${APP}USER svc\n${ENTRY}` },
    { name: 'EC08: Windows', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nUSER ContainerUser\n' },
  ],
  invalid: [
    {
      name: 'EC53: USER by name on scratch in a candidate output: warning',
      facts: KO(),
      code: EC53,
      expect: [
        {
          at: '3:6-3:13',
          severity: 'warning',
          message: ['scratch has no /etc/passwd', 'unable to find user appuser: no matching entries in passwd file', '$HOME falls back to /'],
          fixes: [{ title: 'Use the numeric USER 65532:65532', safety: 'unsafe', output: EC53.replace('USER appuser', 'USER 65532:65532') }],
        },
      ],
    },
    {
      name: 'EC53 with --target a in the workspace: error',
      facts: KO(['a']),
      code: EC53,
      expect: [{ at: '3:6-3:13', severity: 'error' }],
    },
    {
      name: 'the user is created in the builder but its passwd is not copied',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN adduser -D -u 10001 appuser\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\n${APP}USER appuser\n${ENTRY}`,
      expect: [
        {
          at: '8:6-8:13',
          severity: 'error',
          fixes: [
            {
              title: "Copy /etc/passwd from stage 'build'",
              safety: 'safe',
              output: `FROM golang:1.26-alpine AS build\nRUN adduser -D -u 10001 appuser\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\n${APP}COPY --from=build /etc/passwd /etc/passwd\nUSER appuser\n${ENTRY}`,
            },
            {
              title: "Use the numeric USER 10001:10001 (the uid 'appuser' is created with)",
              safety: 'unsafe',
              output: `FROM golang:1.26-alpine AS build\nRUN adduser -D -u 10001 appuser\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\n${APP}USER 10001:10001\n${ENTRY}`,
            },
          ],
        },
      ],
    },
    {
      name: 'distroless does not know a user created in the builder; copying passwd is unsafe there',
      facts: W0(),
      code: `FROM golang:1.26-alpine AS build\nRUN adduser -D appuser\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13\n${APP}USER appuser\n${ENTRY}`,
      expect: [
        {
          at: '6:6-6:13',
          severity: 'error',
          message: ["/etc/passwd of gcr.io/distroless/static-debian13 has no user 'appuser'"],
          fixes: [
            { title: "Copy /etc/passwd from stage 'build'", safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nRUN adduser -D appuser\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13\n${APP}COPY --from=build /etc/passwd /etc/passwd\nUSER appuser\n${ENTRY}` },
            { title: 'Use the numeric USER 65532:65532', safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nRUN adduser -D appuser\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13\n${APP}USER 65532:65532\n${ENTRY}` },
          ],
        },
      ],
    },
    {
      name: 'USER nonroot exists only in distroless and chainguard, not in scratch',
      facts: W0(),
      code: `${BUILD}FROM scratch\n${APP}USER nonroot:nonroot\n${ENTRY}`,
      expect: [{ at: '7:6-7:21', severity: 'error', message: ['USER nonroot:nonroot', 'unable to find user nonroot'] }],
    },
    {
      name: 'a missing group',
      facts: W0(),
      code: `${BUILD}FROM gcr.io/distroless/static-debian13\n${APP}USER nonroot:appgroup\n${ENTRY}`,
      expect: [{ at: '7:6-7:22', severity: 'error', message: ["has no group 'appgroup'", 'unable to find group appgroup: no matching entries in group file'] }],
    },
    {
      name: 'adduser after USER does not count (it would run as that user)',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24\nUSER app\nRUN adduser -D app\n${APP}${ENTRY}`,
      expect: [{ at: '6:6-6:9', severity: 'error', message: ['and no RUN before this USER creates it'] }],
    },
    {
      name: 'USER from an ARG default that names a user',
      facts: W0(),
      code: `${BUILD}FROM scratch\nARG APP_USER=appuser\n${APP}USER \${APP_USER}\n${ENTRY}`,
      expect: [{ at: '8:6-8:17', severity: 'error', message: ['USER appuser:'] }],
    },
    {
      name: 'without workspace facts the rule still applies (it needs none)',
      code: `${BUILD}FROM scratch\n${APP}USER appuser\n${ENTRY}`,
      expect: [{ at: '7:6-7:13', severity: 'error' }],
    },
  ],
});
