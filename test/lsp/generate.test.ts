// Level-3 tests of the goDockerfile.generate command: the built server over stdio, on a copy of
// test/fixtures/workspaces/http-service in a temporary directory. The test client records the
// workspace/applyEdit requests and applies them to the disk itself, like an editor would.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplyWorkspaceEditParams, ClientCapabilities, CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/api';
import { GENERATE, SERVER_COMMANDS } from '../../server/src/lsp/commands';
import type { GenerateApplied, GenerateCommandResult, GenerateFailure, GeneratePreview } from '../../server/src/lsp/generate';
import { clientCapabilities, LspClient } from '../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './helpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspaces/http-service');

function capabilities(resourceOperations: boolean): ClientCapabilities {
  const caps = clientCapabilities(true);
  caps.workspace = { ...caps.workspace, workspaceEdit: { documentChanges: true, ...(resourceOperations ? { resourceOperations: ['create', 'rename', 'delete'] } : {}) } };
  return caps;
}

/** Applies a recorded workspace edit to the disk (CreateFile and TextDocumentEdit only). */
function applyToDisk(params: ApplyWorkspaceEditParams): void {
  for (const change of params.edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', 'only CreateFile resource operations');
      const file = fileURLToPath((change as CreateFile).uri);
      assert.ok(!existsSync(file) || change.options?.overwrite || change.options?.ignoreIfExists, `CreateFile must not overwrite ${file}`);
      if (!existsSync(file)) writeFileSync(file, '');
    } else {
      const edit = change as TextDocumentEdit;
      const file = fileURLToPath(edit.textDocument.uri);
      writeFileSync(file, applyEdits(readFileSync(file, 'utf8'), edit.edits.filter((e): e is TextEdit => 'newText' in e)));
    }
  }
}

describe('goDockerfile.generate over stdio', function () {
  let ws: TempWorkspace;
  let client: LspClient;

  async function generate(args: Record<string, unknown>): Promise<GenerateCommandResult> {
    return (await client.executeCommand(GENERATE, [{ folderUri: ws.uri, ...args }])) as GenerateCommandResult;
  }

  beforeEach(async function () {
    ws = tempWorkspace();
    cpSync(FIXTURE, ws.dir, { recursive: true });
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }], capabilities: capabilities(true) });
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, SERVER_COMMANDS);
    assert.ok(SERVER_COMMANDS.includes('goDockerfile.generate'));
  });

  afterEach(function () {
    client?.dispose();
    ws?.dispose();
  });

  it('dryRun returns the texts, the decisions, the main packages, cgo and what exists, and writes nothing', async function () {
    const r = (await generate({ dryRun: true, runtime: 'distroless' })) as GeneratePreview;
    assert.equal(r.kind, 'preview', JSON.stringify(r));
    assert.equal(r.target, 'Dockerfile');
    assert.match(r.dockerfile, /^FROM gcr\.io\/distroless\/static-debian\d+:nonroot AS prod$/m);
    assert.match(r.dockerfile, /go build .* \.\/cmd\/app$/m);
    // The fixture's .dockerignore holds `.git`: only the missing lines are proposed.
    assert.equal(r.dockerignoreFile, '.dockerignore');
    assert.equal(r.dockerignoreAppend, true);
    assert.match(r.dockerignore, /^\.github$/m);
    assert.doesNotMatch(r.dockerignore, /^\.git$/m);
    assert.deepEqual(r.mainPackages, ['./cmd/app']);
    assert.equal(r.cgoRequired, false);
    assert.equal(r.cgoStaticLink, false);
    assert.deepEqual(r.exists, { dockerfile: false, dockerignore: true, target: false });
    assert.ok(r.decisions.some((d) => d.topic !== '' && d.because !== ''), 'decisions explain themselves');
    assert.ok(Array.isArray(r.warnings));
    assert.equal(client.appliedEdits.length, 0);
    assert.ok(!existsSync(path.join(ws.dir, 'Dockerfile')));
  });

  it('creates Dockerfile and .dockerignore with CreateFile + insert and returns the URI', async function () {
    rmSync(path.join(ws.dir, '.dockerignore'));
    const preview = (await generate({ dryRun: true })) as GeneratePreview;
    const r = (await generate({})) as GenerateApplied;
    assert.equal(r.kind, 'applied', JSON.stringify(r));
    assert.equal(r.uri, ws.fileUri('Dockerfile'));
    assert.equal(r.dockerignoreUri, ws.fileUri('.dockerignore'));
    assert.equal(client.appliedEdits.length, 1);
    const [params] = client.appliedEdits;
    const changes = params!.edit.documentChanges ?? [];
    assert.deepEqual(
      changes.map((c) => ('kind' in c ? `${c.kind} ${path.basename((c as CreateFile).uri)}` : `edit ${path.basename((c as TextDocumentEdit).textDocument.uri)}`)),
      ['create Dockerfile', 'edit Dockerfile', 'create .dockerignore', 'edit .dockerignore'],
    );
    assert.deepEqual((changes[0] as CreateFile).options, { overwrite: false, ignoreIfExists: false });
    applyToDisk(params!);
    assert.equal(readFileSync(path.join(ws.dir, 'Dockerfile'), 'utf8'), preview.dockerfile);
    assert.equal(readFileSync(path.join(ws.dir, '.dockerignore'), 'utf8'), preview.dockerignore);
  });

  it('never overwrites silently: an existing Dockerfile without a target is an error result', async function () {
    ws.write('Dockerfile', 'FROM golang:latest\n');
    const preview = (await generate({ dryRun: true })) as GeneratePreview;
    assert.equal(preview.exists.dockerfile, true);
    const r = (await generate({})) as GenerateFailure;
    assert.equal(r.kind, 'error');
    assert.equal(r.error, 'exists');
    assert.match(r.message, /already exists.*"Dockerfile".*"Dockerfile\.generated"/);
    assert.equal(r.uri, ws.fileUri('Dockerfile'));
    assert.equal(client.appliedEdits.length, 0);
  });

  it('target Dockerfile.generated writes next to the existing one; target Dockerfile replaces it', async function () {
    ws.write('Dockerfile', 'FROM golang:latest\nCMD ["app"]\n');
    const side = (await generate({ target: 'Dockerfile.generated', runtime: 'alpine' })) as GenerateApplied;
    assert.equal(side.kind, 'applied', JSON.stringify(side));
    assert.equal(side.uri, ws.fileUri('Dockerfile.generated'));
    applyToDisk(client.appliedEdits[0]!);
    assert.match(readFileSync(path.join(ws.dir, 'Dockerfile.generated'), 'utf8'), /^FROM alpine:/m);
    assert.equal(readFileSync(path.join(ws.dir, 'Dockerfile'), 'utf8'), 'FROM golang:latest\nCMD ["app"]\n', 'the original is untouched');

    const over = (await generate({ target: 'Dockerfile' })) as GenerateApplied;
    assert.equal(over.kind, 'applied', JSON.stringify(over));
    const params = client.appliedEdits[1]!;
    const replace = (params.edit.documentChanges ?? [])[0] as TextDocumentEdit;
    assert.ok(!('kind' in replace), 'an explicit overwrite is a text edit of the whole file, not a CreateFile');
    assert.deepEqual(replace.edits[0]!.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
    applyToDisk(params);
    assert.match(readFileSync(path.join(ws.dir, 'Dockerfile'), 'utf8'), /^FROM gcr\.io\/distroless\//m);
  });

  it('appends only lines to an existing .dockerignore', async function () {
    ws.write('.dockerignore', '# mine\nsecrets/\n.git');
    const preview = (await generate({ dryRun: true })) as GeneratePreview;
    assert.equal(preview.dockerignoreAppend, true);
    assert.equal(preview.exists.dockerignore, true);
    const r = (await generate({})) as GenerateApplied;
    assert.equal(r.kind, 'applied', JSON.stringify(r));
    const ignoreEdit = (client.appliedEdits[0]!.edit.documentChanges ?? []).find((c) => !('kind' in c) && (c as TextDocumentEdit).textDocument.uri.endsWith('/.dockerignore')) as TextDocumentEdit | undefined;
    if (preview.dockerignore === '') {
      assert.equal(ignoreEdit, undefined, 'nothing to append');
      return;
    }
    assert.ok(ignoreEdit, 'an edit of .dockerignore');
    const end = { line: 2, character: 4 };
    assert.deepEqual(ignoreEdit.edits.map((e) => ('range' in e ? e.range : undefined)), [{ start: end, end }], 'an insertion at the end of the file');
    applyToDisk(client.appliedEdits[0]!);
    const text = readFileSync(path.join(ws.dir, '.dockerignore'), 'utf8');
    assert.ok(text.startsWith('# mine\nsecrets/\n.git\n'), JSON.stringify(text));
    assert.equal(text, `# mine\nsecrets/\n.git${preview.dockerignore}`);
  });

  it('cgo: the preview says whether a static link is possible, and cgoLink static puts the binary on distroless static', async function () {
    const cgo = tempWorkspace({});
    try {
      cpSync(path.resolve(__dirname, '../fixtures/workspaces/cgo-sqlite'), cgo.dir, { recursive: true });
      const dynamic = (await client.executeCommand(GENERATE, [{ folderUri: cgo.uri, dryRun: true }])) as GeneratePreview;
      assert.deepEqual([dynamic.kind, dynamic.cgoRequired, dynamic.cgoStaticLink], ['preview', true, true]);
      assert.match(dynamic.dockerfile, /^FROM gcr\.io\/distroless\/base-debian13:nonroot AS prod$/m);
      const linked = (await client.executeCommand(GENERATE, [{ folderUri: cgo.uri, dryRun: true, cgoLink: 'static' }])) as GeneratePreview;
      assert.match(linked.dockerfile, /^FROM gcr\.io\/distroless\/static-debian13:nonroot AS prod$/m);
      assert.match(linked.dockerfile, /-extldflags "-static"/);
    } finally {
      cgo.dispose();
    }
  });

  it('rejects bad arguments and folders without go.mod with an error result', async function () {
    const bad = (await generate({ runtime: 'ubuntu' })) as GenerateFailure;
    assert.deepEqual([bad.kind, bad.error], ['error', 'invalid-arguments']);
    assert.match(bad.message, /runtime must be one of distroless, scratch, alpine/);
    const badLink = (await generate({ cgoLink: 'musl' })) as GenerateFailure;
    assert.deepEqual([badLink.kind, badLink.message], ['error', 'goDockerfile.generate: cgoLink must be dynamic or static']);
    const noFolder = (await client.executeCommand(GENERATE, [{ folderUri: `${ws.uri}/nope` }])) as GenerateFailure;
    assert.deepEqual([noFolder.kind, noFolder.error], ['error', 'invalid-arguments']);
    const empty = tempWorkspace({ 'README.md': 'no Go here\n' });
    try {
      const noMod = (await client.executeCommand(GENERATE, [{ folderUri: empty.uri }])) as GenerateFailure;
      assert.deepEqual([noMod.kind, noMod.error], ['error', 'no-module'], JSON.stringify(noMod));
      assert.match(noMod.message, /go\.mod/);
    } finally {
      empty.dispose();
    }
  });

  it('returns the texts to a client that cannot create files, and writes nothing', async function () {
    client.dispose();
    client = new LspClient({ pull: true, workspaceFolders: [{ uri: ws.uri, name: 'ws' }], capabilities: capabilities(false) });
    await client.initialize();
    const dry = (await generate({ dryRun: true })) as GeneratePreview;
    assert.equal(dry.kind, 'preview');
    assert.equal(dry.notWritten, undefined);
    const r = (await generate({})) as GeneratePreview;
    assert.equal(r.kind, 'preview');
    assert.match(r.notWritten ?? '', /cannot apply workspace edits that create files/);
    assert.equal(r.dockerfile, dry.dockerfile);
    assert.match(r.dockerfile, /^FROM .*golang:/m);
    assert.equal(client.appliedEdits.length, 0);
    assert.equal(existsSync(path.join(ws.dir, 'Dockerfile')), false);
  });
});
