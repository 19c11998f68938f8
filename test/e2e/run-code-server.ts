// Launcher 2 of the in-editor suite: code-server (VS Code 1.100 workbench + Node extension host, from
// npm) driven by Debian's Chromium through playwright-core, using VS Code's extension-test protocol
// (the `payload` query parameter). The suite's run() writes its results to a file named by
// $GO_DOCKERFILE_E2E_RESULTS; this harness fails when the file is missing, late, or reports failures.
// Usage: npx tsx test/e2e/run-code-server.ts (after `node esbuild.mjs && node scripts/build-e2e.mjs`).
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, REPO, remoteUri, startCodeServer, workbenchUrl, type CodeServer } from './support/code-server';
import { assertBuilt, checkResults, copyWorkspace, readResults, RESULTS_ENV, SUITE_ENTRY, type SuiteResults } from './support/workspace';

export interface SuiteRunOptions {
  timeoutMs?: number;
  /** Keep code-server and the browser running (for the UI check); the caller stops them. */
  keep?: boolean;
}

export interface SuiteRun {
  results: SuiteResults;
  server: CodeServer;
  browser: Browser;
  /** The scratch dir (results file, workspace copy); removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/** Waits for a file to appear, checking every 250 ms; rejects after `ms`. */
export async function waitForFile(file: string, ms: number, what: string, failed?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(file)) {
    const reason = failed?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (${file})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function consoleLog(page: Page, sink: string[]): void {
  page.on('console', (m) => sink.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => sink.push(`[pageerror] ${e.message}`));
}

export async function runSuiteInCodeServer(options: SuiteRunOptions = {}): Promise<SuiteRun> {
  assertBuilt();
  const started = Date.now();
  const { dir, workspace } = copyWorkspace();
  const resultsFile = path.join(dir, 'results.json');
  const server = await startCodeServer({ env: { [RESULTS_ENV]: resultsFile }, tmp: path.join(dir) });
  let browser: Browser | undefined;
  const logs: string[] = [];
  const stop = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    consoleLog(page, logs);
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remoteUri(server, REPO)],
      ['extensionTestsPath', remoteUri(server, SUITE_ENTRY)],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    const timeoutMs = options.timeoutMs ?? 180_000;
    await waitForFile(resultsFile, timeoutMs, 'the in-editor results', () => {
      const fatal = logs.find((l) => /Extension host .*terminated unexpectedly|Failed to load test runner|extensionTestsPath/i.test(l) && /error/i.test(l));
      return fatal ? `the extension host reported: ${fatal}` : undefined;
    });
    const results = readResults(resultsFile);
    process.stdout.write(`[code-server] suite finished ${Math.round((Date.now() - started) / 1000)} s after the harness started (install excluded)\n`);
    if (results.failures > 0) process.stdout.write(`${logs.filter((l) => /error|fail|✗|\d+\) /i.test(l)).slice(-40).join('\n')}\n`);
    const run: SuiteRun = { results, server, browser, dir, stop };
    if (!options.keep) await stop();
    return run;
  } catch (err) {
    process.stderr.write(`--- page console (last 60 lines) ---\n${logs.slice(-60).join('\n')}\n--- code-server output (last 3000 chars) ---\n${server.output().slice(-3000)}\n`);
    await stop();
    throw err;
  }
}

async function main(): Promise<void> {
  const run = await runSuiteInCodeServer();
  checkResults(run.results, 'code-server');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
