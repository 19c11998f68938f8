// The in-editor suite: runs inside VS Code's extension host (code-server or VS Code desktop) against a
// copy of test/e2e/workspace, with the extension under development loaded from the repository.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { GoDockerfileApi } from '../../../client/src/extension';
import type { GenerateCommandResult } from '../../../server/src/lsp/generate';
import { byCode, describe as describeDiags, EXTENSION_ID, hasCode, metrics, ours, rangeOf, revert, waitForDiagnostics, waitForText, withTimeout } from './helpers';

const NAIVE = ['FROM golang:latest', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server ./cmd/app', 'EXPOSE 8080', 'CMD ["/app/server"]', ''].join('\n');

suite('go-dockerfile in VS Code', function () {
  this.timeout(60_000);
  let folder: vscode.Uri;
  let dockerfile: vscode.Uri;
  let doc: vscode.TextDocument;

  suiteSetup(async function () {
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'the fixture workspace is open');
    folder = ws.uri;
    dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    assert.equal(readFileSync(dockerfile.fsPath, 'utf8'), NAIVE, 'the fixture Dockerfile is pristine');
  });

  suiteTeardown(async function () {
    await vscode.workspace.getConfiguration('goDockerfile').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activates on a Dockerfile (onLanguage:dockerfile) and starts the server', async function () {
    const started = Date.now();
    const ext = vscode.extensions.getExtension<GoDockerfileApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    doc = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'dockerfile');
    // Nobody calls activate(): the first diagnostics prove the activation event works.
    await waitForDiagnostics(dockerfile, (d) => d.length > 0, 'the first go-dockerfile diagnostics');
    metrics().openToFirstDiagnosticsMs = Date.now() - started;
    assert.equal(ext.isActive, true, 'activated by opening a Dockerfile');
    await withTimeout(ext.exports.ready, 20_000, 'the language server');
    const ms = ext.exports.serverReadyMs();
    assert.ok(typeof ms === 'number' && ms >= 0, 'activate() measured the time to server ready');
    metrics().activationToServerReadyMs = ms;
  });

  test('diagnostics appear on open with codes, ranges, severities and documentation links', async function () {
    const diags = await waitForDiagnostics(dockerfile, (d) => ['GD001', 'GD004', 'GD007'].every((c) => hasCode(d, c)), 'GD001, GD004 and GD007');
    const expected: [string, [number, number, number, number], vscode.DiagnosticSeverity, string][] = [
      ['GD001', [0, 5, 0, 18], vscode.DiagnosticSeverity.Warning, 'toolchain-in-final-image'],
      ['GD007', [0, 5, 0, 18], vscode.DiagnosticSeverity.Warning, 'unpinned-base-image'],
      ['GD004', [2, 0, 2, 8], vscode.DiagnosticSeverity.Warning, 'module-download-not-cached'],
    ];
    for (const [code, range, severity, name] of expected) {
      const d = byCode(diags, code);
      assert.deepEqual(rangeOf(d), range, `${code} range`);
      assert.equal(d.severity, severity, `${code} severity`);
      assert.equal(d.source, 'go-dockerfile');
      assert.ok(typeof d.code === 'object' && d.code !== null, `${code} carries a codeDescription`);
      const target = (d.code as { target: vscode.Uri }).target.toString();
      assert.match(target, new RegExp(`^https://.*/docs/rules/${name}\\.md$`), `${code} links its documentation`);
    }
    assert.match(byCode(diags, 'GD001').message, /golang:latest/);
  });

  test('a quick fix applies through the code action provider and the finding goes away', async function () {
    const gd007 = byCode(ours(dockerfile), 'GD007');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', dockerfile, gd007.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const pin = actions.find((a) => a.title === 'Pin golang:1.26 (from go.mod) (unsafe)');
    assert.ok(pin?.edit, `the GD007 fix is offered (got: ${titles.join(' | ')})`);
    // (executeCodeActionProvider does not return the actions' diagnostics, only kind, edit and isPreferred.)
    assert.equal(pin.kind?.value, 'quickfix');
    assert.notEqual(pin.isPreferred, true, 'an unsafe fix is never the preferred one');
    assert.ok(actions.some((a) => a.title === 'Split into build and runtime stages (distroless static) (unsafe)'), `the GD001 fix is offered at the same range (got: ${titles.join(' | ')})`);
    assert.ok(await vscode.workspace.applyEdit(pin.edit), 'workspace.applyEdit');
    assert.equal(doc.lineAt(0).text, 'FROM golang:1.26');
    await waitForDiagnostics(dockerfile, (d) => !hasCode(d, 'GD007') && hasCode(d, 'GD004'), 'GD007 to go away after its fix');
    await revert(doc);
    await waitForDiagnostics(dockerfile, (d) => hasCode(d, 'GD007'), 'GD007 back after revert');
  });

  test('a settings change re-lints: a rule turned off, another raised to error', async function () {
    const config = vscode.workspace.getConfiguration('goDockerfile');
    await config.update('rules', { GD007: 'off', 'toolchain-in-final-image': 'error' }, vscode.ConfigurationTarget.Workspace);
    const diags = await waitForDiagnostics(
      dockerfile,
      (d) => !hasCode(d, 'GD007') && hasCode(d, 'GD001') && byCode(d, 'GD001').severity === vscode.DiagnosticSeverity.Error,
      'GD007 off and GD001 as an error',
    );
    assert.ok(hasCode(diags, 'GD004'), 'the other rules still run');
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(dockerfile, (d) => hasCode(d, 'GD007') && byCode(d, 'GD001').severity === vscode.DiagnosticSeverity.Warning, 'the defaults back');
  });

  test('source.fixAll.goDockerfile runs on save (codeActionsOnSave) and applies only safe fixes', async function () {
    const onSave = vscode.workspace.getConfiguration('editor', doc).get<Record<string, string>>('codeActionsOnSave');
    assert.equal(onSave?.['source.fixAll.goDockerfile'], 'explicit', 'the fixture workspace enables fix-all on save');
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# fixed on save\n')));
    // The server has the edited version (its findings moved down a line) before the save participant asks it.
    await waitForDiagnostics(dockerfile, (d) => hasCode(d, 'GD001') && byCode(d, 'GD001').range.start.line === 1, 'the findings of the edited text');
    const saved = await doc.save();
    assert.ok(saved, `saved (dirty: ${doc.isDirty}, version ${doc.version}, text: ${JSON.stringify(doc.getText())}, disk: ${JSON.stringify(readFileSync(dockerfile.fsPath, 'utf8'))})`);
    const expected = ['# fixed on save', 'FROM golang:latest', 'WORKDIR /app', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app/server ./cmd/app', 'EXPOSE 8080', 'CMD ["/app/server"]', ''].join('\n');
    assert.equal(readFileSync(dockerfile.fsPath, 'utf8'), expected, 'the safe GD004 fix was applied and saved; the unsafe fixes were not');
    const diags = await waitForDiagnostics(dockerfile, (d) => !hasCode(d, 'GD004') && hasCode(d, 'GD001'), 'GD004 fixed, GD001 (unsafe fix) still reported');
    assert.ok(hasCode(diags, 'GD007'), `GD007 still reported: ${describeDiags(diags)}`);
  });

  test('"Fix all problems" fixes the active editor through the server command', async function () {
    const other = vscode.Uri.joinPath(folder, 'other.Dockerfile');
    const otherDoc = await vscode.workspace.openTextDocument(other);
    assert.equal(otherDoc.languageId, 'dockerfile', '*.Dockerfile is a Dockerfile');
    await vscode.window.showTextDocument(otherDoc);
    await waitForDiagnostics(other, (d) => hasCode(d, 'GD004'), 'GD004 in other.Dockerfile');
    await vscode.commands.executeCommand('goDockerfile.fixAllActive');
    const fixed = await waitForText(otherDoc, (t) => t !== NAIVE, 'the fix-all edit');
    const expected = ['FROM golang:latest', 'WORKDIR /app', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app/server ./cmd/app', 'EXPOSE 8080', 'CMD ["/app/server"]', ''].join('\n');
    assert.equal(fixed, expected, 'the safe fix only (unsafe fixes are off)');
    await waitForDiagnostics(other, (d) => !hasCode(d, 'GD004'), 'GD004 gone from other.Dockerfile');
    await revert(otherDoc);
  });

  test('Generate Dockerfile creates a Dockerfile and a .dockerignore in a folder without one', async function () {
    const target = vscode.Uri.joinPath(folder, 'generate-me');
    const created = vscode.Uri.joinPath(target, 'Dockerfile');
    assert.ok(!existsSync(created.fsPath), 'no Dockerfile yet');
    const started = Date.now();
    const result = await vscode.commands.executeCommand<GenerateCommandResult>('goDockerfile.generateDockerfile', { folderUri: target.toString(), runtime: 'distroless', nonInteractive: true });
    metrics().generateMs = Date.now() - started;
    assert.equal(result?.kind, 'applied', JSON.stringify(result));
    assert.equal(result.kind === 'applied' && vscode.Uri.parse(result.uri).fsPath, created.fsPath);
    const text = readFileSync(created.fsPath, 'utf8');
    assert.match(text, /^FROM --platform=\$BUILDPLATFORM golang:\$\{GO_VERSION\}-alpine AS build$/m);
    assert.match(text, /^FROM gcr\.io\/distroless\/static-debian\d+:nonroot AS prod$/m);
    assert.match(text, /go build -trimpath -ldflags="-s -w" -o \/out\/generateme \.$/m);
    assert.match(readFileSync(vscode.Uri.joinPath(target, '.dockerignore').fsPath, 'utf8'), /^\.git$/m, 'a .dockerignore was created');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath, 'the new Dockerfile is shown');
    // Never overwrite silently: a second run without a target is refused.
    const again = await vscode.commands.executeCommand<GenerateCommandResult>('goDockerfile.generateDockerfile', { folderUri: target.toString(), nonInteractive: true });
    assert.equal(again?.kind === 'error' && again.error, 'exists', JSON.stringify(again));
    assert.equal(readFileSync(created.fsPath, 'utf8'), text, 'the Dockerfile was left alone');
  });

  test('Generate Dockerfile passes cgoLink: a cgo program linked statically gets the static runtime', async function () {
    const target = vscode.Uri.joinPath(folder, 'generate-cgo');
    mkdirSync(target.fsPath, { recursive: true });
    writeFileSync(vscode.Uri.joinPath(target, 'go.mod').fsPath, 'module example.com/cgoapp\n\ngo 1.22\n');
    writeFileSync(vscode.Uri.joinPath(target, 'main.go').fsPath, 'package main\n\n// static int answer(void) { return 42; }\nimport "C"\n\nfunc main() { println(C.answer()) }\n');
    const result = await vscode.commands.executeCommand<GenerateCommandResult>('goDockerfile.generateDockerfile', { folderUri: target.toString(), runtime: 'distroless', cgoLink: 'static', nonInteractive: true });
    assert.equal(result?.kind, 'applied', JSON.stringify(result));
    const text = readFileSync(vscode.Uri.joinPath(target, 'Dockerfile').fsPath, 'utf8');
    assert.match(text, /^FROM golang:\$\{GO_VERSION\}-trixie AS build$/m);
    assert.match(text, /CGO_ENABLED=1 go build -trimpath -tags netgo,osusergo -ldflags='-s -w -linkmode external -extldflags "-static"' -o \/out\/cgoapp \.$/m);
    assert.match(text, /^FROM gcr\.io\/distroless\/static-debian\d+:nonroot AS prod$/m);
  });
});
