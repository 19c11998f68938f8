// Level-3 tests: a client that advertises no capabilities at all (no pull diagnostics, no
// workspace/configuration, no dynamic registration, no code action literals, no showDocument).
import { strict as assert } from 'node:assert';
import type { Command } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lsp-client';
import { codes, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

describe('language server over stdio (client without capabilities)', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  before(function () {
    ws = tempWorkspace(GO_PROJECT);
    client = new LspClient({ pull: false, capabilities: {}, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
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

  it('publishes diagnostics, and answers code actions with commands', async function () {
    const uri = ws.fileUri('Dockerfile');
    await client.open(uri, SAMPLE);
    const pub = await client.waitForPublication(uri, (p) => p.version === 1, 'publication');
    assert.deepEqual(codes(pub.diagnostics), ['GD001', 'GD004', 'GD007']);
    const commands = (await client.codeActions(uri, pub.diagnostics[0]!.range, pub.diagnostics)) as Command[];
    assert.deepEqual(
      commands.map((c) => [c.command, c.title]),
      [
        ['goDockerfile.fixAll', 'Fix all auto-fixable go-dockerfile problems'],
        ['goDockerfile.showRuleDoc', 'Show documentation for GD001'],
        ['goDockerfile.showRuleDoc', 'Show documentation for GD007'],
        ['goDockerfile.showRuleDoc', 'Show documentation for GD004'],
      ],
    );
    // Without window/showDocument the URL is logged instead.
    await client.executeCommand('goDockerfile.showRuleDoc', commands[1]!.arguments ?? []);
    await client.waitFor(() => client.logs.find((l) => l.message.includes('docs/rules/toolchain-in-final-image.md')), 'logged documentation URL');
    assert.deepEqual(client.showDocuments, []);
  });

  it('takes settings from didChangeConfiguration when it cannot ask for them', async function () {
    const uri = ws.fileUri('Dockerfile');
    const from = client.publications.length;
    await client.changeSettings({ rules: { GD007: 'off' } });
    const pub = await client.waitForPublication(uri, () => true, 'publication after the settings change', from);
    assert.deepEqual(codes(pub.diagnostics), ['GD001', 'GD004']);
    assert.deepEqual(client.configurationScopes, [], 'never asked for workspace/configuration');
    assert.deepEqual(client.registrations, [], 'no dynamic registration');
  });

  it('exits cleanly', async function () {
    assert.deepEqual(client.protocolErrors, []);
    assert.equal(await client.shutdown(), 0);
  });
});
