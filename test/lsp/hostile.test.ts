// Hostile input to the language server over stdio: a 5 MB and a 200,000-line Dockerfile (answered at
// once with one info diagnostic, while other documents stay responsive), malformed and out-of-order
// messages, requests for unknown documents, bad parameters and cancellation. The server never exits.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, ErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lsp-client';
import { codes, SAMPLE } from './helpers';

/** Milliseconds a request took. */
async function timed<T>(p: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await p();
  return { value, ms: performance.now() - t0 };
}

describe('language server over stdio (hostile input)', function () {
  this.timeout(60_000);
  let client: LspClient;
  const small = 'untitled:small.Dockerfile';
  /** The small document's codes (an untitled document has no workspace facts). */
  let expected: string[] = [];

  before(async function () {
    client = new LspClient({ pull: true });
    await client.initialize();
    await client.open(small, SAMPLE);
    expected = codes(await client.pull(small));
    assert.ok(['GD001', 'GD004', 'GD007'].every((c) => expected.includes(c)), expected.join(', '));
  });

  after(function () {
    client?.dispose();
  });

  it('answers a 5 MB and a 200,000-line Dockerfile with one info diagnostic, and stays responsive to others', async function () {
    const wide = 'untitled:wide.Dockerfile';
    const long = 'untitled:long.Dockerfile';
    const wideText = `FROM golang:latest\nRUN echo ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const longText = `FROM golang:latest\nCOPY . .\n${'RUN go build -o /app .\n'.repeat(200_000)}`;
    await client.open(wide, wideText);
    await client.open(long, longText);
    for (const uri of [wide, long]) {
      const { value, ms } = await timed(() => client.pull(uri));
      assert.equal(value.length, 1, uri);
      assert.equal(value[0]?.severity, 3, 'information');
      assert.match(String(value[0]?.message), /file too large to analyse fully/);
      assert.ok(ms < 5_000, `${uri}: ${ms.toFixed(0)} ms`);
    }
    // Keystrokes in the big documents interleaved with requests for the small one.
    let worst = 0;
    for (let v = 2; v <= 8; v++) {
      await client.change(long, v, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#' }]);
      await client.change(wide, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      const [s] = await Promise.all([timed(() => client.pull(small)), client.pull(long), client.pull(wide)]);
      assert.deepEqual(codes(s.value), expected);
      worst = Math.max(worst, s.ms);
    }
    if (process.env.LSP_TIMINGS) process.stderr.write(`      worst small-document pull next to 5 MB / 200,000-line edits: ${worst.toFixed(1)} ms\n`);
    assert.ok(worst < 2_000, `small document answered within ${worst.toFixed(0)} ms`);
    const actions = await client.codeActions(long, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['quickfix', 'source.fixAll.goDockerfile']);
    assert.deepEqual(actions, []);
    await client.close(wide);
    await client.close(long);
  });

  it('survives malformed JSON-RPC on stdin', async function () {
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const stdin = client.proc.stdin!;
    // A header without Content-Length: vscode-jsonrpc reports it and stops reading that chunk (whatever
    // came in the same chunk waits for the next one), so give it a chunk of its own.
    stdin.write('Content-Type: nothing\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    stdin.write(frame('{"jsonrpc":"2.0","id":'));
    stdin.write(frame('{"not":"json-rpc"}'));
    stdin.write(frame('[1,2,3]'));
    stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":42},"contentChanges":"nope"}}'));
    stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}'));
    stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didClose","params":{}}'));
    stdin.write(frame('{"jsonrpc":"2.0","id":"x1","method":"textDocument/codeAction","params":{"textDocument":{}}}'));
    assert.deepEqual(codes(await client.pull(small)), expected);
    assert.ok(client.alive);
  });

  it('answers unknown methods with an error and bad parameters without dying', async function () {
    await assert.rejects(client.connection.sendRequest('goDockerfile/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound);
    const bad: unknown[] = [null, {}, { textDocument: null }, { textDocument: { uri: 42 } }, 'text'];
    for (const params of bad) {
      // Either an error or an empty answer: never a crash.
      await client.connection.sendRequest('textDocument/diagnostic', params).catch((e: unknown) => assert.ok(e instanceof ResponseError));
      await client.connection.sendRequest('textDocument/codeAction', params).catch((e: unknown) => assert.ok(e instanceof ResponseError));
      await client.connection.sendRequest('workspace/executeCommand', params).catch((e: unknown) => assert.ok(e instanceof ResponseError));
    }
    // A range far outside the document, and diagnostics that are not ours.
    const far = { start: { line: 1e6, character: 1e6 }, end: { line: 2e6, character: 0 } };
    const junk = [{ range: far, message: 'x', code: 'GD004', source: 'go-dockerfile', data: { version: 1, fixes: [{ title: 't', safety: 'safe', edits: [{ range: far, newText: 'x' }] }] } }] as Diagnostic[];
    assert.ok(Array.isArray(await client.codeActions(small, far, junk)));
    assert.ok(client.alive);
  });

  it('handles out-of-order document messages', async function () {
    const uri = 'untitled:order.Dockerfile';
    // Change and close before open, open twice, a stale version, a change past the end.
    await client.change(uri, 3, [{ text: 'FROM scratch\n' }]);
    await client.close(uri);
    await client.open(uri, SAMPLE, 5);
    await client.open(uri, 'FROM golang:latest\n', 6);
    await client.change(uri, 2, [{ range: { start: { line: 99, character: 99 }, end: { line: 100, character: 0 } }, text: 'RUN go build\n' }]);
    const diags = await client.pull(uri);
    assert.ok(Array.isArray(diags));
    await client.close(uri);
    await client.close(uri);
    assert.deepEqual(await client.pull(uri), []);
    assert.ok(client.alive);
  });

  it('honours cancellation and keeps answering afterwards', async function () {
    const uri = 'untitled:cancel.Dockerfile';
    await client.open(uri, SAMPLE.replace('latest', '1.26'));
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const source = new CancellationTokenSource();
      const p = client.pull(uri, source.token);
      source.cancel();
      outcomes.push(await p.then(() => 'answered', (e: unknown) => (e instanceof ResponseError ? `error ${e.code}` : `other ${String(e)}`)));
      await client.change(uri, 2 + i, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '#' }]);
    }
    assert.ok(outcomes.every((o) => o === 'answered' || o === 'error -32800'), outcomes.join(', '));
    assert.ok((await client.pull(uri)).length > 0);
    assert.deepEqual(codes(await client.pull(small)), expected);
  });

  it('is still alive, spoke only JSON-RPC, and exits cleanly', async function () {
    assert.ok(client.alive);
    assert.deepEqual(client.protocolErrors, []);
    assert.equal(await client.shutdown(), 0);
  });
});
