import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const IMPORT_C = W0({ cgo: { required: true, reasons: [{ kind: 'import-c', loc: { file: 'internal/img/resize.go', line: 7 } }], cxx: false, staticBlockers: [] } });
const KAFKA = W0({
  cgo: { required: true, reasons: [{ kind: 'module', loc: { file: 'go.mod', line: 5 }, module: 'github.com/confluentinc/confluent-kafka-go/v2' }], cxx: false, staticBlockers: [] },
});
const RUN_APP = `COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC49 = (run: string, from = 'golang:1.26', runtime = 'gcr.io/distroless/base-debian12:nonroot') => `FROM ${from} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN ${run}
FROM ${runtime}
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC50 = (build: string, runtime = 'alpine:3.24') => `FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
${build}
FROM ${runtime}
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const ALPINE_CC = 'RUN apk add --no-cache gcc musl-dev\nRUN go build -o /out/app ./cmd/app';

runRuleTests('GD013', {
  valid: [
    {
      name: '(e) no glibc skew: golang:1.22 is Debian 12 (bookworm), like distroless base-debian12',
      facts: IMPORT_C,
      code: `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian12:nonroot\n${RUN_APP}`,
    },
    { name: 'without workspace facts nothing is known about cgo', code: EC49('CGO_ENABLED=0 go build -o /out/app ./cmd/app') },
    { name: 'the program does not require cgo', facts: W0(), code: EC49('CGO_ENABLED=0 go build -o /out/app ./cmd/app') },
    { name: 'cgo required only by test code (the scanner excludes it)', facts: fixtureFacts('cgo-test-only'), code: EC49('CGO_ENABLED=0 go build -o /out/app .') },
    { name: 'EC49 fixed: bookworm builder, cgo on, base-debian12', facts: fixtureFacts('cgo-sqlite'), code: EC49('CGO_ENABLED=1 go build -o /out/app .', 'golang:1.26-bookworm') },
    { name: 'same Debian release on both sides', facts: fixtureFacts('cgo-sqlite'), code: EC49('go build -o /out/app .', 'golang:1.26', 'gcr.io/distroless/base-debian13:nonroot') },
    { name: 'EC50 must-not: musl to musl with gcc installed', facts: fixtureFacts('cgo-import-c'), code: EC50(ALPINE_CC) },
    { name: 'build-base installed earlier in the same RUN counts as a C toolchain', facts: IMPORT_C, code: EC50('RUN apk add --no-cache build-base && go build -o /out/app ./cmd/app') },
    {
      name: 'a fully static link runs on scratch',
      facts: IMPORT_C,
      code: EC50(`RUN apk add --no-cache gcc musl-dev\nRUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app ./cmd/app`, 'scratch'),
    },
    { name: '-tags nocgo selects the pure-Go variant of the import "C" code', facts: IMPORT_C, code: EC49('CGO_ENABLED=0 go build -tags nocgo -o /out/app ./cmd/app', 'golang:1.26', 'gcr.io/distroless/static-debian13:nonroot') },
    { name: 'confluent-kafka-go with -tags musl', facts: KAFKA, code: EC50('RUN apk add --no-cache gcc musl-dev\nRUN go build -tags musl -o /out/app ./cmd/app') },
    {
      name: 'cross-compiling with the xx cross toolchain',
      facts: IMPORT_C,
      code: `FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\nFROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\nRUN apk add --no-cache clang lld\nRUN xx-apk add --no-cache gcc musl-dev\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 xx-go build -o /out/app ./cmd/app\nFROM alpine:3.24\n${RUN_APP}`,
    },
    { name: 'explicit CGO_ENABLED=1 in a program that links nothing through cgo', facts: W0({ imports: { net: false, osUser: false, tlsClient: false }, module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', requires: [], replaces: [] } }), code: EC50('RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app') },
    { name: 'explicit CGO_ENABLED=1 onto scratch without facts is GD003 territory', code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}` },
    {
      name: 'EC08: Windows',
      facts: IMPORT_C,
      code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN set CGO_ENABLED=0 && go build -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\n',
    },
  ],
  invalid: [
    {
      name: 'EC49: cgo disabled for go-sqlite3, and glibc skew (golang:1.26 is trixie, the runtime bookworm)',
      facts: fixtureFacts('cgo-sqlite'),
      code: EC49('CGO_ENABLED=0 go build -o /out/app ./cmd/app'),
      expect: [
        {
          at: '6:5-6:18',
          severity: 'error',
          message: ["Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub", 'github.com/mattn/go-sqlite3 in go.mod:5'],
          fixes: [{ title: 'Set CGO_ENABLED=1 (the program requires cgo)', safety: 'unsafe', output: EC49('CGO_ENABLED=1 go build -o /out/app ./cmd/app') }],
        },
        {
          at: '7:6-7:45',
          severity: 'warning',
          message: ['glibc release skew', 'Debian 13 (golang:1.26)', 'Debian 12', 'GLIBC_2.38'],
          fixes: [
            { title: 'Build on Debian 12: golang:1.26-bookworm', safety: 'unsafe', output: EC49('CGO_ENABLED=0 go build -o /out/app ./cmd/app', 'golang:1.26-bookworm') },
            {
              title: 'Run on Debian 13: gcr.io/distroless/base-debian13:nonroot',
              safety: 'suggestion',
              output: EC49('CGO_ENABLED=0 go build -o /out/app ./cmd/app', 'golang:1.26', 'gcr.io/distroless/base-debian13:nonroot'),
            },
          ],
        },
      ],
    },
    {
      name: 'EC50: alpine builder, CGO_ENABLED=1, no C compiler',
      facts: fixtureFacts('cgo-import-c'),
      code: EC50('RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app'),
      expect: [
        {
          at: '4:19-4:21',
          severity: 'error',
          message: ['cgo: C compiler "gcc" not found', 'import "C" in internal/img/resize.go:7'],
          fixes: [{ title: 'Install gcc and musl-dev before the build', safety: 'safe', output: EC50('RUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app') }],
        },
      ],
    },
    {
      name: 'alpine builder without a C compiler: cgo is silently off',
      facts: IMPORT_C,
      code: EC50('RUN go build -o /out/app ./cmd/app'),
      expect: [{ at: '4:5-4:7', severity: 'error', message: ['cgo is off by default', 'build constraints exclude all Go files'], fixes: [{ title: 'Install gcc and musl-dev before the build', safety: 'safe', output: EC50(ALPINE_CC) }] }],
    },
    {
      name: 'ENV CGO_ENABLED=0 on an alpine builder: enable cgo and install the compiler in one fix',
      facts: IMPORT_C,
      code: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '5:5-5:7',
          severity: 'error',
          message: ['CGO_ENABLED=0 (set by ENV on line 2)'],
          fixes: [
            {
              title: 'Set CGO_ENABLED=1 and install gcc and musl-dev (the program requires cgo)',
              safety: 'unsafe',
              output: 'FROM golang:1.26-alpine AS build\nENV CGO_ENABLED=1\nWORKDIR /src\nCOPY . .\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ARG CGO_ENABLED=0 in the stage',
      facts: IMPORT_C,
      code: 'FROM golang:1.26 AS build\nARG CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13:nonroot\nCOPY --from=build /out/app /app\n',
      expect: [
        {
          at: '5:5-5:7',
          message: ['set by ARG on line 2'],
          fixes: [{ title: 'Set CGO_ENABLED=1 (the program requires cgo)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nARG CGO_ENABLED=1\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13:nonroot\nCOPY --from=build /out/app /app\n' }],
        },
      ],
    },
    {
      name: '(c) scratch runtime for a cgo binary',
      facts: IMPORT_C,
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          severity: 'error',
          message: ['scratch has no libc', 'linked dynamically'],
          fixes: [
            {
              title: 'Use gcr.io/distroless/base-debian13:nonroot (glibc of Debian 13 like the builder)',
              safety: 'unsafe',
              output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
            },
            {
              title: `Link statically: -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"'`,
              safety: 'suggestion',
              output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"' -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}`,
            },
          ],
        },
      ],
    },
    {
      name: '(c) the static-link fix merges into existing -ldflags',
      facts: IMPORT_C,
      code: `${EC50('RUN apk add --no-cache gcc musl-dev\nRUN go build -ldflags="-s -w" -o /out/app ./cmd/app', 'gcr.io/distroless/static-debian13:nonroot')}`,
      expect: [
        {
          at: '6:6-6:47',
          fixes: [
            { title: 'Use alpine:3.24 (musl like the alpine builder)', safety: 'unsafe', output: EC50('RUN apk add --no-cache gcc musl-dev\nRUN go build -ldflags="-s -w" -o /out/app ./cmd/app') },
            {
              title: `Link statically: -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"'`,
              safety: 'suggestion',
              output: EC50(`RUN apk add --no-cache gcc musl-dev\nRUN go build -tags netgo,osusergo -ldflags '-s -w -linkmode external -extldflags "-static"' -o /out/app ./cmd/app`, 'gcr.io/distroless/static-debian13:nonroot'),
            },
          ],
        },
      ],
    },
    {
      name: '(c) no static-link suggestion when the C code needs shared libraries at run time (dlopen, NSS)',
      facts: W0({ cgo: { required: true, reasons: IMPORT_C.cgo.reasons, cxx: false, staticBlockers: [{ what: 'dlopen()', why: 'loads shared libraries at run time', loc: { file: 'internal/img/plugins.c', line: 12 } }] } }),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          fixes: [
            {
              title: 'Use gcr.io/distroless/base-debian13:nonroot (glibc of Debian 13 like the builder)',
              safety: 'unsafe',
              output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
            },
          ],
        },
      ],
    },
    {
      name: '(c) static link for go-sqlite3 with os/user: netgo, osusergo and sqlite_omit_load_extension merged into -tags',
      facts: W0({
        cgo: { required: true, reasons: [{ kind: 'module', loc: { file: 'go.mod', line: 5 }, module: 'github.com/mattn/go-sqlite3' }], cxx: false, staticBlockers: [] },
        imports: { net: true, osUser: true, tlsClient: false },
      }),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -tags json1 -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:13',
          fixes: [
            {
              title: 'Use gcr.io/distroless/base-debian13:nonroot (glibc of Debian 13 like the builder)',
              safety: 'unsafe',
              output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -tags json1 -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
            },
            {
              title: `Link statically: -tags netgo,osusergo,sqlite_omit_load_extension -ldflags '-linkmode external -extldflags "-static"'`,
              safety: 'suggestion',
              output: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -ldflags '-linkmode external -extldflags "-static"' -tags json1,netgo,osusergo,sqlite_omit_load_extension -o /out/app ./cmd/app\nFROM scratch\n${RUN_APP}`,
            },
          ],
        },
      ],
    },
    {
      name: '(d) musl binary on a glibc runtime',
      facts: IMPORT_C,
      code: EC50(ALPINE_CC, 'debian:bookworm-slim'),
      expect: [
        {
          at: '6:6-6:26',
          severity: 'error',
          message: ['linked against musl', 'debian:bookworm-slim has glibc'],
          fixes: [{ title: 'Use alpine:3.24 (musl like the alpine builder)', safety: 'unsafe', output: EC50(ALPINE_CC) }],
        },
      ],
    },
    {
      name: '(d) glibc binary on alpine',
      facts: IMPORT_C,
      code: `FROM golang:1.26-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24\n${RUN_APP}`,
      expect: [
        {
          at: '5:6-5:17',
          severity: 'error',
          fixes: [
            {
              title: 'Use gcr.io/distroless/base-debian12:nonroot (glibc of Debian 12 like the builder)',
              safety: 'unsafe',
              output: `FROM golang:1.26-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM gcr.io/distroless/base-debian12:nonroot\n${RUN_APP}`,
            },
          ],
        },
      ],
    },
    {
      name: '(e) debian slim runtime older than the builder',
      facts: fixtureFacts('cgo-sqlite'),
      code: EC49('go build -o /out/app .', 'golang:1.26.1', 'debian:bookworm-slim'),
      expect: [
        {
          at: '7:6-7:26',
          severity: 'warning',
          fixes: [
            { title: 'Build on Debian 12: golang:1.26.1-bookworm', safety: 'unsafe', output: EC49('go build -o /out/app .', 'golang:1.26.1-bookworm', 'debian:bookworm-slim') },
            { title: 'Run on Debian 13: debian:trixie-slim', safety: 'suggestion', output: EC49('go build -o /out/app .', 'golang:1.26.1', 'debian:trixie-slim') },
          ],
        },
      ],
    },
    {
      name: '(f) confluent-kafka-go on alpine without -tags musl; the tag merges into -tags',
      facts: KAFKA,
      code: EC50('RUN apk add --no-cache gcc musl-dev\nRUN go build -tags=netgo -o /out/app ./cmd/app'),
      expect: [
        {
          at: '5:5-5:7',
          severity: 'warning',
          message: ['-tags musl'],
          fixes: [{ title: 'Add -tags musl to the build', safety: 'safe', output: EC50('RUN apk add --no-cache gcc musl-dev\nRUN go build -tags=netgo,musl -o /out/app ./cmd/app') }],
        },
      ],
    },
    {
      name: 'cross-compiling from $BUILDPLATFORM with cgo and no cross toolchain',
      facts: fixtureFacts('cgo-sqlite'),
      code: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:38-5:40', severity: 'warning', message: ['C cross toolchain', 'xx-apt-get install gcc libc6-dev', 'host gcc cannot compile for another architecture'] }],
    },
    {
      name: 'CGO_ENABLED=0 while cross-compiling: the cross toolchain warning comes with it',
      facts: fixtureFacts('cgo-sqlite'),
      code: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
      expect: [
        {
          at: '5:5-5:18',
          severity: 'error',
          fixes: [{ title: 'Set CGO_ENABLED=1 (the program requires cgo)', safety: 'unsafe', output: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}` }],
        },
        { at: '5:38-5:40', severity: 'warning', message: ['host gcc cannot compile for another architecture'] },
      ],
    },
    {
      name: 'the mixed case: cgo is on only for the native platform',
      facts: fixtureFacts('cgo-sqlite'),
      code: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:24-5:26', severity: 'warning', message: ["cgo is off for every platform other than the build machine's", 'This is a stub'] }],
    },
    {
      name: 'no workspace facts: CGO_ENABLED=1 on an alpine builder without gcc is a warning',
      code: EC50('RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app'),
      expect: [
        {
          at: '4:19-4:21',
          severity: 'warning',
          message: ['this build sets CGO_ENABLED=1', 'if the program uses cgo (net and os/user do)', 'cgo: C compiler "gcc" not found'],
          fixes: [{ title: 'Install gcc and musl-dev before the build', safety: 'safe', output: EC50('RUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go build -o /out/app ./cmd/app') }],
        },
      ],
    },
    {
      name: 'a program that imports net: CGO_ENABLED=1 without gcc is an error',
      facts: W0(),
      code: EC50('RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app'),
      expect: [{ at: '4:19-4:21', severity: 'error', message: ['this build sets CGO_ENABLED=1: the build fails'] }],
    },
    {
      name: 'no workspace facts: glibc skew of an explicit cgo build is info',
      code: EC49('CGO_ENABLED=1 go build -o /out/app ./cmd/app'),
      expect: [{ at: '7:6-7:45', severity: 'info', message: ['(this build sets CGO_ENABLED=1)', 'if the binary links glibc dynamically'] }],
    },
    {
      name: 'no workspace facts: explicit cgo while cross-compiling is info',
      code: `FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:38-5:40', severity: 'info', message: ['this build sets CGO_ENABLED=1: cgo needs a C cross toolchain'] }],
    },
    {
      name: 'a candidate output is reported one level lower',
      facts: IMPORT_C,
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM alpine:3.24 AS musl\n${RUN_APP}FROM gcr.io/distroless/base-debian13:nonroot\n${RUN_APP}`,
      expect: [{ at: '5:6-5:17', severity: 'warning', message: ['linked against glibc'] }],
    },
  ],
});
