// `npm run test:e2e`: the in-editor tests.
//   1. builds dist/ (esbuild.mjs) and dist-test/ (scripts/build-e2e.mjs);
//   2. runs the Mocha suite inside a real VS Code: VS Code desktop through @vscode/test-electron when a
//      build is already on the machine (VSCODE_PATH or a cached .vscode-test/vscode-*), otherwise
//      code-server + Debian's Chromium (test/e2e/run-code-server.ts, installed on first use);
//   3. the Playwright UI check on the same code-server (squiggles, Ctrl+. menu, README screenshots);
//   4. packages the .vsix (npm run package) and checks that it installs into code-server and lights up
//      a Dockerfile (test/e2e/vsix-check.ts).
// Fails loudly when no launcher works. Flags: --no-ui, --no-vsix, --update-screenshots (writes the UI
// check's screenshots to docs/images/ instead of dist-test/screenshots/).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findVSCode, NoResultsError, runSuiteInElectron } from '../test/e2e/run-electron';
import { runSuiteInCodeServer, type SuiteRun } from '../test/e2e/run-code-server';
import { CHROMIUM, ensureCodeServer, launchChromium, REPO, startCodeServer } from '../test/e2e/support/code-server';
import { checkResults } from '../test/e2e/support/workspace';
import { IMAGES, printUiCheck, RUN_IMAGES, runUiCheck } from '../test/e2e/ui-check';
import { printVsixCheck, runVsixCheck, VSIX } from '../test/e2e/vsix-check';

const args = new Set(process.argv.slice(2));
/** --update-screenshots refreshes the README's images in docs/images/. */
const screenshots = args.has('--update-screenshots') ? IMAGES : RUN_IMAGES;
const timings: [string, number][] = [];

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  process.stdout.write(`== ${name}\n`);
  try {
    return await fn();
  } finally {
    timings.push([name, Date.now() - started]);
  }
}

function run(cmd: string, argv: string[]): void {
  execFileSync(cmd, argv, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Why code-server + Chromium cannot run here, or undefined when they can. */
function codeServerProblem(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install -y chromium libkrb5-dev ripgrep)`;
  try {
    ensureCodeServer();
    return undefined;
  } catch (err) {
    return `code-server could not be installed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  await step('build dist/ and dist-test/', () => {
    run(process.execPath, ['esbuild.mjs']);
    run(process.execPath, ['scripts/build-e2e.mjs']);
  });

  let suiteDone = false;
  const vscodePath = findVSCode();
  if (vscodePath) {
    try {
      const results = await step(`suite in VS Code desktop (${vscodePath})`, () => runSuiteInElectron(vscodePath));
      checkResults(results, 'test-electron');
      suiteDone = true;
    } catch (err) {
      if (!(err instanceof NoResultsError)) throw err;
      process.stdout.write(`test-electron could not run the suite (${err.message}); trying code-server\n`);
    }
  } else {
    process.stdout.write('No VS Code desktop build here (set VSCODE_PATH to use one): using code-server + Chromium\n');
  }

  const problem = await step('code-server install (cached in .vscode-test/code-server)', codeServerProblem);
  if (problem) {
    if (!suiteDone) throw new Error(`no way to run VS Code here: no VS Code desktop build and ${problem}`);
    process.stdout.write(`Skipping the UI and VSIX checks: ${problem}\n`);
    return;
  }

  let session: SuiteRun | undefined;
  try {
    if (!suiteDone) {
      session = await step('suite in code-server', () => runSuiteInCodeServer({ keep: true }));
      checkResults(session.results, 'code-server');
    }
    if (!args.has('--no-ui')) {
      if (session) {
        const s = session;
        printUiCheck(await step('UI check (Playwright)', () => runUiCheck(s.server, s.browser, screenshots)));
      } else {
        const server = await startCodeServer();
        const browser = await launchChromium();
        try {
          printUiCheck(await step('UI check (Playwright)', () => runUiCheck(server, browser, screenshots)));
        } finally {
          await browser.close();
          await server.stop();
        }
      }
    }
  } finally {
    await session?.stop();
  }

  if (!args.has('--no-vsix')) {
    await step('package the .vsix (npm run package)', () => run('npm', ['run', '--silent', 'package']));
    printVsixCheck(await step('install the .vsix into code-server and light up a Dockerfile', () => runVsixCheck(VSIX)));
  }
  process.stdout.write(`${timings.map(([n, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${n}`).join('\n')}\n`);
  process.stdout.write(`test:e2e passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`\ntest:e2e FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
