// A small LSP test client: spawns the built server (node dist/server.js --stdio, or another
// transport: see the channel functions), speaks JSON-RPC through vscode-languageserver-protocol, answers the server's requests (workspace/configuration
// from a mutable settings object, client/registerCapability, workspace/diagnostic/refresh,
// window/showDocument, workspace/applyEdit) and records what the server sends, so tests can wait
// on events with a timeout instead of sleeping.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createClientPipeTransport,
  createClientSocketTransport,
  createProtocolConnection,
  generateRandomPipeName,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowDocumentParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');

/** A started server process and the JSON-RPC streams to talk to it. */
export interface ServerChannel {
  proc: ChildProcess;
  reader: MessageReader;
  writer: MessageWriter;
}

/**
 * The server over stdin/stdout: `node dist/server.js <args>`, or with `direct` the file itself is
 * executed (its shebang and executable bit).
 */
export function stdioChannel(args: string[] = ['--stdio'], direct = false): ServerChannel {
  const proc = direct ? spawn(SERVER_JS, args, { stdio: ['pipe', 'pipe', 'pipe'] }) : spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  return { proc, reader: new StreamMessageReader(proc.stdout!), writer: new StreamMessageWriter(proc.stdin!) };
}

/** The server forked with `--node-ipc`: messages travel over the Node IPC channel. */
export function nodeIpcChannel(): ServerChannel {
  const proc = fork(SERVER_JS, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  return { proc, reader: new IPCMessageReader(proc), writer: new IPCMessageWriter(proc) };
}

/** The client listens on a loopback port (or a pipe) and the server, started with --socket=PORT (--pipe=NAME), connects. */
export async function socketChannel(kind: 'socket' | 'pipe' = 'socket'): Promise<ServerChannel> {
  let arg: string;
  let connected: Promise<[MessageReader, MessageWriter]>;
  if (kind === 'socket') {
    const transport = await createClientSocketTransport(0);
    arg = `--socket=${transport.port()}`;
    connected = transport.onConnected();
  } else {
    const name = generateRandomPipeName();
    const transport = await createClientPipeTransport(name);
    arg = `--pipe=${name}`;
    connected = transport.onConnected();
  }
  const proc = spawn(process.execPath, [SERVER_JS, arg], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    const [reader, writer] = await withTimeout(connected, 10_000, `the server to connect (${arg})`);
    return { proc, reader, writer };
  } catch (err) {
    proc.kill();
    throw new Error(`${err instanceof Error ? err.message : String(err)}; server stderr: ${stderr}`);
  }
}

export interface ClientOptions {
  /** Advertise textDocument/diagnostic (pull) — otherwise the server publishes. */
  pull: boolean;
  /** The "goDockerfile" settings section; tests may change `client.settings` later. */
  settings?: Record<string, unknown>;
  workspaceFolders?: WorkspaceFolder[];
  /** Replaces the default capabilities entirely. */
  capabilities?: ClientCapabilities;
  /** Sent as initializationOptions. */
  initializationOptions?: unknown;
  /** The rootUri sent when there are no workspace folders (default: the first folder's URI, else null). */
  rootUri?: string | null;
}

export function clientCapabilities(pull: boolean): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: false,
        isPreferredSupport: true,
        dataSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'] } },
      },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: {
      configuration: true,
      applyEdit: true,
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    window: { showDocument: { support: true } },
  };
}

/** Rejects after `ms` with a message naming what was awaited. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly proc: ChildProcess;
  settings: Record<string, unknown>;
  /** Errors of the JSON-RPC reader/writer: anything but JSON-RPC on stdout shows up here. */
  readonly protocolErrors: Error[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly showDocuments: ShowDocumentParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly configurationScopes: (string | undefined)[] = [];
  refreshCount = 0;
  stderr = '';
  exitCode: number | null | undefined;
  private readonly events = new EventEmitter();
  private readonly exited: Promise<number | null>;

  constructor(
    readonly options: ClientOptions,
    channel: ServerChannel = stdioChannel(),
  ) {
    this.settings = options.settings ?? {};
    this.proc = channel.proc;
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      });
    });
    this.proc.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    const { reader, writer } = channel;
    reader.onError((e) => this.protocolErrors.push(e));
    writer.onError(([e]) => this.protocolErrors.push(e));
    const c = createProtocolConnection(reader, writer);
    this.connection = c;
    c.onError(([e]) => this.protocolErrors.push(e));
    c.onRequest(ConfigurationRequest.type, (params) => {
      this.events.emit('configuration');
      return params.items.map((item) => {
        this.configurationScopes.push(item.scopeUri);
        return item.section === 'goDockerfile' ? this.settings : null;
      });
    });
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.events.emit('registration');
    });
    c.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshCount++;
      this.events.emit('refresh');
    });
    c.onRequest(ShowDocumentRequest.type, (params) => {
      this.showDocuments.push(params);
      this.events.emit('showDocument');
      return { success: true };
    });
    c.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      this.events.emit('applyEdit');
      return { applied: true };
    });
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publications.push(params);
      this.events.emit('publish');
    });
    c.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.events.emit('log');
    });
    c.listen();
  }

  /** Waits until `check` returns something other than undefined, re-checking on every event. */
  waitFor<T>(check: () => T | undefined, what: string, ms = 10_000): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    let listener: (() => void) | undefined;
    const found = new Promise<T>((resolve) => {
      listener = () => {
        const v = check();
        if (v !== undefined) resolve(v);
      };
      for (const e of ['configuration', 'registration', 'refresh', 'showDocument', 'applyEdit', 'publish', 'log']) this.events.on(e, listener);
    });
    return withTimeout(found, ms, what).finally(() => {
      if (listener) for (const e of this.events.eventNames()) this.events.off(e, listener);
    });
  }

  /** Waits for the next refresh request after the call. */
  nextRefresh(ms = 10_000): Promise<number> {
    const target = this.refreshCount + 1;
    return this.waitFor(() => (this.refreshCount >= target ? this.refreshCount : undefined), 'workspace/diagnostic/refresh', ms);
  }

  /** Waits for a publication for `uri` satisfying `predicate` (counting from `from`). */
  waitForPublication(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, what: string, from = 0, ms = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.publications.slice(from).find((p) => p.uri === uri && predicate(p)), what, ms);
  }

  async initialize(workspaceFolders = this.options.workspaceFolders): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceFolders?.[0]?.uri ?? this.options.rootUri ?? null,
      workspaceFolders: workspaceFolders ?? null,
      capabilities: this.options.capabilities ?? clientCapabilities(this.options.pull),
      ...(this.options.initializationOptions !== undefined ? { initializationOptions: this.options.initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'dockerfile'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async pull(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, token);
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }).then((r) => r ?? []);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Changes the settings the client answers with and notifies the server. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { goDockerfile: settings } });
  }

  watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** shutdown, then exit: resolves with the process exit code. */
  async shutdown(ms = 10_000): Promise<number | null> {
    await withTimeout(this.connection.sendRequest(ShutdownRequest.type), ms, 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    return withTimeout(this.exited, ms, 'process exit');
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Kills the process if it is still running (after a failed test). */
  dispose(): void {
    this.connection.dispose();
    if (this.alive) this.proc.kill();
  }
}

/** The edits of a code action's WorkspaceEdit for one document (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...dc.edits.filter((e): e is TextEdit => 'range' in e));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** The versions a WorkspaceEdit's TextDocumentEdits are pinned to. */
export function editVersions(edit: WorkspaceEdit | undefined): (number | null)[] {
  return (edit?.documentChanges ?? []).flatMap((dc) => ('textDocument' in dc ? [dc.textDocument.version] : []));
}

/**
 * Incremental content changes for non-overlapping edits: sent from the last to the first, so the
 * positions of the earlier ones stay valid while the server applies them in order.
 */
export function toContentChanges(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
}

export function isCodeAction(x: CodeAction | Command): x is CodeAction {
  return typeof (x as Command).command !== 'string';
}
