// Positions and paths as the machine formats want them: 1-based lines and columns (columns in UTF-16
// code units, like the engine's), paths relative to the directory the CLI ran in.
import * as path from 'node:path';
import type { Range } from '../../engine/types';
import type { Located } from '../output';

export interface OneBasedRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function oneBased(r: Range): OneBasedRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** The path of a file relative to `cwd` with forward slashes, or undefined when it is outside `cwd` (or not on disk). */
export function relativeTo(cwd: string, file: Located): string | undefined {
  if (file.abs === undefined) return undefined;
  const rel = path.relative(cwd, file.abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The path to print for a file: relative to `cwd` when inside it, else as displayed. */
export function reportPath(cwd: string, file: Located): string {
  return relativeTo(cwd, file) ?? file.path.split(path.sep).join('/');
}
