// The test entry of the VSIX check (extensionTestsPath, with the empty probe extension as the
// development extension): the go-dockerfile extension must come from the installed .vsix (not from
// the repository), activate on a Dockerfile and publish a diagnostic. Results go to the file named by
// $GO_DOCKERFILE_E2E_RESULTS, in the shape of the suite's results.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, ours, waitForDiagnostics } from '../suite/helpers';

async function check(metrics: Record<string, unknown>): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const extensionsDir = process.env.GO_DOCKERFILE_E2E_EXTENSIONS_DIR;
  assert.ok(extensionsDir, 'the harness names the extensions dir');
  assert.ok(path.resolve(ext.extensionPath).startsWith(path.resolve(extensionsDir) + path.sep), `loaded from the installed VSIX (${ext.extensionPath})`);
  metrics.installedVersion = (ext.packageJSON as { version?: string }).version;
  metrics.extensionPath = ext.extensionPath;
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'Dockerfile');
  const started = Date.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'GD001'), 'GD001 from the installed extension', 30_000);
  metrics.openToFirstDiagnosticsMs = Date.now() - started;
  metrics.diagnostics = diags.map(codeOf).sort();
  assert.equal(ext.isActive, true, 'activated by the Dockerfile');
  assert.ok(ours(uri).length > 0);
}

export async function run(): Promise<void> {
  const started = Date.now();
  const metrics: Record<string, unknown> = {};
  let error: string | undefined;
  try {
    await check(metrics);
  } catch (err) {
    error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  const title = 'the installed VSIX lights up a Dockerfile';
  const results = {
    host: vscode.env.appName,
    vscodeVersion: vscode.version,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    passes: error ? 0 : 1,
    failures: error ? 1 : 0,
    pending: 0,
    tests: [error ? { title, state: 'failed', error } : { title, state: 'passed', durationMs: Date.now() - started }],
    metrics,
  };
  const out = process.env.GO_DOCKERFILE_E2E_RESULTS;
  if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (error) throw new Error(error);
}
