// The Playwright UI check: looks at the extension the way a person does, in the code-server workbench.
// Opens the fixture Dockerfile, waits for squiggles in the editor DOM, hovers one, puts the cursor
// on a finding, presses Ctrl+. and finds the fix titles in the quick-fix menu; saves
// squiggles.png and quick-fix.png; finally finds "Generate Dockerfile" in the Explorer's context menu
// of a folder. The screenshots go to dist-test/screenshots/, or with --update-screenshots to
// docs/images/ (the README's images; rewritten only when the pixels changed).
// Usage: npx tsx test/e2e/ui-check.ts [--update-screenshots] (starts its own code-server), or
// runUiCheck() from scripts/test-e2e.ts (npm run test:e2e -- --update-screenshots).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consoleLog } from './run-code-server';
import { launchChromium, REPO, remoteUri, startCodeServer, workbenchUrl, type CodeServer } from './support/code-server';
import { assertBuilt, copyWorkspace } from './support/workspace';

/** The README's images: written only on request (--update-screenshots), so CI runs leave the checkout clean. */
export const IMAGES = path.join(REPO, 'docs', 'images');
/** Where every run puts its screenshots (git-ignored). */
export const RUN_IMAGES = path.join(REPO, 'dist-test', 'screenshots');
const TIMEOUT = 30_000;

/** The quick fixes the menu must offer on `COPY . .` (line 3) of the fixture Dockerfile. */
export const EXPECTED_FIXES = ['Copy go.mod and go.sum and download modules first'];

export interface UiCheckResult {
  squiggles: number;
  fixTitles: string[];
  screenshots: string[];
  durationMs: number;
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(name);
  // The focused row is the best match: wait until it is the file itself.
  await page.waitForFunction(`document.querySelector('.quick-input-list .monaco-list-row.focused .label-name')?.textContent?.trim() === ${JSON.stringify(name)}`, undefined, { timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: TIMEOUT });
}

// Compares two PNGs pixel by pixel in the browser (Chromium's PNG encoding is not byte-stable), as a
// string so that no bundler helper leaks into the page.
const SAME_PIXELS = `async ([a, b]) => {
  const load = (s) => new Promise((res, rej) => { const i = new Image(); i.onload = () => res(i); i.onerror = rej; i.src = 'data:image/png;base64,' + s; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return false;
  const data = (i) => { const c = document.createElement('canvas'); c.width = i.width; c.height = i.height; const g = c.getContext('2d'); g.drawImage(i, 0, 0); return g.getImageData(0, 0, i.width, i.height).data; };
  const p = data(x), q = data(y);
  for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return false;
  return true;
}`;

/** The status bar's language status spins while the server works: wait for a still picture. */
async function settled(page: Page): Promise<Buffer> {
  await page.locator('.part.statusbar .codicon-modifier-spin').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  return page.screenshot();
}

/** Writes a screenshot unless the file already holds the same pixels (no churn in the checkout). */
async function saveScreenshot(browser: Browser, file: string, png: Buffer): Promise<void> {
  if (existsSync(file)) {
    const page = await browser.newPage();
    try {
      const same = await page.evaluate(`(${SAME_PIXELS})(${JSON.stringify([readFileSync(file).toString('base64'), png.toString('base64')])})`);
      if (same === true) return;
    } finally {
      await page.close();
    }
  }
  writeFileSync(file, png);
}

export async function runUiCheck(server: CodeServer, browser: Browser, outDir = RUN_IMAGES): Promise<UiCheckResult> {
  const started = Date.now();
  const { dir, workspace } = copyWorkspace('gd-ui-');
  const logs: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  consoleLog(page, logs);
  try {
    mkdirSync(outDir, { recursive: true });
    // The development extension, no test runner: a normal window with the extension loaded.
    await page.goto(workbenchUrl(server, workspace, [['extensionDevelopmentPath', remoteUri(server, REPO)]]));
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    await openFile(page, 'Dockerfile');

    const editor = page.locator('.editor-instance .monaco-editor').first();
    const squiggle = editor.locator('.squiggly-warning, .squiggly-error');
    await squiggle.first().waitFor({ timeout: TIMEOUT });
    const squiggles = await squiggle.count();

    // Problems panel + the hover of the first finding.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
    await editor.locator('.view-lines').click({ position: { x: 300, y: 120 } });
    const box = await squiggle.first().boundingBox();
    if (!box) throw new Error('the squiggle has no bounding box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.monaco-hover .hover-contents, .monaco-hover .hover-row').first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.locator('.monaco-hover', { hasText: 'go-dockerfile' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    const squigglesPng = path.join(outDir, 'squiggles.png');
    await saveScreenshot(browser, squigglesPng, await settled(page));

    // Cursor on `COPY . .` (line 3), then Ctrl+. for the quick-fix menu.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.keyboard.type('3:1');
    await page.keyboard.press('Enter');
    await editor.locator('.cursors-layer .cursor').first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: TIMEOUT });
    for (const title of EXPECTED_FIXES) await menu.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
    const fixTitles = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
    const quickFixPng = path.join(outDir, 'quick-fix.png');
    await saveScreenshot(browser, quickFixPng, await settled(page));
    await page.keyboard.press('Escape');
    // The Explorer offers "Generate Dockerfile" on folders (the URI is vscode-remote: here, not file:).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'generate-me' }).click({ button: 'right' });
    await page.locator('.context-view .action-item', { hasText: 'Generate Dockerfile' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    return { squiggles, fixTitles, screenshots: [squigglesPng, quickFixPng], durationMs: Date.now() - started };
  } catch (err) {
    const failure = path.join(dir, '..', `ui-check-failure-${Date.now()}.png`);
    await page.screenshot({ path: failure }).catch(() => undefined);
    process.stderr.write(`--- UI check failed; screenshot: ${failure}\n--- page console (last 40 lines) ---\n${logs.filter((l) => !/^\s+at /.test(l)).slice(-40).join("\n")}\n`);
    throw err;
  } finally {
    await page.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printUiCheck(r: UiCheckResult): void {
  process.stdout.write(
    `[ui-check] ${r.squiggles} squiggle(s); quick-fix menu on line 3: ${r.fixTitles.join(' | ')}\n` +
      `[ui-check] screenshots: ${r.screenshots.map((s) => path.relative(REPO, s)).join(', ')} (${r.durationMs} ms)\n`,
  );
}

async function main(): Promise<void> {
  assertBuilt();
  const server = await startCodeServer();
  const browser = await launchChromium();
  try {
    printUiCheck(await runUiCheck(server, browser, process.argv.includes('--update-screenshots') ? IMAGES : RUN_IMAGES));
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
