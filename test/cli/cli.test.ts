// End-to-end tests of the built CLI (dist/cli.js): output formats, exit codes, fixing, workspaces.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../server/src/engine/meta';
import { CLEAN, cleanup, cli, ensureBuilt, GO_MOD, NAIVE, NODE, tempTree } from './helpers';

interface JsonPos { line: number; character: number }
interface JsonRange { start: JsonPos; end: JsonPos }
interface JsonFinding {
  code: string;
  name: string;
  severity: string;
  message: string;
  range: JsonRange;
  fixes: { title: string; safety: string; edits: { range: JsonRange; newText: string }[] }[];
}
interface JsonReport { version: number; files: { path: string; findings: JsonFinding[] }[] }

function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

const LINE = /^(.+):(\d+):(\d+): (error|warning|info|hint) ([A-Z]+\d{3}[a-z]?) ([a-z0-9-]+): (.+)$/;

describe('cli', function () {
  let dir: string;

  before(() => ensureBuilt());

  beforeEach(() => {
    dir = tempTree({
      'naive/Dockerfile': NAIVE,
      'naive/.dockerignore': '.git\n',
      'clean/Dockerfile': CLEAN,
      'clean/.dockerignore': '.git\n',
      'node/Dockerfile': NODE,
      // a Go project: go.mod + go.sum at its root, the Dockerfile below it
      'proj/go.mod': GO_MOD,
      'proj/go.sum': '',
      'proj/.dockerignore': '.git\n',
      'proj/build/Dockerfile': NAIVE,
      // a workspace to name with --workspace
      'ws/go.mod': 'module example.com/other\n\ngo 1.21.5\n',
      'ws/go.sum': '',
      'ws/.dockerignore': '.git\n',
    });
  });

  afterEach(() => cleanup(dir));

  describe('--format json', () => {
    it('has exactly the documented keys, in order', () => {
      const r = cli(['lint', '--format', 'json', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      const report = parseReport(r.stdout);
      assert.deepEqual(Object.keys(report), ['version', 'files']);
      assert.equal(report.version, 1);
      assert.equal(report.files.length, 1);
      const file = report.files[0]!;
      assert.deepEqual(Object.keys(file), ['path', 'findings']);
      assert.equal(file.path, 'naive/Dockerfile');
      assert.ok(file.findings.length >= 3);
      for (const f of file.findings) {
        assert.deepEqual(Object.keys(f), ['code', 'name', 'severity', 'message', 'range', 'fixes']);
        assert.deepEqual(Object.keys(f.range), ['start', 'end']);
        assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
        assert.deepEqual(Object.keys(f.range.end), ['line', 'character']);
        for (const fix of f.fixes) {
          assert.deepEqual(Object.keys(fix), ['title', 'safety', 'edits']);
          for (const e of fix.edits) {
            assert.deepEqual(Object.keys(e), ['range', 'newText']);
            assert.deepEqual(Object.keys(e.range.start), ['line', 'character']);
          }
        }
      }
      // one line of JSON and nothing else on stdout
      assert.equal(r.stdout.trimEnd().split('\n').length, 1);
    });

    it('reports GD001 with its exact range and fields', () => {
      const r = cli(['lint', '--format=json', 'naive/Dockerfile'], { cwd: dir });
      const gd001 = parseReport(r.stdout).files[0]!.findings.find((f) => f.code === 'GD001');
      assert.ok(gd001, r.stdout);
      assert.equal(gd001.name, 'toolchain-in-final-image');
      assert.equal(gd001.severity, 'warning');
      assert.match(gd001.message, /golang:latest/);
      // "golang:latest" on line 2 (0-based 1), columns 5..18
      assert.deepEqual(gd001.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 18 } });
      assert.equal(gd001.fixes.length, 1);
      assert.equal(gd001.fixes[0]!.safety, 'unsafe');
      assert.match(gd001.fixes[0]!.title, /^Split into build and runtime stages/);
      assert.ok(gd001.fixes[0]!.edits.length > 0);
    });

    it('lists several files in the order given, a clean one with no findings', () => {
      const r = cli(['lint', '--format', 'json', 'clean/Dockerfile', 'naive/Dockerfile', 'node/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 1);
      const report = parseReport(r.stdout);
      assert.deepEqual(report.files.map((f) => f.path), ['clean/Dockerfile', 'naive/Dockerfile', 'node/Dockerfile']);
      assert.deepEqual(report.files.map((f) => f.findings.length > 0), [false, true, false]);
      assert.match(r.stderr, /in 3 files/);
    });
  });

  describe('exit status', () => {
    it('is 0 for a clean file and for a file that is not Go', () => {
      assert.equal(cli(['lint', 'clean/Dockerfile'], { cwd: dir }).status, 0);
      assert.equal(cli(['lint', 'node/Dockerfile'], { cwd: dir }).status, 0);
    });

    it('is 1 when a warning is present, 0 with --no-fail', () => {
      assert.equal(cli(['lint', 'naive/Dockerfile'], { cwd: dir }).status, 1);
      assert.equal(cli(['lint', '--no-fail', 'naive/Dockerfile'], { cwd: dir }).status, 0);
    });

    it('is 0 when the only warnings are lowered to info', () => {
      const r = cli(['lint', '--rule', 'GD001=info', '--rule', 'GD004=info', '--rule', 'unpinned-base-image=hint', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /: info GD001 /);
      assert.match(r.stdout, /: hint GD007 /);
    });

    it('is 2 for a missing file, and the other file is still reported', () => {
      const r = cli(['lint', 'missing/Dockerfile', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /missing\/Dockerfile/);
      assert.match(r.stdout, /^naive\/Dockerfile:2:6: warning GD001 /m);
      assert.match(r.stdout, /in 1 file$/m);
    });

    it('searches a directory for its Dockerfiles', () => {
      const r = cli(['lint', 'naive'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^naive\/Dockerfile:2:6: warning GD001 /m);
    });

    it('is 2 with usage on stderr for an unknown option', () => {
      const r = cli(['lint', '--frobnicate', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /unknown option "--frobnicate"/);
      assert.match(r.stderr, /Usage:/);
    });

    it('is 2 for other usage errors', () => {
      for (const args of [[], ['frob'], ['lint', '--format', 'xml', 'x'], ['lint', '--rule', 'GD999=off', 'x'], ['lint', '--rule', 'GD001=loud', 'x'], ['lint', '--workspace']]) {
        const r = cli(args, { cwd: dir });
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /Usage:/);
      }
    });
  });

  describe('text format', () => {
    it('prints path:line:col: severity CODE name: message, then a summary', () => {
      const r = cli(['lint', 'naive/Dockerfile'], { cwd: dir });
      const lines = r.stdout.trimEnd().split('\n');
      const findingLines = lines.filter((l) => LINE.test(l));
      assert.ok(findingLines.length >= 3, r.stdout);
      const m = LINE.exec(findingLines.find((l) => l.includes('GD001'))!)!;
      assert.deepEqual(m.slice(1, 7), ['naive/Dockerfile', '2', '6', 'warning', 'GD001', 'toolchain-in-final-image']);
      const count = (sev: string): number => findingLines.filter((l) => LINE.exec(l)?.[4] === sev).length;
      assert.ok(findingLines.some((l) => LINE.exec(l)?.[5] === 'GD007b'), 'GD007b: the image records no version (info)');
      assert.equal(lines[lines.length - 1], `${findingLines.length} problems (0 errors, ${count('warning')} warnings, ${count('info')} info${count('info') === 1 ? '' : 's'}, 0 hints) in 1 file`);
      assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
    });

    it('lists the fixes of each finding with --show-fixes', () => {
      const r = cli(['lint', '--show-fixes', 'proj/build/Dockerfile'], { cwd: dir });
      // after the finding line and its code frame (the source line and the carets)
      assert.match(r.stdout, /GD004 module-download-not-cached: .*\n 4 \| COPY \. \.\n {3}\| \^{8}\n {4}fix \(safe\): Copy go\.mod and go\.sum and download modules first\n/);
      assert.match(r.stdout, /GD001 toolchain-in-final-image: .*\n(?: .*\n){2} {4}fix \(unsafe\): Split into build and runtime stages/);
      assert.doesNotMatch(cli(['lint', 'proj/build/Dockerfile'], { cwd: dir }).stdout, /fix \(/);
    });
  });

  describe('--fix', () => {
    it('applies only the safe fixes, writes the file and reports what remains', () => {
      const file = path.join(dir, 'proj/build/Dockerfile');
      const r = cli(['lint', '--fix', 'proj/build/Dockerfile'], { cwd: dir });
      const fixed = readFileSync(file, 'utf8');
      assert.match(fixed, /COPY go\.mod go\.sum \.\/\nRUN go mod download\nCOPY \. \./, 'GD004 (safe) applied');
      assert.match(fixed, /^FROM golang:latest$/m, 'GD001 and GD007 (unsafe) not applied');
      assert.equal(r.status, 1, 'warnings remain');
      assert.doesNotMatch(r.stdout, /: warning GD004 /);
      assert.match(r.stdout, /: warning GD001 /);
      assert.match(r.stdout, /applied 1 fix: GD004/);
    });

    it('applies no fix of a rule whose fix is unsafe without workspace facts', () => {
      const file = path.join(dir, 'proj/build/Dockerfile');
      cli(['lint', '--fix', '--no-workspace', 'proj/build/Dockerfile'], { cwd: dir });
      assert.equal(readFileSync(file, 'utf8'), NAIVE);
    });

    it('also applies the unsafe fixes with --unsafe-fixes', () => {
      const file = path.join(dir, 'proj/build/Dockerfile');
      const r = cli(['lint', '--fix', '--unsafe-fixes', 'proj/build/Dockerfile'], { cwd: dir });
      const fixed = readFileSync(file, 'utf8');
      assert.match(fixed, /^FROM golang:1\.22 AS build$/m, 'GD007 pinned from go.mod, GD001 split');
      assert.match(fixed, /^FROM gcr\.io\/distroless\/static/m);
      assert.match(fixed, /^# syntax=docker\/dockerfile:1\n/, 'the GD001 split adds the directive its cache mounts need');
      assert.match(fixed, /^RUN --mount=type=cache,target=\/go\/pkg\/mod --mount=type=cache,target=\/root\/\.cache\/go-build CGO_ENABLED=0 go build /m, 'GD001 mounts the Go caches on the build');
      assert.match(fixed, /^RUN --mount=type=cache,target=\/go\/pkg\/mod go mod download$/m, 'the download GD004 adds gets the same module cache mount');
      assert.doesNotMatch(r.stdout, /: (warning|error|info|hint) GD0(0|20)/);
      assert.match(fixed, /^LABEL org\.opencontainers\.image\.version="\$\{VERSION\}"/m, 'GD007b labels');
      assert.match(r.stdout, /applied 4 fixes: .*GD001 .*GD007b /);
      assert.equal(r.status, 0, r.stdout);
    });

    it('leaves a clean file untouched', () => {
      const r = cli(['lint', '--fix', '--unsafe-fixes', 'clean/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 0);
      assert.equal(readFileSync(path.join(dir, 'clean/Dockerfile'), 'utf8'), CLEAN);
    });

    it('refuses to fix standard input', () => {
      const r = cli(['lint', '--fix', '-'], { cwd: dir, input: NAIVE });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /standard input/);
    });
  });

  describe('--diff', () => {
    it('prints a unified diff of the safe fixes and writes nothing', () => {
      const file = path.join(dir, 'proj/build/Dockerfile');
      const r = cli(['lint', '--diff', 'proj/build/Dockerfile'], { cwd: dir });
      assert.equal(readFileSync(file, 'utf8'), NAIVE);
      assert.equal(r.status, 1, 'the exit status follows the findings');
      assert.match(r.stdout, /^--- proj\/build\/Dockerfile\n\+\+\+ proj\/build\/Dockerfile\n@@ -1,6 \+1,8 @@\n/m);
      assert.match(r.stdout, /^ WORKDIR \/app\n\+COPY go\.mod go\.sum \.\/\n\+RUN go mod download\n COPY \. \.$/m);
      assert.doesNotMatch(r.stdout, /^-FROM/m);
    });

    it('includes the unsafe fixes with --unsafe-fixes', () => {
      const r = cli(['lint', '--diff', '--unsafe-fixes', '--no-fail', 'proj/build/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^-FROM golang:latest\n\+FROM golang:1\.22 AS build$/m);
      assert.match(r.stdout, /^\+FROM gcr\.io\/distroless\//m);
      assert.equal(readFileSync(path.join(dir, 'proj/build/Dockerfile'), 'utf8'), NAIVE);
    });

    it('says so when there is nothing to change', () => {
      const r = cli(['lint', '--diff', 'clean/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /clean\/Dockerfile: --diff: nothing to change/);
    });
  });

  describe('--rule', () => {
    it('GD007=off removes GD007, by code or by name', () => {
      const base = parseReport(cli(['lint', '--format', 'json', 'naive/Dockerfile'], { cwd: dir }).stdout);
      assert.ok(base.files[0]!.findings.some((f) => f.code === 'GD007'));
      for (const flag of ['GD007=off', 'unpinned-base-image=off', 'gd007=OFF']) {
        const r = cli(['lint', '--format', 'json', '--rule', flag, 'naive/Dockerfile'], { cwd: dir });
        const codes = parseReport(r.stdout).files[0]!.findings.map((f) => f.code);
        assert.ok(!codes.includes('GD007'), flag);
        assert.ok(codes.includes('GD001'), flag);
      }
    });

    it('sets a severity', () => {
      const r = cli(['lint', '--format', 'json', '--rule=GD007=error', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(parseReport(r.stdout).files[0]!.findings.find((f) => f.code === 'GD007')!.severity, 'error');
    });
  });

  describe('.go-dockerfile.json', () => {
    it('is found upward from the Dockerfile; --rule on the command line wins over it', () => {
      const t = tempTree({ '.go-dockerfile.json': '{"rules": {"GD007": "off", "GD004": "error"}}', 'svc/Dockerfile': NAIVE });
      try {
        const r = cli(['lint', '--format', 'json', 'svc/Dockerfile'], { cwd: t });
        const findings = parseReport(r.stdout).files[0]!.findings;
        assert.ok(!findings.some((f) => f.code === 'GD007'));
        assert.equal(findings.find((f) => f.code === 'GD004')!.severity, 'error');
        const r2 = cli(['lint', '--format', 'json', '--rule', 'GD007=info', 'svc/Dockerfile'], { cwd: t });
        assert.equal(parseReport(r2.stdout).files[0]!.findings.find((f) => f.code === 'GD007')!.severity, 'info');
      } finally {
        cleanup(t);
      }
    });

    it('an invalid key is an error naming the file, line and key (exit 2), and nothing is silently defaulted', () => {
      const t = tempTree({ '.go-dockerfile.json': '{\n  "rules": {"GD999": "off"},\n  "runtime": "ubuntu"\n}\n', 'Dockerfile': NAIVE });
      try {
        const r = cli(['lint', 'Dockerfile'], { cwd: t });
        assert.equal(r.status, 2);
        assert.match(r.stderr, /\.go-dockerfile\.json:2:13: rules\.GD999: not a go-dockerfile rule code or name/);
        assert.match(r.stderr, /\.go-dockerfile\.json:3:3: runtime: must be one of distroless, scratch, alpine/);
        // The file is still linted with the valid part of the configuration.
        assert.match(r.stdout, /GD001/);
      } finally {
        cleanup(t);
      }
    });
  });

  describe('workspace', () => {
    function gd007Fix(args: string[]): string {
      const r = cli(['lint', '--format', 'json', ...args], { cwd: dir });
      return parseReport(r.stdout).files[0]!.findings.find((f) => f.code === 'GD007')!.fixes[0]!.title;
    }

    it('is the nearest directory upward holding go.mod', () => {
      assert.equal(gd007Fix(['proj/build/Dockerfile']), 'Pin golang:1.22 (from go.mod)');
    });

    it('is the Dockerfile directory when there is no go.mod', () => {
      assert.match(gd007Fix(['naive/Dockerfile']), /latest known release/);
    });

    it('--workspace DIR overrides it', () => {
      assert.equal(gd007Fix(['--workspace', 'ws', 'naive/Dockerfile']), 'Pin golang:1.21 (from go.mod)');
      assert.equal(gd007Fix(['--workspace', 'ws', 'proj/build/Dockerfile']), 'Pin golang:1.21 (from go.mod)');
    });

    it('--no-workspace lints the text alone', () => {
      assert.match(gd007Fix(['--no-workspace', 'proj/build/Dockerfile']), /latest known release/);
    });

    it('--workspace must be a directory', () => {
      const r = cli(['lint', '--workspace', 'nowhere', 'naive/Dockerfile'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /nowhere/);
    });
  });

  describe('standard input', () => {
    it('reads "-" and reports it as <stdin>', () => {
      const r = cli(['lint', '-'], { cwd: path.join(dir, 'naive'), input: NAIVE });
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^<stdin>:2:6: warning GD001 toolchain-in-final-image: /m);
      const j = parseReport(cli(['lint', '--format', 'json', '-', 'clean/Dockerfile'], { cwd: dir, input: NAIVE }).stdout);
      assert.deepEqual(j.files.map((f) => f.path), ['<stdin>', 'clean/Dockerfile']);
    });

    it('takes the workspace from the current directory', () => {
      const r = cli(['lint', '--format', 'json', '-'], { cwd: path.join(dir, 'proj'), input: NAIVE });
      const gd007 = parseReport(r.stdout).files[0]!.findings.find((f) => f.code === 'GD007')!;
      assert.equal(gd007.fixes[0]!.title, 'Pin golang:1.22 (from go.mod)');
    });
  });

  describe('rules, --help, --version', () => {
    it('rules lists GD001..GD007 with severity and fixability', () => {
      const r = cli(['rules']);
      assert.equal(r.status, 0);
      for (let i = 1; i <= 7; i++) assert.match(r.stdout, new RegExp(`^GD00${i} +[a-z-]+ +(error|warning|info|hint) +(safe|unsafe|suggestion|-) +\\S`, 'm'));
      assert.match(r.stdout, /^GD001 +toolchain-in-final-image +warning +unsafe +/m);
      assert.match(r.stdout, /^P001 +unterminated-heredoc/m);
    });

    it('rules --format json', () => {
      const r = cli(['rules', '--format', 'json']);
      const j = JSON.parse(r.stdout) as { rules: { code: string; name: string; defaultSeverity: string; fixable: string | null }[] };
      assert.deepEqual(j.rules.map((x) => x.code), Array.from({ length: 37 }, (_, i) => `GD${String(i + 1).padStart(3, '0')}`).flatMap((c) => (c === 'GD007' ? [c, 'GD007b'] : [c])));
      assert.deepEqual(j.rules[3], { ...j.rules[3], code: 'GD004', name: 'module-download-not-cached', defaultSeverity: 'warning', fixable: 'safe' });
    });

    it('--help prints the usage on stdout, --version the version', () => {
      const h = cli(['--help']);
      assert.equal(h.status, 0);
      assert.match(h.stdout, /go-dockerfile lint \[options\] \[PATH\.\.\.\]/);
      assert.match(h.stdout, /--unsafe-fixes/);
      const v = cli(['--version']);
      assert.equal(v.status, 0);
      assert.equal(v.stdout, `${VERSION}\n`);
    });
  });
});
