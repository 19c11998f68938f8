import { W0, emptyFacts, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const RUNTIME = `FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC27 = `${BUILD}
FROM build AS test
RUN go test ./...

${RUNTIME}`;

runRuleTests('GD021', {
  valid: [
    { name: 'a tool stage that only checks the installed version (gotestsum --version)', facts: W0(), code: `${BUILD}FROM build AS gotestsum\nRUN GOBIN=/out go install gotest.tools/gotestsum@v1.12.0 && /out/gotestsum --version\n${RUNTIME}` },
    { name: 'EC27 variant: CI builds the test stage with --target test (ci-target workspace)', facts: fixtureFacts('ci-target'), code: EC27 },
    { name: 'EC27 variant: release.targets names the stage', facts: W0({ release: { targets: [{ name: 'test', loc: { file: 'Makefile', line: 3 } }], platforms: [], ephemeralCi: false, buildx: false } }), code: EC27 },
    { name: 'tests run in the build stage itself', facts: W0(), code: `${BUILD.replace('RUN CGO', 'RUN go test ./...\nRUN CGO')}\n${RUNTIME}` },
    { name: 'the runtime stage depends on the test stage through a marker file', facts: W0(), code: `${BUILD}\nFROM build AS test\nRUN go test ./... && touch /tested\n\n${RUNTIME.replace('COPY --from=build', 'COPY --from=test /tested /tmp/.tested\nCOPY --from=build')}` },
    { name: 'the final stage is built FROM the test stage', facts: W0(), code: `${BUILD}FROM build AS test\nRUN go vet ./... && go test ./...\nFROM test AS final\nCMD ["/out/app"]\n` },
    { name: 'a lint stage reached through RUN --mount from=', facts: W0(), code: `# syntax=docker/dockerfile:1\n${BUILD}FROM golangci/golangci-lint:v2.1.6 AS lint\nWORKDIR /src\nCOPY . .\nRUN golangci-lint run\nFROM alpine:3.24\nRUN --mount=from=lint,target=/lint true\nCOPY --from=build /out/app /app\n` },
    { name: 'the last stage is the test stage', facts: W0(), code: `${BUILD}FROM build AS test\nRUN go test ./...\n` },
    { name: 'a stage that only builds is not a test stage', facts: W0(), code: `${BUILD}FROM build AS tools\nRUN go build -o /out/tool ./cmd/app\n${RUNTIME}` },
  ],
  invalid: [
    {
      name: 'EC27: test stage never built (warning with workspace facts); fixes move the tests or add a marker',
      facts: W0(),
      code: EC27,
      expect: [
        {
          at: '8:15-8:19',
          severity: 'warning',
          message: ["Stage 'test' runs `go test`", 'BuildKit builds only the stages the target needs', '--target test'],
          fixes: [
            {
              title: "Run the checks in stage 'build' before go build (and remove stage 'test')",
              safety: 'suggestion',
              output: `${BUILD.replace('RUN CGO', 'RUN go test ./...\nRUN CGO')}\n${RUNTIME}`,
            },
            {
              title: "Make the final stage depend on stage 'test' with a marker file",
              safety: 'suggestion',
              output: `${BUILD}\nFROM build AS test\nRUN go test ./...\nRUN touch /tested\n\n${RUNTIME.replace('COPY --from=build', 'COPY --from=test /tested /tmp/.tested\nCOPY --from=build')}`,
            },
          ],
        },
      ],
    },
    {
      name: 'EC27 without workspace facts: info, phrased conditionally',
      code: EC27,
      expect: [{ at: '8:15-8:19', severity: 'info', message: ['Unless CI builds it with `docker build --target test`'] }],
    },
    {
      name: 'capped workspace scan: info',
      facts: W0({ limits: { filesScanned: 5000, bytesRead: 1, capped: true } }),
      code: EC27,
      expect: [{ at: '8:15-8:19', severity: 'info' }],
    },
    {
      name: 'a targets list that names other stages does not help',
      facts: fixtureFacts('makefile'),
      code: EC27,
      expect: [{ at: '8:15-8:19', severity: 'warning' }],
    },
    {
      name: 'golangci-lint in an independent lint stage: only the marker fix',
      facts: { ...emptyFacts(), module: W0().module, goSum: true },
      code: `${BUILD}FROM golangci/golangci-lint:v2.1.6 AS lint\nWORKDIR /src\nCOPY . .\nRUN golangci-lint run ./...\n${RUNTIME}`,
      expect: [
        {
          at: '7:39-7:43',
          severity: 'warning',
          message: ['runs `golangci-lint`'],
          fixes: [
            {
              title: "Make the final stage depend on stage 'lint' with a marker file",
              safety: 'suggestion',
              output: `${BUILD}FROM golangci/golangci-lint:v2.1.6 AS lint\nWORKDIR /src\nCOPY . .\nRUN golangci-lint run ./...\nRUN touch /tested\n${RUNTIME.replace('COPY --from=build', 'COPY --from=lint /tested /tmp/.tested\nCOPY --from=build')}`,
            },
          ],
        },
      ],
    },
    {
      name: 'unnamed test stage: range on FROM, marker copies by index',
      facts: W0(),
      code: `${BUILD}FROM build\nRUN go vet ./...\n${RUNTIME}`,
      expect: [
        {
          at: '7:1-7:5',
          message: ['Stage #1 runs `go vet`'],
          fixes: [
            { title: "Run the checks in stage 'build' before go build (and remove stage #1)", safety: 'suggestion', output: `${BUILD.replace('RUN CGO', 'RUN go vet ./...\nRUN CGO')}${RUNTIME}` },
            { title: 'Make the final stage depend on stage #1 with a marker file', safety: 'suggestion', output: `${BUILD}FROM build\nRUN go vet ./...\nRUN touch /tested\n${RUNTIME.replace('COPY --from=build', 'COPY --from=1 /tested /tmp/.tested\nCOPY --from=build')}` },
          ],
        },
      ],
    },
  ],
});
