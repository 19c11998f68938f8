import type { WorkspaceFacts } from '../../../server/src/engine/facts';
import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const REPLACE = fixtureFacts('local-replace');
const GOWORK = fixtureFacts('gowork');

const LIB_REPLACE = { from: 'example.com/lib', to: './lib', local: true, dir: 'lib', outsideContext: false, loc: { file: 'go.mod', line: 7 } };
const REQUIRES_LIB = [{ path: 'example.com/lib', version: 'v0.0.0', indirect: false }];
const WORK_USE = (dirs: { dir: string; outsideContext: boolean }[]): WorkspaceFacts['goWork'] => ({ file: 'go.work', goVersion: '1.26.1', use: dirs.map((d, i) => ({ ...d, loc: { file: 'go.work', line: 4 + i } })) });

/** EDGE_CASES EC48: replace example.com/lib => ./lib and go.work `use (. ./lib ../shared)`. */
const EC48 = W0({
  module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] },
  goWork: WORK_USE([{ dir: '', outsideContext: false }, { dir: 'lib', outsideContext: false }, { dir: '../shared', outsideContext: true }]),
  entries: ['go.mod', 'go.sum', 'go.work', '.dockerignore', 'cmd/', 'cmd/app/', 'cmd/app/main.go', 'lib/', 'lib/go.mod', 'lib/go.sum', 'lib/lib.go'],
});
const EC48_CODE = `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}`;

/** go.work used on purpose: every `use` dir is inside the context. */
const WORK_INSIDE = W0({
  module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [] },
  goWork: WORK_USE([{ dir: '', outsideContext: false }, { dir: 'lib', outsideContext: false }]),
  entries: ['go.mod', 'go.sum', 'go.work', 'go.work.sum', 'cmd/', 'cmd/app/', 'lib/', 'lib/go.mod'],
});

runRuleTests('GD015', {
  valid: [
    { name: 'replace target copied before the download', facts: W0({ module: { dir: '', path: 'example.com/app', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] }, entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod', 'cmd/', 'cmd/app/'] }), code: `${HEAD}COPY go.mod go.sum ./\nCOPY lib/go.mod ./lib/\nRUN go mod download\nCOPY cmd/ cmd/\nCOPY lib/ lib/\n${BUILD}` },
    { name: 'EC44: COPY --parents brings every go.mod', facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [{ path: 'example.com/app/api', version: 'v0.0.0', indirect: false }], replaces: [{ from: 'example.com/app/api', to: './api', local: true, dir: 'api', outsideContext: false, loc: { file: 'go.mod', line: 5 } }] }, entries: ['go.mod', 'go.sum', 'api/', 'api/go.mod', 'api/go.sum'] }), code: '# syntax=docker/dockerfile:1.4\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.* ./\nCOPY --parents **/go.mod **/go.sum ./\nRUN go mod download\n' },
    { name: 'EC44 with go.work: --parents brings the use dirs, GOWORK=off keeps module mode', facts: EC48, code: `# syntax=docker/dockerfile:1\n${HEAD}ENV GOWORK=off\nCOPY go.* ./\nCOPY --parents **/go.mod **/go.sum ./\nRUN go mod download\n` },
    { name: 'whole context copied before the download', facts: W0({ module: { dir: '', path: 'example.com/app', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] }, entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod'] }), code: `${HEAD}COPY . .\nRUN go mod download\n${BUILD}` },
    { name: 'trap: module-version replace needs no files', facts: W0({ module: { dir: '', path: 'example.com/app', requires: [{ path: 'golang.org/x/net', version: 'v0.30.0', indirect: true }], replaces: [{ from: 'golang.org/x/net', to: 'golang.org/x/net', toVersion: 'v0.31.0', local: false, loc: { file: 'go.mod', line: 9 } }] } }), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'replace of a module that is not required is ignored by go', facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [], replaces: [{ ...LIB_REPLACE, to: '../lib', dir: '../lib', outsideContext: true }] } }), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'go.work kept out by GOWORK=off', facts: GOWORK, code: `${HEAD}ENV GOWORK=off\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` },
    { name: 'go.work kept out by GOWORK=off inline', facts: GOWORK, code: `${HEAD}COPY . .\nRUN GOWORK=off CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` },
    { name: 'go.work kept out by .dockerignore', facts: W0({ ...WORK_INSIDE, goWork: WORK_USE([{ dir: '', outsideContext: false }, { dir: '../shared', outsideContext: true }]), dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: '.git', negate: false, line: 1 }, { pattern: 'go.work*', negate: false, line: 2 }], lineCount: 2, endsWithNewline: true }] }), code: `${HEAD}COPY . .\n${BUILD}` },
    { name: 'go.work never copied (only module files and sources)', facts: GOWORK, code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd/ cmd/\n${BUILD}` },
    { name: 'no workspace facts and nothing outside the context', code: EC48_CODE },
    { name: 'a go.work in another directory than the build is not found by go', facts: GOWORK, code: `${HEAD}COPY go.work /opt/ws/\nCOPY go.mod go.sum ./\nRUN go mod download\n` },
  ],
  invalid: [
    {
      name: 'EC48: local replace, go.work outside the context, workspace mode',
      facts: EC48,
      code: EC48_CODE,
      expect: [
        {
          at: '4:5-4:20',
          severity: 'error',
          message: ['example.com/lib => ./lib', 'reading lib/go.mod: no such file or directory'],
          fixes: [{ title: 'Copy lib/go.mod before `go mod download`', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nCOPY lib/go.mod lib/go.sum ./lib/\nRUN go mod download\nCOPY . .\n${BUILD}` }],
        },
        {
          at: '5:1-5:9',
          severity: 'warning',
          message: ['workspace mode', '../shared is not in the image', 'ENV GOWORK=off', 'go.work and go.work.sum to .dockerignore'],
          fixes: [{ title: "Set GOWORK=off in stage 'build'", safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nENV GOWORK=off\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n${BUILD}` }],
        },
        { at: '6:1-7:1', severity: 'error', message: ['go.work uses ../shared, which is outside the build context', 'line 5'], fixes: [] },
      ],
    },
    {
      name: '(a) fixture local-replace: lib has no go.sum; ../outside is reported on go.mod',
      facts: REPLACE,
      code: `${HEAD}COPY go.mod go.sum /src/\nRUN go mod download\nCOPY . .\n${BUILD}`,
      expect: [
        { at: '4:5-4:20', severity: 'error', fixes: [{ title: 'Copy lib/go.mod before `go mod download`', safety: 'safe', output: `${HEAD}COPY go.mod go.sum /src/\nCOPY lib/go.mod /src/lib/\nRUN go mod download\nCOPY . .\n${BUILD}` }] },
        { at: '14:1-15:1', severity: 'error', message: ['replace example.com/other => ../outside points outside the build context', 'replacement directory ../outside does not exist'], fixes: [] },
      ],
    },
    {
      name: 'EC12/EC13: CRLF, lower-case keywords and indentation are kept by the inserted COPY',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] }, entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod'] }),
      code: 'from golang:1.26-alpine as build\r\nworkdir /src\r\n  copy go.mod go.sum ./\r\n  run go mod download\r\n',
      expect: [{ at: '4:7-4:22', fixes: [{ title: 'Copy lib/go.mod before `go mod download`', safety: 'safe', output: 'from golang:1.26-alpine as build\r\nworkdir /src\r\n  copy go.mod go.sum ./\r\n  copy lib/go.mod ./lib/\r\n  run go mod download\r\n' }] }],
    },
    {
      name: '(a) docker init bind mounts: the fix bind-mounts the replace target too',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] }, entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod'] }),
      code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,source=go.sum,target=go.sum \\\n    --mount=type=bind,source=go.mod,target=go.mod \\\n    go mod download\n',
      expect: [{
        at: '6:5-6:20',
        fixes: [{ title: 'Bind-mount lib/go.mod too', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,source=go.sum,target=go.sum \\\n    --mount=type=bind,source=go.mod,target=go.mod --mount=type=bind,source=lib/go.mod,target=lib/go.mod \\\n    go mod download\n' }],
      }],
    },
    {
      name: '(a) replace target left out by .dockerignore: no fix, the message says why',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [LIB_REPLACE] }, entries: ['go.mod', 'go.sum', 'lib/', 'lib/go.mod', 'cmd/', 'cmd/app/'], dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: 'lib', negate: false, line: 1 }], lineCount: 1, endsWithNewline: true }] }),
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '4:5-4:49', severity: 'error', message: ['lib/go.mod is not in the image', '.dockerignore leaves lib out of the context'], fixes: [] }],
    },
    {
      name: '(c) go.work used deliberately with every use dir in the context: info',
      facts: WORK_INSIDE,
      code: `${HEAD}COPY . .\n${BUILD}`,
      expect: [{ at: '3:1-3:9', severity: 'info', message: ['every `use` directory is copied'], fixes: [{ title: "Set GOWORK=off in stage 'build'", safety: 'suggestion', output: `FROM golang:1.26-alpine AS build\nENV GOWORK=off\nWORKDIR /src\nCOPY . .\n${BUILD}` }] }],
    },
    {
      name: '(c) EC44: go.* also copies go.work, before the use dirs arrive',
      facts: WORK_INSIDE,
      code: `${HEAD}COPY go.* ./\nRUN go mod download\nCOPY . .\n${BUILD}`,
      expect: [{ at: '3:1-3:13', severity: 'warning', message: ['`go mod download` (line 4)', 'lib is not in the image'] }],
    },
    {
      name: '(c) one finding per stage that receives go.work, each with its own ENV fix',
      facts: WORK_INSIDE,
      code: `${HEAD}COPY go.* ./\nRUN go mod download\nFROM golang:1.26-alpine AS lint\nWORKDIR /src\nCOPY . .\nRUN go vet ./...\n`,
      expect: [
        { at: '3:1-3:13', severity: 'warning', fixes: [{ title: "Set GOWORK=off in stage 'build'", safety: 'unsafe', output: `FROM golang:1.26-alpine AS build\nENV GOWORK=off\nWORKDIR /src\nCOPY go.* ./\nRUN go mod download\nFROM golang:1.26-alpine AS lint\nWORKDIR /src\nCOPY . .\nRUN go vet ./...\n` }] },
        { at: '7:1-7:9', severity: 'info', fixes: [{ title: "Set GOWORK=off in stage 'lint'", safety: 'suggestion', output: `${HEAD}COPY go.* ./\nRUN go mod download\nFROM golang:1.26-alpine AS lint\nENV GOWORK=off\nWORKDIR /src\nCOPY . .\nRUN go vet ./...\n` }] },
      ],
    },
    {
      name: '(e) COPY ../shared without facts: warning',
      code: `${HEAD}COPY ../shared ./shared\nCOPY . .\n${BUILD}`,
      expect: [{ at: '3:6-3:15', severity: 'warning', message: ['`../shared` is outside the build context', 'reads it as `shared`', '--build-context shared=../shared'], fixes: [] }],
    },
    {
      name: '(e) COPY ../lib with facts and no lib in the context: error',
      facts: W0(),
      code: `${HEAD}COPY ./../lib/ ./lib/\nCOPY . .\n${BUILD}`,
      expect: [{ at: '3:6-3:15', severity: 'error', message: ['`"/lib": not found`'] }],
    },
    {
      name: '(b) the Dockerfile copies paths this directory lacks: the context is probably elsewhere, warning',
      facts: W0({ module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: REQUIRES_LIB, replaces: [{ ...LIB_REPLACE, to: '../lib', dir: '../lib', outsideContext: true }] } }),
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY svc/ ./svc/\n`,
      expect: [{ at: '7:1-8:1', severity: 'warning', message: ['copies `svc`', 'if the build context is this directory'] }],
    },
  ],
});
