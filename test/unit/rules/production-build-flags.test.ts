import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\n';
const RUNTIME = 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const GOOD = 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app\n';
const EC42 = 'FROM golang:1.26-alpine AS build\nENV GOFLAGS="-ldflags=-s -w"\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -ldflags="-X main.version=1.2.3" -o /out/app ./cmd/app\n';
const EC01 = (run: string) => `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN <<EOF
set -eu
${run}
EOF
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC08 = (run: string) =>
  `# escape=\`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\n${run}\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n`;

runRuleTests('GD025', {
  valid: [
    { name: 'flags hidden in a variable (go build ${GOBUILDFLAGS} …)', facts: W0(), code: `${HEAD}ARG GOBUILDFLAGS\nRUN go build \${GOBUILDFLAGS} -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: '-ldflags from a variable only known at build time', facts: W0(), code: `${HEAD}ARG LDFLAGS\nRUN go build -trimpath -ldflags "$LDFLAGS" -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'production flags present', facts: W0(), code: `${HEAD}${GOOD}${RUNTIME}` },
    { name: '-trimpath through GOFLAGS, -s alone (Go >= 1.22 drops DWARF too)', facts: W0(), code: `${HEAD}ENV GOFLAGS=-trimpath\nRUN go build -ldflags=-s -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'GOFLAGS with several standalone entries is fine', facts: W0(), code: `${HEAD}ENV GOFLAGS="-mod=mod -trimpath -ldflags=-w"\nRUN go build -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'dev stage: -s -w would be wrong there', facts: W0(), code: 'FROM golang:1.26 AS dev\nWORKDIR /src\nCOPY . .\nRUN go build -gcflags="all=-N -l" -o /out/app ./cmd/app\nCMD ["dlv", "exec", "/out/app"]\n' },
    { name: 'a build that only feeds a test stage', facts: W0(), code: `${HEAD}${GOOD}FROM golang:1.26-alpine AS test\nCOPY --from=build /out/app /app\nRUN go build -o /tmp/x ./cmd/app\nFROM scratch AS final\nCOPY --from=build /out/app /app\n` },
    { name: 'tool install is not the product', facts: W0(), code: `${HEAD}RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3\n${GOOD}${RUNTIME}` },
    { name: 'a compile check whose result is discarded', facts: W0(), code: `${HEAD}RUN go build ./...\n${GOOD}${RUNTIME}` },
    { name: 'GoReleaser builds the binaries of this Dockerfile', facts: fixtureFacts('goreleaser'), dockerfilePath: 'Dockerfile', code: `${HEAD}RUN go build -o /out/app .\n${RUNTIME}` },
    { name: '-X from an ARG declared in the stage', facts: W0(), code: `${HEAD}ARG VERSION=dev\nRUN go build -trimpath -ldflags="-s -w -X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: '-X from a shell variable set earlier in the RUN', facts: W0(), code: `${HEAD}RUN VERSION=$(git describe --tags) && go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'a quoted GOFLAGS entry keeps its space (ollama)', facts: W0(), code: `${HEAD}ARG GOFLAGS="'-ldflags=-w -s'"\nRUN go build -trimpath -o /out/app ./cmd/app\n${RUNTIME}` },
    { name: 'opaque build (make)', facts: W0(), code: `${HEAD}RUN make build\n${RUNTIME}` },
  ],
  invalid: [
    {
      // EDGE_CASES EC42 expects `go: parsing $GOFLAGS: unknown flag -w`, but cmd/go accepts in GOFLAGS any flag some
      // go command has (base.hasFlag walks every command) and `go env -w` exists: -w is silently ignored by go build,
      // and -ldflags gets only -s. The finding is a warning with that explanation; see the next case for the error.
      name: 'EC42: GOFLAGS cut at a space (warning), duplicate -ldflags (warning), and no -trimpath (info)',
      facts: W0(),
      code: EC42,
      expect: [
        {
          at: '2:13-2:29',
          severity: 'warning',
          message: ['is split at the space: go build gets -ldflags=-s, and -w is read as a flag of its own', 'silently ignores'],
          fixes: [
            { title: 'Remove ENV GOFLAGS', safety: 'unsafe', output: EC42.replace('ENV GOFLAGS="-ldflags=-s -w"\n', '') },
            { title: "Quote the whole entry: GOFLAGS='-ldflags=-s -w'", safety: 'suggestion', output: EC42.replace('ENV GOFLAGS="-ldflags=-s -w"', `ENV GOFLAGS="'-ldflags=-s -w'"`),
              // The quoted entry now works, and the command-line -ldflags visibly overrides it (a new warning).
              findingMayRemain: true },
          ],
        },
        {
          at: '5:19-5:27',
          severity: 'info',
          message: ['no -trimpath'],
          fixes: [{ title: 'Add -trimpath', safety: 'unsafe', output: EC42.replace('go build -ldflags', 'go build -trimpath -ldflags') }],
        },
        {
          at: '5:45-5:77',
          severity: 'warning',
          message: ['-ldflags is given 2 times', 'the latest match on the command line wins', '-ldflags=-s -w is silently dropped'],
          fixes: [
            {
              title: 'Merge the -ldflags flags into one: -ldflags="-s -w -X main.version=1.2.3"',
              safety: 'unsafe',
              output: EC42.replace('-ldflags="-s -w" -ldflags="-X main.version=1.2.3"', '-ldflags="-s -w -X main.version=1.2.3"'),
            },
          ],
        },
      ],
    },
    {
      name: 'EC42 variant: -ldflags=-w -s stops every go command (-s is no go flag)',
      facts: W0(),
      code: EC42.replace('-ldflags=-s -w"', '-ldflags=-w -s"'),
      expect: [
        { at: '2:13-2:29', severity: 'error', message: ['go: parsing $GOFLAGS: unknown flag -s', 'golang/go#29096'] },
        { at: '5:19-5:27', severity: 'info' },
        { at: '5:45-5:77', severity: 'warning' },
      ],
    },
    {
      name: 'EC01: the range is inside the heredoc body (L9)',
      facts: W0(),
      code: EC01('CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app'),
      expect: [
        {
          at: '9:15-9:23',
          severity: 'info',
          message: ['no -ldflags "-s -w"'],
          fixes: [{ title: 'Add -ldflags="-s -w"', safety: 'unsafe', output: EC01('CGO_ENABLED=0 go build -ldflags="-s -w" -trimpath -o /out/app ./cmd/app') }],
        },
      ],
    },
    {
      name: 'EC13: lower-case instructions, unnamed output stage',
      facts: W0(),
      code: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
      expect: [
        {
          at: '4:22-4:30',
          message: ['stage #1', 'no -trimpath', 'no -ldflags "-s -w"'],
          fixes: [
            {
              title: 'Add -trimpath -ldflags="-s -w"',
              safety: 'unsafe',
              output: 'from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'EC08: Windows build with backtick continuation still gets the info',
      facts: W0(),
      code: EC08('RUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app'),
      expect: [{ at: '5:5-5:13', severity: 'info', fixes: [{ title: 'Add -trimpath -ldflags="-s -w"', safety: 'unsafe', output: EC08('RUN go build -trimpath -ldflags="-s -w" `\n    -o C:\\out\\app.exe .\\cmd\\app') }] }],
    },
    {
      name: 'an existing -ldflags without -s gets -s -w merged in',
      facts: W0(),
      code: `${HEAD}ARG VERSION=dev\nRUN go build -trimpath -ldflags "-X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [{ at: '5:5-5:13', fixes: [{ title: 'Add -ldflags="-s -w"', safety: 'unsafe', output: `${HEAD}ARG VERSION=dev\nRUN go build -trimpath -ldflags="-s -w -X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}` }] }],
    },
    {
      name: 'exec form: the flags are inserted as elements',
      facts: W0(),
      code: `${HEAD}RUN ["go", "build", "-o", "/out/app", "./cmd/app"]\n${RUNTIME}`,
      expect: [{ at: '4:6-4:19', fixes: [{ title: 'Add -trimpath -ldflags="-s -w"', safety: 'unsafe', output: `${HEAD}RUN ["go", "build", "-trimpath", "-ldflags=-s -w", "-o", "/out/app", "./cmd/app"]\n${RUNTIME}` }] }],
    },
    {
      name: '(d) global ARG not redeclared: -X expands to empty',
      facts: W0(),
      code: `ARG VERSION=1.2.3\n${HEAD}RUN go build -trimpath -ldflags="-s -w -X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [
        {
          at: '5:56-5:64',
          severity: 'warning',
          message: ['expands to an empty string', 'ARG VERSION is declared before the first FROM (line 1)'],
          fixes: [
            {
              title: "Declare ARG VERSION in stage 'build'",
              safety: 'unsafe',
              output: `ARG VERSION=1.2.3\nFROM golang:1.26-alpine AS build\nARG VERSION\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -ldflags="-s -w -X main.version=$VERSION" -o /out/app ./cmd/app\n${RUNTIME}`,
            },
          ],
        },
      ],
    },
    {
      name: '(d) a variable set only inline on the go command',
      facts: W0(),
      code: `${HEAD}RUN V=1.2.3 go build -trimpath -ldflags "-s -w -X main.v=\${V}" -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [{ at: '4:58-4:62', message: ['$V is only assigned on the go command itself'], fixes: [] }],
    },
    {
      name: '(d) undeclared variable: suggestion to declare it',
      facts: W0(),
      code: `${HEAD}RUN go build -trimpath -ldflags="-s -w -X main.commit=$COMMIT" -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [
        {
          at: '4:55-4:62',
          message: ["COMMIT is not declared in stage 'build'"],
          fixes: [
            {
              title: "Declare ARG COMMIT in stage 'build'",
              safety: 'suggestion',
              output: `FROM golang:1.26-alpine AS build\nARG COMMIT\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -ldflags="-s -w -X main.commit=$COMMIT" -o /out/app ./cmd/app\n${RUNTIME}`,
            },
          ],
        },
      ],
    },
    {
      name: '(c) -ldflags in GOFLAGS is replaced by the command line',
      facts: W0(),
      code: `${HEAD}ENV GOFLAGS="-trimpath -ldflags=-s"\nRUN go build -ldflags="-X main.v=1" -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [
        { at: '5:5-5:13', severity: 'info', message: ['no -ldflags "-s -w"'] },
        {
          at: '5:14-5:36',
          severity: 'warning',
          message: ['GOFLAGS sets -ldflags=-s', 'golang/go#38522'],
          fixes: [
            {
              title: 'Merge the GOFLAGS value into this flag: -ldflags="-s -X main.v=1"',
              safety: 'unsafe',
              output: `${HEAD}ENV GOFLAGS="-trimpath -ldflags=-s"\nRUN go build -ldflags="-s -X main.v=1" -o /out/app ./cmd/app\n${RUNTIME}`,
            },
          ],
        },
      ],
    },
    {
      name: '(c) -tags twice: merged with a comma',
      facts: W0(),
      code: `${HEAD}RUN go build -trimpath -ldflags=-s -tags netgo -tags osusergo -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [
        {
          at: '4:48-4:62',
          message: ['-tags is given 2 times'],
          fixes: [{ title: 'Merge the -tags flags into one: -tags=netgo,osusergo', safety: 'unsafe', output: `${HEAD}RUN go build -trimpath -ldflags=-s -tags=netgo,osusergo -o /out/app ./cmd/app\n${RUNTIME}` }],
        },
      ],
    },
    {
      name: 'ARG GOFLAGS with a space-split value; keeping the valid entries',
      facts: W0(),
      code: `${HEAD}ARG GOFLAGS="-trimpath -tags=a b"\n${GOOD}${RUNTIME}`,
      expect: [
        {
          at: '4:13-4:34',
          severity: 'error',
          message: ['go: parsing $GOFLAGS: non-flag "b"'],
          fixes: [
            { title: 'Remove ARG GOFLAGS', safety: 'unsafe', output: `${HEAD}${GOOD}${RUNTIME}` },
            { title: 'Keep only the valid entries: GOFLAGS=-trimpath', safety: 'unsafe', output: `${HEAD}ARG GOFLAGS=-trimpath\n${GOOD}${RUNTIME}` },
            { title: "Quote the whole entry: GOFLAGS=-trimpath '-tags=a b'", safety: 'suggestion', output: `${HEAD}ARG GOFLAGS="-trimpath '-tags=a b'"\n${GOOD}${RUNTIME}` },
          ],
        },
      ],
    },
    {
      name: 'a candidate output is one level lower (hint)',
      facts: W0(),
      code: `${HEAD}RUN go build -o /out/app ./cmd/app\nFROM scratch AS slim\nCOPY --from=build /out/app /app\nFROM alpine:3.24 AS final\nRUN apk add --no-cache ca-certificates\n`,
      expect: [{ at: '4:5-4:13', severity: 'hint' }],
    },
  ],
});
