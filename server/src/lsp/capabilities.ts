// What the client can do (read once from initialize) and what the server advertises in return.
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { FIX_ALL_KIND, SERVER_COMMANDS, SOURCE } from './commands';

export interface ClientFeatures {
  /** textDocument/diagnostic: pull diagnostics instead of publishing them. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh. */
  diagnosticRefresh: boolean;
  /** workspace/configuration. */
  configuration: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchedFiles: boolean;
  codeActionLiterals: boolean;
  documentChanges: boolean;
  showDocument: boolean;
  workspaceFolders: boolean;
}

export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    configuration: caps.workspace?.configuration === true,
    dynamicConfiguration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    dynamicWatchedFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    codeActionLiterals: caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    showDocument: caps.window?.showDocument?.support === true,
    workspaceFolders: caps.workspace?.workspaceFolders === true,
  };
}

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  const caps: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: client.codeActionLiterals
      ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false }
      : true,
    executeCommandProvider: { commands: [...SERVER_COMMANDS] },
  };
  if (client.pullDiagnostics) {
    caps.diagnosticProvider = { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false };
  }
  if (client.workspaceFolders) {
    caps.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  }
  return caps;
}

/** Files whose change alters the workspace facts (registered when the client allows it). */
export const WATCHED_GLOBS: readonly string[] = [
  '**/go.mod',
  '**/go.sum',
  '**/go.work',
  '**/*.go',
  // cgo's C sources: their calls decide whether a fully static link is offered.
  '**/*.{c,h,cc,cpp,cxx,hh,hpp}',
  '**/.dockerignore',
  '**/*.dockerignore',
  '**/vendor/modules.txt',
  '**/Makefile',
  '**/.goreleaser.y*ml',
  '**/.go-dockerfile.json',
];
