// The language server session: wires the connection to documents, settings, workspace facts,
// the lint cache, diagnostics (pull, or debounced push) and code actions / commands.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ExecuteCommandParams,
  type InitializeParams,
  type ClientCapabilities,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigProblem } from '../engine/config';
import { findModuleRoot, scanWorkspace, WorkspaceCache } from '../workspace';
import { loadConfig } from '../workspace/config';
import { clientFeatures, serverCapabilities, WATCHED_GLOBS, type ClientFeatures } from './capabilities';
import { codeActionCommands, codeActions, fixAllEdit, parseApplyFixArgs, workspaceEdit } from './code-actions';
import { APPLY_FIX, FIX_ALL, GENERATE, SECTION, SHOW_RULE_DOC } from './commands';
import { toDiagnostics } from './diagnostics';
import { Linter, type LintResult } from './documents';
import { LintPool, StaleLint } from './lint-pool';
import { FactsProvider, type FactsSource, type ModuleRootFinder } from './facts';
import { runGenerateCommand } from './generate';
import { PushScheduler } from './push';
import { SettingsStore } from './settings';

export type CommandHandler = (args: unknown[]) => Promise<unknown>;

export interface SessionOptions {
  /** Workspace facts cache (default: a WorkspaceCache scanning with the folder as search stop). */
  facts?: FactsSource;
  findModuleRoot?: ModuleRootFinder;
  /** How long a lint waits for a running workspace scan before linting without facts. */
  factsWaitMs?: number;
  /** Push-mode debounce. */
  pushDelayMs?: number;
  /**
   * The lint worker script for large documents (default: lint-worker.js next to the bundle, when it
   * exists); false lints every document on the server's thread.
   */
  lintWorker?: string | false;
}

/** dist/lint-worker.js next to dist/server.js; undefined when running from the sources. */
function defaultLintWorker(): string | undefined {
  const script = path.join(__dirname, 'lint-worker.js');
  return existsSync(script) ? script : undefined;
}

function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function message(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly settings: SettingsStore;
  private readonly facts: FactsProvider;
  private readonly linter: Linter;
  private readonly push: PushScheduler;
  private readonly commands = new Map<string, CommandHandler>();
  private client: ClientFeatures = clientFeatures({});
  private capabilities: ClientCapabilities = {};
  private folders: string[] = [];
  private shuttingDown = false;

  constructor(
    private readonly connection: Connection,
    options: SessionOptions = {},
  ) {
    const logger = connection.console;
    this.settings = new SettingsStore(logger, undefined, { load: (dir) => loadConfig(dir), report: (file, problems) => this.configProblems(file, problems) });
    const cache =
      options.facts ??
      new WorkspaceCache({}, (root, scanOptions) => scanWorkspace(root, { ...scanOptions, moduleSearchStop: this.facts.folderFor(root) }));
    this.facts = new FactsProvider(cache, options.findModuleRoot ?? findModuleRoot, (m) => logger.warn(m), options.factsWaitMs);
    const worker = options.lintWorker === false ? undefined : (options.lintWorker ?? defaultLintWorker());
    this.linter = new Linter({
      settings: this.settings,
      facts: this.facts,
      logger,
      onFactsArrived: (uris) => this.factsArrived(uris),
      ...(worker !== undefined ? { pool: new LintPool(worker) } : {}),
    });
    this.push = new PushScheduler({ publish: (uri) => this.publish(uri), clear: (uri) => this.sendDiagnostics(uri, undefined, []) }, options.pushDelayMs);
    this.commands.set(SHOW_RULE_DOC, (args) => this.showRuleDoc(args));
    this.commands.set(FIX_ALL, (args) => this.fixAllCommand(args));
    this.commands.set(APPLY_FIX, (args) => this.applyFixCommand(args));
    this.commands.set(GENERATE, (args) =>
      runGenerateCommand(args, {
        scan: (root) => scanWorkspace(root, { moduleSearchStop: this.facts.folderFor(root) }),
        openDocument: (uri) => {
          const doc = this.documents.get(uri);
          return doc ? { text: doc.getText(), version: doc.version } : undefined;
        },
        // resourceOperations only exist inside documentChanges (Neovim announces them without documentChanges).
        canCreateFiles: () =>
          this.capabilities.workspace?.applyEdit === true && (this.capabilities.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create'),
        applyEdit: (label, edit) => this.connection.workspace.applyEdit({ label, edit }),
      }),
    );
  }

  /** Diagnostics on a .go-dockerfile.json (published even when the file is not open). */
  private readonly configWithProblems = new Set<string>();

  private configProblems(file: string, problems: ConfigProblem[]): void {
    const uri = pathToFileURL(file).toString();
    if (problems.length === 0 && !this.configWithProblems.has(uri)) return;
    if (problems.length === 0) this.configWithProblems.delete(uri);
    else this.configWithProblems.add(uri);
    const diagnostics = problems.map((p) => ({ range: p.range, severity: 1 as const, source: 'go-dockerfile', message: p.key ? `${p.key}: ${p.message}` : p.message }));
    void this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  /** Adds (or replaces) the handler of a command listed in SERVER_COMMANDS. */
  addCommand(id: string, handler: CommandHandler): void {
    this.commands.set(id, handler);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.initialized());
    c.onShutdown(() => {
      this.shuttingDown = true;
      this.push.dispose();
      void this.linter.dispose();
    });
    this.documents.onDidChangeContent((e) => {
      if (!this.client.pullDiagnostics) this.push.schedule(e.document.uri);
    });
    // Without file watchers nothing reports go.mod or Go source changes: re-read the facts when a document opens.
    this.documents.onDidOpen(() => {
      if (!this.client.dynamicWatchedFiles) this.facts.reset();
    });
    this.documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.linter.close(uri);
      this.settings.delete(uri);
      if (!this.client.pullDiagnostics) this.push.closed(uri);
    });
    c.languages.diagnostics.on((params, token) => this.pullDiagnostics(params, token));
    c.onCodeAction((params, token) => this.codeActions(params, token));
    c.onExecuteCommand((params) => this.executeCommand(params));
    c.onDidChangeConfiguration((change) => {
      if (this.client.configuration) this.settings.clear();
      else this.settings.setFallback(change.settings);
      this.linter.drop();
      this.relintAll();
    });
    c.onDidChangeWatchedFiles((params) => {
      let changed = false;
      for (const change of params.changes) {
        if (/\/\.go-dockerfile\.json$/.test(change.uri)) {
          this.settings.clear();
          changed = true;
          continue;
        }
        const dropped = this.facts.fileChanged(change.uri);
        changed = changed || dropped || /\/go\.(mod|work)$/.test(change.uri);
      }
      if (!changed) return;
      this.linter.drop();
      this.relintAll();
    });
    this.documents.listen(c);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.client = clientFeatures(params.capabilities);
    this.capabilities = params.capabilities;
    if (this.client.configuration) this.settings.setSource((scopeUri) => this.connection.workspace.getConfiguration({ scopeUri, section: SECTION }));
    this.settings.setInitializationOptions(params.initializationOptions);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    this.folders = folders.map((f) => f.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.facts.setWorkspaceFolders(this.folders);
    return { capabilities: serverCapabilities(this.client), serverInfo: { name: 'go-dockerfile' } };
  }

  private initialized(): void {
    const c = this.connection;
    const fail = (what: string) => (err: unknown) => c.console.warn(`go-dockerfile: could not register ${what}: ${message(err)}`);
    if (this.client.dynamicConfiguration) c.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(fail('didChangeConfiguration'));
    if (this.client.dynamicWatchedFiles) {
      c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch(fail('file watchers'));
    }
    if (this.client.workspaceFolders) {
      try {
        c.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          this.folders = [...this.folders.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
          this.facts.setWorkspaceFolders(this.folders);
          this.facts.reset();
          this.linter.drop();
          this.relintAll();
        });
      } catch (err) {
        fail('workspace folder changes')(err);
      }
    }
  }

  /** Lints the current version of an open document (cached per version). */
  private async lintDocument(doc: TextDocument, token?: CancellationToken): Promise<LintResult> {
    throwIfCancelled(token);
    try {
      return await this.linter.get(doc, () => throwIfCancelled(token));
    } catch (err) {
      // A newer lint of the document was queued in the worker: the client asks again.
      if (err instanceof StaleLint) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
      throw err;
    }
  }

  private async pullDiagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return empty;
    try {
      const result = await this.lintDocument(doc, token);
      if (this.documents.get(doc.uri)?.version !== result.version) {
        // The document moved on while we waited: ask the client to pull again.
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
      }
      return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(result) };
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      this.connection.console.error(`go-dockerfile: diagnostics for ${doc.uri} failed: ${message(err)}`);
      return empty;
    }
  }

  private async codeActions(params: CodeActionParams, token: CancellationToken): Promise<(CodeAction | Command)[]> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const result = await this.lintDocument(doc, token);
      if (this.documents.get(doc.uri)?.version !== result.version) return [];
      const req = { result, diagnostics: params.context.diagnostics ?? [], only: params.context.only, documentChanges: this.client.documentChanges };
      return this.client.codeActionLiterals ? codeActions(req) : codeActionCommands(req);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      this.connection.console.error(`go-dockerfile: code actions for ${doc.uri} failed: ${message(err)}`);
      return [];
    }
  }

  private async executeCommand(params: ExecuteCommandParams): Promise<unknown> {
    const handler = this.commands.get(params.command);
    if (!handler) {
      this.connection.console.warn(`go-dockerfile: unknown command ${params.command}`);
      return null;
    }
    try {
      return (await handler(params.arguments ?? [])) ?? null;
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      this.connection.console.error(`go-dockerfile: command ${params.command} failed: ${message(err)}`);
      return null;
    }
  }

  private async showRuleDoc(args: unknown[]): Promise<unknown> {
    const url = args[0];
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
      this.connection.console.warn(`go-dockerfile: ${SHOW_RULE_DOC} needs a documentation URL`);
      return null;
    }
    if (this.client.showDocument) {
      const r = await this.connection.window.showDocument({ uri: url, external: true });
      return { success: r.success };
    }
    this.connection.console.info(`go-dockerfile: documentation: ${url}`);
    return null;
  }

  private async applyFixCommand(args: unknown[]): Promise<unknown> {
    const fix = parseApplyFixArgs(args[0]);
    if (!fix) {
      this.connection.console.warn(`go-dockerfile: ${APPLY_FIX} needs [{uri, version, edit}]`);
      return { applied: false };
    }
    // Computed for another version: the client asks for code actions again.
    if (this.documents.get(fix.uri)?.version !== fix.version) return { applied: false };
    const r = await this.connection.workspace.applyEdit({ label: 'go-dockerfile fix', edit: fix.edit });
    return { applied: r.applied };
  }

  private async fixAllCommand(args: unknown[]): Promise<unknown> {
    const arg = args[0];
    const uri = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { uri?: unknown }).uri === 'string' ? (arg as { uri: string }).uri : undefined;
    const doc = uri === undefined ? undefined : this.documents.get(uri);
    if (!doc) return { applied: false };
    const result = await this.lintDocument(doc);
    if (doc.version !== result.version) return { applied: false };
    const edits = fixAllEdit(result);
    const edit = edits && workspaceEdit(result.uri, result.version, edits, this.client.documentChanges, result.root);
    if (!edit) return { applied: false };
    const r = await this.connection.workspace.applyEdit({ label: 'Fix all go-dockerfile problems', edit });
    return { applied: r.applied };
  }

  /** Push mode: lint and publish the document's current version. */
  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || this.shuttingDown) return;
    try {
      const result = await this.lintDocument(doc);
      const now = this.documents.get(uri);
      // Closed or edited meanwhile: the close or the next change publishes.
      if (!now || now.version !== result.version) return;
      this.sendDiagnostics(uri, result.version, toDiagnostics(result));
    } catch (err) {
      // Superseded by a newer version: its own publication follows.
      if (err instanceof ResponseError && err.code === LSPErrorCodes.ServerCancelled) return;
      this.connection.console.error(`go-dockerfile: diagnostics for ${uri} failed: ${message(err)}`);
    }
  }

  private sendDiagnostics(uri: string, version: number | undefined, diagnostics: ReturnType<typeof toDiagnostics>): void {
    if (this.shuttingDown) return;
    this.connection.sendDiagnostics({ uri, version, diagnostics }).catch((err: unknown) => this.connection.console.error(`go-dockerfile: publishing diagnostics failed: ${message(err)}`));
  }

  /** Settings or facts changed: pull clients are asked to pull again, push clients get new publications. */
  private relintAll(uris?: string[]): void {
    if (this.shuttingDown) return;
    if (this.client.pullDiagnostics) {
      if (!this.client.diagnosticRefresh) return;
      this.connection.languages.diagnostics.refresh().catch((err: unknown) => this.connection.console.warn(`go-dockerfile: diagnostic refresh failed: ${message(err)}`));
      return;
    }
    const open = new Set(this.documents.keys());
    for (const uri of uris ?? [...open]) if (open.has(uri)) this.push.schedule(uri);
  }

  private factsArrived(uris: string[]): void {
    if (uris.length > 0) this.relintAll(uris);
  }
}
