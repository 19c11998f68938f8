import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceFacts } from '../../../server/src/engine/facts';
import { emptyFacts, WorkspaceCache } from '../../../server/src/workspace';

function fakeScanner(): { calls: string[]; scan: (root: string) => Promise<WorkspaceFacts> } {
  const calls: string[] = [];
  return {
    calls,
    scan: async (root: string) => {
      calls.push(root);
      await new Promise((r) => setTimeout(r, 5));
      return emptyFacts(root);
    },
  };
}

describe('workspace/cache: WorkspaceCache', () => {
  const root = path.resolve('/ws/project');

  it('dedupes concurrent scans and serves later gets from the cache', async () => {
    const s = fakeScanner();
    const cache = new WorkspaceCache({}, s.scan);
    const [a, b] = await Promise.all([cache.get(root), cache.get(`${root}/`)]);
    assert.equal(a, b);
    assert.equal(await cache.get(root), a);
    assert.deepEqual(s.calls, [root]);
  });

  it('invalidate(root) and invalidate() force new scans', async () => {
    const s = fakeScanner();
    const cache = new WorkspaceCache({}, s.scan);
    await cache.get(root);
    cache.invalidate(root);
    await cache.get(root);
    cache.invalidate();
    await cache.get(root);
    assert.equal(s.calls.length, 3);
  });

  it('invalidateForFile drops roots containing the file, and roots under a changed enclosing go.mod', async () => {
    const s = fakeScanner();
    const cache = new WorkspaceCache({}, s.scan);
    const other = path.resolve('/ws/other');
    await Promise.all([cache.get(root), cache.get(other)]);
    assert.equal(cache.invalidateForFile(path.join(root, 'cmd', 'app', 'main.go')), true);
    assert.deepEqual(cache.roots(), [other]);
    assert.equal(cache.invalidateForFile(path.resolve('/elsewhere/go.mod')), false);
    assert.equal(cache.invalidateForFile(path.resolve('/ws/projectile/x.go')), false, 'a sibling with a common prefix');
    assert.equal(cache.invalidateForFile(pathToFileURL(path.resolve('/ws/go.mod')).href), true, 'enclosing module, as a file URI');
    assert.deepEqual(cache.roots(), []);
  });

  it('does not cache a failed scan', async () => {
    let n = 0;
    const cache = new WorkspaceCache({}, async (r) => {
      n++;
      if (n === 1) throw new Error('boom');
      return emptyFacts(r);
    });
    await assert.rejects(cache.get(root), /boom/);
    await new Promise((r) => setImmediate(r));
    assert.equal((await cache.get(root)).root, root);
    assert.equal(n, 2);
  });

  it('works with the real scanner', async () => {
    const fixture = path.resolve(__dirname, '../../fixtures/workspaces/no-gosum');
    const cache = new WorkspaceCache({ moduleSearchStop: fixture });
    const facts = await cache.get(fixture);
    assert.equal(facts.module?.path, 'example.com/tiny');
    assert.equal(await cache.get(fixture), facts);
    assert.equal(cache.invalidateForFile(path.join(fixture, 'go.mod')), true);
  });
});
