// The Playwright UI check: looks at the extension the way a person does, in the code-server workbench.
// Opens the fixture Dockerfile, waits for squiggles in the editor DOM, hovers one, puts the cursor
// on a finding, presses Ctrl+. and finds the fix titles in the quick-fix menu; saves
// squiggles.png and quick-fix.png; finds "Generate Dockerfile" in the Explorer's context menu
// of a folder; opens heredoc.Dockerfile, checks the rendered colours of its heredoc (shell body,
// terminator, Dockerfile after it) and saves highlighting.png. The screenshots go to
// dist-test/screenshots/, or with --update-screenshots to docs/images/ (the README's images; rewritten
// only when the pixels changed).
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

/** The heredoc Dockerfile of the highlighting screenshot (test/e2e/workspace) and the lines the check reads. */
export const HEREDOC_FILE = 'heredoc.Dockerfile';
const HEREDOC_LINES = {
  from: 'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION:-1.26}-alpine AS build',
  marker: '    --mount=type=cache,target=/root/.cache/go-build <<EOF',
  body: 'go version',
  terminator: 'EOF',
  after: 'FROM gcr.io/distroless/static-debian13:nonroot',
} as const;

interface RenderedToken {
  text: string;
  /** Monaco's token class (mtk1 is the editor's default foreground). */
  cls: string;
  color: string;
}
type RenderedLines = Record<keyof typeof HEREDOC_LINES, RenderedToken[]>;

export interface UiCheckResult {
  squiggles: number;
  fixTitles: string[];
  /** The rendered colours of the heredoc Dockerfile's lines, e.g. `go`=rgb(…) `version`=rgb(…). */
  highlighting: string[];
  screenshots: string[];
  durationMs: number;
}

// Reads the rendered token spans of the wanted lines of the active editor (null until all are rendered and
// tokenized: Monaco may paint a line as one mtk1 span first and recolour it when the grammar has run).
const RENDERED_TOKENS = `(wanted) => {
  const norm = (s) => (s || '').replace(/\\u00a0/g, ' ');
  const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
  const out = {};
  for (const [key, text] of Object.entries(wanted)) {
    const line = lines.find((l) => norm(l.textContent) === text);
    if (!line) return null;
    out[key] = [...line.querySelectorAll('span[class*="mtk"]')].map((s) => ({ text: norm(s.textContent), cls: s.className, color: getComputedStyle(s).color }));
  }
  // Tokenized down to the last line: its FROM has the keyword colour (with or without our grammar).
  if (!out.after[0] || out.after[0].cls === 'mtk1') return null;
  return out;
}`;

const NO_HOVER = `![...document.querySelectorAll('.workbench-hover-container, .workbench-hover, .monaco-hover')].some((e) => e.offsetParent !== null && e.getBoundingClientRect().height > 0)`;

/** Asserts what the built-in grammar alone would not give: a shell body, a terminator, Dockerfile after it. */
function checkHighlighting(r: RenderedLines): string[] {
  const token = (line: keyof RenderedLines, text: string): RenderedToken => {
    const t = r[line].find((k) => k.text.trim() === text);
    if (!t) throw new Error(`no rendered token ${JSON.stringify(text)} on the ${line} line: ${JSON.stringify(r[line])}`);
    return t;
  };
  const go = token('body', 'go');
  const version = token('body', 'version');
  const eof = token('terminator', 'EOF');
  const from = token('from', 'FROM');
  const after = token('after', 'FROM');
  const plain = 'mtk1';
  // The built-in grammar renders `go version` as one default-coloured token and the terminator as plain text.
  if (go.cls === plain || go.color === version.color) throw new Error(`the heredoc body is not highlighted as shell: ${JSON.stringify(r.body)}`);
  if (eof.cls === plain) throw new Error(`the heredoc terminator is plain text: ${JSON.stringify(r.terminator)}`);
  if (after.color !== from.color) throw new Error(`the FROM after the heredoc (${after.color}) is not coloured like the first FROM (${from.color})`);
  const flag = r.marker.find((k) => k.text.trim() === '--mount' || k.text.trim() === 'mount');
  if (!flag || flag.cls === plain) throw new Error(`the --mount flag is not highlighted: ${JSON.stringify(r.marker)}`);
  return [`go=${go.color}`, `version=${version.color}`, `EOF=${eof.color}`, `FROM=${from.color}`, `after EOF FROM=${after.color}`, `mount=${flag.color}`];
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

    // Highlighting: a heredoc Dockerfile, without the panel, read back from the rendered spans.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await openFile(page, HEREDOC_FILE);
    // No tooltip in the picture (the Explorer's hover on the folder right-clicked above lingers otherwise).
    await page.mouse.move(900, 660);
    await page.waitForFunction(NO_HOVER, undefined, { timeout: TIMEOUT });
    const rendered = await page.waitForFunction(`(${RENDERED_TOKENS})(${JSON.stringify(HEREDOC_LINES)})`, undefined, { timeout: TIMEOUT });
    const highlighting = checkHighlighting((await rendered.jsonValue()) as RenderedLines);
    const highlightingPng = path.join(outDir, 'highlighting.png');
    await saveScreenshot(browser, highlightingPng, await settled(page));
    return { squiggles, fixTitles, highlighting, screenshots: [squigglesPng, quickFixPng, highlightingPng], durationMs: Date.now() - started };
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
      `[ui-check] heredoc.Dockerfile rendered colours: ${r.highlighting.join(' ')}\n` +
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
