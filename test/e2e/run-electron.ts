// Launcher 1 of the in-editor suite: VS Code desktop through @vscode/test-electron's runTests, the
// usual way. It needs a VS Code build: VSCODE_PATH (an executable), a build test-electron cached under
// .vscode-test/, or a download (impossible on a machine that reaches only npm and Debian: that failure is
// expected there, and scripts/test-e2e.ts then uses code-server). Same suite, same results file.
// Usage: npx tsx test/e2e/run-electron.ts
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from './support/code-server';
import { assertBuilt, checkResults, copyWorkspace, readResults, RESULTS_ENV, SUITE_ENTRY, type SuiteResults } from './support/workspace';

/** A VS Code executable that is already on this machine, if any. */
export function findVSCode(): string | undefined {
  const fromEnv = process.env.VSCODE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`VSCODE_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const cache = path.join(REPO, '.vscode-test');
  if (!existsSync(cache)) return undefined;
  for (const d of readdirSync(cache).filter((x) => x.startsWith('vscode-')).sort().reverse()) {
    for (const exe of ['code', 'Code.exe', 'Visual Studio Code.app/Contents/MacOS/Electron']) {
      const p = path.join(cache, d, exe);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

export class NoResultsError extends Error {
  override readonly name = 'NoResultsError';
}

/** Runs the suite in VS Code desktop; NoResultsError when VS Code could not run it at all. */
export async function runSuiteInElectron(vscodeExecutablePath = findVSCode()): Promise<SuiteResults> {
  assertBuilt();
  const { dir, workspace } = copyWorkspace('gd-electron-');
  const resultsFile = path.join(dir, 'results.json');
  try {
    const { runTests } = await import('@vscode/test-electron');
    let runError: unknown;
    try {
      await runTests({
        ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: 'stable' }),
        extensionDevelopmentPath: REPO,
        extensionTestsPath: SUITE_ENTRY,
        extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(dir, 'ud')],
      });
    } catch (err) {
      runError = err;
    }
    if (!existsSync(resultsFile)) {
      const why = runError instanceof Error ? runError.message : String(runError ?? 'VS Code exited without writing results');
      throw new NoResultsError(`@vscode/test-electron produced no results: ${why}`);
    }
    return readResults(resultsFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runSuiteInElectron()
    .then((r) => checkResults(r, 'test-electron'))
    .catch((err: unknown) => {
      process.stderr.write(`FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
