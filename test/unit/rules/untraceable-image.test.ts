import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';
import type { VersionVar } from '../../../server/src/engine/facts';

// GD007b inside the Dockerfile: the image records no version or commit. (The tag sources —
// Makefiles, scripts, compose, bake, CI — are tested in test/unit/tagsource.)
const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app\n';
const RUNTIME = 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const LABELS = 'ARG VERSION=dev\nARG COMMIT=unknown\nLABEL org.opencontainers.image.version="${VERSION}" \\\n      org.opencontainers.image.revision="${COMMIT}"\n';
const RUNTIME_LABELLED = `FROM gcr.io/distroless/static-debian13:nonroot\n${LABELS}COPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
const v = (name: string, role: VersionVar['role'], dir = 'cmd/app'): VersionVar => ({ dir, name, role, loc: { file: `${dir}/main.go`, line: 5 } });
const LABELS_FIX = 'Add ARG VERSION/COMMIT and the OCI version/revision labels to the final stage';

runRuleTests('GD007b', {
  valid: [
    { name: 'the generator\'s labels in the final stage', facts: W0(), code: `${HEAD}${BUILD}${RUNTIME_LABELLED}` },
    { name: 'ARG VERSION in the build stage', code: `${HEAD}ARG VERSION\nRUN go build -ldflags="-X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'a global ARG GIT_COMMIT', code: `ARG GIT_COMMIT=unknown\n${HEAD}${BUILD}${RUNTIME}` },
    { name: 'an OCI revision label alone', code: `${HEAD}${BUILD}FROM scratch\nLABEL org.opencontainers.image.revision=abc\nCOPY --from=build /out/app /app\n` },
    { name: 'no go build: only a download stage', code: 'FROM golang:1.26-alpine AS deps\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n' },
    { name: 'not a Go build (a remote tool install only)', code: 'FROM golang:1.26-alpine\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3\n' },
    { name: 'the final image does not come from the Go build', code: `${HEAD}${BUILD}FROM alpine:3.22\nCOPY bin/app /app\n` },
    { name: 'ONBUILD images build downstream', code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN go build -o /app /src\n' },
  ],
  invalid: [
    {
      name: 'no version inside; without facts only the labels fix',
      code: `${HEAD}${BUILD}${RUNTIME}`,
      expect: [{
        at: '5:1-5:47',
        severity: 'info',
        message: ['records no version or commit', '--build-arg VERSION='],
        fixes: [{ title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}${BUILD}${RUNTIME_LABELLED}` }],
      }],
    },
    {
      name: 'the code has main.version: the second fix passes it to -ldflags (ARG in the build stage)',
      facts: W0({ versionVars: [v('version', 'version')] }),
      code: `${HEAD}${BUILD}${RUNTIME}`,
      expect: [{
        at: '5:1-5:47',
        message: ['version (cmd/app/main.go:5)', '-X main.version=…'],
        fixes: [
          { title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}${BUILD}${RUNTIME_LABELLED}` },
          {
            title: 'Also set main.version with -ldflags -X from those build arguments',
            safety: 'unsafe',
            output: `${HEAD}ARG VERSION=dev\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/app ./cmd/app\n${RUNTIME_LABELLED}`,
          },
        ],
      }],
    },
    {
      name: 'version and commit variables, no -ldflags yet',
      facts: W0({ versionVars: [v('version', 'version'), v('gitCommit', 'commit')] }),
      code: `${HEAD}RUN go build -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [{
        at: '5:1-5:47',
        fixes: [
          { title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}RUN go build -o /out/app ./cmd/app\n${RUNTIME_LABELLED}` },
          {
            title: 'Also set main.version, main.gitCommit with -ldflags -X from those build arguments',
            safety: 'unsafe',
            output: `${HEAD}ARG VERSION=dev\nARG COMMIT=unknown\nRUN go build -ldflags="-X main.version=\${VERSION} -X main.gitCommit=\${COMMIT}" -o /out/app ./cmd/app\n${RUNTIME_LABELLED}`,
          },
        ],
      }],
    },
    {
      name: 'single stage, lower-case keywords: the ARGs after FROM serve the build too',
      facts: W0({ versionVars: [v('Version', 'version', '')], mainPackages: [{ dir: '', binary: 'app', loc: { file: 'main.go', line: 3 } }] }),
      code: 'from golang:1.26-alpine\nworkdir /src\ncopy . .\nrun go build -o /app .\ncmd ["/app"]\n',
      expect: [{
        at: '1:1-1:24',
        fixes: [
          { title: LABELS_FIX, safety: 'unsafe', output: 'from golang:1.26-alpine\narg VERSION=dev\narg COMMIT=unknown\nlabel org.opencontainers.image.version="${VERSION}" \\\n      org.opencontainers.image.revision="${COMMIT}"\nworkdir /src\ncopy . .\nrun go build -o /app .\ncmd ["/app"]\n' },
          {
            title: 'Also set main.Version with -ldflags -X from those build arguments',
            safety: 'unsafe',
            output: 'from golang:1.26-alpine\narg VERSION=dev\narg COMMIT=unknown\nlabel org.opencontainers.image.version="${VERSION}" \\\n      org.opencontainers.image.revision="${COMMIT}"\nworkdir /src\ncopy . .\nrun go build -ldflags="-X main.Version=${VERSION}" -o /app .\ncmd ["/app"]\n',
          },
        ],
      }],
    },
    {
      name: 'the -X goes to the build that feeds the final image, not to a later tools stage',
      facts: W0({ versionVars: [v('version', 'version')] }),
      code: `${HEAD}${BUILD}FROM golang:1.26-alpine AS tools\nRUN go build -o /out/tool ./cmd/tool\n${RUNTIME}`,
      expect: [{
        at: '7:1-7:47',
        fixes: [
          { title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}${BUILD}FROM golang:1.26-alpine AS tools\nRUN go build -o /out/tool ./cmd/tool\n${RUNTIME_LABELLED}` },
          {
            title: 'Also set main.version with -ldflags -X from those build arguments',
            safety: 'unsafe',
            output: `${HEAD}ARG VERSION=dev\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/app ./cmd/app\nFROM golang:1.26-alpine AS tools\nRUN go build -o /out/tool ./cmd/tool\n${RUNTIME_LABELLED}`,
          },
        ],
      }],
    },
    {
      name: 'the label continuation follows the escape directive',
      code: `# escape=\`\n${HEAD}${BUILD}${RUNTIME}`,
      expect: [{
        at: '6:1-6:47',
        fixes: [{ title: LABELS_FIX, safety: 'unsafe', output: `# escape=\`\n${HEAD}${BUILD}${RUNTIME_LABELLED.replace(' \\\n', ' `\n')}` }],
      }],
    },
    {
      name: 'single-quoted -ldflags cannot expand ${VERSION}: only the labels fix',
      facts: W0({ versionVars: [v('version', 'version')] }),
      code: `${HEAD}RUN go build -ldflags='-s -w' -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [{ at: '5:1-5:47', fixes: [{ title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}RUN go build -ldflags='-s -w' -o /out/app ./cmd/app\n${RUNTIME_LABELLED}` }] }],
    },
    {
      name: 'the variable is in another main package than the one built: only the labels fix',
      facts: W0({ versionVars: [v('version', 'version', 'cmd/other')], mainPackages: [
        { dir: 'cmd/app', binary: 'app', loc: { file: 'cmd/app/main.go', line: 1 } },
        { dir: 'cmd/other', binary: 'other', loc: { file: 'cmd/other/main.go', line: 1 } },
      ] }),
      code: `${HEAD}${BUILD}${RUNTIME}`,
      expect: [{ at: '5:1-5:47', fixes: [{ title: LABELS_FIX, safety: 'unsafe', output: `${HEAD}${BUILD}${RUNTIME_LABELLED}` }] }],
    },
  ],
});
