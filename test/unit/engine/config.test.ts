import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeSettings, parseConfig } from '../../../server/src/engine/config';
import { loadConfig } from '../../../server/src/workspace/config';

describe('.go-dockerfile.json', () => {
  it('parses rules (codes and names, keyed by code), runtime, trusted registries and unsafe fixes', () => {
    const c = parseConfig(JSON.stringify({ rules: { GD005: 'off', 'unpinned-base-image': 'info' }, runtime: 'scratch', trustedRegistries: ['gcr.io'], unsafeFixes: true }));
    assert.deepEqual(c.problems, []);
    assert.deepEqual(c.settings, { rules: { GD005: 'off', GD007: 'info' }, runtime: 'scratch', trustedRegistries: ['gcr.io'], unsafeFixes: true });
  });

  it('reports every invalid key with its place, and keeps the valid ones (never a silent default)', () => {
    const text = '{\n  "rules": { "GD999": "off", "GD001": "loud" },\n  "runtime": "ubuntu",\n  "unsafeFix": true\n}\n';
    const c = parseConfig(text);
    assert.deepEqual(
      c.problems.map((p) => [p.key, p.range.start.line + 1, p.range.start.character + 1]),
      [['unsafeFix', 4, 3], ['rules.GD999', 2, 14], ['rules.GD001', 2, 30], ['runtime', 3, 3]],
    );
    assert.match(c.problems[1]!.message, /not a go-dockerfile rule/);
    assert.match(c.problems[2]!.message, /off, error, warning, info, hint/);
    assert.equal(c.settings.runtime, undefined);
  });

  it('invalid JSON is one problem at the error position, not an exception', () => {
    const c = parseConfig('{ "rules": { "GD001": "off", } }');
    assert.equal(c.problems.length, 1);
    assert.match(c.problems[0]!.message, /invalid JSON/);
    assert.deepEqual(c.settings, {});
    assert.match(parseConfig('[1]').problems[0]!.message, /must be a JSON object/);
  });

  it('precedence: later layers win, rule maps merge by code (editor settings over the file)', () => {
    const file = parseConfig(JSON.stringify({ rules: { GD007: 'off', GD002: 'warning' }, runtime: 'alpine' })).settings;
    const editor = { rules: { 'unpinned-base-image': 'error' as const } };
    const s = mergeSettings(file, editor);
    assert.deepEqual(s.rules, { GD007: 'error', GD002: 'warning' });
    assert.equal(s.runtime, 'alpine');
  });

  it('is found upward from the Dockerfile', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gdcfg-'));
    mkdirSync(join(root, 'svc', 'api'), { recursive: true });
    writeFileSync(join(root, '.go-dockerfile.json'), '{"rules":{"GD005":"off"}}');
    const found = await loadConfig(join(root, 'svc', 'api'));
    assert.equal(found?.file, join(root, '.go-dockerfile.json'));
    assert.deepEqual(found?.settings.rules, { GD005: 'off' });
    assert.equal(await loadConfig(join(root, 'svc'), join(root, 'svc')), undefined);
  });
});
