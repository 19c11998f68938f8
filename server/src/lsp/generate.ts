// The goDockerfile.generate command: "Generate Dockerfile for this Go project" over LSP, so every
// editor gets it. Arguments: [GenerateCommandArgs]. With dryRun it returns a preview (the texts,
// the decisions, what the client needs to ask the user), and so it does for a client that cannot
// create files (with `notWritten` saying why); otherwise it writes through
// workspace/applyEdit: a new Dockerfile (CreateFile + insert), an explicit overwrite of the chosen
// target, and append-only lines for an existing .dockerignore. It never overwrites silently: an
// existing Dockerfile without an explicit `target` is an error result asking the client to choose.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CreateFile, Position, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { WorkspaceFacts } from '../engine/facts';
import { staticCgoBlocker } from '../engine/static-cgo';
import { effectiveDockerignore, generate, GenerateError, type Decision, type GenerateResult, type RuntimeKind } from '../generator';
import { pathToUri, uriToPath } from './facts';

export const GENERATE_TARGETS = ['Dockerfile', 'Dockerfile.generated'] as const;
export type GenerateTarget = (typeof GENERATE_TARGETS)[number];

export interface GenerateCommandArgs {
  /** The folder that gets the Dockerfile (the build context). */
  folderUri: string;
  runtime?: RuntimeKind;
  /** Main package to build ('./cmd/app', 'cmd/app' or '.'). */
  main?: string;
  /** One build of every main package and one runtime target per binary. */
  allMains?: boolean;
  dev?: boolean;
  test?: boolean;
  /** How a cgo binary is linked: 'dynamic' (default, glibc runtime) or 'static' (static runtime). */
  cgoLink?: 'dynamic' | 'static';
  /** Required when <folder>/Dockerfile exists; 'Dockerfile' then means "overwrite it". */
  target?: GenerateTarget;
  /** Compute and return the texts, write nothing. */
  dryRun?: boolean;
}

/** The generator's result (Dockerfile, .dockerignore text, decisions, warnings) and what the client needs to show it. */
export interface GeneratePreview extends GenerateResult {
  kind: 'preview';
  /** The file the Dockerfile would be written to (target, or "Dockerfile"). */
  target: GenerateTarget;
  /** The main packages found, as `go build` package arguments ('.' or './cmd/app'). */
  mainPackages: string[];
  cgoRequired: boolean;
  /** cgo is required and nothing in its C code stops a fully static link (cgoLink 'static' would be taken). */
  cgoStaticLink: boolean;
  exists: { dockerfile: boolean; dockerignore: boolean; target: boolean };
  /** Set when the command was asked to write but the client cannot create files: write the texts yourself. */
  notWritten?: string;
}

export interface GenerateApplied {
  kind: 'applied';
  /** The Dockerfile written. */
  uri: string;
  /** The .dockerignore created or appended to, when it changed. */
  dockerignoreUri?: string;
  decisions: Decision[];
  warnings: string[];
}

export interface GenerateFailure {
  kind: 'error';
  /** exists: a Dockerfile is there and no target was given (ask the user: overwrite or Dockerfile.generated). */
  error: 'exists' | 'invalid-arguments' | 'no-module' | 'not-applied';
  message: string;
  /** For 'exists': the existing file. */
  uri?: string;
}

export type GenerateCommandResult = GeneratePreview | GenerateApplied | GenerateFailure;

export interface GenerateDeps {
  /** A fresh scan of a folder (the build context). */
  scan(root: string): Promise<WorkspaceFacts>;
  /** The text and version of a document the client has open, if it is open. */
  openDocument(uri: string): { text: string; version: number } | undefined;
  /** Whether the client applies workspace edits with CreateFile. */
  canCreateFiles(): boolean;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }>;
}

const RUNTIMES: readonly string[] = ['distroless', 'scratch', 'alpine'];

function fail(error: GenerateFailure['error'], message: string, uri?: string): GenerateFailure {
  return uri === undefined ? { kind: 'error', error, message } : { kind: 'error', error, message, uri };
}

/** Type-guards the command argument; a string is taken as the folder URI. */
export function parseGenerateArgs(raw: unknown): GenerateCommandArgs | string {
  if (typeof raw === 'string') return { folderUri: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'the argument must be {folderUri, runtime?, main?, allMains?, dev?, test?, cgoLink?, target?, dryRun?}';
  const r = raw as Record<string, unknown>;
  if (typeof r.folderUri !== 'string' || r.folderUri === '') return 'folderUri must be a file: URI string';
  if (r.runtime !== undefined && r.runtime !== null && !(typeof r.runtime === 'string' && RUNTIMES.includes(r.runtime))) return `runtime must be one of ${RUNTIMES.join(', ')}`;
  if (r.main !== undefined && r.main !== null && typeof r.main !== 'string') return 'main must be a package path such as ./cmd/app';
  for (const k of ['allMains', 'dev', 'test', 'dryRun'] as const) {
    if (r[k] !== undefined && r[k] !== null && typeof r[k] !== 'boolean') return `${k} must be true or false`;
  }
  if (r.cgoLink !== undefined && r.cgoLink !== null && r.cgoLink !== 'dynamic' && r.cgoLink !== 'static') return 'cgoLink must be dynamic or static';
  if (r.target !== undefined && r.target !== null && !(GENERATE_TARGETS as readonly unknown[]).includes(r.target)) return `target must be one of ${GENERATE_TARGETS.join(', ')}`;
  const args: GenerateCommandArgs = { folderUri: r.folderUri };
  if (typeof r.runtime === 'string') args.runtime = r.runtime as RuntimeKind;
  if (typeof r.main === 'string') args.main = r.main;
  if (typeof r.allMains === 'boolean') args.allMains = r.allMains;
  if (typeof r.dev === 'boolean') args.dev = r.dev;
  if (typeof r.test === 'boolean') args.test = r.test;
  if (r.cgoLink === 'dynamic' || r.cgoLink === 'static') args.cgoLink = r.cgoLink;
  if (typeof r.target === 'string') args.target = r.target as GenerateTarget;
  if (typeof r.dryRun === 'boolean') args.dryRun = r.dryRun;
  return args;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The position after the last character of `text` (UTF-16 columns, as LSP wants). */
export function endPosition(text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
}

export async function runGenerateCommand(rawArgs: unknown[], deps: GenerateDeps): Promise<GenerateCommandResult> {
  const args = parseGenerateArgs(rawArgs[0]);
  if (typeof args === 'string') return fail('invalid-arguments', `goDockerfile.generate: ${args}`);
  const folder = uriToPath(args.folderUri);
  if (folder === undefined) return fail('invalid-arguments', `goDockerfile.generate: ${args.folderUri} is not a file: URI`);
  const stat = await fsp.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) return fail('invalid-arguments', `goDockerfile.generate: ${folder} is not a folder`);

  const target: GenerateTarget = args.target ?? 'Dockerfile';
  const facts = await deps.scan(folder);
  const existingDockerignore = effectiveDockerignore(facts, target);
  let result;
  try {
    result = generate(facts, {
      runtime: args.runtime,
      main: args.main,
      allMains: args.allMains,
      dev: args.dev,
      test: args.test,
      cgoLink: args.cgoLink,
      existingDockerignore,
    });
  } catch (err) {
    if (err instanceof GenerateError) return fail('no-module', err.message);
    throw err;
  }

  const dockerfilePath = path.join(folder, 'Dockerfile');
  const targetPath = path.join(folder, target);
  const dockerignorePath = path.join(folder, result.dockerignoreFile);
  const exists = {
    dockerfile: (await readText(dockerfilePath)) !== undefined,
    dockerignore: existingDockerignore !== undefined,
    target: (await readText(targetPath)) !== undefined,
  };
  const preview: GeneratePreview = {
    kind: 'preview',
    target,
    dockerfile: result.dockerfile,
    dockerignore: result.dockerignore,
    dockerignoreFile: result.dockerignoreFile,
    dockerignoreAppend: result.dockerignoreAppend,
    decisions: result.decisions,
    warnings: result.warnings,
    mainPackages: [...facts.mainPackages].map((m) => (m.dir === '' ? '.' : `./${m.dir}`)).sort(),
    cgoRequired: facts.cgo.required,
    cgoStaticLink: facts.cgo.required && staticCgoBlocker(facts) === undefined,
    exists,
  };
  if (args.dryRun) return preview;
  if (!deps.canCreateFiles()) {
    return { ...preview, notWritten: 'the client cannot apply workspace edits that create files (workspace.applyEdit and workspaceEdit.resourceOperations "create"): write the returned texts yourself.' };
  }

  const targetUri = pathToUri(targetPath);
  if (args.target === undefined && exists.dockerfile) {
    return fail('exists', `${dockerfilePath} already exists: choose target "Dockerfile" to overwrite it or "Dockerfile.generated" to write next to it.`, targetUri);
  }

  const changes: (CreateFile | TextDocumentEdit)[] = [];
  if (exists.target) {
    // An explicit choice: replace the whole current text (the open document's, when it is open).
    const open = deps.openDocument(targetUri);
    const current = open?.text ?? (await readText(targetPath)) ?? '';
    changes.push({ textDocument: { uri: targetUri, version: open?.version ?? null }, edits: [{ range: { start: { line: 0, character: 0 }, end: endPosition(current) }, newText: result.dockerfile }] });
  } else {
    changes.push({ kind: 'create', uri: targetUri, options: { overwrite: false, ignoreIfExists: false } });
    changes.push({ textDocument: { uri: targetUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.dockerfile }] });
  }
  let dockerignoreUri: string | undefined;
  if (result.dockerignore !== '') {
    dockerignoreUri = pathToUri(dockerignorePath);
    const current = result.dockerignoreAppend ? await readText(dockerignorePath) : undefined;
    if (current !== undefined) {
      // Append only: the existing lines are never touched.
      const end = endPosition(current);
      changes.push({ textDocument: { uri: dockerignoreUri, version: null }, edits: [{ range: { start: end, end }, newText: result.dockerignore }] });
    } else {
      changes.push({ kind: 'create', uri: dockerignoreUri, options: { overwrite: false, ignoreIfExists: false } });
      const text = result.dockerignore.replace(/^\n/, '');
      changes.push({ textDocument: { uri: dockerignoreUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] });
    }
  }
  const r = await deps.applyEdit(`Generate ${target}`, { documentChanges: changes });
  if (!r.applied) return fail('not-applied', `The editor did not apply the edit${r.failureReason ? `: ${r.failureReason}` : ''}.`, targetUri);
  const applied: GenerateApplied = { kind: 'applied', uri: targetUri, decisions: result.decisions, warnings: result.warnings };
  if (dockerignoreUri !== undefined) applied.dockerignoreUri = dockerignoreUri;
  return applied;
}
