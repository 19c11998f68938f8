// What `go-dockerfile lint PATH...` lints: files as given, the Dockerfiles found in directories,
// standard input; and reading one of them with the checks a CI run needs (size, binary content).
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DOCKERFILE_KIND, walkFiles, type FileKind } from './discover';

export const STDIN_PATH = '<stdin>';
/** Larger files are not linted: no Dockerfile is that big, and reading one would stall a CI job. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The kinds of files the directory walk collects, each linted by its own path (only Dockerfiles today). */
export const LINTED_KINDS: readonly FileKind<'dockerfile'>[] = [DOCKERFILE_KIND];
const LOOKED_FOR = 'Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile*';

export interface Input {
  /** A Dockerfile, or a file that tags the images built from one (GD007b), found in a linted workspace. */
  kind: 'dockerfile' | 'tag-source';
  /** Standard input ("-"). */
  stdin: boolean;
  /** The path shown in reports. */
  display: string;
  /** Absolute path on disk; for standard input the --stdin-filename, if any (never read nor written). */
  abs?: string;
}

/** A problem with one path or file: reported on one line, the run goes on and exits with status 2. */
export class InputError extends Error {}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  return err instanceof Error ? err.message : String(err);
}

/** The files to lint, in the order given (a directory's files sorted), each once; problems as one-line messages. */
export function collectInputs(paths: readonly string[], cwd: string, stdinFilename?: string): { inputs: Input[]; errors: string[] } {
  const inputs: Input[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (i: Input): void => {
    const key = i.stdin ? '-' : (i.abs as string);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(i);
  };
  for (const p of paths) {
    if (p === '-') {
      add({ kind: 'dockerfile', stdin: true, display: stdinFilename ?? STDIN_PATH, ...(stdinFilename !== undefined ? { abs: path.resolve(cwd, stdinFilename) } : {}) });
      continue;
    }
    const abs = path.resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (err) {
      errors.push(`${p}: ${describe(err)}`);
      continue;
    }
    if (!isDir) {
      add({ kind: 'dockerfile', stdin: false, display: p, abs });
      continue;
    }
    let found;
    try {
      found = walkFiles(abs, LINTED_KINDS, undefined, (dir, err) => errors.push(`${path.relative(cwd, dir) || dir}: cannot read directory: ${describe(err)}`));
    } catch (err) {
      errors.push(`${p}: cannot read directory: ${describe(err)}`);
      continue;
    }
    if (found.length === 0) {
      errors.push(`${p}: no Dockerfile found in this directory (looked for ${LOOKED_FOR}, skipping .git, node_modules and vendor)`);
      continue;
    }
    for (const f of found) add({ kind: f.kind, stdin: false, display: path.join(p, f.relPath).split(path.sep).join('/'), abs: f.path });
  }
  return { inputs, errors };
}

function checkContent(bytes: number, hasNul: boolean): void {
  if (bytes > MAX_FILE_BYTES) throw new InputError(`file larger than 5 MB (${(bytes / 1024 / 1024).toFixed(1)} MB): not linted`);
  if (hasNul) throw new InputError('binary file (contains NUL bytes): not linted');
}

/** The text of an input; throws an InputError (or a file system error) with a one-line reason. */
export function readInput(input: Input, readStdin: () => string): string {
  if (input.stdin) {
    const text = readStdin();
    checkContent(Buffer.byteLength(text, 'utf8'), text.includes('\0'));
    return text;
  }
  const abs = input.abs as string;
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) throw new InputError('is a directory');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(describe(err));
  }
  checkContent(size, false);
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (err) {
    throw new InputError(describe(err));
  }
  checkContent(buf.length, buf.includes(0));
  return buf.toString('utf8');
}
