// Level-3 test: .go-dockerfile.json applies under the editor settings, its problems are published
// as diagnostics on the file itself, and a change of the file (watched) re-lints.
import { strict as assert } from 'node:assert';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './helpers';

const DOCKERFILE = 'FROM golang:latest\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server .\nCMD ["/app/server"]\n';

describe('language server over stdio (.go-dockerfile.json)', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async function () {
    ws = tempWorkspace({
      'go.mod': 'module example.com/app\n\ngo 1.26.1\n',
      'main.go': 'package main\n\nfunc main() {}\n',
      '.go-dockerfile.json': '{ "rules": { "GD007": "off", "GD001": "error" } }\n',
      'Dockerfile': DOCKERFILE,
    });
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    await client.initialize();
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  it('applies the file; editor settings that differ from their defaults win', async function () {
    const uri = ws.fileUri('Dockerfile');
    await client.open(uri, DOCKERFILE);
    let codes = (await client.pull(uri)).map((d) => `${d.code}:${d.severity}`);
    assert.ok(!codes.some((c) => c.startsWith('GD007:')), codes.join());
    assert.ok(codes.includes('GD001:1'), codes.join());
    const refreshed = client.nextRefresh();
    await client.changeSettings({ rules: { GD001: 'info' } });
    await refreshed;
    codes = (await client.pull(uri)).map((d) => `${d.code}:${d.severity}`);
    assert.ok(codes.includes('GD001:3'), codes.join());
    assert.ok(!codes.some((c) => c.startsWith('GD007:')), 'the file still turns GD007 off');
    await client.changeSettings({});
  });

  it('publishes the problems of an invalid file on the file, and re-lints when it changes', async function () {
    const uri = ws.fileUri('Dockerfile');
    const cfg = ws.write('.go-dockerfile.json', '{\n  "rules": { "GD999": "off" },\n  "runtime": "ubuntu"\n}\n');
    const from = client.publications.length;
    const refreshed = client.nextRefresh();
    await client.watchedFilesChanged([{ uri: cfg, type: FileChangeType.Changed }]);
    await refreshed;
    await client.pull(uri);
    const pub = await client.waitForPublication(cfg, (p) => p.diagnostics.length === 2, 'config problems', from);
    assert.deepEqual(pub.diagnostics.map((d) => [d.range.start.line, d.message]), [
      [1, 'rules.GD999: not a go-dockerfile rule code or name'],
      [2, 'runtime: must be one of distroless, scratch, alpine'],
    ]);
    // The valid part is gone (GD007 no longer off): the Dockerfile shows it again.
    assert.ok((await client.pull(uri)).some((d) => d.code === 'GD007'));

    ws.write('.go-dockerfile.json', '{ "rules": { "GD007": "off" } }\n');
    const from2 = client.publications.length;
    const refreshed2 = client.nextRefresh();
    await client.watchedFilesChanged([{ uri: cfg, type: FileChangeType.Changed }]);
    await refreshed2;
    assert.ok(!(await client.pull(uri)).some((d) => d.code === 'GD007'));
    await client.waitForPublication(cfg, (p) => p.diagnostics.length === 0, 'problems cleared', from2);
  });
});
