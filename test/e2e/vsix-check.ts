// The VSIX check: installs the packaged go-dockerfile.vsix into a fresh code-server extensions dir with
// `--install-extension`, opens a copy of the fixture workspace, and lets the probe (an empty
// development extension whose test entry is dist-test/probe/index.js) check that the installed
// extension activates and publishes a diagnostic. Usage: npx tsx test/e2e/vsix-check.ts [path.vsix]
// (after `npm run package` and `node scripts/build-e2e.mjs`).
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { consoleLog, waitForFile } from './run-code-server';
import { codeServerCli, launchChromium, REPO, remoteUri, startCodeServer, workbenchUrl } from './support/code-server';
import { checkResults, copyWorkspace, readResults, RESULTS_ENV, type SuiteResults } from './support/workspace';

export const VSIX = path.join(REPO, 'go-dockerfile.vsix');
const PROBE = path.join(REPO, 'test', 'e2e', 'probe');
const PROBE_ENTRY = path.join(REPO, 'dist-test', 'probe', 'index.js');

export async function runVsixCheck(vsix = VSIX, timeoutMs = 120_000): Promise<SuiteResults & { installOutput: string; vsixBytes: number }> {
  for (const f of [vsix, PROBE_ENTRY]) if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run package\` and \`node scripts/build-e2e.mjs\` (npm run test:e2e does)`);
  const { dir, workspace } = copyWorkspace('gd-vsix-');
  const ud = path.join(dir, 'ud');
  const ext = path.join(dir, 'ext');
  mkdirSync(ext, { recursive: true });
  const logs: string[] = [];
  try {
    const installOutput = codeServerCli(['--install-extension', vsix], ud, ext).trim();
    if (!/successfully installed/i.test(installOutput)) throw new Error(`--install-extension did not report success:\n${installOutput}`);
    const resultsFile = path.join(dir, 'results.json');
    const server = await startCodeServer({ tmp: dir, extensionsDir: ext, env: { [RESULTS_ENV]: resultsFile, GO_DOCKERFILE_E2E_EXTENSIONS_DIR: ext } });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      consoleLog(page, logs);
      await page.goto(
        workbenchUrl(server, workspace, [
          ['extensionDevelopmentPath', remoteUri(server, PROBE)],
          ['extensionTestsPath', remoteUri(server, PROBE_ENTRY)],
        ]),
      );
      await waitForFile(resultsFile, timeoutMs, 'the VSIX probe results');
      return { ...readResults(resultsFile), installOutput, vsixBytes: statSync(vsix).size };
    } catch (err) {
      process.stderr.write(`--- page console (last 40 lines) ---\n${logs.filter((l) => !/^\s+at /.test(l)).slice(-40).join('\n')}\n--- code-server output ---\n${server.output().slice(-3000)}\n`);
      throw err;
    } finally {
      await browser.close().catch(() => undefined);
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printVsixCheck(r: Awaited<ReturnType<typeof runVsixCheck>>): void {
  process.stdout.write(`[vsix] ${r.installOutput.split('\n').filter((l) => /install/i.test(l)).join(' ')} (${(r.vsixBytes / 1024).toFixed(1)} KiB)\n`);
  checkResults(r, 'vsix in code-server');
}

if (require.main === module) {
  runVsixCheck(process.argv[2] ? path.resolve(process.argv[2]) : VSIX)
    .then(printVsixCheck)
    .catch((err: unknown) => {
      process.stderr.write(`FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
