import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

// The EDGE_CASES snippets copy from a `build` stage they do not define: with a ko workspace the file
// is a runtime-only Go Dockerfile, where the runtime rules run.
const KO = W0({ release: { ko: { file: '.ko.yaml' }, targets: [], platforms: [], ephemeralCi: false, buildx: false } });
const KO_PROBE = W0({ release: { ko: { file: '.ko.yaml' }, targets: [], platforms: [], ephemeralCi: false, buildx: false }, healthProbe: { arg: '-health', loc: { file: 'cmd/app/main.go', line: 12 } } });
const BUILD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const DISTROLESS = 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\n';
const EC52 = `${DISTROLESS}HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1\nENTRYPOINT ["/app"]\n`;
const REMOVED = (base: string, what: string) => `# HEALTHCHECK removed: ${base} has no ${what}; orchestrators such as Kubernetes use their own probes`;

runRuleTests('GD024', {
  valid: [
    { name: 'the app probes itself in exec form', facts: W0(), code: `${BUILD}${DISTROLESS}HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "-health"]\nENTRYPOINT ["/app"]\n` },
    { name: 'HEALTHCHECK NONE', facts: KO, code: `${DISTROLESS}HEALTHCHECK NONE\nENTRYPOINT ["/app"]\n` },
    { name: 'wget copied in from busybox (musl)', facts: W0(), code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nCOPY --from=busybox:1.37-musl /bin/wget /usr/bin/wget\nHEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost:8080/healthz"]\nENTRYPOINT ["/app"]\n` },
    { name: 'a base with a shell is out of scope (alpine)', facts: W0(), code: `${BUILD}FROM alpine:3.24\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD wget -q -O- http://localhost:8080/healthz || exit 1\nENTRYPOINT ["/app"]\n` },
    { name: 'distroless :debug has busybox wget', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:debug\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost:8080/healthz"]\nENTRYPOINT ["/app"]\n` },
    { name: 'distroless :debug with SHELL ["/busybox/sh", "-c"]', facts: W0(), code: `${BUILD}FROM gcr.io/distroless/static-debian13:debug\nSHELL ["/busybox/sh", "-c"]\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD wget -q -O- http://localhost:8080/healthz || exit 1\nENTRYPOINT ["/app"]\n` },
    { name: 'unknown base image', facts: W0(), code: `${BUILD}FROM registry.example.com/base/minimal:1\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\nENTRYPOINT ["/app"]\n` },
    { name: 'a HEALTHCHECK in the build stage does not reach the runtime image', facts: W0(), code: `${BUILD}HEALTHCHECK CMD curl -f http://localhost/\n${DISTROLESS}ENTRYPOINT ["/app"]\n` },
    { name: 'the binary copied into a directory on PATH', facts: W0(), code: `${BUILD}FROM scratch\nCOPY --from=build /out/ /usr/local/bin/\nHEALTHCHECK CMD ["app", "-health"]\nENTRYPOINT ["app"]\n` },
  ],
  invalid: [
    {
      name: 'EC52: shell-form curl on distroless, no probe in the workspace: remove with a comment',
      facts: KO,
      code: EC52,
      expect: [
        {
          at: '3:32-3:79',
          severity: 'error',
          message: ['has no /bin/sh', '`curl` is not in the image either', 'unhealthy forever'],
          fixes: [
            {
              title: 'Remove the HEALTHCHECK (orchestrators such as Kubernetes use their own probes)',
              safety: 'unsafe',
              output: EC52.replace(/HEALTHCHECK.*\n/, `${REMOVED('gcr.io/distroless/static-debian13:nonroot', 'shell and no curl')}\n`),
            },
          ],
        },
      ],
    },
    {
      name: 'EC52 with a -health flag in the workspace: probe with the app, keeping --interval',
      facts: KO_PROBE,
      code: EC52,
      expect: [
        {
          at: '3:32-3:79',
          message: ['The program has its own probe (-health)'],
          fixes: [
            { title: 'Probe with the program itself: CMD ["/app", "-health"]', safety: 'unsafe', output: EC52.replace(/HEALTHCHECK.*\n/, 'HEALTHCHECK --interval=30s CMD ["/app", "-health"]\n') },
            { title: /^Remove the HEALTHCHECK/, safety: 'unsafe', output: EC52.replace(/HEALTHCHECK.*\n/, `${REMOVED('gcr.io/distroless/static-debian13:nonroot', 'shell and no curl')}\n`) },
          ],
        },
      ],
    },
    {
      name: 'EC29 L5: trailing comma makes it shell form; the exec form is safe',
      facts: KO,
      code: `${DISTROLESS}CMD ['/app']\nENTRYPOINT ["/app" "--x"]\nHEALTHCHECK CMD ["/app", "-health",]\n`,
      expect: [
        {
          at: '5:17-5:37',
          severity: 'error',
          message: ['not valid JSON', 'has no /bin/sh', 'Write it in exec form'],
          fixes: [{ title: 'Use exec form: CMD ["/app", "-health"]', safety: 'safe', output: `${DISTROLESS}CMD ['/app']\nENTRYPOINT ["/app" "--x"]\nHEALTHCHECK CMD ["/app", "-health"]\n` }],
        },
      ],
    },
    {
      name: 'exec-form curl on distroless with the http-service workspace: probe fix adds interval and timeout',
      facts: fixtureFacts('http-service'),
      code: `${BUILD}${DISTROLESS}HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]\nENTRYPOINT ["/app"]\n`,
      expect: [
        {
          at: '7:18-7:24',
          severity: 'error',
          message: ['it runs `curl`, which gcr.io/distroless/static-debian13:nonroot does not have', 'executable file not found in $PATH'],
          fixes: [
            { title: 'Probe with the program itself: CMD ["/app", "-health"]', safety: 'unsafe', output: `${BUILD}${DISTROLESS}HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "-health"]\nENTRYPOINT ["/app"]\n` },
            { title: /^Remove/, safety: 'unsafe', output: `${BUILD}${DISTROLESS}${REMOVED('gcr.io/distroless/static-debian13:nonroot', 'curl')}\nENTRYPOINT ["/app"]\n` },
          ],
        },
      ],
    },
    {
      name: 'shell form without shell syntax on scratch: exec form',
      facts: W0(),
      code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nHEALTHCHECK --timeout=3s CMD /app -health\nENTRYPOINT ["/app"]\n`,
      expect: [
        {
          at: '7:30-7:42',
          fixes: [{ title: 'Use exec form: CMD ["/app", "-health"]', safety: 'safe', output: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nHEALTHCHECK --timeout=3s CMD ["/app", "-health"]\nENTRYPOINT ["/app"]\n` }],
        },
      ],
    },
    {
      name: 'chainguard static with wget, multi-line HEALTHCHECK removed',
      facts: W0(),
      code: `${BUILD}FROM cgr.dev/chainguard/static:latest\nCOPY --from=build /out/app /app\nHEALTHCHECK --interval=10s \\\n  CMD ["wget", "-q", "http://localhost:8080/"]\nENTRYPOINT ["/app"]\n`,
      expect: [
        {
          at: '8:8-8:14',
          message: ['it runs `wget`'],
          fixes: [{ title: /^Remove/, safety: 'unsafe', output: `${BUILD}FROM cgr.dev/chainguard/static:latest\nCOPY --from=build /out/app /app\n${REMOVED('cgr.dev/chainguard/static:latest', 'wget')}\nENTRYPOINT ["/app"]\n` }],
        },
      ],
    },
    {
      name: 'inherited from a base stage; candidate output one level lower',
      facts: W0(),
      code: `${BUILD}FROM gcr.io/distroless/static-debian13 AS base\nHEALTHCHECK CMD ["nc", "-z", "localhost", "8080"]\nFROM base AS debug-free\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\nFROM base AS api\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '6:18-6:22', severity: 'error', message: ['it runs `nc`'] }],
    },
    {
      name: 'a non-last leaf stage (candidate output) is one level lower',
      facts: W0(),
      code: `${BUILD}FROM scratch AS slim\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD ["curl", "http://localhost/"]\nENTRYPOINT ["/app"]\nFROM alpine:3.24\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      expect: [{ at: '7:18-7:24', severity: 'warning' }],
    },
  ],
});
