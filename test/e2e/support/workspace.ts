// Copies of the fixture workspace (test/e2e/workspace): every run works on a fresh copy in the OS
// temp dir, so the tests may edit, fix and save files without touching the checkout.
import { cpSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, scratchDir } from './code-server';

export const FIXTURE = path.join(REPO, 'test', 'e2e', 'workspace');
export const SUITE_ENTRY = path.join(REPO, 'dist-test', 'suite', 'index.js');
export const RESULTS_ENV = 'GO_DOCKERFILE_E2E_RESULTS';

export function copyWorkspace(prefix = 'gd-e2e-'): { dir: string; workspace: string } {
  const dir = realpathSync(scratchDir(prefix));
  const workspace = path.join(dir, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  return { dir, workspace };
}

export function assertBuilt(): void {
  for (const f of [path.join(REPO, 'dist', 'extension.js'), path.join(REPO, 'dist', 'server.js'), SUITE_ENTRY]) {
    if (!existsSync(f)) throw new Error(`${path.relative(REPO, f)} is missing: run \`node esbuild.mjs && node scripts/build-e2e.mjs\` (npm run test:e2e does)`);
  }
}

export interface SuiteResults {
  host: string;
  vscodeVersion: string;
  durationMs: number;
  passes: number;
  failures: number;
  pending: number;
  tests: { title: string; state: string; durationMs?: number; error?: string }[];
  metrics: Record<string, unknown>;
}

export function readResults(file: string): SuiteResults {
  return JSON.parse(readFileSync(file, 'utf8')) as SuiteResults;
}

/** Prints the results; throws when a test failed or none ran. */
export function checkResults(r: SuiteResults, launcher: string): void {
  const lines = [`[${launcher}] ${r.host} ${r.vscodeVersion}: ${r.passes} passed, ${r.failures} failed, ${r.pending} pending in ${r.durationMs} ms`];
  for (const t of r.tests) {
    lines.push(`  ${t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-'} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) lines.push(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  if (Object.keys(r.metrics).length > 0) lines.push(`  metrics: ${JSON.stringify(r.metrics)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (r.failures > 0) throw new Error(`${r.failures} in-editor test(s) failed (${launcher})`);
  if (r.passes === 0) throw new Error(`no in-editor test ran (${launcher})`);
}
