import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const TWO_MAINS = W0({
  mainPackages: [
    { dir: 'cmd/app', binary: 'app', importPath: 'example.com/app/cmd/app', loc: { file: 'cmd/app/main.go', line: 1 } },
    { dir: 'cmd/worker', binary: 'worker', importPath: 'example.com/app/cmd/worker', loc: { file: 'cmd/worker/main.go', line: 1 } },
  ],
  entries: ['go.mod', 'go.sum', 'cmd/', 'cmd/app/', 'cmd/app/main.go', 'cmd/worker/', 'cmd/worker/main.go', 'internal/', 'internal/db/', 'internal/db/db.go'],
});
const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\n';
const RUNTIME = 'FROM gcr.io/distroless/static-debian13:nonroot\n';
const EC41 = (run: string) => `${HEAD}RUN CGO_ENABLED=0 ${run}\n${RUNTIME}COPY --from=build /src/app /app\n`;

runRuleTests('GD026', {
  valid: [
    { name: 'flags hidden in a variable (go build ${GOBUILDFLAGS} …) are not read as packages', code: `${HEAD}ARG GOBUILDFLAGS\nRUN go build \${GOBUILDFLAGS} -ldflags "-s -w" -o /usr/bin/buildctl ./cmd/buildctl\n${RUNTIME}COPY --from=build /usr/bin/buildctl /buildctl\n` },
    { name: 'one package, -o file', facts: W0(), code: `${HEAD}RUN go build -o /out/app ./cmd/app\n${RUNTIME}COPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'several packages into a directory', facts: TWO_MAINS, code: `${HEAD}RUN go build -o /out/ ./cmd/...\n${RUNTIME}COPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'go build ./... as a compile check before a targeted build', facts: W0(), code: `${HEAD}RUN go build ./... && go build -o /out/app ./cmd/app\n${RUNTIME}COPY --from=build /out/app /app\n` },
    { name: 'compile check in the same RUN as go vet', facts: W0(), code: `${HEAD}RUN go vet ./... && go build ./...\nRUN go build -o /out/app ./cmd/app\n${RUNTIME}COPY --from=build /out/app /app\n` },
    { name: 'go build ./... in a lint stage nothing ships', facts: W0(), code: `${HEAD}RUN go build -o /out/app ./cmd/app\nFROM build AS lint\nRUN go build ./...\n${RUNTIME}COPY --from=build /out/app /app\n` },
    { name: '-o into a directory that exists in the builder', facts: TWO_MAINS, code: `${HEAD}RUN go build -o /usr/local/bin ./cmd/...\n${RUNTIME}COPY --from=build /usr/local/bin/app /app\n` },
    { name: '-o into a directory made by mkdir', facts: TWO_MAINS, code: `${HEAD}RUN mkdir -p /out/bin && go build -o /out/bin ./cmd/...\n${RUNTIME}COPY --from=build /out/bin/app /app\n` },
    { name: '-o file with a pattern that matches one package (workspace)', facts: W0(), code: `${HEAD}RUN go build -o /out/app ./cmd/...\n${RUNTIME}COPY --from=build /out/app /app\n` },
    { name: 'go build with no package where the WORKDIR is the main package', facts: W0(), code: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nWORKDIR /src/cmd/app\nRUN go build -o /out/app\n${RUNTIME}COPY --from=build /out/app /app\n` },
    { name: 'root main package (v2-module workspace)', facts: fixtureFacts('v2-module'), code: `${HEAD}RUN go build -o /out/tool\n${RUNTIME}COPY --from=build /out/tool /tool\n` },
    { name: 'go run in a development Dockerfile (Dockerfile-local)', facts: W0(), dockerfilePath: 'Dockerfile-local', code: 'FROM golang:1.26-alpine\nWORKDIR /src\nCOPY . .\nENTRYPOINT ["go", "run", "."]\n' },
    { name: 'go run in a dev stage', facts: W0(), code: 'FROM golang:1.26 AS dev\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "./cmd/app"]\n' },
    { name: 'entry runs the main package that was built', facts: TWO_MAINS, code: `${HEAD}RUN go build -o /out/ ./cmd/worker\n${RUNTIME}COPY --from=build /out/ /usr/local/bin/\nENTRYPOINT ["worker"]\n` },
  ],
  invalid: [
    {
      name: 'EC41: go build ./... then COPY a binary; fix builds every main into /out/',
      facts: TWO_MAINS,
      code: EC41('go build ./...'),
      expect: [
        {
          at: '4:28-4:33',
          severity: 'error',
          message: ['builds several packages without `-o <dir>/`', 'discards the result'],
          fixes: [{ title: 'Write every main package to /out/ (go build -o /out/ ./cmd/...)', safety: 'unsafe', output: EC41('go build -o /out/ ./cmd/...') }],
        },
      ],
    },
    {
      name: 'EC41 with one main package: build it into /out/<name> first',
      facts: W0(),
      code: EC41('go build ./...'),
      expect: [
        {
          at: '4:28-4:33',
          fixes: [
            { title: 'Build ./cmd/app into /out/app', safety: 'unsafe', output: EC41('go build -o /out/app ./cmd/app') },
            { title: 'Write every main package to /out/ (go build -o /out/ ./...)', safety: 'unsafe', output: EC41('go build -o /out/ ./...') },
          ],
        },
      ],
    },
    {
      name: 'several explicit packages without -o, no workspace',
      code: `${HEAD}RUN go build ./cmd/api ./cmd/worker\n${RUNTIME}COPY --from=build /src/api /api\n`,
      expect: [{ at: '4:14-4:36', severity: 'error', fixes: [{ title: 'Write every main package to /out/ (go build -o /out/ ./cmd/api ./cmd/worker)', safety: 'unsafe', output: `${HEAD}RUN go build -o /out/ ./cmd/api ./cmd/worker\n${RUNTIME}COPY --from=build /src/api /api\n` }] }],
    },
    {
      name: '(e) -o without trailing slash and several packages (multi-main workspace): error',
      facts: fixtureFacts('multi-main'),
      code: `${HEAD}RUN go build -o /out/bin ./cmd/...\n${RUNTIME}COPY --from=build /out/bin/api /api\n`,
      expect: [
        {
          at: '4:14-4:25',
          severity: 'error',
          message: ['go: cannot write multiple packages to non-directory /out/bin'],
          fixes: [{ title: 'Write into the directory /out/bin/', safety: 'unsafe', output: `${HEAD}RUN go build -o /out/bin/ ./cmd/...\n${RUNTIME}COPY --from=build /out/bin/api /api\n` }],
        },
      ],
    },
    {
      name: '(e) without a workspace the pattern may match one package: warning, phrased conditionally',
      code: `${HEAD}RUN go build -o=/out/bin ./cmd/...\n${RUNTIME}COPY --from=build /out/bin/api /api\n`,
      expect: [{ at: '4:14-4:25', severity: 'warning', message: ['If ./cmd/... matches more than one package'], fixes: [{ title: 'Write into the directory /out/bin/', safety: 'unsafe', output: `${HEAD}RUN go build -o=/out/bin/ ./cmd/...\n${RUNTIME}COPY --from=build /out/bin/api /api\n` }] }],
    },
    {
      name: '(e) two explicit packages: error without a workspace',
      code: `${HEAD}RUN go build -o /out/bin ./cmd/api ./cmd/worker\n${RUNTIME}COPY --from=build /out/bin/api /api\n`,
      expect: [{ at: '4:14-4:25', severity: 'error' }],
    },
    {
      name: '(b) go build -o app with no package at the context root (main in ./cmd/app)',
      facts: W0(),
      code: `${HEAD}RUN go build -o /out/app\n${RUNTIME}COPY --from=build /out/app /app\n`,
      expect: [
        {
          at: '4:5-4:13',
          severity: 'warning',
          message: ['/src (the context root), which has no main package', './cmd/app'],
          fixes: [{ title: 'Build ./cmd/app', safety: 'unsafe', output: `${HEAD}RUN go build -o /out/app ./cmd/app\n${RUNTIME}COPY --from=build /out/app /app\n` }],
        },
      ],
    },
    {
      name: '(b) go build . with several main packages: one suggestion each',
      facts: TWO_MAINS,
      code: `${HEAD}RUN go build -o /out/app .\n${RUNTIME}COPY --from=build /out/app /app\n`,
      expect: [
        {
          at: '4:26-4:27',
          fixes: [
            { title: 'Build ./cmd/app', safety: 'suggestion', output: `${HEAD}RUN go build -o /out/app ./cmd/app\n${RUNTIME}COPY --from=build /out/app /app\n` },
            { title: 'Build ./cmd/worker', safety: 'suggestion', output: `${HEAD}RUN go build -o /out/app ./cmd/worker\n${RUNTIME}COPY --from=build /out/app /app\n` },
          ],
        },
      ],
    },
    {
      name: '(b) with a bind mount of the context',
      facts: W0(),
      code: `# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nRUN --mount=type=bind,target=. go build -o /out/app\n${RUNTIME}COPY --from=build /out/app /app\n`,
      expect: [{ at: '4:32-4:40', message: ['/src (the context root)'] }],
    },
    {
      name: '(c) the entry runs another main package than the one built',
      facts: fixtureFacts('multi-main'),
      code: `${HEAD}RUN go build -o /out/ ./cmd/api\n${RUNTIME}COPY --from=build /out/ /usr/local/bin/\nENTRYPOINT ["worker"]\n`,
      expect: [{ at: '7:13-7:21', severity: 'warning', message: ['runs `worker`', 'only builds ./cmd/api'] }],
    },
    {
      name: '(d) go run as the production CMD',
      facts: W0(),
      code: 'FROM golang:1.26-alpine\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "./cmd/app"]\n',
      expect: [{ at: '4:6-4:17', severity: 'warning', message: ['compiles the program at every start'] }],
    },
    {
      name: '(d) shell-form go run on a candidate output: info',
      facts: W0(),
      code: 'FROM golang:1.26-alpine AS server\nWORKDIR /src\nCOPY . .\nCMD go run ./cmd/app\nFROM golang:1.26-alpine AS build\nRUN go build -o /out/app ./cmd/app\n',
      expect: [{ at: '4:5-4:11', severity: 'info' }],
    },
  ],
});
