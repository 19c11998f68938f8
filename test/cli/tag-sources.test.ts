// The CLI and GD007b (issue 12): after the Dockerfiles given, the tag sources of their workspaces
// (Makefile, workflows, …) are linted with the tag-source linter; --fix --unsafe-fixes fixes them.
// A tag source given on the command line is read as such, not as a Dockerfile.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { CLEAN, cleanup, cli, ensureBuilt, GO_MOD, tempTree } from './helpers';

const MAKEFILE = 'image:\n\tdocker build -t example/app:latest .\n';
const WORKFLOW = 'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t example/app:latest .\n';

describe('cli: GD007b tag sources', function () {
  let dir: string;

  before(() => ensureBuilt());
  beforeEach(() => {
    dir = tempTree({ 'go.mod': GO_MOD, 'go.sum': '', '.dockerignore': '.git\n', Dockerfile: CLEAN, Makefile: MAKEFILE, '.github/workflows/image.yml': WORKFLOW });
  });
  afterEach(() => cleanup(dir));

  it('lint Dockerfile also reports the Makefile and the workflow of its workspace', () => {
    const r = cli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(r.status, 0, 'info findings do not fail');
    const lines = r.stdout.split('\n').filter((l) => / GD007b /.test(l));
    assert.deepEqual(lines.map((l) => l.split(': info ')[0]), ['Makefile:2:18', '.github/workflows/image.yml:6:30']);
    assert.match(r.stdout, /2 problems more with --unsafe-fixes/);
    assert.match(r.stdout, /2 problems \(0 errors, 0 warnings, 2 infos, 0 hints\) in 3 files/);
  });

  it('--format json lists them as files of their own', () => {
    const j = JSON.parse(cli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir }).stdout) as { files: { path: string; findings: { code: string }[] }[] };
    assert.deepEqual(j.files.map((f) => [f.path, f.findings.map((x) => x.code)]), [['Dockerfile', []], ['Makefile', ['GD007b']], ['.github/workflows/image.yml', ['GD007b']]]);
  });

  it('--fix --unsafe-fixes rewrites both files; they stay valid and clean', () => {
    const r = cli(['lint', '--fix', '--unsafe-fixes', 'Dockerfile'], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const mk = readFileSync(path.join(dir, 'Makefile'), 'utf8');
    assert.equal(mk, 'VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)\n\nimage:\n\tdocker build -t example/app:$(VERSION) -t example/app:latest .\n');
    const wf = readFileSync(path.join(dir, '.github/workflows/image.yml'), 'utf8');
    assert.deepEqual(parseDocument(wf).errors, []);
    assert.match(wf, /run: docker build -t example\/app:\$\{\{ github\.sha \}\} -t example\/app:latest \.$/m);
    assert.match(r.stdout, /Makefile: applied 1 fix: GD007b /);
    assert.match(r.stdout, /0 problems .* in 3 files/);
  });

  it('without --unsafe-fixes nothing is written (the fixes are unsafe)', () => {
    cli(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    assert.equal(readFileSync(path.join(dir, 'Makefile'), 'utf8'), MAKEFILE);
  });

  it('a Makefile given on the command line is linted as a tag source, once', () => {
    const r = cli(['lint', 'Makefile', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(r.stdout.split('\n').filter((l) => / GD007b /.test(l)).map((l) => l.split(':')[0]), ['Makefile', '.github/workflows/image.yml']);
    assert.doesNotMatch(r.stdout, /P002/, 'not read as a Dockerfile');
  });

  it('without a go.mod the workflow is still read as a workflow', () => {
    const bare = tempTree({ Dockerfile: 'FROM golang:1.26\nRUN go build -o /app .\n', '.github/workflows/image.yml': WORKFLOW });
    try {
      const r = cli(['lint', 'Dockerfile'], { cwd: bare });
      assert.match(r.stdout, /^\.github\/workflows\/image\.yml:6:30: info GD007b /m);
      assert.doesNotMatch(r.stdout, /image\.yml:\d+:\d+: \w+ (GD0\d\d|P0\d\d) /, 'not linted as a Dockerfile');
    } finally {
      cleanup(bare);
    }
  });

  it('--no-workspace lints only the files given', () => {
    const r = cli(['lint', '--no-workspace', 'Dockerfile'], { cwd: dir });
    assert.doesNotMatch(r.stdout, /GD007b/);
  });
});
