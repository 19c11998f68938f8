// The VS Code extension: a thin client. It starts the language server (dist/server.js) over IPC and
// registers a few client-only commands that call the server. Linting, fixes, rule metadata and the
// Dockerfile generator all live in the server, so every LSP editor gets the same behaviour.
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FIX_ALL } from '../../server/src/lsp/commands';
import { registerGenerateCommand } from './generate';
import { showRuleDocPicker } from './rule-docs';

/** Client-only command ids (the server's own ids are registered by the language client). */
export const CLIENT_COMMANDS = {
  generate: 'goDockerfile.generateDockerfile',
  fixAllActive: 'goDockerfile.fixAllActive',
  showRuleDocPicker: 'goDockerfile.showRuleDocPicker',
  restartServer: 'goDockerfile.restartServer',
} as const;

/** File patterns linted whatever language they were given (see also contributes.languages). */
export const DOCKERFILE_PATTERNS = ['**/Dockerfile*', '**/*.Dockerfile', '**/*.dockerfile', '**/Containerfile*'];

/**
 * GD007b tag sources: the files that build and tag the project's images, by language and restricted
 * to their file names (the server picks the syntax by path). HCL has no built-in language, so bake
 * files also match by pattern alone.
 */
export const TAG_SOURCE_FILTERS: { language?: string; pattern: string }[] = [
  { language: 'makefile', pattern: '**/{Makefile,makefile,GNUmakefile,*.mk}' },
  { language: 'shellscript', pattern: '**/*.sh' },
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'dockercompose', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'yaml', pattern: '**/.github/workflows/*.{yml,yaml}' },
  { language: 'yaml', pattern: '**/.gitlab-ci.{yml,yaml}' },
  { language: 'hcl', pattern: '**/docker-bake*.hcl' },
  { pattern: '**/docker-bake*.hcl' },
];

/** What activate() returns: used by the in-editor tests, harmless for everyone else. */
export interface GoDockerfileApi {
  readonly client: LanguageClient;
  /** Resolves when the server answered `initialize` (rejects when it could not start). */
  readonly ready: Promise<void>;
  /** Milliseconds from activate() to the server being ready, once ready. */
  serverReadyMs(): number | undefined;
}

let client: LanguageClient | undefined;

/** `Dockerfile*` patterns also match `Dockerfile.dockerignore`, which is not a Dockerfile. */
function isDockerignore(uri: vscode.Uri): boolean {
  return /\.dockerignore$/i.test(uri.path);
}

export function activate(context: vscode.ExtensionContext): GoDockerfileApi {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel('Go Dockerfile', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const selector: vscode.DocumentFilter[] = [
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'untitled', language: 'dockerfile' },
    ...DOCKERFILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ...TAG_SOURCE_FILTERS.map((f) => ({ scheme: 'file', ...f })),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector.map((f) => ({ ...f }) as { scheme: string; language?: string; pattern?: string }),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Settings are pulled (workspace/configuration); the server registers for their changes itself.
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      didOpen: (document, next) => (isDockerignore(document.uri) ? Promise.resolve() : next(document)),
    },
  };
  const languageClient = new LanguageClient('goDockerfile', 'Go Dockerfile', serverOptions, clientOptions);
  client = languageClient;

  let readyMs: number | undefined;
  const ready = languageClient.start().then(() => {
    readyMs = Date.now() - activatedAt;
    output.info(`Server ready in ${readyMs} ms (extension activation to initialized).`);
  });
  ready.catch((err: unknown) => {
    output.error(`The go-dockerfile server could not start: ${err instanceof Error ? err.message : String(err)}`);
    output.show(true);
  });

  context.subscriptions.push(
    registerGenerateCommand(CLIENT_COMMANDS.generate, () => ready.then(() => languageClient), output),
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixAllActive, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || vscode.languages.match(selector, editor.document) === 0 || isDockerignore(editor.document.uri)) {
        void vscode.window.showInformationMessage('Go Dockerfile: open a Dockerfile to fix its problems.');
        return undefined;
      }
      await ready;
      return vscode.commands.executeCommand(FIX_ALL, editor.document.uri.toString());
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showRuleDocPicker, () => showRuleDocPicker(context)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      output.info('Restarting the server…');
      await languageClient.restart();
    }),
  );

  return { client: languageClient, ready, serverReadyMs: () => readyMs };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
