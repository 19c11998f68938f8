import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_LIMITS, findModuleRoot, scanWorkspace } from '../../../server/src/workspace';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function within(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..');
}

describe('workspace/scan: safety and bounds', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-scan-'));
  });
  afterEach(function () {
    this.timeout(120_000); // removing the 50,000-file tree
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('never follows symlinks out of the root, ends symlink loops, follows inside links once', async () => {
    const root = path.join(tmp, 'root');
    const outside = path.join(tmp, 'outside');
    write(path.join(outside, 'go.mod'), 'module example.com/evil\n\ngo 1.22\n');
    write(path.join(outside, 'evil.go'), 'package evil\n\nimport "C"\n');
    write(path.join(root, 'go.mod'), 'module example.com/app\n\ngo 1.26.1\n');
    write(path.join(root, 'main.go'), 'package main\n\nimport _ "example.com/app/linked"\nimport _ "example.com/app/real"\n\nfunc main() {}\n');
    write(path.join(root, 'real', 'real.go'), 'package real\n');
    write(path.join(root, '_shared', 'lib', 'lib.go'), 'package lib\n\nimport "os/user"\n\nvar _ = user.Current\n');
    fs.mkdirSync(path.join(root, 'a'));
    fs.symlinkSync('..', path.join(root, 'a', 'b')); // loop: a/b -> root
    fs.symlinkSync(outside, path.join(root, 'ext')); // leaves the root
    fs.symlinkSync(path.join(outside, 'evil.go'), path.join(root, 'secret.go'));
    fs.symlinkSync(path.join(outside, 'go.mod'), path.join(root, 'sub.go.mod'));
    fs.symlinkSync('real', path.join(root, 'alias')); // inside, already walked as real/
    fs.symlinkSync(path.join('_shared', 'lib'), path.join(root, 'linked')); // inside, only reachable via the link
    fs.symlinkSync('missing', path.join(root, 'dangling'));

    const opened: string[] = [];
    const facts = await scanWorkspace(root, { onRead: (p) => opened.push(p) });

    const realRoot = fs.realpathSync(root);
    assert.ok(opened.length > 0);
    for (const p of opened) {
      assert.ok(within(realRoot, fs.realpathSync(p)), `opened outside the root: ${p}`);
    }
    assert.equal(facts.cgo.required, false, 'nothing from outside was read');
    assert.deepEqual(facts.nestedModules, []);
    assert.ok(!facts.entries.some((e) => e.startsWith('ext') || e === 'secret.go' || e === 'sub.go.mod' || e === 'dangling'));
    // The loop: a/b is recorded once and never entered.
    assert.deepEqual(facts.entries.filter((e) => e.startsWith('a/')), ['a/', 'a/b/']);
    // real/ is scanned once under its own name; alias/ is not entered again.
    assert.ok(facts.entries.includes('alias/'));
    assert.ok(!facts.entries.some((e) => e.startsWith('alias/') && e !== 'alias/'));
    assert.equal(facts.entries.filter((e) => e.endsWith('real.go')).length, 1);
    // linked/ (-> _shared/lib, a skipped directory) is followed once through the link.
    assert.ok(facts.entries.includes('linked/lib.go'));
    assert.equal(facts.imports.osUser, true, 'os/user reached through the linked package');
    assert.deepEqual(facts.mainPackages.map((m) => m.dir), ['']);
    assert.equal(facts.limits.capped, false);
  });

  it('stops at 50,000 files with limits.capped, within a generous time bound', async function () {
    // Default cap: maxFiles = 20,000 entries. Measured on the dev container: about 0.4 s for
    // the scan (generation and cleanup of the 50,000 files take longer than the scan itself).
    this.timeout(180_000);
    const root = path.join(tmp, 'big');
    write(path.join(root, 'go.mod'), 'module example.com/big\n\ngo 1.26.1\n');
    for (let d = 0; d < 500; d++) {
      const dir = path.join(root, `pkg${String(d).padStart(3, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 100; i++) {
        const name = i < 10 ? `f${i}.go` : `data${i}.txt`;
        fs.writeFileSync(path.join(dir, name), i < 10 ? `package pkg${d}\n` : 'x\n');
      }
    }
    const started = process.hrtime.bigint();
    const facts = await scanWorkspace(root);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(facts.limits.capped, true);
    assert.match(facts.limits.reason ?? '', /20000 files and directories/);
    assert.ok(facts.limits.filesScanned <= DEFAULT_LIMITS.maxFiles, `filesScanned ${facts.limits.filesScanned}`);
    assert.ok(facts.entries.length <= DEFAULT_LIMITS.maxFiles);
    assert.equal(facts.module?.path, 'example.com/big', 'root files are seen first');
    assert.ok(ms < 30_000, `scan took ${ms} ms`);
    if (process.env.GD_REPORT_TIMING) console.log(`    50,000-file scan: ${ms.toFixed(0)} ms, ${facts.limits.filesScanned} files`);
  });

  it('caps Go files, total bytes and depth, and truncates large files without capping', async () => {
    const root = path.join(tmp, 'caps');
    write(path.join(root, 'go.mod'), 'module example.com/caps\n');
    for (let i = 0; i < 6; i++) write(path.join(root, `f${i}.go`), 'package main\n');
    const goCap = await scanWorkspace(root, { maxGoFiles: 3 });
    assert.equal(goCap.limits.capped, true);
    assert.match(goCap.limits.reason ?? '', /more than 3 Go files/);

    const byteCap = await scanWorkspace(root, { maxBytes: 40 });
    assert.equal(byteCap.limits.capped, true);
    assert.match(byteCap.limits.reason ?? '', /read budget/);
    assert.ok(byteCap.limits.bytesRead <= 40);

    let deep = path.join(root, 'd0');
    for (let i = 1; i < 8; i++) deep = path.join(deep, `d${i}`);
    write(path.join(deep, 'x.txt'), 'x');
    const depthCap = await scanWorkspace(root, { maxDepth: 4 });
    assert.equal(depthCap.limits.capped, true);
    assert.match(depthCap.limits.reason ?? '', /deeper than 4/);
    assert.ok(!depthCap.entries.some((e) => e.split('/').length > 6));

    const big = path.join(tmp, 'bigfile');
    write(path.join(big, 'go.mod'), 'module example.com/bigfile\n');
    write(path.join(big, 'main.go'), `package main\n\nimport "C"\n\nvar pad = \`${'x'.repeat(3 * 1024 * 1024)}\`\n\nfunc main() {}\n`);
    const truncated = await scanWorkspace(big);
    assert.equal(truncated.limits.capped, false);
    assert.ok(truncated.limits.bytesRead <= DEFAULT_LIMITS.maxFileBytes + 100);
    assert.deepEqual(truncated.mainPackages, [], 'func main lies past the 1 MiB that were read');
    assert.equal(truncated.cgo.required, true, 'the header (import "C") was read');
  });

  it('uses the nearest enclosing go.mod when the root has none, unless told to stop', async () => {
    const mod = path.join(tmp, 'mono');
    const root = path.join(mod, 'deploy', 'svc');
    write(path.join(mod, 'go.mod'), 'module example.com/mono\n\ngo 1.25\n\nreplace example.com/x => ./libs/x\n');
    write(path.join(mod, 'go.sum'), '');
    write(path.join(root, 'main.go'), 'package main\n\nfunc main() {}\n');
    assert.equal(await findModuleRoot(root), mod);
    assert.equal(await findModuleRoot(root, root), undefined);
    const facts = await scanWorkspace(root);
    assert.equal(facts.module?.dir, '../..');
    assert.equal(facts.module?.goLoc?.file, '../../go.mod');
    assert.equal(facts.goSum, true);
    assert.deepEqual(facts.module?.replaces.map((r) => [r.dir, r.outsideContext]), [['../../libs/x', true]]);
    assert.deepEqual(facts.mainPackages.map((m) => [m.dir, m.binary, m.importPath]), [['', 'svc', 'example.com/mono/deploy/svc']]);
    const stopped = await scanWorkspace(root, { moduleSearchStop: root });
    assert.equal(stopped.module, undefined);
    assert.deepEqual(stopped.mainPackages.map((m) => [m.dir, m.binary]), [['', 'svc']]);
  });

  it('strips a UTF-8 BOM and survives a missing root', async () => {
    const root = path.join(tmp, 'bom');
    write(path.join(root, 'go.mod'), '\uFEFFmodule example.com/bom\n');
    write(path.join(root, '.dockerignore'), '\uFEFF.git\n');
    const facts = await scanWorkspace(root);
    assert.equal(facts.module?.path, 'example.com/bom');
    assert.deepEqual(facts.dockerignores[0].patterns.map((p) => p.pattern), ['.git']);
    const missing = await scanWorkspace(path.join(tmp, 'nope'));
    assert.equal(missing.limits.capped, true);
    assert.match(missing.limits.reason ?? '', /cannot read/);
    assert.deepEqual(missing.entries, []);
  });

  it('does not block on a FIFO named like a file it reads', async () => {
    const root = path.join(tmp, 'fifo');
    write(path.join(root, 'go.mod'), 'module example.com/fifo\n');
    // Test setup only (Node has no mkfifo; coreutils has it); the scanner itself never runs anything.
    execFileSync('mkfifo', [path.join(root, 'Makefile'), path.join(root, 'x.go')]);
    const facts = await scanWorkspace(root);
    assert.equal(facts.module?.path, 'example.com/fifo');
    assert.deepEqual(facts.makeTargets, []);
  });
});
