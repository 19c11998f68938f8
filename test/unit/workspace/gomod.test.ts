import { strict as assert } from 'node:assert';
import { parseGoMod, parseGoWork } from '../../../server/src/workspace';

describe('workspace/gomod: parseGoMod', () => {
  const text = [
    '// Module comment',
    'module example.com/app // trailing comment',
    '',
    'go 1.26.1',
    '',
    'toolchain go1.26.3',
    '',
    'require github.com/single/dep v1.0.0',
    '',
    'require (',
    '\tgithub.com/a/b v1.2.3',
    '\tgithub.com/c/d v0.1.0 // indirect',
    '\tgithub.com/e/f v0.2.0 // indirect; keep',
    '\t// a comment line inside the block',
    '\tgithub.com/g/h v0.3.0 // not indirect',
    ')',
    '',
    'replace example.com/lib => ./lib',
    '',
    'replace (',
    '\texample.com/up v1.0.0 => ../up',
    '\texample.com/fork => github.com/me/fork v1.2.4',
    '\texample.com/abs => /opt/src/abs',
    '\t"example.com/quoted" => "./quoted/"',
    ')',
    'exclude example.com/bad v1.0.0',
    'retract v1.0.1',
    'require ()',
  ].join('\n');
  const mod = parseGoMod(text);

  it('reads module, go and toolchain (without the "go" prefix) with 1-based lines', () => {
    assert.equal(mod.path, 'example.com/app');
    assert.equal(mod.dir, '');
    assert.equal(mod.goVersion, '1.26.1');
    assert.deepEqual(mod.goLoc, { file: 'go.mod', line: 4 });
    assert.equal(mod.toolchain, '1.26.3');
    assert.deepEqual(mod.toolchainLoc, { file: 'go.mod', line: 6 });
  });

  it('reads single and block requires and the // indirect marker', () => {
    assert.deepEqual(
      mod.requires.map((r) => [r.path, r.version, r.indirect, r.loc.line]),
      [
        ['github.com/single/dep', 'v1.0.0', false, 8],
        ['github.com/a/b', 'v1.2.3', false, 11],
        ['github.com/c/d', 'v0.1.0', true, 12],
        ['github.com/e/f', 'v0.2.0', true, 13],
        ['github.com/g/h', 'v0.3.0', false, 15],
      ],
    );
  });

  it('reads local and module replaces, resolving local targets against the root', () => {
    assert.deepEqual(mod.replaces, [
      { from: 'example.com/lib', to: './lib', local: true, dir: 'lib', outsideContext: false, loc: { file: 'go.mod', line: 18 } },
      { from: 'example.com/up', fromVersion: 'v1.0.0', to: '../up', local: true, dir: '../up', outsideContext: true, loc: { file: 'go.mod', line: 21 } },
      { from: 'example.com/fork', to: 'github.com/me/fork', toVersion: 'v1.2.4', local: false, loc: { file: 'go.mod', line: 22 } },
      { from: 'example.com/abs', to: '/opt/src/abs', local: true, dir: '/opt/src/abs', outsideContext: true, loc: { file: 'go.mod', line: 23 } },
      { from: 'example.com/quoted', to: './quoted/', local: true, dir: 'quoted', outsideContext: false, loc: { file: 'go.mod', line: 24 } },
    ]);
  });

  it('resolves local replaces of a go.mod that lives above the scan root', () => {
    const up = parseGoMod('module example.com/mono\ngo 1.22\nreplace example.com/x => ./services/x\nreplace example.com/y => ./deploy/y\n', { dir: '..' });
    assert.equal(up.goLoc?.file, '../go.mod');
    assert.deepEqual(up.replaces.map((r) => [r.dir, r.outsideContext]), [['../services/x', true], ['../deploy/y', true]]);
    const sub = parseGoMod('module m\nreplace a => ../a\n', { dir: 'sub' });
    assert.deepEqual(sub.replaces.map((r) => [r.dir, r.outsideContext]), [['a', false]]);
    assert.equal(sub.replaces[0].loc.file, 'sub/go.mod');
  });

  it('tolerates CRLF, a BOM, and missing directives', () => {
    const m = parseGoMod('\uFEFFmodule example.com/crlf\r\n\r\ngo 1.21\r\n');
    assert.equal(m.path, 'example.com/crlf');
    assert.equal(m.goVersion, '1.21');
    assert.equal(m.toolchain, undefined);
    const empty = parseGoMod('');
    assert.equal(empty.path, '');
    assert.deepEqual(empty.requires, []);
  });
});

describe('workspace/gomod: parseGoWork', () => {
  it('reads go and use (block and single), marking dirs outside the context', () => {
    const w = parseGoWork('go 1.26.1\n\nuse (\n\t.\n\t./lib // the library\n\t../shared\n)\nuse ./tools\n');
    assert.equal(w.file, 'go.work');
    assert.equal(w.goVersion, '1.26.1');
    assert.deepEqual(w.use, [
      { dir: '', outsideContext: false, loc: { file: 'go.work', line: 4 } },
      { dir: 'lib', outsideContext: false, loc: { file: 'go.work', line: 5 } },
      { dir: '../shared', outsideContext: true, loc: { file: 'go.work', line: 6 } },
      { dir: 'tools', outsideContext: false, loc: { file: 'go.work', line: 8 } },
    ]);
  });

  it('resolves use dirs of a go.work in a subdirectory against the root', () => {
    const w = parseGoWork('use ./a\nuse ../b\nuse ../../c\n', 'ws/go.work');
    assert.deepEqual(w.use.map((u) => [u.dir, u.outsideContext]), [['ws/a', false], ['b', false], ['../c', true]]);
  });
});
