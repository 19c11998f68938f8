import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const VENDORED = fixtureFacts('vendored');
const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app .\n';
const OLD_GO = W0({ vendor: true, module: { dir: '', path: 'example.com/app', goVersion: '1.13', requires: [], replaces: [] }, entries: ['go.mod', 'go.sum', 'main.go', 'vendor/', 'vendor/modules.txt'] });
const ignoring = (pattern: string) => W0({ vendor: true, dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: '.git', negate: false, line: 1 }, { pattern, negate: false, line: 2 }], lineCount: 2, endsWithNewline: true }], entries: ['go.mod', 'go.sum', 'main.go', 'vendor/', 'vendor/modules.txt'] });

runRuleTests('GD027', {
  valid: [
    { name: 'vendored build without download or -mod flags', facts: VENDORED, code: `${HEAD}COPY . .\n${BUILD}` },
    { name: 'not vendored: the download is wanted', facts: W0(), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'go 1.13: vendor/ is not the default, -mod=vendor is needed', facts: OLD_GO, code: `${HEAD}COPY . .\nRUN go build -mod=vendor -o /out/app .\n` },
    { name: '-mod=mod build: the download is needed (only (c) applies)', facts: VENDORED, code: `${HEAD}COPY . .\nRUN go build -mod=vendor -o /out/app .\n`.replace('-mod=vendor', '-mod=readonly') },
    { name: 'without facts and without -mod=vendor nothing is known', code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'download of a tool in another stage', facts: VENDORED, code: `FROM golang:1.26-alpine AS tools\nRUN go mod download golang.org/x/tools@v0.30.0\n${HEAD}COPY . .\n${BUILD}` },
  ],
  invalid: [
    {
      name: '(a) go mod download in a vendored module: remove the RUN',
      facts: VENDORED,
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}`,
      expect: [{
        at: '4:5-4:20',
        severity: 'info',
        message: ['vendor/modules.txt, go ≥ 1.14', 'fetches modules nothing uses', 'keep copying go.mod and go.sum'],
        fixes: [{ title: 'Remove this RUN go mod download', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nCOPY . .\n${BUILD}` }],
      }],
    },
    {
      name: '(a) download chained with other commands: remove only the command',
      facts: VENDORED,
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download && \\\n    go mod verify\nCOPY . .\n${BUILD}`,
      expect: [{ at: '4:5-4:20', fixes: [{ title: 'Remove go mod download from this RUN', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod verify\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(a) without facts, -mod=vendor shows the vendoring: unsafe fix',
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod verify && go mod download\nCOPY . .\nRUN go build -mod=vendor -o /out/app .\n`,
      expect: [{ at: '4:22-4:37', severity: 'info', message: ['(-mod=vendor)'], fixes: [{ title: 'Remove go mod download from this RUN', safety: 'unsafe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod verify\nCOPY . .\nRUN go build -mod=vendor -o /out/app .\n` }] }],
    },
    {
      name: '(b) redundant -mod=vendor flag and GOFLAGS',
      facts: VENDORED,
      code: `FROM golang:1.26-alpine AS build\nENV GOFLAGS=-mod=vendor\nWORKDIR /src\nCOPY . .\nRUN go build -mod=vendor -o /out/app .\n`,
      expect: [
        { at: '2:13-2:24', severity: 'hint', message: ['-mod=vendor in GOFLAGS is redundant'], fixes: [{ title: 'Remove GOFLAGS=-mod=vendor', safety: 'safe', output: `FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -mod=vendor -o /out/app .\n` }] },
        { at: '5:14-5:25', severity: 'hint', message: ['-mod=vendor is redundant'], fixes: [{ title: 'Remove -mod=vendor', safety: 'safe', output: `FROM golang:1.26-alpine AS build\nENV GOFLAGS=-mod=vendor\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n` }] },
      ],
    },
    {
      name: '(b) two-word flag and inline GOFLAGS',
      facts: VENDORED,
      code: `${HEAD}COPY . .\nRUN GOFLAGS=-mod=vendor go vet ./... && go build -o /out/app -mod vendor\n`,
      expect: [
        { at: '4:5-4:24', fixes: [{ title: 'Remove GOFLAGS=-mod=vendor', safety: 'safe', output: `${HEAD}COPY . .\nRUN go vet ./... && go build -o /out/app -mod vendor\n` }] },
        { at: '4:62-4:73', fixes: [{ title: 'Remove -mod=vendor', safety: 'safe', output: `${HEAD}COPY . .\nRUN GOFLAGS=-mod=vendor go vet ./... && go build -o /out/app\n` }] },
      ],
    },
    {
      name: '(c) -mod=mod bypasses vendor/: warning, unsafe fix',
      facts: VENDORED,
      code: `${HEAD}COPY . .\nRUN go build -mod=mod -o /out/app .\n`,
      expect: [{ at: '4:14-4:22', severity: 'warning', message: ['ignore vendor/', 'network'], fixes: [{ title: 'Remove -mod=mod', safety: 'unsafe', output: `${HEAD}COPY . .\nRUN go build -o /out/app .\n` }] }],
    },
    {
      name: '(d) .dockerignore excludes vendor: warning on the pattern line',
      facts: ignoring('vendor/'),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '2:1-2:8', severity: 'warning', message: ['`vendor/` leaves vendor/ out', 'falls back to downloading', '!vendor'], fixes: [] }],
    },
    {
      name: '(d) with -mod=vendor the build fails: error',
      facts: ignoring('**/vendor'),
      code: `${HEAD}COPY . .\nRUN go build -mod=vendor -o /out/app .\n`,
      expect: [{ at: '2:1-2:10', severity: 'error', message: ['inconsistent vendoring'] }],
    },
  ],
});
