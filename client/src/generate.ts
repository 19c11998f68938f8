// "Generate Dockerfile": the user-facing side of the server's goDockerfile.generate command. The
// client only asks questions (folder, runtime, main package, dev target, what to do with an
// existing Dockerfile) and shows the result; the server scans the project, generates the texts and
// writes them with a workspace edit.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { GENERATE, SECTION } from '../../server/src/lsp/commands';
import type { GenerateCommandArgs, GenerateCommandResult, GeneratePreview, GenerateTarget } from '../../server/src/lsp/generate';

/** Arguments of the client command (all optional): with `nonInteractive` no question is asked. */
export interface GenerateUiOptions {
  folderUri?: string;
  runtime?: GenerateCommandArgs['runtime'];
  main?: string;
  allMains?: boolean;
  dev?: boolean;
  test?: boolean;
  cgoLink?: GenerateCommandArgs['cgoLink'];
  /** Needed to replace an existing Dockerfile without asking. */
  target?: GenerateTarget;
  nonInteractive?: boolean;
}

const PREVIEW_SCHEME = 'go-dockerfile-generated';

type Runtime = NonNullable<GenerateCommandArgs['runtime']>;

const RUNTIME_ITEMS: { runtime: Runtime; label: string; detail: string; cgoSafe: boolean }[] = [
  { runtime: 'distroless', label: 'Distroless', detail: 'gcr.io/distroless/static (base with glibc when cgo is required): CA certificates, tzdata, a nonroot user, no shell', cgoSafe: true },
  { runtime: 'scratch', label: 'Scratch', detail: 'An empty image holding only the static binary (CA certificates copied from the builder when needed)', cgoSafe: false },
  { runtime: 'alpine', label: 'Alpine', detail: 'busybox shell and apk, for programs that run other tools', cgoSafe: false },
];

/** Offered when cgo is required and its C code needs no shared library at run time. */
const STATIC_CGO_ITEM = {
  label: 'Distroless static, cgo linked statically',
  detail: 'Links glibc and the C libraries into the binary (-extldflags "-static", netgo/osusergo) and runs it on gcr.io/distroless/static: no libc in the image',
};

function isOptions(x: unknown): x is GenerateUiOptions {
  return typeof x === 'object' && x !== null && !(x instanceof vscode.Uri) && !Array.isArray(x);
}

async function pickFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (isOptions(arg) && typeof arg.folderUri === 'string') return vscode.Uri.parse(arg.folderUri);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]?.uri;
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Go Dockerfile: open the folder of a Go project first.');
    return undefined;
  }
  if (isOptions(arg) && arg.nonInteractive) return undefined;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Generate a Dockerfile for which folder?' });
  return picked?.uri;
}

/** A yes/no question as a QuickPick (undefined when dismissed). */
async function askYesNo(title: string, yes: string, no: string): Promise<boolean | undefined> {
  const items = [{ label: no, value: false }, { label: yes, value: true }];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: title });
  return picked?.value;
}

export function registerGenerateCommand(id: string, server: () => Promise<LanguageClient>, output: vscode.LogOutputChannel): vscode.Disposable {
  const previews = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' };

  async function call(args: GenerateCommandArgs): Promise<GenerateCommandResult> {
    const client = await server();
    return (await client.sendRequest(ExecuteCommandRequest.type, { command: GENERATE, arguments: [args] })) as GenerateCommandResult;
  }

  function report(result: GenerateCommandResult): void {
    if (result.kind === 'error') {
      output.warn(`Generate: ${result.message}`);
      void vscode.window.showErrorMessage(`Go Dockerfile: ${result.message}`);
      return;
    }
    for (const d of result.decisions) output.info(`Generate: ${d.topic}: ${d.choice} (${d.because})`);
    for (const w of result.warnings) output.warn(`Generate: ${w}`);
    if (result.warnings.length > 0) void vscode.window.showWarningMessage(`Go Dockerfile: ${result.warnings.join(' ')}`);
  }

  /** Runtime, main package and dev target, asked only when there is a choice to make. */
  async function ask(base: GenerateCommandArgs, first: GeneratePreview): Promise<GenerateCommandArgs | undefined> {
    const args = { ...base };
    if (args.runtime === undefined) {
      const configured = vscode.workspace.getConfiguration(SECTION, vscode.Uri.parse(args.folderUri)).get<Runtime>('runtime');
      const items: (vscode.QuickPickItem & { runtime: Runtime; cgoLink?: 'static' })[] = RUNTIME_ITEMS.filter((r) => !first.cgoRequired || r.cgoSafe).map((r) => ({
        label: r.label,
        description: r.runtime === configured ? '(goDockerfile.runtime)' : undefined,
        detail: r.detail,
        runtime: r.runtime,
      }));
      items.sort((a, b) => Number(b.runtime === configured) - Number(a.runtime === configured));
      if (first.cgoStaticLink && args.cgoLink === undefined) {
        items.push({ label: STATIC_CGO_ITEM.label, detail: STATIC_CGO_ITEM.detail, runtime: 'distroless', cgoLink: 'static' });
      }
      const title = first.cgoRequired ? 'Runtime image (cgo is required: a glibc runtime, or a static link)' : 'Runtime image';
      const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Runtime image of the final stage' });
      if (!picked) return undefined;
      args.runtime = picked.runtime;
      if (picked.cgoLink) args.cgoLink = picked.cgoLink;
    }
    if (args.main === undefined && args.allMains === undefined && first.mainPackages.length > 1) {
      const items: (vscode.QuickPickItem & { main?: string })[] = [
        ...first.mainPackages.map((m) => ({ label: m, main: m })),
        { label: '$(layers) One target per main package', detail: 'One build of every main package and a named runtime target per binary' },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: 'Main package', placeHolder: 'Which main package does the image run?' });
      if (!picked) return undefined;
      if (picked.main === undefined) args.allMains = true;
      else args.main = picked.main;
    }
    if (args.dev === undefined) {
      const dev = await askYesNo('Include a dev target (delve debugger)?', 'Include a dev target', 'No dev target');
      if (dev === undefined) return undefined;
      args.dev = dev;
    }
    return args;
  }

  /** An existing Dockerfile: show the diff and ask. */
  async function chooseTarget(folder: vscode.Uri, preview: GeneratePreview): Promise<GenerateTarget | undefined> {
    const existing = vscode.Uri.joinPath(folder, 'Dockerfile');
    const virtual = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${existing.path}.generated` });
    previews.set(virtual.toString(), preview.dockerfile);
    changed.fire(virtual);
    await vscode.commands.executeCommand('vscode.diff', existing, virtual, 'Dockerfile ↔ generated', { preview: true });
    const overwrite = 'Overwrite';
    const saveAs = 'Save as Dockerfile.generated';
    const answer = await vscode.window.showWarningMessage('This folder already has a Dockerfile.', { modal: true, detail: 'The diff shows the generated file next to the current one.' }, overwrite, saveAs);
    return answer === overwrite ? 'Dockerfile' : answer === saveAs ? 'Dockerfile.generated' : undefined;
  }

  async function run(arg?: unknown): Promise<GenerateCommandResult | undefined> {
    const options: GenerateUiOptions = isOptions(arg) ? arg : {};
    const folder = await pickFolder(arg);
    if (!folder) return undefined;
    let args: GenerateCommandArgs = { folderUri: folder.toString() };
    for (const k of ['runtime', 'main', 'allMains', 'dev', 'test', 'cgoLink', 'target'] as const) {
      if (options[k] !== undefined) (args as unknown as Record<string, unknown>)[k] = options[k];
    }
    if (args.runtime === undefined) {
      // An explicitly configured goDockerfile.runtime is the default; otherwise the generator decides.
      const inspected = vscode.workspace.getConfiguration(SECTION, folder).inspect<Runtime>('runtime');
      const explicit = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
      if (explicit !== undefined && options.nonInteractive) args.runtime = explicit;
    }
    let preview = await call({ ...args, dryRun: true });
    if (preview.kind !== 'preview') {
      report(preview);
      return preview;
    }
    if (!options.nonInteractive) {
      const answered = await ask(args, preview);
      if (!answered) return undefined;
      args = answered;
      const again = await call({ ...args, dryRun: true });
      if (again.kind !== 'preview') {
        report(again);
        return again;
      }
      preview = again;
      if (args.target === undefined && preview.exists.dockerfile) {
        const target = await chooseTarget(folder, preview);
        if (!target) return undefined;
        args.target = target;
      }
    }
    const result = await call(args);
    report(result);
    if (result.kind !== 'applied') return result;
    // workspace/applyEdit leaves the files dirty: save them, then show the Dockerfile.
    for (const uri of [result.dockerignoreUri, result.uri]) {
      if (uri === undefined) continue;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      if (doc.isDirty) await doc.save();
    }
    await vscode.window.showTextDocument(vscode.Uri.parse(result.uri));
    output.info(`Generate: wrote ${vscode.Uri.parse(result.uri).fsPath}${result.dockerignoreUri ? ` and ${vscode.Uri.parse(result.dockerignoreUri).fsPath}` : ''}`);
    return result;
  }

  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider),
    vscode.commands.registerCommand(id, run),
  );
}
