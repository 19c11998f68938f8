// The CLI as CI runs it (the built dist/cli.js): directories, exit statuses, --fail-on, --fix
// idempotence, standard input, --output, --config and unusable inputs.
import * as assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLEAN, cleanup, cli, ensureBuilt, GO_MOD, NAIVE, NODE, run, CLI, tempTree } from './helpers';

interface JsonReport { files: { path: string; findings: { code: string; severity: string; fixes: { title: string }[] }[] }[] }

const INFO_ONLY = `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;

describe('cli in CI', function () {
  let dir: string;
  before(() => ensureBuilt());
  beforeEach(() => {
    dir = tempTree({
      'go.mod': GO_MOD,
      'go.sum': '',
      'main.go': 'package main\n\nfunc main() {}\n',
      '.dockerignore': '.git\n',
      'Dockerfile': NAIVE,
      'clean/Dockerfile': CLEAN,
      'info/Dockerfile': INFO_ONLY,
      'error/Dockerfile': NAIVE,
      'node/Dockerfile': NODE,
      'svc/api.Dockerfile': CLEAN,
      'svc/Containerfile.prod': CLEAN,
      'svc/Dockerfile.md': '# notes\n',
      'vendor/github.com/x/Dockerfile': NAIVE,
      'node_modules/y/Dockerfile': NAIVE,
      '.git/Dockerfile': NAIVE,
      'none/README.md': 'nothing here\n',
    });
  });
  afterEach(() => cleanup(dir));

  function codes(stdout: string, file: string): string[] {
    return (JSON.parse(stdout) as JsonReport).files.find((f) => f.path === file)!.findings.map((f) => `${f.code}:${f.severity}`);
  }

  describe('paths', () => {
    it('no path lints the current directory, skipping .git, node_modules and vendor', () => {
      const r = cli(['lint', '--format', 'json'], { cwd: dir });
      assert.deepEqual((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path), [
        'Dockerfile', 'clean/Dockerfile', 'error/Dockerfile', 'info/Dockerfile', 'node/Dockerfile', 'svc/Containerfile.prod', 'svc/api.Dockerfile',
      ]);
    });

    it('mixes files and directories, each file once', () => {
      const r = cli(['lint', '--format', 'json', 'svc', 'Dockerfile', './svc/api.Dockerfile', 'clean/'], { cwd: dir });
      assert.deepEqual((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path), ['svc/Containerfile.prod', 'svc/api.Dockerfile', 'Dockerfile', 'clean/Dockerfile']);
    });

    it('a file given by name is linted whatever its name', () => {
      writeFileSync(path.join(dir, 'build.docker'), NAIVE);
      const r = cli(['lint', '--format', 'json', 'build.docker'], { cwd: dir });
      assert.ok(codes(r.stdout, 'build.docker').includes('GD001:warning'));
    });
  });

  describe('exit status', () => {
    // [arguments, status]: the exit-code table of the README and --help.
    const TABLE: [string[], number][] = [
      [['clean/Dockerfile'], 0],
      [['node/Dockerfile'], 0],
      [['Dockerfile'], 1],
      [['info/Dockerfile'], 0],
      [['--fail-on', 'info', 'info/Dockerfile'], 1],
      [['--fail-on', 'hint', 'clean/Dockerfile'], 0],
      [['--fail-on', 'error', 'Dockerfile'], 0],
      [['--fail-on', 'error', '--rule', 'GD007=error', 'Dockerfile'], 1],
      [['--fail-on', 'warning', 'Dockerfile'], 1],
      [['--fail-on', 'none', 'Dockerfile'], 0],
      [['--no-fail', 'Dockerfile'], 0],
      [['--fail-on', 'none', 'Dockerfile', 'missing'], 2],
      [['Dockerfile', 'none'], 2],
      [['clean/Dockerfile', 'missing'], 2],
      [['--fail-on', 'sometimes', 'Dockerfile'], 2],
      [['--format', 'xml', 'Dockerfile'], 2],
      [['--diff', '--format', 'sarif', 'Dockerfile'], 2],
      [['--stdin-filename', 'x', 'Dockerfile'], 2],
    ];
    for (const [args, status] of TABLE) {
      it(`lint ${args.join(' ')} → ${status}`, () => {
        const r = cli(['lint', ...args], { cwd: dir });
        assert.equal(r.status, status, r.stdout + r.stderr);
      });
    }

    it('is the same in every format', () => {
      for (const format of ['text', 'json', 'sarif', 'github', 'checkstyle', 'gitlab']) {
        assert.equal(cli(['lint', '--format', format, 'Dockerfile'], { cwd: dir }).status, 1, format);
        assert.equal(cli(['lint', '--format', format, 'clean'], { cwd: dir }).status, 0, format);
        assert.equal(cli(['lint', '--format', format, 'clean', 'missing'], { cwd: dir }).status, 2, format);
      }
    });
  });

  describe('--fix', () => {
    it('is idempotent: a second run finds nothing to fix and changes nothing', () => {
      const file = path.join(dir, 'Dockerfile');
      const first = cli(['lint', '--fix', '--unsafe-fixes', 'Dockerfile'], { cwd: dir });
      assert.match(first.stdout, /Dockerfile: applied \d+ fix(es)?: GD/);
      const fixed = readFileSync(file, 'utf8');
      assert.notEqual(fixed, NAIVE);
      const second = cli(['lint', '--fix', '--unsafe-fixes', 'Dockerfile'], { cwd: dir });
      assert.doesNotMatch(second.stdout, /applied/);
      assert.equal(readFileSync(file, 'utf8'), fixed);
      const diff = cli(['lint', '--diff', '--unsafe-fixes', 'Dockerfile'], { cwd: dir });
      assert.match(diff.stdout, /Dockerfile: --diff: nothing to change/);
      assert.equal(first.status, second.status);
    });

    it('safe fixes alone are idempotent too, over a directory', () => {
      const before = readFileSync(path.join(dir, 'error/Dockerfile'), 'utf8');
      const first = cli(['lint', '--fix', '.'], { cwd: dir });
      assert.match(first.stdout, /^error\/Dockerfile: applied 1 fix: GD004 /m);
      const after = readFileSync(path.join(dir, 'error/Dockerfile'), 'utf8');
      assert.notEqual(after, before);
      const second = cli(['lint', '--fix', '.'], { cwd: dir });
      assert.doesNotMatch(second.stdout, /applied/);
      assert.equal(readFileSync(path.join(dir, 'error/Dockerfile'), 'utf8'), after);
      assert.equal(readFileSync(path.join(dir, 'vendor/github.com/x/Dockerfile'), 'utf8'), NAIVE, 'vendor is not touched');
    });

    it('a fix that creates .dockerignore is reported against the new workspace, as a second run sees it', () => {
      const t = tempTree({ 'go.mod': GO_MOD, 'main.go': 'package main\n\nfunc main() {}\n', 'Dockerfile': 'FROM golang\nWORKDIR /app\nCOPY . .\nRUN go build -o hello .\nCMD ./hello\n' });
      try {
        const before = cli(['lint', '--format', 'json', '.'], { cwd: t });
        assert.ok(codes(before.stdout, 'Dockerfile').some((c) => c.startsWith('GD022')), 'no .dockerignore yet');
        const first = cli(['lint', '--fix', '--unsafe-fixes', '--format', 'json', '.'], { cwd: t });
        assert.match(readFileSync(path.join(t, '.dockerignore'), 'utf8'), /^\.git$/m);
        assert.match(first.stderr, /applied \d+ fixes: .*GD022 /);
        const second = cli(['lint', '--format', 'json', '.'], { cwd: t });
        assert.deepEqual(codes(first.stdout, 'Dockerfile'), codes(second.stdout, 'Dockerfile'));
        assert.ok(!codes(first.stdout, 'Dockerfile').some((c) => c.startsWith('GD022')));
        assert.equal(first.status, second.status);
      } finally {
        cleanup(t);
      }
    });

    it('with a machine format, writes the report of what remains and notes the fixes on stderr', () => {
      const r = cli(['lint', '--fix', '--format', 'json', 'Dockerfile'], { cwd: dir });
      assert.ok(!codes(r.stdout, 'Dockerfile').some((c) => c.startsWith('GD004')));
      assert.match(r.stderr, /Dockerfile: applied 1 fix: GD004/);
    });
  });

  describe('standard input', () => {
    it('"-" with --stdin-filename: reported under that name, workspace and configuration from its directory', () => {
      writeFileSync(path.join(dir, 'info', '.go-dockerfile.json'), '{"rules": {"GD007": "error"}}');
      const r = cli(['lint', '--format', 'json', '--stdin-filename', 'info/Dockerfile', '-'], { cwd: dir, input: NAIVE });
      assert.equal(r.status, 1);
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.equal(f.path, 'info/Dockerfile');
      assert.ok(f.findings.some((x) => x.code === 'GD007' && x.severity === 'error'), 'the configuration of info/ applies');
      assert.equal(f.findings.find((x) => x.code === 'GD007')!.fixes[0]!.title, 'Pin golang:1.22 (from go.mod)');
      assert.equal(readFileSync(path.join(dir, 'info/Dockerfile'), 'utf8'), INFO_ONLY, 'the named file is not read nor written');
      const text = cli(['lint', '--stdin-filename', 'info/Dockerfile', '-'], { cwd: dir, input: NAIVE });
      assert.match(text.stdout, /^info\/Dockerfile:2:6: warning GD001 /m);
    });

    it('"-" alone is <stdin>; --diff works on it, --fix is refused', () => {
      assert.match(cli(['lint', '-'], { cwd: dir, input: NAIVE }).stdout, /^<stdin>:2:6: warning GD001 /m);
      const d = cli(['lint', '--diff', '-'], { cwd: dir, input: NAIVE });
      assert.match(d.stdout, /^--- <stdin>\n\+\+\+ <stdin>\n/m);
      const f = cli(['lint', '--fix', '-'], { cwd: dir, input: NAIVE });
      assert.equal(f.status, 2);
      assert.match(f.stderr, /standard input/);
    });
  });

  describe('--output and --config', () => {
    it('--output writes the report to a file, stdout stays empty', () => {
      const r = cli(['lint', '--format', 'sarif', '--output', 'out/report.sarif', 'Dockerfile'], { cwd: dir });
      assert.equal(r.status, 2, 'out/ does not exist: the report cannot be written');
      assert.match(r.stderr, /^go-dockerfile: cannot write --output out\/report\.sarif: /m);
      const ok = cli(['lint', '--format', 'sarif', '-o', 'report.sarif', 'Dockerfile'], { cwd: dir });
      assert.equal(ok.status, 1);
      assert.equal(ok.stdout, '');
      assert.equal((JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
      cli(['lint', '-o', 'report.txt', 'Dockerfile'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      const text = readFileSync(path.join(dir, 'report.txt'), 'utf8');
      assert.match(text, /(^|\n)Dockerfile:2:6: warning GD001 [^\n]*\n 2 \| FROM golang:latest\n {3}\| {6}\^{13}\n/);
      assert.match(text, /problems \(.*\) in 1 file\n$/);
    });

    it('--config FILE replaces the nearest .go-dockerfile.json', () => {
      writeFileSync(path.join(dir, '.go-dockerfile.json'), '{"rules": {"GD001": "off"}}');
      writeFileSync(path.join(dir, 'ci.json'), '{"rules": {"GD007": "off", "toolchain-in-final-image": "error"}}');
      assert.ok(!cli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir }).stdout.includes('"GD001"'));
      const r = cli(['lint', '--format', 'json', '--config', 'ci.json', 'Dockerfile'], { cwd: dir });
      const c = codes(r.stdout, 'Dockerfile');
      assert.ok(c.includes('GD001:error'));
      assert.ok(!c.some((x) => x.startsWith('GD007:')));
      const flag = cli(['lint', '--format', 'json', '--config', 'ci.json', '--rule', 'GD001=info', 'Dockerfile'], { cwd: dir });
      assert.ok(codes(flag.stdout, 'Dockerfile').includes('GD001:info'), '--rule wins over --config');
    });
  });

  describe('unusable inputs: one line each on stderr, exit 2, the other files still reported', () => {
    function assertReported(r: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
      assert.equal(r.status, 2, r.stderr);
      const lines = r.stderr.trimEnd().split('\n').filter((l) => l.startsWith('go-dockerfile:'));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, message);
      assert.match(r.stdout, /^Dockerfile:2:6: warning GD001 /m, 'the good file is reported');
    }

    it('a missing file', () => {
      assertReported(cli(['lint', 'missing/Dockerfile', 'Dockerfile'], { cwd: dir }), /^go-dockerfile: cannot lint missing\/Dockerfile: no such file or directory$/);
    });

    it('a directory without Dockerfiles', () => {
      assertReported(cli(['lint', 'none', 'Dockerfile'], { cwd: dir }), /^go-dockerfile: cannot lint none: no Dockerfile found in this directory \(looked for Dockerfile, /);
    });

    it('a binary file (NUL bytes), also in a directory', () => {
      writeFileSync(path.join(dir, 'none', 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]));
      assertReported(cli(['lint', 'none', 'Dockerfile'], { cwd: dir }), /^go-dockerfile: cannot lint none\/Dockerfile\.bin: binary file \(contains NUL bytes\): not linted$/);
      const stdin = cli(['lint', '-'], { cwd: dir, input: 'FROM golang\0\n' });
      assert.equal(stdin.status, 2);
      assert.match(stdin.stderr, /cannot lint <stdin>: binary file/);
    });

    it('a file over 5 MB', () => {
      writeFileSync(path.join(dir, 'big.Dockerfile'), `FROM golang:1.22\n${'# padding\n'.repeat(530_000)}`);
      assertReported(cli(['lint', 'big.Dockerfile', 'Dockerfile'], { cwd: dir }), /^go-dockerfile: cannot lint big\.Dockerfile: file larger than 5 MB \(5\.1 MB\): not linted$/);
    });

    it('an invalid configuration (the file is linted with its valid part)', () => {
      writeFileSync(path.join(dir, 'ci.json'), '{"rules": {"GD001": "loud"}}');
      const r = cli(['lint', '--config', 'ci.json', 'Dockerfile'], { cwd: dir });
      assertReported(r, /^go-dockerfile: error: ci\.json:1:/);
      const missing = cli(['lint', '--config', 'nowhere.json', 'Dockerfile'], { cwd: dir });
      assertReported(missing, /^go-dockerfile: error: --config nowhere\.json: no such file$/);
      writeFileSync(path.join(dir, '.go-dockerfile.json'), '{"rules": ');
      assertReported(cli(['lint', 'Dockerfile'], { cwd: dir }), /^go-dockerfile: error: \.go-dockerfile\.json:1:\d+: invalid JSON/);
    });

    it('an unreadable file', () => {
      // As root every file is readable: run the CLI as nobody then.
      const asNobody = process.getuid?.() === 0;
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, 'info/Dockerfile'), 0o000);
      // nobody may not be able to read the checkout (CI clones into a private mktemp -d): run a copy of the
      // self-contained bundle from a world-readable directory.
      const bin = asNobody ? mkdtempSync(path.join(tmpdir(), 'gd-cli-')) : undefined;
      try {
        let r;
        if (bin !== undefined) {
          chmodSync(bin, 0o755);
          copyFileSync(CLI, path.join(bin, 'cli.js'));
          chmodSync(path.join(bin, 'cli.js'), 0o644);
          r = run(path.join(bin, 'cli.js'), ['lint', 'info/Dockerfile', 'Dockerfile'], { cwd: dir, uid: 65534, gid: 65534 });
        } else {
          r = cli(['lint', 'info/Dockerfile', 'Dockerfile'], { cwd: dir });
        }
        assertReported(r, /^go-dockerfile: cannot lint info\/Dockerfile: permission denied$/);
      } finally {
        if (bin !== undefined) rmSync(bin, { recursive: true, force: true });
      }
    });
  });
});
