// Level-3 tests: workspace facts reach the linter (go.mod's go version in GD007's fix), the module
// root is searched upward but not beyond the workspace folder, and a watched-file change to
// go.mod invalidates the facts.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { isCodeAction, LspClient } from '../support/lsp-client';
import { byCode, dataOf, tempWorkspace, type TempWorkspace } from './helpers';

const DOCKERFILE = [
  'FROM golang:latest AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /out/app /app',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

const GO_MOD = (v: string): string => `module example.com/app\n\ngo ${v}\n`;

describe('language server over stdio (workspace facts)', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async function () {
    ws = tempWorkspace({
      'go.mod': GO_MOD('1.26.1'),
      'main.go': 'package main\n\nfunc main() {}\n',
      'Dockerfile': DOCKERFILE,
      'deploy/Dockerfile': DOCKERFILE,
    });
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    await client.initialize();
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  const pinTitles = async (uri: string): Promise<{ data: string[]; actions: string[] }> => {
    const gd007 = byCode(await client.pull(uri), 'GD007');
    const actions = (await client.codeActions(uri, gd007.range, [gd007])).filter(isCodeAction).map((a) => a.title);
    return { data: dataOf(gd007).fixes.map((f) => f.title), actions };
  };

  it('uses the go directive of go.mod, then follows a change of go.mod on disk', async function () {
    const uri = ws.fileUri('Dockerfile');
    await client.open(uri, DOCKERFILE);
    let t = await pinTitles(uri);
    assert.deepEqual(t.data, ['Pin golang:1.26 (from go.mod)']);
    assert.ok(t.actions.includes('Pin golang:1.26 (from go.mod) (unsafe)'), t.actions.join(' | '));

    const goMod = ws.write('go.mod', GO_MOD('1.25'));
    const refreshed = client.nextRefresh();
    await client.watchedFilesChanged([{ uri: goMod, type: FileChangeType.Changed }]);
    await refreshed;
    t = await pinTitles(uri);
    assert.deepEqual(t.data, ['Pin golang:1.25 (from go.mod)']);
    assert.ok(t.actions.includes('Pin golang:1.25 (from go.mod) (unsafe)'), t.actions.join(' | '));
  });

  it('finds go.mod above a Dockerfile in a subdirectory', async function () {
    const uri = ws.fileUri('deploy/Dockerfile');
    await client.open(uri, DOCKERFILE);
    const { data } = await pinTitles(uri);
    assert.match(data[0] ?? '', /^Pin golang:1\.2\d \(from go\.mod\)$/);
  });

  it('does not look for go.mod above the workspace folder', async function () {
    const inner = path.join(ws.dir, 'nested-folder');
    mkdirSync(inner, { recursive: true });
    const other = new LspClient({ pull: true, workspaceFolders: [{ uri: pathToFileURL(inner).href, name: 'inner' }] });
    try {
      await other.initialize();
      const uri = pathToFileURL(path.join(inner, 'Dockerfile')).href;
      await other.open(uri, DOCKERFILE);
      const gd007 = byCode(await other.pull(uri), 'GD007');
      assert.match(dataOf(gd007).fixes[0]?.title ?? '', /latest known release/);
    } finally {
      other.dispose();
    }
  });

  it('gives untitled documents no facts (fixes that need them stay unsafe)', async function () {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, DOCKERFILE);
    const gd007 = byCode(await client.pull(uri), 'GD007');
    assert.match(dataOf(gd007).fixes[0]?.title ?? '', /latest known release/);
    assert.deepEqual(client.protocolErrors, []);
  });
});
