// Level-3 test: GD007b on the files that tag the project's images. A Makefile and a workflow
// opened in the editor get their diagnostics from the tag-source linter (by path, whatever the
// language id), with quick fixes and source.fixAll; the result still reads as the same file kind.
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/api';
import { readMakefile } from '../../server/src/engine/tagsource';
import { editsFor, isCodeAction, LspClient } from '../support/lsp-client';
import { GO_PROJECT, tempWorkspace, type TempWorkspace } from './helpers';

const MAKEFILE = '# Images\nIMAGE := example/app\n\nimage:\n\tdocker build \\\n\t\t-t $(IMAGE):latest .\n';
const WORKFLOW = [
  'on: push',
  'jobs:',
  '  image:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: docker/build-push-action@v6',
  '        with:',
  '          push: true',
  '          tags: example/app:latest',
  '',
].join('\n');

describe('language server over stdio (GD007b tag sources)', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async function () {
    ws = tempWorkspace({ ...GO_PROJECT, Dockerfile: 'FROM golang:1.26\n', Makefile: MAKEFILE, '.github/workflows/release.yml': WORKFLOW });
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
    await client.initialize();
  });

  after(function () {
    client?.dispose();
    ws?.dispose();
  });

  async function quickFixes(uri: string, d: Diagnostic): Promise<CodeAction[]> {
    return (await client.codeActions(uri, d.range, [d], ['quickfix'])).filter(isCodeAction);
  }

  it('reports a Makefile build tagged latest only, with an unsafe quick fix that adds $(VERSION)', async function () {
    const uri = ws.fileUri('Makefile');
    await client.open(uri, MAKEFILE, 1, 'makefile');
    const diags = await client.pull(uri);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [['GD007b', 3, 5, 5, 20]]);
    assert.match(String(diags[0]!.message), /\$\(IMAGE\):latest \(example\/app:latest\) is tagged "latest" only/);
    assert.match(diags[0]!.codeDescription?.href ?? '', /docs\/rules\/untraceable-image\.md$/);
    const actions = await quickFixes(uri, diags[0]!);
    const fix = actions.find((a) => a.edit !== undefined);
    assert.equal(fix?.title, 'Also tag $(IMAGE):$(VERSION) (VERSION from git describe) (unsafe)');
    const fixed = applyEdits(MAKEFILE, editsFor(fix?.edit, uri));
    assert.equal(fixed, '# Images\nVERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)\nIMAGE := example/app\n\nimage:\n\tdocker build \\\n\t\t-t $(IMAGE):$(VERSION) -t $(IMAGE):latest .\n');
    assert.ok(readMakefile(fixed).variables.has('VERSION'));
    assert.ok(actions.some((a) => a.command?.command === 'goDockerfile.showRuleDoc'), 'the documentation action');
    assert.ok(!actions.some((a) => /^Ignore /.test(a.title)), 'no Dockerfile ignore comment in a Makefile');
  });

  it('reports the build-push-action tags of a workflow; fix all (unsafe on) adds the commit tag and keeps valid YAML', async function () {
    const uri = ws.fileUri('.github/workflows/release.yml');
    await client.open(uri, WORKFLOW, 1, 'yaml');
    const diags = await client.pull(uri);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['GD007b', 8, 16, 34]]);
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const fixAll = async (): Promise<CodeAction[]> => (await client.codeActions(uri, whole, [], ['source.fixAll.goDockerfile'])).filter(isCodeAction);
    assert.deepEqual(await fixAll(), [], 'unsafe fixes are not applied by default');
    const refreshed = client.nextRefresh();
    await client.changeSettings({ fix: { unsafe: true } });
    await refreshed;
    const [all] = await fixAll();
    const fixed = applyEdits(WORKFLOW, editsFor(all?.edit, uri));
    assert.match(fixed, /^ {10}tags: example\/app:latest,example\/app:\$\{\{ github\.sha \}\}$/m);
    const doc = parseDocument(fixed);
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.getIn(['jobs', 'image', 'steps', 0, 'with', 'tags']), 'example/app:latest,example/app:${{ github.sha }}');
    await client.changeSettings({});
  });

  it('a workflow in a folder without go.mod is still read as a workflow', async function () {
    const bare = tempWorkspace({ '.github/workflows/release.yml': WORKFLOW });
    const other = new LspClient({ pull: true, workspaceFolders: [{ uri: bare.uri, name: 'bare' }] });
    try {
      await other.initialize();
      const uri = bare.fileUri('.github/workflows/release.yml');
      await other.open(uri, WORKFLOW, 1, 'yaml');
      assert.deepEqual((await other.pull(uri)).map((d) => d.code), ['GD007b']);
    } finally {
      other.dispose();
      bare.dispose();
    }
  });

  it('GD007b off in the settings silences tag sources too', async function () {
    const uri = ws.fileUri('scripts/build.sh');
    const text = '#!/bin/sh\ndocker build -t example/app .\n';
    await client.open(uri, text, 1, 'shellscript');
    assert.deepEqual((await client.pull(uri)).map((d) => d.code), ['GD007b']);
    const refreshed = client.nextRefresh();
    await client.changeSettings({ rules: { 'untraceable-image': 'off' } });
    await refreshed;
    assert.deepEqual(await client.pull(uri), []);
    await client.changeSettings({});
  });
});
