import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BP = 'FROM --platform=$BUILDPLATFORM';
const RUNTIME = 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
const EC17 = `ARG TARGETARCH\n${BP} golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${RUNTIME}`;
const EC18 = `${BP} golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
const MULTI_OS = W0({ release: { targets: [], platforms: ['linux/amd64', 'darwin/arm64'], ephemeralCi: false, buildx: true } });
const ARM = W0({ release: { targets: [], platforms: ['linux/amd64', 'linux/arm/v6'], ephemeralCi: false, buildx: true } });

runRuleTests('GD011', {
  valid: [
    { name: 'EC46: runtime-only Dockerfile (builder rules are off)', facts: W0({ release: { targets: [], platforms: [], ephemeralCi: false, buildx: false, goreleaser: { file: '.goreleaser.yaml', dockerfiles: ['Dockerfile'], cgoDisabled: true } } }), code: 'FROM scratch\nARG TARGETPLATFORM\nCOPY $TARGETPLATFORM/app /usr/bin/app\nENTRYPOINT ["/usr/bin/app"]\n' },
    { name: 'EC08 exactly', code: '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n' },
    { name: 'EC16: ARG TARGETOS TARGETARCH on one line', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n` },
    { name: 'EC20: the builder is correct', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'trap: a stage without --platform runs emulated per platform', facts: W0(), code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n' },
    { name: 'trap: ENV GOARCH=${TARGETARCH} after ARG TARGETARCH', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nENV GOARCH=\${TARGETARCH} CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n` },
    { name: 'trap: go env -w GOARCH counts', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nRUN go env -w GOARCH=$TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` },
    { name: 'export GOARCH earlier in the RUN', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN export GOARCH=$TARGETARCH && CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` },
    { name: 'inherited through FROM <stage> with its own ARG', facts: W0(), code: `${BP} golang:1.26-alpine AS base\nARG TARGETARCH\nENV GOARCH=$TARGETARCH\nFROM base AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` },
    { name: 'xx-go with ARG TARGETPLATFORM', facts: W0(), code: `FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\n${BP} golang:1.26-alpine AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\nWORKDIR /src\nCOPY . .\nRUN xx-go build -o /out/app ./cmd/app\n` },
    { name: 'remote tool install runs on the build machine on purpose', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nRUN go install golang.org/x/tools/cmd/stringer@v0.30.0\n` },
    { name: 'a generator built and run in the stage', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/gen ./tools/gen && /usr/local/bin/gen\nRUN GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n` },
    { name: 'GOOS is not checked when every platform is linux', facts: W0(), code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n` },
    { name: 'GOARM derived from TARGETVARIANT', facts: ARM, code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH TARGETVARIANT\nRUN GOARM=\${TARGETVARIANT#v} GOARCH=$TARGETARCH go build -o /out/app .\n` },
    { name: 'EC08: Windows', code: '# escape=`\nFROM --platform=$BUILDPLATFORM golang:1.26-windowsservercore-ltsc2022 AS build\nRUN go build -o C:\\out\\app.exe .\n' },
  ],
  invalid: [
    {
      name: 'EC17: TARGETARCH declared only globally',
      facts: W0(),
      code: EC17,
      expect: [
        {
          at: '5:19-5:37',
          severity: 'error',
          message: ['TARGETARCH is not declared in stage \'build\'', 'global and not visible inside stages', 'exec format error'],
          fixes: [
            {
              title: "Build for $TARGETOS/$TARGETARCH (declare the ARGs in stage 'build')",
              safety: 'safe',
              output: `ARG TARGETARCH\n${BP} golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${RUNTIME}`,
            },
          ],
        },
      ],
    },
    {
      name: 'EC18: no GOARCH at all; the fix keeps the cache mount',
      facts: W0(),
      code: `${BP} golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${RUNTIME}`,
      expect: [
        {
          at: '4:67-4:69',
          severity: 'error',
          message: ['GOARCH is not set'],
          fixes: [
            {
              title: "Build for $TARGETOS/$TARGETARCH (declare the ARGs in stage 'build')",
              safety: 'safe',
              output: `${BP} golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n${RUNTIME}`,
            },
          ],
        },
      ],
    },
    {
      name: 'ENV GOARCH=$TARGETARCH before the ARG: empty',
      facts: W0(),
      code: `${BP} golang:1.26-alpine AS build\nENV GOARCH=$TARGETARCH\nARG TARGETARCH\nRUN CGO_ENABLED=0 go build -o /out/app .\n`,
      expect: [
        {
          at: '4:19-4:21',
          message: ['before the ENV that sets GOARCH'],
          fixes: [{ title: /Build for/, safety: 'safe', output: `${BP} golang:1.26-alpine AS build\nARG TARGETOS\nENV GOARCH=$TARGETARCH\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n` }],
        },
      ],
    },
    {
      name: '${BUILDPLATFORM} spelling; go install counts; lower-case keywords',
      facts: W0(),
      code: 'from --platform=${BUILDPLATFORM} golang:1.26-alpine as build\nrun CGO_ENABLED=0 go install ./cmd/app\n',
      expect: [{ at: '2:19-2:21', fixes: [{ title: /Build for/, safety: 'safe', output: 'from --platform=${BUILDPLATFORM} golang:1.26-alpine as build\narg TARGETOS\narg TARGETARCH\nrun CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go install ./cmd/app\n' }] }],
    },
    {
      name: '(c) non-linux platforms in the workspace: GOOS must come from TARGETOS',
      facts: MULTI_OS,
      code: `${BP} golang:1.26-alpine AS build\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app .\n`,
      expect: [
        {
          at: '3:38-3:40',
          message: ['GOOS is not set', 'wrong operating system'],
          fixes: [{ title: /Build for/, safety: 'safe', output: `${BP} golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n` }],
        },
      ],
    },
    {
      name: '(d) xx-go without ARG TARGETPLATFORM',
      facts: W0(),
      code: `FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\n${BP} golang:1.26-alpine AS build\nCOPY --from=xx / /\nRUN xx-go build -o /out/app .\n`,
      expect: [
        {
          at: '4:5-4:10',
          severity: 'error',
          message: ['xx-go reads TARGETPLATFORM'],
          fixes: [{ title: "Declare ARG TARGETPLATFORM in stage 'build'", safety: 'safe', output: `FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\n${BP} golang:1.26-alpine AS build\nARG TARGETPLATFORM\nCOPY --from=xx / /\nRUN xx-go build -o /out/app .\n` }],
        },
      ],
    },
    {
      name: '(e) linux/arm/v6 without GOARM from TARGETVARIANT: info',
      facts: ARM,
      code: `${BP} golang:1.26-alpine AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n`,
      expect: [
        {
          at: '3:39-3:41',
          severity: 'info',
          message: ['GOARM=7'],
          fixes: [{ title: 'Derive GOARM from TARGETVARIANT', safety: 'suggestion', output: `${BP} golang:1.26-alpine AS build\nARG TARGETVARIANT\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=\${TARGETVARIANT#v} go build -o /out/app .\n` }],
        },
      ],
    },
    {
      name: 'exec-form RUN: the ARGs and an ENV (unsafe)',
      facts: W0(),
      code: `${BP} golang:1.26-alpine AS build\nRUN ["go", "build", "-o", "/out/app", "."]\n`,
      expect: [{ at: '2:6-2:10', fixes: [{ title: /Build for/, safety: 'unsafe', output: `${BP} golang:1.26-alpine AS build\nARG TARGETOS\nARG TARGETARCH\nENV GOOS=$TARGETOS GOARCH=$TARGETARCH\nRUN ["go", "build", "-o", "/out/app", "."]\n` }] }],
    },
  ],
});

describe('GD011 and GD003 fixes compose (EDGE_CASES EC18)', () => {
  const expected = `${BP} golang:1.26 AS build\nARG TARGETOS\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
  const applyFirst = (text: string, code: string, title: RegExp): string => {
    const f = lint(text, { facts: W0() }).find((x) => x.code === code);
    assert.ok(f, `no ${code} in:\n${text}`);
    const fx = f.fixes.find((x) => title.test(x.title));
    assert.ok(fx, `no fix ${title} for ${code}`);
    return applyEdits(text, fx.edits);
  };
  for (const order of [['GD011', 'GD003'], ['GD003', 'GD011']]) {
    it(`${order[0]} then ${order[1]}`, () => {
      let text = EC18;
      for (const code of order) text = applyFirst(text, code, code === 'GD011' ? /Build for/ : /Set CGO_ENABLED=0 on this build/);
      assert.equal(text, expected);
    });
  }
});
