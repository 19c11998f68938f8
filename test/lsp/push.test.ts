// Level-3 tests: a client without textDocument/diagnostic gets debounced publishDiagnostics.
import { strict as assert } from 'node:assert';
import { LspClient } from '../support/lsp-client';
import { byCode, codes, dataOf, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

describe('language server over stdio (push diagnostics)', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async function () {
    ws = tempWorkspace(GO_PROJECT);
    client = new LspClient({ pull: false, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    const init = await client.initialize();
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no diagnosticProvider for a push client');
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  it('publishes on open, on change (with the new version) and [] on close', async function () {
    const uri = ws.fileUri('push.Dockerfile');
    await client.open(uri, SAMPLE);
    const first = await client.waitForPublication(uri, (p) => p.version === 1, 'publication of version 1');
    assert.deepEqual(codes(first.diagnostics), ['GD001', 'GD004', 'GD007']);
    assert.deepEqual(byCode(first.diagnostics, 'GD001').range, { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } });
    assert.equal(dataOf(byCode(first.diagnostics, 'GD004')).version, 1);

    // Incremental change: pin the image; GD007 goes, GD001's range shrinks.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: '1.26' }]);
    const second = await client.waitForPublication(uri, (p) => p.version === 2, 'publication of version 2');
    assert.deepEqual(codes(second.diagnostics), ['GD001', 'GD004']);
    assert.deepEqual(byCode(second.diagnostics, 'GD001').range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    assert.equal(dataOf(byCode(second.diagnostics, 'GD004')).version, 2);

    // A burst of changes is debounced into one publication of the last version.
    const from = client.publications.length;
    for (let v = 3; v <= 5; v++) {
      await client.change(uri, v, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `LABEL v=${v}\n` }]);
    }
    const last = await client.waitForPublication(uri, (p) => p.version === 5, 'publication of version 5', from);
    assert.deepEqual(byCode(last.diagnostics, 'GD004').range, { start: { line: 5, character: 0 }, end: { line: 5, character: 8 } });
    const mine = client.publications.slice(from).filter((p) => p.uri === uri);
    assert.ok(mine.every((p) => p.version === 5), `only the last version is published: ${mine.map((p) => p.version).join(',')}`);

    const beforeClose = client.publications.length;
    await client.close(uri);
    const cleared = await client.waitForPublication(uri, () => true, 'publication on close', beforeClose);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('re-publishes open documents when the settings change', async function () {
    const uri = ws.fileUri('settings.Dockerfile');
    await client.open(uri, SAMPLE);
    await client.waitForPublication(uri, (p) => p.version === 1, 'first publication');
    const from = client.publications.length;
    await client.changeSettings({ rules: { GD007: 'off', GD001: 'error' } });
    const next = await client.waitForPublication(uri, () => true, 'publication after the settings change', from);
    assert.deepEqual(codes(next.diagnostics), ['GD001', 'GD004']);
    assert.equal(byCode(next.diagnostics, 'GD001').severity, 1);
    await client.close(uri);
  });

  it('only JSON-RPC appeared on stdout; shutdown and exit end the process with code 0', async function () {
    assert.deepEqual(client.protocolErrors, []);
    assert.equal(await client.shutdown(), 0);
  });
});
