// Lint results per (uri, version): a document version is linted once, with its settings and
// workspace facts; the model is kept for code actions. Large documents are linted in the worker
// thread (lint-pool.ts): their results keep the instructions' outline instead of the model.
// Invalidations (settings, watched files, facts that arrived late) drop entries so the next request
// lints again.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, lintModel, lintTagSource, tagSourceKind, type Finding, type LintOptions, type Model, type Rule } from '../api';
import { SourceText } from '../engine/text';
import type { InstructionOutline } from './code-actions';
import type { FactsContext, FactsProvider } from './facts';
import { StaleLint, type LintPool } from './lint-pool';
import { DEFAULT_DOCUMENT_SETTINGS, type DocumentSettings, type Logger, type SettingsStore } from './settings';

/** A Makefile, script, compose, bake or CI file (GD007b's tag sources), by its workspace path or its URI's path. */
function tagPathOf(uri: string, ctx: FactsContext): string | undefined {
  return [ctx.dockerfilePath, uriPath(uri)].find((p) => p !== undefined && tagSourceKind(p) !== undefined);
}

export interface LintResult {
  uri: string;
  version: number;
  /** The exact text that was linted. */
  text: string;
  settings: DocumentSettings;
  /** False when goDockerfile.enable is false: no findings, no code actions. */
  enabled: boolean;
  findings: Finding[];
  /** The analysis model (undefined when disabled, when linting failed, or when linted in the worker). */
  model?: Model;
  /** Linted in the worker: the instructions' ranges and the lines (for "Ignore GDnnn for this instruction"). */
  outline?: InstructionOutline;
  /** The options lint ran with, reused to re-lint between fix passes. */
  lintOptions: LintOptions;
  /** The workspace root of the document (file: URIs only). */
  root?: string;
  /** Linted without facts because the scan was still running. */
  partial: boolean;
  /**
   * Set for a GD007b tag source (Makefile, script, compose, bake, CI workflow): how to lint it again
   * between fix passes (it has no Dockerfile model).
   */
  relint?: (text: string) => Finding[];
}

/** The path part of a URI (decoded), for telling a workflow or a Makefile by its name. */
function uriPath(uri: string): string | undefined {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

interface Entry {
  version: number;
  result: LintResult;
}

export interface LinterDeps {
  settings: SettingsStore;
  facts: FactsProvider;
  logger: Logger;
  /** Called when facts that were still being scanned arrive (the affected results were dropped). */
  onFactsArrived: (uris: string[]) => void;
  /** The rules to run (default: all); tests inject a failing rule (and then nothing runs in the worker). */
  rules?: readonly Rule[];
  /** Where large documents are linted (default: on the server's thread, like small ones). */
  pool?: LintPool;
}

/** Documents with more lines or characters than this are linted in the worker. */
export const WORKER_LINES = 400;
export const WORKER_CHARS = 32 * 1024;
/**
 * A document whose last two lints on the server's thread took longer than WORKER_AFTER_MS, or the
 * last one longer than WORKER_AFTER_ONE_MS, goes to the worker next time (one slow lint alone may be
 * a pause of the shared machine or the JIT warming up).
 */
export const WORKER_AFTER_MS = 20;
export const WORKER_AFTER_ONE_MS = 50;

/** True when the text is over the worker thresholds. Stops counting at the limit. */
export function largeText(text: string): boolean {
  if (text.length > WORKER_CHARS) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    if (++lines > WORKER_LINES) return true;
  }
  return false;
}

/**
 * Documents larger than this are not analysed (one of 10,000 lines already takes a few hundred
 * milliseconds, in the worker thread): one info diagnostic says so instead.
 */
export const MAX_LINT_LINES = 10_000;
export const MAX_LINT_BYTES = 1024 * 1024;

/** The reason a text is too large to analyse, or undefined. Stops counting at the limit. */
export function tooLarge(text: string): string | undefined {
  if (text.length > MAX_LINT_BYTES) return `${(text.length / (1024 * 1024)).toFixed(1)} MB, the limit is ${MAX_LINT_BYTES / (1024 * 1024)} MB`;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_LINT_LINES) return `more than ${MAX_LINT_LINES.toLocaleString('en')} lines`;
  }
  return undefined;
}

function tooLargeFinding(reason: string): Finding {
  return {
    code: 'GD000',
    name: 'file-too-large',
    severity: 'info',
    message: `go-dockerfile: file too large to analyse fully (${reason}); no rule ran on it.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

export class Linter {
  private readonly results = new Map<string, Entry>();
  private readonly failed = new Set<string>();
  /** Rules whose failure (a GD000 internal-error finding) was logged: once per rule, not per keystroke. */
  private readonly failedRules = new Set<string>();
  private readonly hooked = new WeakSet<Promise<void>>();
  /** Lints running in the worker, shared by the requests for the same version. */
  private readonly inflight = new Map<string, { version: number; promise: Promise<LintResult> }>();
  /** How many of the last lints of a document were slow (see WORKER_AFTER_MS); 2 sends it to the worker. */
  private readonly slow = new Map<string, number>();
  private crashLogged = false;
  /** Bumped on every invalidation: a result computed across one is not cached. */
  private generation = 0;

  constructor(private readonly deps: LinterDeps) {}

  /** The cached result for this exact version, if any. */
  peek(uri: string, version: number): LintResult | undefined {
    const e = this.results.get(uri);
    return e && e.version === version ? e.result : undefined;
  }

  /**
   * Lints the document's current version (once). `checkCancelled` runs after the asynchronous
   * preparation (settings, facts) and right before linting; it throws to abandon the request.
   */
  async get(doc: TextDocument, checkCancelled: () => void = () => undefined): Promise<LintResult> {
    const uri = doc.uri;
    const version = doc.version;
    const text = doc.getText();
    const hit = this.peek(uri, version);
    if (hit) return hit;
    const flying = this.inflight.get(uri);
    if (flying?.version === version) return flying.promise;
    const generation = this.generation;
    const settings = await this.deps.settings.get(uri).catch(() => DEFAULT_DOCUMENT_SETTINGS);
    const ctx: FactsContext = settings.enable ? await this.deps.facts.resolve(uri).catch((err: unknown) => this.factsFailed(uri, err)) : {};
    checkCancelled();
    // Another request may have linted this version while we waited.
    const again = this.peek(uri, version);
    if (again) return again;
    const flyingNow = this.inflight.get(uri);
    if (flyingNow?.version === version) return flyingNow.promise;
    if (ctx.pending) this.hook(ctx.pending);
    const pool = this.deps.pool;
    if (pool && this.offThread(uri, text, settings, ctx)) {
      const promise = this.lintInWorker(pool, uri, version, text, settings, ctx);
      const entry = { version, promise };
      this.inflight.set(uri, entry);
      try {
        const result = await promise;
        if (generation === this.generation) this.results.set(uri, { version, result });
        return result;
      } finally {
        if (this.inflight.get(uri) === entry) this.inflight.delete(uri);
      }
    }
    const result = this.lint(uri, version, text, settings, ctx);
    if (generation === this.generation) this.results.set(uri, { version, result });
    return result;
  }

  /** Shutdown: terminates the worker. */
  async dispose(): Promise<void> {
    await this.deps.pool?.dispose();
  }

  /** A Dockerfile to analyse that is large (or was slow on this thread): the worker lints it. */
  private offThread(uri: string, text: string, settings: DocumentSettings, ctx: FactsContext): boolean {
    if (!settings.enable || this.deps.rules || tagPathOf(uri, ctx) !== undefined) return false;
    if ((this.slow.get(uri) ?? 0) < 2 && !largeText(text)) return false;
    return tooLarge(text) === undefined;
  }

  private async lintInWorker(pool: LintPool, uri: string, version: number, text: string, settings: DocumentSettings, ctx: FactsContext): Promise<LintResult> {
    const lintOptions: LintOptions = { settings: settings.engine, facts: ctx.facts, dockerfilePath: ctx.dockerfilePath };
    const base = { uri, version, text, settings, enabled: true, lintOptions, root: ctx.root, partial: ctx.pending !== undefined };
    let reply;
    try {
      reply = await pool.lint(uri, { text, settings: settings.engine, facts: ctx.facts, dockerfilePath: ctx.dockerfilePath });
    } catch (err) {
      if (err instanceof StaleLint) throw err;
      // The worker died (it is restarted for the next lint): this one runs here, once.
      if (!this.crashLogged) {
        this.crashLogged = true;
        this.deps.logger.error(`go-dockerfile: the lint worker failed (${err instanceof Error ? err.message : String(err)}); linting ${uri} on the server's thread (logged once).`);
      }
      return this.lint(uri, version, text, settings, ctx);
    }
    if ('error' in reply) {
      if (!this.failed.has(uri)) {
        this.failed.add(uri);
        this.deps.logger.error(`go-dockerfile: linting ${uri} failed; reporting no problems for it. Please report this.\n${reply.error}`);
      }
      return { ...base, findings: [] };
    }
    this.failed.delete(uri);
    if (reply.ms <= WORKER_AFTER_MS) this.slow.delete(uri);
    this.logRuleFailures(uri, reply.findings);
    const outline: InstructionOutline = { instructions: reply.instructions.map((range) => ({ range })), src: new SourceText(text) };
    return { ...base, findings: reply.findings, outline };
  }

  /** Drops the result of one document, or of every document. */
  drop(uri?: string): void {
    this.generation++;
    if (uri === undefined) {
      this.results.clear();
      this.inflight.clear();
    } else {
      this.results.delete(uri);
      this.inflight.delete(uri);
    }
  }

  /** The document was closed: forget everything about it. */
  close(uri: string): void {
    this.drop(uri);
    this.failed.delete(uri);
    this.slow.delete(uri);
  }

  private lint(uri: string, version: number, text: string, settings: DocumentSettings, ctx: FactsContext): LintResult {
    const lintOptions: LintOptions = { settings: settings.engine, facts: ctx.facts, dockerfilePath: ctx.dockerfilePath };
    const base = { uri, version, text, settings, enabled: settings.enable, lintOptions, root: ctx.root, partial: ctx.pending !== undefined };
    if (!settings.enable) return { ...base, findings: [] };
    const large = tooLarge(text);
    if (large !== undefined) return { ...base, findings: [tooLargeFinding(large)] };
    // A Makefile, script, compose, bake or CI file: GD007b's tag-source linter, by its workspace path.
    // The workspace path decides; the URI's path when the root is the file's own directory (no go.mod).
    const tagPath = tagPathOf(uri, ctx);
    if (tagPath !== undefined) {
      const relint = (t: string): Finding[] => lintTagSource(tagPath, t, { settings: settings.engine, ...(ctx.facts ? { facts: ctx.facts } : {}) });
      try {
        return { ...base, findings: relint(text), relint };
      } catch (err) {
        this.deps.logger.error(`go-dockerfile: linting ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { ...base, findings: [] };
      }
    }
    if (this.deps.rules) lintOptions.rules = this.deps.rules;
    try {
      const started = performance.now();
      const model = buildModel(text, { facts: ctx.facts, dockerfilePath: ctx.dockerfilePath });
      const findings = lintModel(model, lintOptions).filter((f) => f.file === undefined);
      const ms = performance.now() - started;
      if (ms > WORKER_AFTER_ONE_MS) this.slow.set(uri, 2);
      else if (ms > WORKER_AFTER_MS) this.slow.set(uri, (this.slow.get(uri) ?? 0) + 1);
      else this.slow.delete(uri);
      this.failed.delete(uri);
      this.logRuleFailures(uri, findings);
      return { ...base, findings, model };
    } catch (err) {
      if (!this.failed.has(uri)) {
        this.failed.add(uri);
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        this.deps.logger.error(`go-dockerfile: linting ${uri} failed; reporting no problems for it. Please report this.\n${detail}`);
      }
      return { ...base, findings: [] };
    }
  }

  private logRuleFailures(uri: string, findings: Finding[]): void {
    for (const f of findings) {
      if (f.code !== 'GD000' || f.name !== 'internal-error') continue;
      const rule = /rule (\S+) failed/.exec(f.message)?.[1] ?? f.message;
      if (this.failedRules.has(rule)) continue;
      this.failedRules.add(rule);
      this.deps.logger.error(`${f.message} (first seen on ${uri}; logged once)`);
    }
  }

  private factsFailed(uri: string, err: unknown): FactsContext {
    this.deps.logger.warn(`go-dockerfile: no workspace facts for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    return {};
  }

  /** When late facts arrive: drop the results linted without them and tell the session. */
  private hook(pending: Promise<void>): void {
    if (this.hooked.has(pending)) return;
    this.hooked.add(pending);
    void pending.then(() => {
      const uris = [...this.results].filter(([, e]) => e.result.partial).map(([u]) => u);
      for (const u of uris) this.results.delete(u);
      this.generation++;
      this.deps.onFactsArrived(uris);
    });
  }
}
