// Finding Dockerfiles in a directory tree, and reading a corpus manifest (manifest.tsv).
// Used by `go-dockerfile lint DIR` (walkFiles with the file kinds it lints) and by the sweep and
// bench scripts (findDockerfiles, with the broader corpus naming).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Extensions that mark a file named like a Dockerfile as something else (source, docs, data). */
const NOT_A_DOCKERFILE = /\.(go|md|markdown|rst|txt|ts|js|mjs|cjs|json|ya?ml|toml|sh|bash|py|rb|rs|java|kt|html|lock|snap|dockerignore|orig|rej|bak|swp)$/i;

/**
 * Whether a file name looks like a Dockerfile: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
 * `*.dockerfile`, `Containerfile*`, and names with Dockerfile/dockerfile/Containerfile as a part
 * separated by dots, underscores or dashes (`owner__repo__Dockerfile`, `x_Dockerfile_windows`,
 * `y__dockerfile.sales`).
 */
export function isDockerfileName(name: string): boolean {
  if (name === 'Dockerfile' || name === 'Containerfile' || name === 'dockerfile') return true;
  if (NOT_A_DOCKERFILE.test(name)) return false;
  if (name.startsWith('Dockerfile.') || name.startsWith('Containerfile')) return true;
  if (/\.[Dd]ockerfile$/.test(name) || name.endsWith('__Dockerfile')) return true;
  return /(^|[._-])(Dockerfile|dockerfile|Containerfile)([._-]|$)/.test(name);
}

/**
 * The names `go-dockerfile lint DIR` picks up: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
 * `*.dockerfile`, `Containerfile*` (and a lowercase `dockerfile`), not those with an extension of
 * another kind of file (`Dockerfile.md`, `Dockerfile.dockerignore`). Stricter than
 * isDockerfileName, which also accepts the flattened names of corpus files.
 */
export function isLintedDockerfileName(name: string): boolean {
  if (name === 'Dockerfile' || name === 'dockerfile' || name === 'Containerfile') return true;
  if (NOT_A_DOCKERFILE.test(name)) return false;
  return name.startsWith('Dockerfile.') || name.startsWith('Containerfile') || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile');
}

/**
 * A kind of file the directory walk collects. The CLI lints Dockerfiles; another kind (e.g. files
 * that name image tags) is added by giving walkFiles one more FileKind.
 */
export interface FileKind<K extends string = string> {
  id: K;
  /** Whether a file of this base name (and workspace-relative path) is of this kind. */
  matches(name: string, relPath: string): boolean;
}

export const DOCKERFILE_KIND: FileKind<'dockerfile'> = { id: 'dockerfile', matches: (name) => isLintedDockerfileName(name) };

/** Directories the CLI never descends into. */
export const LINT_SKIP_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', 'vendor']);

export interface FoundFile<K extends string = string> {
  /** Absolute path. */
  path: string;
  /** Relative to the walked directory, with forward slashes. */
  relPath: string;
  kind: K;
}

/**
 * Every file under `dir` matched by one of `kinds` (the first that matches), recursively, sorted by
 * path; directories in `skip` are not entered and symbolic links are not followed.
 */
export function walkFiles<K extends string>(
  dir: string,
  kinds: readonly FileKind<K>[],
  skip: ReadonlySet<string> = LINT_SKIP_DIRS,
  /** Receives a subdirectory that cannot be read, which is then skipped; without it, the error is thrown. */
  onError?: (dir: string, err: unknown) => void,
): FoundFile<K>[] {
  const out: FoundFile<K>[] = [];
  const visit = (d: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if (!onError || rel === '') throw err;
      onError(d, err);
      return;
    }
    for (const e of entries) {
      const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skip.has(e.name)) visit(path.join(d, e.name), relPath);
      } else if (e.isFile()) {
        const kind = kinds.find((k) => k.matches(e.name, relPath));
        if (kind) out.push({ path: path.join(d, e.name), relPath, kind: kind.id });
      }
    }
  };
  visit(dir, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', '.vscode-test']);
const CORPUS_KIND: FileKind = { id: 'dockerfile', matches: (name) => isDockerfileName(name) };

/** Every Dockerfile of a corpus under `dir` (isDockerfileName), recursively, sorted; symbolic links are not followed. */
export function findDockerfiles(dir: string): string[] {
  return walkFiles(dir, [CORPUS_KIND], SKIP_DIRS).map((f) => f.path);
}

export interface ManifestEntry {
  filename: string;
  /** The is_go column: yes, no, unsure (or whatever the manifest says). */
  isGo: string;
  /** Absolute path of the file, or undefined when neither DIR/files/<filename> nor DIR/<filename> exists. */
  path?: string;
  /** The whole row, by column name. */
  row: Record<string, string>;
}

/**
 * Reads DIR/manifest.tsv when it exists and has `filename` and `is_go` columns; undefined otherwise.
 * Each file is looked for in DIR/files/ first, then DIR/.
 */
export function readManifest(dir: string): ManifestEntry[] | undefined {
  const file = path.join(dir, 'manifest.tsv');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim());
  const fi = header.indexOf('filename');
  const gi = header.indexOf('is_go');
  if (fi < 0 || gi < 0) return undefined;
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    const filename = (cells[fi] ?? '').trim();
    const candidates = [path.join(dir, 'files', filename), path.join(dir, filename)];
    const found = candidates.find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    return { filename, isGo: (cells[gi] ?? '').trim(), ...(found ? { path: found } : {}), row };
  });
}
