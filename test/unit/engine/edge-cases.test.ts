// EDGE_CASES.md cases that concern the model and the founding rules. Each asserts what the
// analysis model reads, and which findings must and must not appear.
import { strict as assert } from 'node:assert';
import { lint } from '../../../server/src/engine/lint';
import { buildModel } from '../../../server/src/engine/model';
import { cgoState, goEnv } from '../../../server/src/engine/model/goenv';
import { W0 } from '../../support/facts';
import { fmtRange } from '../../support/rule-tester';

function codes(text: string, facts = W0()): string[] {
  return lint(text, { facts }).map((f) => `${f.code}@${f.range.start.line + 1}`);
}

describe('EDGE_CASES: heredocs', () => {
  it('EC01: a go build inside a heredoc is parsed with its own line mapping', () => {
    const m = buildModel(`# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN <<EOF
set -eu
CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app
EOF
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`);
    const build = m.goCommands.find((g) => g.sub === 'build');
    assert.ok(build);
    assert.equal(fmtRange(build.goWord.range), '9:15-9:17');
    assert.equal(goEnv(m, build, 'CGO_ENABLED')?.value, '0');
    assert.deepEqual(build.flags.map((f) => f.name), ['trimpath', 'o']);
  });

  it('EC02: a # line inside a heredoc is a shell comment, and <<- strips tabs', () => {
    const m = buildModel('FROM golang:1.26 AS build\nRUN <<-"EOT"\n\t# CGO_ENABLED=0\n\tgo build -o /out/app ./cmd/app\n\tEOT\nFROM scratch\n');
    assert.equal(m.problems.filter((p) => p.code === 'P001').length, 0);
    const build = m.goCommands[0];
    assert.ok(build);
    assert.equal(goEnv(m, build, 'CGO_ENABLED'), undefined);
    assert.equal(m.instructions.length, 3);
  });

  it('EC03: <<- with a space-indented terminator is unterminated (P001)', () => {
    const f = lint('FROM golang:1.26-alpine\nRUN <<-EOF\n    go build -o /out/app .\n    EOF\n', { facts: W0() });
    const p = f.filter((x) => x.code === 'P001');
    assert.equal(p.length, 1);
    assert.equal(p[0]?.range.start.line, 1);
  });

  it('EC04: several heredocs, a COPY heredoc that is not Dockerfile text, COPY --from=0', () => {
    const text = `# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /src
COPY <<EOF ./main.go
package main

func main() {}
EOF
RUN <<A sh && <<B sh
echo one
A
echo two
B
RUN go build -o /bin/hello ./main.go

FROM scratch
COPY --from=0 /bin/hello /bin/hello
CMD ["/bin/hello"]
`;
    const m = buildModel(text);
    assert.equal(m.goClass, 'go-build');
    assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'WORKDIR', 'COPY', 'RUN', 'RUN', 'FROM', 'COPY', 'CMD']);
    const run = m.runs[0];
    assert.deepEqual(run?.commands.map((c) => c.words.map((w) => w.value).join(' ')), ['sh', 'sh', 'echo one', 'echo two']);
    const found = lint(text);
    // No go.mod in this build: nothing to download, no artifact mismatch; GD003 is a warning, not an error.
    assert.ok(!found.some((f) => f.code === 'GD004'));
    const gd003 = found.filter((f) => f.code === 'GD003');
    assert.deepEqual(gd003.map((f) => [f.severity, f.range.start.line + 1]), [['warning', 14]]);
  });

  it('EC05: mounts before a heredoc; EOF lines inside the body do not terminate it', () => {
    const m = buildModel(`# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \\
    --mount=type=cache,target=/root/.cache/go-build \\
    <<EOF
set -eu
CGO_ENABLED=0 go build \\
  -o /out/app ./cmd/app
echo "EOF is not a terminator here"
  EOF
EOF
`);
    const run = m.runs[0];
    assert.ok(run);
    assert.equal(run.node.range.start.line, 4);
    assert.equal(run.node.range.end.line, 12);
    assert.deepEqual(run.mounts.map((x) => [x.type, x.target]), [['cache', '/go/pkg/mod'], ['cache', '/root/.cache/go-build']]);
    const build = run.goCommands[0];
    assert.ok(build);
    // The shell continuation inside the body is joined by the shell reader.
    assert.equal(build.flags.find((f) => f.name === 'o')?.value, '/out/app');
    assert.equal(fmtRange(build.flags.find((f) => f.name === 'o')!.range), '10:3-10:14');
  });

  it('EC06: CRLF inside a heredoc body is P006, the EOF\\r line still terminates', () => {
    const f = lint('FROM golang:1.26-alpine AS build\r\nRUN <<EOF\r\nset -e\r\ngo build -o /out/app .\r\nEOF\r\n');
    assert.deepEqual(f.filter((x) => x.code.startsWith('P')).map((x) => x.code), ['P006']);
  });
});

describe('EDGE_CASES: continuations, directives, encodings', () => {
  it('EC07: comment and blank lines inside a continuation are dropped; P005 on the blank line', () => {
    const text = 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build \\\n# CGO_ENABLED=0 \\\n\n    -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
    const m = buildModel(text);
    assert.equal(m.runs[0]?.node.args.text, 'go build     -o /out/app ./cmd/app');
    const found = codes(text);
    assert.ok(found.includes('GD003@4'));
    assert.ok(found.includes('P005@6'));
    assert.ok(found.includes('GD004@3'));
  });

  it('EC08: escape=` joins with backticks; Windows stages get no Linux runtime rules', () => {
    const text = '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022 AS build\nWORKDIR C:\\src\nCOPY . .\nRUN go build `\n    -o C:\\out\\app.exe .\\cmd\\app\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\out\\app.exe C:\\app\\app.exe\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n';
    const m = buildModel(text);
    assert.equal(m.escape, '`');
    assert.equal(m.runs[0]?.goCommands[0]?.flags[0]?.value, 'C:\\out\\app.exe');
    assert.equal(m.stages[1]?.os, 'windows');
    const found = lint(text, { facts: W0() });
    assert.ok(found.some((f) => f.code === 'GD004'));
    for (const c of ['GD003', 'GD009', 'GD010', 'GD016', 'GD017', 'GD018', 'GD011', 'P003']) assert.ok(!found.some((f) => f.code === c), c);
  });

  it('EC09: an escape directive after a comment is ignored (P008) and the next line is an unknown instruction (P002)', () => {
    const found = codes('# Build for Windows\n# escape=`\nFROM golang:1.26\nRUN go build `\n    -o /out/app .\n');
    assert.ok(found.includes('P008@2'));
    assert.ok(found.includes('P002@5'));
  });

  it('EC10: a syntax directive after a comment is P008; spaced and upper-case keys are valid directives', () => {
    assert.ok(codes('# Build file for app\n# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n').includes('P008@2'));
    for (const d of ['#syntax=docker/dockerfile:1', '# SYNTAX = docker/dockerfile:1']) {
      const m = buildModel(`${d}\nFROM golang:1.26\n`);
      assert.deepEqual(m.directives.map((x) => [x.name, x.value, x.effective]), [['syntax', 'docker/dockerfile:1', true]]);
    }
  });

  it('EC11: a BOM before the syntax directive; inserted lines go after the BOM', () => {
    const text = '\ufeff# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN go build -o /out/app .\n';
    const m = buildModel(text);
    assert.deepEqual(m.directives.map((x) => [x.name, x.effective]), [['syntax', true]]);
    assert.equal(m.problems.length, 0);
  });

  it('EC12: CRLF continuation parses like LF; ranges exclude the CR', () => {
    const m = buildModel('FROM golang:1.26-alpine AS build\r\nRUN CGO_ENABLED=0 \\\r\n    go build -o /out/app .\r\nFROM scratch\r\nCOPY --from=build /out/app /app\r\nENTRYPOINT ["/app"]\r\n');
    const build = m.goCommands[0];
    assert.ok(build);
    assert.equal(goEnv(m, build, 'CGO_ENABLED')?.value, '0');
    assert.equal(fmtRange(m.instructions[0]!.range), '1:1-1:33');
    assert.equal(m.src.eol, '\r\n');
  });

  it('EC13: lower-case instructions and indentation give the same findings as upper case', () => {
    const upper = codes('FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=0 /out/app /app\nENTRYPOINT ["/app"]\n');
    const lower = codes('from golang:1.26 as build\n   workdir /src\n   copy . .\n   run CGO_ENABLED=0 go build -o /out/app ./cmd/app\nfrom scratch\ncopy --from=0 /out/app /app\n  entrypoint ["/app"]\n');
    assert.deepEqual(lower, upper);
    assert.equal(buildModel('from golang:1.26 as build\nrun go build .\n').casing, 'lower');
  });
});

describe('EDGE_CASES: ARG, FROM, platforms (model)', () => {
  it('EC14: the FROM image resolves through a global ARG default', () => {
    const m = buildModel('ARG GO_VERSION=1.24\nFROM golang:${GO_VERSION}-alpine AS build\n');
    assert.equal(m.stages[0]?.imageResolved, 'golang:1.24-alpine');
    assert.deepEqual(m.stages[0]?.imageVars, ['GO_VERSION']);
    assert.equal(m.stages[0]?.info.goVersion?.minor, 24);
  });

  it('EC15: a global ARG without default leaves the version unknown', () => {
    const m = buildModel('ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build\n');
    assert.deepEqual(m.stages[0]?.imageUnknownVars, ['GO_VERSION']);
  });

  it('EC16: `ARG TARGETOS TARGETARCH` declares two ARGs (dockerfile-ast reads one)', () => {
    const m = buildModel('FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nARG TARGETOS TARGETARCH\nARG C=1 D=2\nARG F=x \\\n  G\n');
    assert.deepEqual(m.stages[0]?.args.map((a) => [a.name, a.value]), [['TARGETOS', undefined], ['TARGETARCH', undefined], ['C', '1'], ['D', '2'], ['F', 'x'], ['G', undefined]]);
  });

  it('EC17: a global ARG TARGETARCH is not visible inside the stage', () => {
    const m = buildModel('ARG TARGETARCH\nFROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n');
    const build = m.goCommands[0]!;
    assert.equal(goEnv(m, build, 'TARGETARCH'), undefined);
    assert.equal(m.stages[0]?.args.length, 0);
  });

  it('EC19: cgo is "mixed" when cross-compiling from $BUILDPLATFORM with gcc present', () => {
    const m = buildModel('FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n');
    assert.equal(cgoState(m, m.goCommands[0]!).mode, 'mixed');
  });

  it('EC22: ${VAR:-default} modifiers resolve in FROM', () => {
    const withArg = buildModel('ARG RUNTIME=gcr.io/distroless/static-debian13:nonroot\nFROM golang:1.26-alpine AS build\nFROM ${RUNTIME:-scratch}\n');
    assert.equal(withArg.stages[1]?.imageResolved, 'gcr.io/distroless/static-debian13:nonroot');
    const without = buildModel('FROM golang:1.26-alpine AS build\nFROM ${RUNTIME:-scratch}\n');
    assert.equal(without.stages[1]?.imageResolved, 'scratch');
    assert.equal(without.stages[1]?.info.family, 'scratch');
  });

  it('EC23: a global ARG is exported to RUN only when redeclared in the stage', () => {
    const notRedeclared = buildModel('ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nRUN go build -o /out/app .\n');
    assert.equal(goEnv(notRedeclared, notRedeclared.goCommands[0]!, 'CGO_ENABLED'), undefined);
    const redeclared = buildModel('ARG CGO_ENABLED=0\nFROM golang:1.26 AS build\nARG CGO_ENABLED\nRUN go build -o /out/app .\n');
    assert.equal(goEnv(redeclared, redeclared.goCommands[0]!, 'CGO_ENABLED')?.value, '0');
  });
});

describe('EDGE_CASES: stages and references', () => {
  it('EC24: FROM <stage> chains inherit the base image knowledge', () => {
    const m = buildModel('FROM golang:1.26 AS builder\nFROM builder AS final\n');
    assert.equal(m.stages[1]?.parent, m.stages[0]);
    assert.equal(m.stages[1]?.info.go, true);
  });

  it('EC25: COPY --from=0 resolves to a stage; copying from the current stage is P007', () => {
    const text = 'FROM golang:1.26-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=0 /out/app /app\nCOPY --from=1 /etc/passwd /tmp/passwd\nENTRYPOINT ["/app"]\n';
    const m = buildModel(text);
    assert.equal(m.copies[0]?.from?.stage?.index, 0);
    assert.ok(codes(text).includes('P007@5'));
  });

  it('EC26: COPY --from=<image> is not a stage', () => {
    const m = buildModel('FROM golang:1.26-alpine AS build\nFROM scratch\nCOPY --from=golang:1.26-alpine /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip\n');
    assert.equal(m.copies[0]?.from?.stage, undefined);
    assert.equal(m.copies[0]?.from?.ref?.name, 'golang');
  });

  it('EC28: ONBUILD triggers are parsed but do not make runtime findings', () => {
    const text = 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go install github.com/acme/tool@latest\n';
    const m = buildModel(text);
    assert.equal(m.onbuild.length, 2);
    assert.equal(m.onbuildRuns[0]?.goCommands[0]?.sub, 'install');
    const found = codes(text);
    for (const c of ['GD001', 'GD004', 'GD018', 'GD019', 'GD012']) assert.ok(!found.some((f) => f.startsWith(c)), c);
  });
});

describe('EDGE_CASES: exec and shell form', () => {
  it('EC29: invalid JSON falls back to shell form (dockerfile-ast accepts it)', () => {
    const m = buildModel('FROM gcr.io/distroless/static-debian13:nonroot\nCMD [\'/app\']\nENTRYPOINT ["/app" "--x"]\nCMD [ "/app", ]\n');
    assert.deepEqual(m.instructions.slice(1).map((i) => i.form.kind), ['shell', 'shell', 'shell']);
  });

  it('EC30: a non-string JSON element is P003, not shell form', () => {
    const text = 'FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot\nENTRYPOINT ["/app", 8080]\n';
    assert.equal(buildModel(text).instructions[3]?.form.kind, 'invalid-exec');
    assert.ok(codes(text).includes('P003@4'));
  });

  it('escaped backslashes in exec form are valid JSON (EC08)', () => {
    const m = buildModel('FROM x\nENTRYPOINT ["C:\\\\app\\\\app.exe"]\n');
    const form = m.instructions[1]?.form;
    assert.ok(form?.kind === 'exec');
    assert.equal(form.elements[0]?.value, 'C:\\app\\app.exe');
  });
});

describe('EDGE_CASES: go command parsing', () => {
  it('EC36: an inline assignment covers only its own simple command', () => {
    const m = buildModel('FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /out/a ./cmd/a && go build -o /out/b ./cmd/b\n');
    assert.deepEqual(m.goCommands.map((g) => goEnv(m, g, 'CGO_ENABLED')?.value), ['0', undefined]);
  });

  it('EC37: export reaches later commands, but not from inside a subshell', () => {
    const m = buildModel('FROM golang:1.26 AS build\nRUN export CGO_ENABLED=0 && go build -o /out/a .\nRUN (export CGO_ENABLED=0); go build -o /out/b .\n');
    assert.deepEqual(m.goCommands.map((g) => goEnv(m, g, 'CGO_ENABLED')?.value), ['0', undefined]);
  });

  it('EC43: --mount spellings: type defaults to bind, dst and destination mean target', () => {
    const m = buildModel('FROM golang:1.26-alpine AS build\nRUN --mount=target=. \\\n    --mount=type=cache,dst=/root/.cache/go-build,id=gobuild,sharing=locked \\\n    --mount=type=cache,destination=/go/pkg/mod \\\n    CGO_ENABLED=0 go build -o /out/app ./cmd/app\n');
    assert.deepEqual(m.runs[0]?.mounts.map((x) => [x.type, x.target]), [['bind', '.'], ['cache', '/root/.cache/go-build'], ['cache', '/go/pkg/mod']]);
  });

  it('sh -c strings, env and time wrappers, go -C', () => {
    const m = buildModel(`FROM golang:1.26 AS build\nRUN sh -c 'CGO_ENABLED=0 go build -o /out/a ./cmd/a'\nRUN env GOOS=linux time go -C sub build -o /out/b .\n`);
    assert.deepEqual(m.goCommands.map((g) => [g.sub, g.chdir, goEnv(m, g, 'CGO_ENABLED')?.value, goEnv(m, g, 'GOOS')?.value]), [
      ['build', undefined, '0', undefined],
      ['build', 'sub', undefined, 'linux'],
    ]);
    assert.equal(fmtRange(m.goCommands[0]!.goWord.range), '2:26-2:28');
  });

  it('EC45: a Node image that only go-installs a tool is go-tooling; "echo go build" is not Go', () => {
    assert.equal(buildModel('FROM node:22-alpine\nRUN apk add --no-cache go && go install github.com/acme/gen@latest\nRUN npm ci\n').goClass, 'go-tooling');
    assert.equal(buildModel('FROM node:22-alpine\nRUN echo "go build"\n').goClass, 'not-go');
  });
});
