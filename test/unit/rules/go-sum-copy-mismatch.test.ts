import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const NO_SUM = fixtureFacts('no-gosum');

const ignoring = (file: string, pattern: string) =>
  W0({ dockerignores: [{ file, patterns: [{ pattern: '.git', negate: false, line: 1 }, { pattern, negate: false, line: 2 }], lineCount: 2, endsWithNewline: true }] });

runRuleTests('GD014', {
  valid: [
    { name: 'go.mod and go.sum copied together', facts: W0(), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'EC44: go.* glob without go.sum is tolerated', facts: NO_SUM, code: `${HEAD}COPY go.* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n` },
    { name: 'go.sum* glob without go.sum is tolerated', facts: NO_SUM, code: `${HEAD}COPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n` },
    { name: 'trap: a later COPY . . before the build brings go.sum', facts: W0(), code: `${HEAD}COPY go.mod ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'no go.sum in the workspace: go.mod alone is right', facts: NO_SUM, code: `${HEAD}COPY go.mod ./\nCOPY main.go ./\nRUN go build -o /out/app .\n` },
    { name: 'vendored modules need no go.sum lines', facts: fixtureFacts('vendored'), code: `${HEAD}COPY go.mod ./\nCOPY vendor/ vendor/\nCOPY main.go ./\nRUN go build -o /out/app .\n` },
    { name: '-mod=mod lets the build write go.sum', facts: W0(), code: `${HEAD}COPY go.mod ./\nCOPY cmd/ cmd/\nRUN go build -mod=mod -o /out/app ./cmd/app\n` },
    { name: 'go mod tidy writes go.sum (GD028 territory)', facts: W0(), code: `${HEAD}COPY go.mod ./\nCOPY cmd/ cmd/\nRUN go mod tidy && go build -o /out/app ./cmd/app\n` },
    { name: 'without facts, go.sum named literally is not judged', code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'docker init bind mounts with go.sum present', facts: W0(), code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod/ \\\n    --mount=type=bind,source=go.sum,target=go.sum \\\n    --mount=type=bind,source=go.mod,target=go.mod \\\n    go mod download -x\nRUN --mount=type=bind,target=. go build -o /bin/server ./cmd/app\n' },
    { name: 'go install of a remote tool needs no go.sum of the module', facts: W0(), code: `${HEAD}COPY go.mod ./\nRUN go install golang.org/x/tools/cmd/stringer@v0.30.0\nCOPY . .\n${BUILD}` },
    { name: 'EC04: no go.mod at all (COPY heredoc source)', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nCOPY <<EOF ./main.go\npackage main\n\nfunc main() {}\nEOF\nRUN go build -o /bin/hello ./main.go\n' },
    { name: '.dockerignore excludes go.sum but nothing copies it', facts: ignoring('.dockerignore', 'go.sum'), code: `${HEAD}RUN go install golang.org/x/tools/cmd/stringer@v0.30.0\n` },
    { name: 'Dockerfile.dockerignore wins and keeps go.sum', facts: W0({ dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: 'go.sum', negate: false, line: 1 }], lineCount: 1, endsWithNewline: true }, { file: 'Dockerfile.dockerignore', patterns: [{ pattern: '.git', negate: false, line: 1 }], lineCount: 1, endsWithNewline: true }] }), dockerfilePath: 'Dockerfile', code: `${HEAD}COPY . .\n${BUILD}` },
  ],
  invalid: [
    {
      name: '(a) go.sum named next to go.mod, workspace has none: glob fix',
      facts: NO_SUM,
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n`,
      expect: [{
        at: '3:13-3:19',
        severity: 'error',
        message: ['failed to compute cache key: "/go.sum": not found', 'go.sum*'],
        fixes: [{ title: 'Copy go.sum only when it exists (go.sum*)', safety: 'safe', output: `${HEAD}COPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n` }],
      }],
    },
    {
      name: '(a) go.sum as the only source: delete the COPY',
      facts: NO_SUM,
      code: `${HEAD}COPY go.mod ./\nCOPY go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n`,
      expect: [{ at: '4:6-4:12', severity: 'error', fixes: [{ title: 'Delete this COPY: there is no go.sum', safety: 'safe', output: `${HEAD}COPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n` }] }],
    },
    {
      name: '(a) exec-form COPY',
      facts: NO_SUM,
      code: `${HEAD}COPY ["go.mod", "go.sum", "./"]\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n`,
      expect: [{ at: '3:17-3:25', fixes: [{ title: 'Copy go.sum only when it exists (go.sum*)', safety: 'safe', output: `${HEAD}COPY ["go.mod", "go.sum*", "./"]\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n` }] }],
    },
    {
      name: '(a) docker init go.sum bind mount on a stdlib-only module: remove the mount line',
      facts: NO_SUM,
      code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod/ \\\n    --mount=type=bind,source=go.sum,target=go.sum \\\n    --mount=type=bind,source=go.mod,target=go.mod \\\n    go mod download -x\nRUN --mount=type=bind,target=. go build -o /bin/server .\n',
      expect: [{
        at: '5:5-5:50',
        severity: 'error',
        message: ['bind mount reads go.sum', 'not found'],
        fixes: [{ title: 'Remove the go.sum bind mount', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod/ \\\n    --mount=type=bind,source=go.mod,target=go.mod \\\n    go mod download -x\nRUN --mount=type=bind,target=. go build -o /bin/server .\n' }],
      }],
    },
    {
      name: '(a) go.sum bind mount on the command line itself',
      facts: NO_SUM,
      code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,source=go.mod,target=go.mod go mod download\n',
      expect: [{ at: '4:5-4:50', fixes: [{ title: 'Remove the go.sum bind mount', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,source=go.mod,target=go.mod go mod download\n' }] }],
    },
    {
      name: '(b) go.mod alone before a build that lacks the source copy of go.sum',
      facts: W0(),
      code: `${HEAD}COPY go.mod ./\nRUN go mod download\nCOPY cmd/ cmd/\n${BUILD}`,
      expect: [{
        at: '3:6-3:12',
        severity: 'error',
        message: ['missing go.sum entry', 'line 6'],
        fixes: [{ title: 'Copy go.sum with go.mod', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd/ cmd/\n${BUILD}` }],
      }],
    },
    {
      name: '(b) without workspace facts: info, conditional, unsafe fix',
      code: `${HEAD}COPY go.mod ./\nCOPY cmd/ cmd/\n${BUILD}`,
      expect: [{ at: '3:6-3:12', severity: 'info', message: ['if the module has dependencies'], fixes: [{ title: 'Copy go.sum with go.mod', safety: 'unsafe', output: `${HEAD}COPY go.mod go.sum ./\nCOPY cmd/ cmd/\n${BUILD}` }] }],
    },
    {
      name: '(b) go.mod copied to a file path: go.sum gets its own COPY',
      facts: W0(),
      code: `${HEAD}COPY go.mod /src/go.mod\nCOPY cmd/ cmd/\n${BUILD}`,
      expect: [{ at: '3:6-3:12', fixes: [{ title: 'Copy go.sum next to go.mod', safety: 'safe', output: `${HEAD}COPY go.mod /src/go.mod\nCOPY go.sum /src/\nCOPY cmd/ cmd/\n${BUILD}` }] }],
    },
    {
      name: '(b) EC13 lower-case file keeps its casing',
      facts: W0(),
      code: 'from golang:1.26-alpine as build\nworkdir /src\ncopy go.mod /src/go.mod\ncopy cmd/ cmd/\nrun go build -o /out/app ./cmd/app\n',
      expect: [{ at: '3:6-3:12', fixes: [{ title: 'Copy go.sum next to go.mod', safety: 'safe', output: 'from golang:1.26-alpine as build\nworkdir /src\ncopy go.mod /src/go.mod\ncopy go.sum /src/\ncopy cmd/ cmd/\nrun go build -o /out/app ./cmd/app\n' }] }],
    },
    {
      name: '(c) .dockerignore excludes go.sum while COPY . . needs it: reported on the pattern line',
      facts: ignoring('.dockerignore', '*.sum'),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '2:1-2:6', severity: 'error', message: ['`*.sum` leaves go.sum out of the build context', 'missing go.sum entry', '!go.sum'], fixes: [] }],
    },
    {
      name: '(c) Dockerfile.dockerignore wins over .dockerignore and excludes go.mod',
      facts: W0({ dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: '.git', negate: false, line: 1 }], lineCount: 1, endsWithNewline: true }, { file: 'build/app.Dockerfile.dockerignore', patterns: [{ pattern: '*', negate: false, line: 1 }, { pattern: 'cmd', negate: true, line: 2 }], lineCount: 2, endsWithNewline: true }] }),
      dockerfilePath: 'build/app.Dockerfile',
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}`,
      expect: [
        { at: '1:1-1:2', severity: 'error', message: ['`*` leaves go.mod out', '"/go.mod": not found'] },
        { at: '1:1-1:2', severity: 'error', message: ['`*` leaves go.sum out'] },
      ],
    },
  ],
});
