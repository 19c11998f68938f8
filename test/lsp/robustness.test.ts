// Level-3 tests: the server survives odd message orders, unknown documents, huge and garbage
// texts, malformed diagnostic data, and ends cleanly on shutdown + exit.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { isCodeAction, LspClient } from '../support/lsp-client';
import { byCode, codes, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

describe('language server over stdio (robustness)', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  before(async function () {
    ws = tempWorkspace(GO_PROJECT);
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    await client.initialize();
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  it('answers requests for unknown or closed documents with empty results', async function () {
    const unknown = ws.fileUri('never-opened.Dockerfile');
    assert.deepEqual(await client.pull(unknown), []);
    assert.deepEqual(await client.codeActions(unknown, zero, [], ['quickfix', 'source.fixAll.goDockerfile']), []);
    assert.deepEqual(await client.executeCommand('goDockerfile.fixAll', [unknown]), { applied: false });
    assert.equal(await client.executeCommand('goDockerfile.showRuleDoc', [42]), null);
    assert.equal(await client.executeCommand('goDockerfile.noSuchCommand', []), null);
    // Notifications out of order: change and close before open.
    await client.change(unknown, 2, [{ text: 'FROM scratch\n' }]);
    await client.close(unknown);
    const uri = ws.fileUri('closed.Dockerfile');
    await client.open(uri, SAMPLE);
    assert.equal((await client.pull(uri)).length, 3);
    await client.close(uri);
    assert.deepEqual(await client.pull(uri), []);
    assert.deepEqual(await client.codeActions(uri, zero, [], ['source.fixAll.goDockerfile']), []);
  });

  it('lints a 10,000-line Dockerfile in time', async function () {
    this.timeout(60_000);
    const lines = ['FROM golang:1.26 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.22'];
    for (let i = 0; lines.length < 9_998; i++) lines.push(`RUN echo step ${i} >> /var/log/steps`);
    lines.push('COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]');
    const text = `${lines.join('\n')}\n`;
    assert.equal(lines.length, 10_000);
    const uri = ws.fileUri('huge.Dockerfile');
    const started = Date.now();
    await client.open(uri, text);
    const diags = await client.pull(uri);
    const first = Date.now() - started;
    assert.ok(diags.length > 0, 'some findings (GD005 at least)');
    // Code actions reuse the cached lint result.
    const gd005 = diags.find((d) => d.code === 'GD005');
    if (gd005) assert.ok((await client.codeActions(uri, gd005.range, [gd005])).length > 0);
    const t1 = Date.now();
    await client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'RUN echo edited\n' }]);
    await client.pull(uri);
    const second = Date.now() - t1;
    if (process.env.LSP_TIMINGS) process.stderr.write(`      10,000 lines: ${first} ms to first diagnostics (${diags.length} findings), ${second} ms after an edit\n`);
    await client.close(uri);
  });

  it('survives binary garbage', async function () {
    const bytes = randomBytes(64 * 1024);
    const garbage = `FROM golang\nRUN go build\n${bytes.toString('latin1')}\u0000\ud800\udfff\ud800 \\\n\r\r\n<<EOF\n${bytes.toString('utf8')}`;
    const uri = ws.fileUri('garbage.Dockerfile');
    await client.open(uri, garbage);
    const diags = await client.pull(uri);
    assert.ok(Array.isArray(diags));
    const actions = await client.codeActions(uri, zero, diags, ['quickfix', 'source.fixAll.goDockerfile']);
    assert.ok(Array.isArray(actions));
    await client.close(uri);
    // Only garbage, no Go at all.
    const uri2 = ws.fileUri('garbage2.Dockerfile');
    await client.open(uri2, randomBytes(4096).toString('latin1'));
    assert.ok(Array.isArray(await client.pull(uri2)));
    await client.close(uri2);
  });

  it('ignores malformed diagnostic data from the client, and diagnostics of other sources', async function () {
    const uri = ws.fileUri('data.Dockerfile');
    await client.open(uri, SAMPLE);
    const gd004 = byCode(await client.pull(uri), 'GD004');
    const forged: Diagnostic = { ...gd004, data: { version: 'one', fixes: [{ title: 'rm -rf /', edits: 'nope' }] } };
    const actions = (await client.codeActions(uri, gd004.range, [forged])).filter(isCodeAction);
    // Falls back to the server's own findings for this version.
    assert.equal(actions[0]?.title, 'Copy go.mod and go.sum and download modules first');
    const foreign: Diagnostic = { ...gd004, source: 'hadolint', data: undefined };
    assert.deepEqual(await client.codeActions(uri, gd004.range, [foreign]), []);
    const unknownCode: Diagnostic = { ...gd004, code: 'GD999', data: undefined };
    assert.deepEqual(await client.codeActions(uri, gd004.range, [unknownCode]), []);
    await client.close(uri);
  });

  it('keeps running and uses its own documents after all that', async function () {
    const uri = ws.fileUri('after.Dockerfile');
    await client.open(uri, SAMPLE);
    assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD004', 'GD007']);
    assert.ok(client.alive, 'the process is alive');
    assert.deepEqual(client.protocolErrors, [], 'nothing but JSON-RPC on stdout');
  });

  it('exits with code 0 after shutdown and exit', async function () {
    assert.equal(await client.shutdown(), 0);
    assert.deepEqual(client.protocolErrors, []);
  });
});
