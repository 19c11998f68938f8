// Level-3 tests: the built server (dist/server.js) over stdio, with a client that pulls diagnostics.
// Run `npm run build` first.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, DiagnosticSeverity, type CodeAction, type Diagnostic, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/api';
import { SERVER_COMMANDS } from '../../server/src/lsp/commands';
import { editsFor, editVersions, isCodeAction, LspClient, toContentChanges } from '../support/lsp-client';
import { byCode, codes, dataOf, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

describe('language server over stdio (pull diagnostics)', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  let init: InitializeResult;
  let n = 0;
  /** A fresh document URI per test, so cached state never leaks between tests. */
  const nextUri = (): string => ws.fileUri(`doc${++n}.Dockerfile`);

  async function actions(uri: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const all = await client.codeActions(uri, d.range, [d], only);
    return all.filter(isCodeAction);
  }

  before(async function () {
    ws = tempWorkspace(GO_PROJECT);
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    init = await client.initialize();
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  afterEach(async function () {
    // Every test leaves the default settings behind.
    if (Object.keys(client.settings).length > 0) {
      const refreshed = client.nextRefresh();
      await client.changeSettings({});
      await refreshed;
    }
  });

  it('advertises incremental sync, pull diagnostics, code action kinds and commands', async function () {
    assert.deepEqual(init.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.goDockerfile'], resolveProvider: false },
      executeCommandProvider: { commands: SERVER_COMMANDS },
      diagnosticProvider: { identifier: 'go-dockerfile', interFileDependencies: false, workspaceDiagnostics: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    assert.deepEqual(SERVER_COMMANDS.slice(0, 2), ['goDockerfile.showRuleDoc', 'goDockerfile.fixAll']);
    assert.equal(init.serverInfo?.name, 'go-dockerfile');
    // Dynamic registrations after `initialized`: configuration changes and the fact files.
    const watch = await client.waitFor(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watcher registration');
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const g of ['**/go.mod', '**/go.sum', '**/go.work', '**/*.go', '**/.dockerignore', '**/*.dockerignore', '**/vendor/modules.txt', '**/Makefile', '**/.goreleaser.y*ml']) {
      assert.ok(globs.includes(g), `watches ${g}`);
    }
    await client.waitFor(() => client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration'), 'configuration registration');
  });

  it('reports GD001, GD004 and GD007 with exact ranges, severity, source, doc links and data', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const diags = await client.pull(uri);
    assert.deepEqual(codes(diags), ['GD001', 'GD004', 'GD007']);
    const gd001 = byCode(diags, 'GD001');
    assert.deepEqual(gd001.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } });
    assert.deepEqual(byCode(diags, 'GD007').range, { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } });
    assert.deepEqual(byCode(diags, 'GD004').range, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } });
    for (const d of diags) {
      assert.equal(d.severity, DiagnosticSeverity.Warning, `${d.code} severity`);
      assert.equal(d.source, 'go-dockerfile');
      assert.equal(dataOf(d).version, 1);
      assert.ok(dataOf(d).fixes.length > 0, `${d.code} carries its fixes`);
    }
    assert.match(gd001.codeDescription?.href ?? '', /\/docs\/rules\/toolchain-in-final-image\.md$/);
    assert.match(byCode(diags, 'GD004').codeDescription?.href ?? '', /\/docs\/rules\/module-download-not-cached\.md$/);
    assert.match(byCode(diags, 'GD007').codeDescription?.href ?? '', /\/docs\/rules\/unpinned-base-image\.md$/);
    assert.deepEqual(gd001.relatedInformation?.[0]?.location, { uri, range: { start: { line: 5, character: 5 }, end: { line: 5, character: 18 } } });
    // A second pull of the same version gives the same answer.
    assert.deepEqual(await client.pull(uri), diags);
  });

  it('offers a preferred quick fix for GD004 whose edit removes the problem', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const gd004 = byCode(await client.pull(uri), 'GD004');
    const list = await actions(uri, gd004);
    assert.deepEqual(list.map((a) => a.title), ['Copy go.mod and go.sum and download modules first', 'Ignore GD004 for this instruction', 'Show documentation for GD004']);
    const fix = list[0] as CodeAction;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [gd004]);
    assert.deepEqual(editVersions(fix.edit), [1]);
    assert.ok(list.slice(1).every((a) => a.isPreferred !== true), 'only the safe fix is preferred');
    const edits = editsFor(fix.edit, uri);
    const fixed = applyEdits(SAMPLE, edits);
    assert.match(fixed, /^COPY go\.mod[^\n]* \.\/\nRUN go mod download\nCOPY \. \.$/m);
    await client.change(uri, 2, toContentChanges(edits));
    const after = await client.pull(uri);
    assert.deepEqual(codes(after), ['GD001', 'GD007']);
    assert.ok(after.every((d) => dataOf(d).version === 2));
  });

  it('labels unsafe fixes and never prefers them', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const gd001 = byCode(await client.pull(uri), 'GD001');
    const [split] = await actions(uri, gd001);
    assert.equal(split?.title, 'Split into build and runtime stages (distroless static) (unsafe)');
    assert.notEqual(split?.isPreferred, true);
  });

  it('"Ignore GDnnn for this instruction" inserts a suppression comment, or extends one', async function () {
    const uri = nextUri();
    const text = SAMPLE.replace('COPY . .', '  COPY . .');
    await client.open(uri, text);
    const ignore = (await actions(uri, byCode(await client.pull(uri), 'GD004'))).find((a) => a.title === 'Ignore GD004 for this instruction');
    assert.ok(ignore, 'ignore action offered');
    assert.equal(ignore.kind, 'quickfix');
    const edits = editsFor(ignore.edit, uri);
    assert.deepEqual(edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  # go-dockerfile ignore=GD004\n' }]);
    const v2 = applyEdits(text, edits);
    await client.change(uri, 2, toContentChanges(edits));
    assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD007']);

    // A second code for the same instruction is appended to the comment above it.
    const uri2 = nextUri();
    const text2 = `# go-dockerfile ignore=GD007 -- pinned by renovate\n${SAMPLE}`;
    await client.open(uri2, text2);
    const diags2 = await client.pull(uri2);
    assert.deepEqual(codes(diags2), ['GD001', 'GD004']);
    const ignore001 = (await actions(uri2, byCode(diags2, 'GD001'))).find((a) => a.title === 'Ignore GD001 for this instruction');
    const edits2 = editsFor(ignore001?.edit, uri2);
    assert.deepEqual(edits2, [{ range: { start: { line: 0, character: 28 }, end: { line: 0, character: 28 } }, newText: ',GD001' }]);
    assert.ok(applyEdits(text2, edits2).startsWith('# go-dockerfile ignore=GD007,GD001 -- pinned by renovate\n'));
    await client.change(uri2, 2, toContentChanges(edits2));
    assert.deepEqual(codes(await client.pull(uri2)), ['GD004']);
    assert.ok(v2.includes('  # go-dockerfile ignore=GD004\n  COPY . .'));
  });

  it('"Show documentation" runs goDockerfile.showRuleDoc, which asks the client to open the page', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const gd007 = byCode(await client.pull(uri), 'GD007');
    const show = (await actions(uri, gd007)).find((a) => a.title === 'Show documentation for GD007');
    assert.equal(show?.command?.command, 'goDockerfile.showRuleDoc');
    assert.deepEqual(show?.command?.arguments, [gd007.codeDescription?.href]);
    const before = client.showDocuments.length;
    await client.executeCommand('goDockerfile.showRuleDoc', show?.command?.arguments ?? []);
    const shown = await client.waitFor(() => client.showDocuments[before], 'window/showDocument');
    assert.deepEqual(shown, { uri: gd007.codeDescription?.href, external: true });
  });

  it('source.fixAll.goDockerfile applies safe fixes only, and unsafe ones once fix.unsafe is set', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const whole = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
    const fixAll = async (only: string[] | undefined): Promise<CodeAction[]> => (await client.codeActions(uri, whole, [], only)).filter(isCodeAction);
    assert.deepEqual(await fixAll(undefined), [], 'not offered unless asked for');
    assert.deepEqual(await fixAll(['quickfix']), []);
    const [safe, ...rest] = await fixAll(['source.fixAll.goDockerfile']);
    assert.equal(rest.length, 0);
    assert.equal(safe?.kind, 'source.fixAll.goDockerfile');
    assert.deepEqual(editVersions(safe?.edit), [1]);
    const safeEdits = editsFor(safe?.edit, uri);
    assert.equal(safeEdits.length, 1);
    assert.deepEqual(safeEdits[0]?.range, whole);
    const safeText = applyEdits(SAMPLE, safeEdits);
    assert.match(safeText, /RUN go mod download/);
    assert.ok(safeText.startsWith('FROM golang:latest\n'), 'the unsafe pin and split are not applied');
    assert.ok(!/ AS build|distroless/.test(safeText), 'the unsafe split is not applied');
    // A parent kind asks for it too.
    assert.equal((await fixAll(['source.fixAll']))[0]?.kind, 'source.fixAll.goDockerfile');

    const refreshed = client.nextRefresh();
    await client.changeSettings({ fix: { unsafe: true } });
    await refreshed;
    const [unsafe] = await fixAll(['source.fixAll.goDockerfile']);
    const unsafeText = applyEdits(SAMPLE, editsFor(unsafe?.edit, uri));
    assert.match(unsafeText, / AS build/);
    assert.match(unsafeText, /gcr\.io\/distroless\//);
  });

  it('the goDockerfile.fixAll command applies the same edit through workspace/applyEdit', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const before = client.appliedEdits.length;
    const result = await client.executeCommand('goDockerfile.fixAll', [uri]);
    assert.deepEqual(result, { applied: true });
    const applied = await client.waitFor(() => client.appliedEdits[before], 'workspace/applyEdit');
    assert.deepEqual(editVersions(applied.edit), [1]);
    assert.match(applyEdits(SAMPLE, editsFor(applied.edit, uri)), /RUN go mod download/);
  });

  it('a settings change re-lints: GD007 off, then raised to error by rule name', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD004', 'GD007']);
    let refreshed = client.nextRefresh();
    await client.changeSettings({ rules: { GD007: 'off' } });
    await refreshed;
    assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD004']);
    refreshed = client.nextRefresh();
    await client.changeSettings({ rules: { 'unpinned-base-image': 'error' } });
    await refreshed;
    assert.equal(byCode(await client.pull(uri), 'GD007').severity, DiagnosticSeverity.Error);
    assert.ok(client.configurationScopes.includes(uri), 'settings are read per document');
  });

  it('goDockerfile.enable=false silences diagnostics and code actions', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const gd004 = byCode(await client.pull(uri), 'GD004');
    const refreshed = client.nextRefresh();
    await client.changeSettings({ enable: false });
    await refreshed;
    assert.deepEqual(await client.pull(uri), []);
    assert.deepEqual(await client.codeActions(uri, gd004.range, [gd004], ['quickfix', 'source.fixAll.goDockerfile']), []);
  });

  it('invalid settings are reported once, naming the key, and linting goes on with defaults', async function () {
    const refreshed = client.nextRefresh();
    await client.changeSettings({ runtime: 'windows', rules: { GD999: 'warning', GD004: 'loud' }, fix: { unsafe: 'yes' } });
    await refreshed;
    for (let i = 0; i < 2; i++) {
      const uri = nextUri();
      await client.open(uri, SAMPLE);
      assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD004', 'GD007']);
    }
    for (const key of ['goDockerfile.runtime', 'goDockerfile.rules.GD999', 'goDockerfile.rules.GD004', 'goDockerfile.fix.unsafe']) {
      const found = client.logs.filter((l) => l.type === 2 && l.message.includes(`setting ${key} `));
      assert.equal(found.length, 1, `one warning for ${key}: ${JSON.stringify(client.logs)}`);
    }
  });

  it('applies incremental changes: positions shift, range edits land where they should', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    await client.pull(uri);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# syntax=docker/dockerfile:1\n\n' }]);
    let diags = await client.pull(uri);
    assert.deepEqual(byCode(diags, 'GD001').range, { start: { line: 2, character: 5 }, end: { line: 2, character: 18 } });
    assert.deepEqual(byCode(diags, 'GD004').range, { start: { line: 4, character: 0 }, end: { line: 4, character: 8 } });
    // Two changes in one notification: applied in order.
    await client.change(uri, 3, [
      { range: { start: { line: 2, character: 12 }, end: { line: 2, character: 18 } }, text: '1.26' },
      { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' },
    ]);
    diags = await client.pull(uri);
    assert.deepEqual(codes(diags), ['GD001', 'GD004']);
    assert.deepEqual(byCode(diags, 'GD001').range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    assert.equal(dataOf(byCode(diags, 'GD001')).version, 3);
  });

  it('drops quick fixes of diagnostics computed for another version', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const gd004 = byCode(await client.pull(uri), 'GD004');
    await client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    assert.deepEqual(await client.codeActions(uri, gd004.range, [gd004]), []);
  });

  it('a cancelled pull is answered with RequestCancelled, and the next pull works', async function () {
    const uri = nextUri();
    await client.open(uri, SAMPLE);
    const source = new CancellationTokenSource();
    const pending = client.pull(uri, source.token);
    source.cancel();
    await assert.rejects(pending, (err: { code?: number }) => err.code === -32800);
    assert.deepEqual(codes(await client.pull(uri)), ['GD001', 'GD004', 'GD007']);
  });

  it('only JSON-RPC appeared on stdout', function () {
    assert.deepEqual(client.protocolErrors, []);
    assert.ok(client.alive);
  });
});
