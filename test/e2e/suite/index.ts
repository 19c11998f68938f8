// The entry VS Code's extension-test protocol loads (extensionTestsPath): runs Mocha on the compiled
// suite files next to this one and writes the results to $GO_DOCKERFILE_E2E_RESULTS, because the
// extension host's exit code does not reach a code-server harness. Rejects when a test failed.
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const RESULTS_ENV = 'GO_DOCKERFILE_E2E_RESULTS';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2eResults {
  host: string;
  vscodeVersion: string;
  startedAt: string;
  durationMs: number;
  passes: number;
  failures: number;
  pending: number;
  tests: TestResult[];
  metrics: Record<string, unknown>;
}

export async function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const tests: TestResult[] = [];
  let failures = 0;
  try {
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }));
    });
  } catch (err) {
    failures += 1;
    tests.push({ title: '(mocha)', state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  const results: E2eResults = {
    host: vscode.env.appName,
    vscodeVersion: vscode.version,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    metrics: (globalThis as { __goDockerfileE2E?: { metrics: Record<string, unknown> } }).__goDockerfileE2E?.metrics ?? {},
  };
  const out = process.env[RESULTS_ENV];
  if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (results.failures > 0 || results.passes === 0) throw new Error(`${results.failures} of ${tests.length} in-editor tests failed`);
}
