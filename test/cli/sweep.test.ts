// The built sweep script (dist/sweep.js) on a small corpus with a manifest.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, ensureBuilt, NAIVE, NODE, run, SWEEP, tempTree } from './helpers';

interface SweepJson {
  summary: {
    files: number;
    byCode: Record<string, { name: string; findings: number; files: number }>;
    bySeverity: Record<string, number>;
    byIsGo: Record<string, { files: number; withFindings: number; findings: number }>;
    failures: { file: string; reason: string }[];
  };
  files: { file: string; isGo: string; findings: { code: string }[]; failures: string[] }[];
}

const MANIFEST = 'filename\trepo\tis_go\tnotes\nacme__app__Dockerfile\tacme/app\tyes\tsingle-stage\nacme__web__Dockerfile\tacme/web\tno\tnode\n';

describe('sweep', function () {
  let dir: string;

  before(() => ensureBuilt());

  beforeEach(() => {
    dir = tempTree({
      'manifest.tsv': MANIFEST,
      'files/acme__app__Dockerfile': NAIVE,
      'files/acme__web__Dockerfile': NODE,
    });
  });

  afterEach(() => cleanup(dir));

  function sweep(): { status: number | null; stdout: string; report: SweepJson } {
    const json = path.join(dir, 'report.json');
    const r = run(SWEEP, [dir, '--json', json]);
    return { status: r.status, stdout: r.stdout + r.stderr, report: JSON.parse(readFileSync(json, 'utf8')) as SweepJson };
  }

  it('passes on a Go file with findings and a silent non-Go file, and counts them', () => {
    const { status, stdout, report } = sweep();
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Files linted: 2 /);
    assert.match(stdout, /^Failures: 0$/m);
    assert.equal(report.summary.files, 2);
    // Without workspace facts GD022 can only hint that the whole context goes into the image.
    assert.deepEqual(Object.keys(report.summary.byCode), ['GD001', 'GD004', 'GD007', 'GD007b', 'GD022']);
    for (const code of ['GD001', 'GD004', 'GD007', 'GD007b', 'GD022']) {
      assert.equal(report.summary.byCode[code]!.findings, 1, code);
      assert.match(stdout, new RegExp(`^  ${code} +[a-z-]+ +1 findings in +1 files$`, 'm'));
    }
    assert.deepEqual(report.summary.bySeverity, { error: 0, warning: 3, info: 1, hint: 1 });
    assert.deepEqual(report.summary.byIsGo, {
      yes: { files: 1, withFindings: 1, findings: 5 },
      no: { files: 1, withFindings: 0, findings: 0 },
    });
    assert.match(stdout, /^ {2}yes +1 files, +1 with findings, +5 findings$/m);
    assert.match(stdout, /^ {2}no +1 files, +0 with findings, +0 findings$/m);
    assert.deepEqual(report.files.map((f) => f.file), ['acme__app__Dockerfile', 'acme__web__Dockerfile']);
  });

  it('fails when a file marked is_go=no gets a finding', () => {
    // The "node" file now builds Go in a single stage, but the manifest still says is_go=no.
    writeFileSync(path.join(dir, 'files/acme__web__Dockerfile'), NAIVE);
    const { status, stdout, report } = sweep();
    assert.equal(status, 1, stdout);
    assert.match(stdout, /^Failures: 1$/m);
    assert.match(stdout, /acme__web__Dockerfile: is_go=no but got GD/);
    assert.equal(report.summary.failures.length, 1);
    assert.equal(report.summary.failures[0]!.file, 'acme__web__Dockerfile');
  });

  it('fails when a manifest entry has no file', () => {
    writeFileSync(path.join(dir, 'manifest.tsv'), `${MANIFEST}acme__gone__Dockerfile\tacme/gone\tyes\t\n`);
    const { status, stdout } = sweep();
    assert.equal(status, 1);
    assert.match(stdout, /acme__gone__Dockerfile: listed in manifest\.tsv but found neither/);
  });

  it('finds Dockerfiles by name when there is no manifest', () => {
    const tree = tempTree({
      'a/Dockerfile': NAIVE,
      'b/build.Dockerfile': NAIVE,
      'c/Dockerfile.dev': NAIVE,
      'd/Containerfile': NAIVE,
      'e/x__Dockerfile_windows': NAIVE,
      'f/y__dockerfile.sales': NAIVE,
      'g/dockerfile.go': 'package main\n',
      'h/README.md': '# Dockerfile\n',
      'i/Dockerfile.dockerignore': 'vendor\n',
    });
    try {
      const r = run(SWEEP, [tree]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Files linted: 6 /);
      assert.match(r.stdout, /^ {2}GD001 +toolchain-in-final-image +6 findings in +6 files$/m);
    } finally {
      cleanup(tree);
    }
  });
});
