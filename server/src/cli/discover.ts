// Finding Dockerfiles in a directory tree, and reading a corpus manifest (manifest.tsv).
// Used by the sweep and bench scripts.
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

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

/** Every Dockerfile under `dir`, recursively, sorted; symbolic links are not followed. */
export function findDockerfiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(abs);
      } else if (e.isFile() && isDockerfileName(e.name)) {
        out.push(abs);
      }
    }
  };
  visit(dir);
  return out.sort();
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
