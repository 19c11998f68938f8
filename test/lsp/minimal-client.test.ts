// Level-3 tests: a client that advertises no capabilities at all (no pull diagnostics, no
// workspace/configuration, no dynamic registration, no code action literals, no documentChanges,
// no showDocument) and no workspace folders: settings come from initializationOptions and
// didChangeConfiguration, diagnostics are pushed, code actions are commands, and the facts come
// from the Dockerfile's own directory walk-up (bounded by rootUri when there is one).
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Command, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/api';
import { editsFor, LspClient } from '../support/lsp-client';
import { byCode, codes, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

const PIN_FROM_GO_MOD = 'Pin golang:1.26 (from go.mod) (unsafe)';

function titles(commands: Command[]): [string, string][] {
  return commands.map((c) => [c.command, c.title]);
}

describe('language server over stdio (client without capabilities, no workspace folders)', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  let commands: Command[] = [];
  const uri = (): string => ws.fileUri('deploy/Dockerfile');

  before(function () {
    ws = tempWorkspace(GO_PROJECT);
    client = new LspClient({ pull: false, capabilities: {}, rootUri: null, initializationOptions: { goDockerfile: { rules: { GD001: 'error' } } } });
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  it('advertises plain code actions and no diagnostic provider', async function () {
    const init = await client.initialize();
    assert.equal(init.capabilities.codeActionProvider, true);
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    assert.equal(init.capabilities.workspace, undefined);
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes diagnostics with the initializationOptions settings and the facts found upward', async function () {
    await client.open(uri(), SAMPLE);
    const pub = await client.waitForPublication(uri(), (p) => p.version === 1, 'publication');
    assert.deepEqual(codes(pub.diagnostics), ['GD001', 'GD004', 'GD007']);
    assert.equal(byCode(pub.diagnostics, 'GD001').severity, DiagnosticSeverity.Error, 'initializationOptions: GD001 is an error');
    commands = (await client.codeActions(uri(), pub.diagnostics[0]!.range, pub.diagnostics)) as Command[];
    assert.deepEqual(titles(commands), [
      ['goDockerfile.applyFix', 'Split into build and runtime stages (distroless static) (unsafe)'],
      ['goDockerfile.applyFix', PIN_FROM_GO_MOD],
      ['goDockerfile.applyFix', 'Copy go.mod and go.sum and download modules first'],
      ['goDockerfile.applyFix', 'Ignore GD001 for this instruction'],
      ['goDockerfile.applyFix', 'Ignore GD007 for this instruction'],
      ['goDockerfile.applyFix', 'Ignore GD004 for this instruction'],
      ['goDockerfile.showRuleDoc', 'Show documentation for GD001'],
      ['goDockerfile.showRuleDoc', 'Show documentation for GD007'],
      ['goDockerfile.showRuleDoc', 'Show documentation for GD004'],
      ['goDockerfile.fixAll', 'Fix all auto-fixable go-dockerfile problems'],
    ]);
  });

  it('applies a command-style fix through workspace/applyEdit, only for the version it was made for', async function () {
    const fix = commands.find((c) => c.title === 'Copy go.mod and go.sum and download modules first');
    assert.ok(fix);
    assert.deepEqual(await client.executeCommand(fix.command, fix.arguments ?? []), { applied: true });
    const edit: WorkspaceEdit = client.appliedEdits[0]!.edit;
    assert.equal(edit.documentChanges, undefined, 'plain changes for a client without documentChanges');
    const fixed = applyEdits(SAMPLE, editsFor(edit, uri()));
    assert.match(fixed, /^COPY go\.mod go\.sum \.\/\nRUN go mod download\nCOPY \. \.$/m);
    const from = client.publications.length;
    await client.change(uri(), 2, [{ text: fixed }]);
    const pub = await client.waitForPublication(uri(), (p) => p.version === 2, 'publication of the fixed version', from);
    assert.deepEqual(codes(pub.diagnostics), ['GD001', 'GD007']);
    // The command still names version 1: nothing is applied to version 2.
    assert.deepEqual(await client.executeCommand(fix.command, fix.arguments ?? []), { applied: false });
    assert.equal(client.appliedEdits.length, 1);
  });

  it('logs the documentation URL without window/showDocument', async function () {
    const doc = commands.find((c) => c.title === 'Show documentation for GD001');
    assert.ok(doc);
    await client.executeCommand(doc.command, doc.arguments ?? []);
    await client.waitFor(() => client.logs.find((l) => l.message.includes('docs/rules/toolchain-in-final-image.md')), 'logged documentation URL');
    assert.deepEqual(client.showDocuments, []);
  });

  it('takes settings from didChangeConfiguration; a payload without goDockerfile keeps them', async function () {
    let from = client.publications.length;
    await client.changeSettings({ rules: { GD007: 'off' } });
    let pub = await client.waitForPublication(uri(), () => true, 'publication after the settings change', from);
    assert.deepEqual(codes(pub.diagnostics), ['GD001']);
    assert.equal(byCode(pub.diagnostics, 'GD001').severity, DiagnosticSeverity.Warning, 'the new settings replace initializationOptions');
    from = client.publications.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    pub = await client.waitForPublication(uri(), () => true, 'publication after an empty change', from);
    assert.deepEqual(codes(pub.diagnostics), ['GD001']);
    assert.deepEqual(client.configurationScopes, [], 'never asked for workspace/configuration');
    assert.deepEqual(client.registrations, [], 'no dynamic registration');
  });

  it('exits cleanly', async function () {
    assert.deepEqual(client.protocolErrors, []);
    assert.equal(await client.shutdown(), 0);
  });
});

describe('language server over stdio (single-file mode: rootUri only)', function () {
  let ws: TempWorkspace;

  before(function () {
    ws = tempWorkspace(GO_PROJECT);
  });

  after(function () {
    ws?.dispose();
  });

  async function pinTitle(rootUri: string): Promise<string[]> {
    const client = new LspClient({ pull: false, capabilities: {}, rootUri });
    try {
      await client.initialize();
      const uri = ws.fileUri('deploy/Dockerfile');
      await client.open(uri, SAMPLE);
      const pub = await client.waitForPublication(uri, (p) => p.version === 1, 'publication');
      const d = byCode(pub.diagnostics, 'GD007');
      const actions = (await client.codeActions(uri, d.range, [d])) as Command[];
      assert.equal(await client.shutdown(), 0);
      return actions.filter((a) => a.command === 'goDockerfile.applyFix' && a.title.startsWith('Pin')).map((a) => a.title);
    } finally {
      client.dispose();
    }
  }

  it('finds go.mod upward from the Dockerfile within the root', async function () {
    assert.deepEqual(await pinTitle(ws.uri), [PIN_FROM_GO_MOD]);
  });

  it('does not look above the root', async function () {
    const titles = await pinTitle(ws.fileUri('deploy'));
    assert.ok(!titles.includes(PIN_FROM_GO_MOD), titles.join(' | '));
  });

  it('re-reads the facts when a Dockerfile is opened again (no file watchers to report go.mod changes)', async function () {
    const client = new LspClient({ pull: false, capabilities: {}, rootUri: ws.uri });
    const uri = ws.fileUri('deploy/Dockerfile');
    const pins = async (): Promise<string[]> => {
      await client.open(uri, SAMPLE);
      const pub = await client.waitForPublication(uri, (p) => p.version === 1 && p.diagnostics.length > 0, 'publication', client.publications.length);
      const d = byCode(pub.diagnostics, 'GD007');
      const actions = (await client.codeActions(uri, d.range, [d])) as Command[];
      await client.close(uri);
      return actions.filter((a) => a.title.startsWith('Pin')).map((a) => a.title);
    };
    try {
      await client.initialize();
      assert.deepEqual(await pins(), [PIN_FROM_GO_MOD]);
      ws.write('go.mod', GO_PROJECT['go.mod']!.replace('go 1.26.1', 'go 1.25.3'));
      assert.deepEqual(await pins(), ['Pin golang:1.25 (from go.mod) (unsafe)']);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
      ws.write('go.mod', GO_PROJECT['go.mod']!);
    }
  });
});
