// code-server (the real VS Code workbench and Node extension host, from npm) and Debian's Chromium,
// following ../shared/docs/IN_EDITOR_TESTING.md: an idempotent install under .vscode-test/code-server,
// a server on a free loopback port, and a browser driven by playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';

export const REPO = path.resolve(__dirname, '../../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const INSTALL_DIR = path.join(REPO, '.vscode-test', 'code-server');
export const ENTRY = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = path.join(INSTALL_DIR, `.installed-${CODE_SERVER_VERSION}`);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message: string): void {
  process.stderr.write(`[code-server] ${message}\n`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  log(`${path.relative(REPO, cwd) || '.'}$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

/** Installs code-server into .vscode-test/code-server unless the marker of this version is there. */
export function ensureCodeServer(): string {
  if (existsSync(MARKER) && existsSync(ENTRY)) return ENTRY;
  for (const [what, file] of [['ripgrep', '/usr/bin/rg'], ['chromium', CHROMIUM]] as const) {
    if (!existsSync(file)) throw new Error(`${what} is missing (${file}): apt-get install -y libkrb5-dev ripgrep chromium`);
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${INSTALL_DIR} (about 2 minutes)`);
  mkdirSync(INSTALL_DIR, { recursive: true });
  if (!existsSync(path.join(INSTALL_DIR, 'package.json'))) {
    writeFileSync(path.join(INSTALL_DIR, 'package.json'), JSON.stringify({ name: 'code-server-install', private: true }, null, 2));
  }
  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  run(npm, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', ...quiet], INSTALL_DIR);
  const vscodeDir = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
  run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], vscodeDir);
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  // ~/.npmrc may say yes=false, which makes node-pty's npx call fail without this.
  run(npm, ['rebuild', ...quiet], vscodeDir, { npm_config_yes: 'true' });
  const asar = path.join(vscodeDir, 'node_modules.asar');
  rmSync(asar, { force: true, recursive: true });
  symlinkSync('node_modules', asar);
  run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], path.join(vscodeDir, 'extensions'));
  run(npm, ['rebuild', 'argon2', ...quiet], INSTALL_DIR, { npm_config_yes: 'true' });
  if (!existsSync(ENTRY)) throw new Error(`code-server installed but ${ENTRY} is missing`);
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return ENTRY;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  port: number;
  /** "127.0.0.1:PORT", the authority of vscode-remote:// URIs. */
  authority: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server wrote so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for code-server and so its extension host (e.g. the results file path). */
  env?: NodeJS.ProcessEnv;
  /** User settings written to User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** An existing extensions dir (e.g. one the .vsix was installed into). */
  extensionsDir?: string;
  /** A scratch directory; a new one in the OS temp dir by default. */
  tmp?: string;
  timeoutMs?: number;
}

export const CALM_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.reduceMotion': 'on',
  'editor.cursorBlinking': 'solid',
  'window.commandCenter': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Starts code-server on a free loopback port; resolves when it answers HTTP. */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const tmp = options.tmp ?? scratchDir('gd-code-server-');
  const userDataDir = path.join(tmp, 'ud');
  const extensionsDir = options.extensionsDir ?? path.join(tmp, 'ext');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...CALM_SETTINGS, ...options.userSettings }, null, 2));
  const port = await freePort();
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  let out = '';
  const proc: ChildProcess = spawn(process.execPath, args, {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
    detached: true, // its own process group, so stop() ends the extension host too
  });
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited (${proc.exitCode}) before answering:\n${out}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(proc);
      throw new Error(`code-server did not answer on ${origin} within ${options.timeoutMs ?? 60_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    authority: `127.0.0.1:${port}`,
    origin,
    userDataDir,
    extensionsDir,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        killGroup(proc);
        const t = setTimeout(() => killGroup(proc, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      if (!options.tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal); // the group we created with detached: true
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The workbench URL for a folder, with the extension-test payload when given. */
export function workbenchUrl(cs: CodeServer, folder: string, payload?: [string, string][]): string {
  let url = `${cs.origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A vscode-remote:// URI of an absolute path on the code-server machine. */
export function remoteUri(cs: CodeServer, absPath: string): string {
  return `vscode-remote://${cs.authority}${absPath}`;
}

/** Runs the code-server CLI (e.g. --install-extension) against the given dirs. */
export function codeServerCli(args: string[], userDataDir: string, extensionsDir: string): string {
  const entry = ensureCodeServer();
  const r = spawnSync(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status}):\n${out}`);
  return out;
}
