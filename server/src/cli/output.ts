// Report formats: gcc-style text lines with a code frame and the versioned JSON document (the
// others are in formats/).
import type { Finding, Fix, Range, Severity } from '../engine/types';
import { SEVERITY_ORDER } from '../engine/types';
import type { Palette } from './color';

/** A file as reported: its display path and, when it is on disk, its absolute path. */
export interface Located {
  /** As given on the command line (or found in a directory given), "<stdin>" or the --stdin-filename, or another file's path relative to the current directory. */
  path: string;
  /** Absolute path; undefined for standard input without --stdin-filename. */
  abs?: string;
}

/** Findings grouped under the path they are reported for. */
export interface FileReport extends Located {
  findings: Finding[];
  /** The text the ranges refer to, when known (for code frames and fingerprints). */
  text?: string;
  /**
   * Where an edit or related location of these findings points: `file` undefined is the linted
   * Dockerfile, otherwise `file` is relative to its workspace root.
   */
  locate(file: string | undefined): Located;
}

export const JSON_FORMAT_VERSION = 1;

function jsonRange(r: Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

function jsonFix(f: Fix): object {
  return { title: f.title, safety: f.safety, edits: f.edits.map((e) => ({ range: jsonRange(e.range), newText: e.newText })) };
}

function jsonFinding(f: Finding): object {
  // Key order is part of the format.
  return { code: f.code, name: f.name, severity: f.severity, message: f.message, range: jsonRange(f.range), fixes: f.fixes.map(jsonFix) };
}

export function formatJson(files: FileReport[]): string {
  return `${JSON.stringify({ version: JSON_FORMAT_VERSION, files: files.map((f) => ({ path: f.path, findings: f.findings.map(jsonFinding) })) })}\n`;
}

const TAB = '    ';

/**
 * The source line of a range's start with a gutter, and a caret line under the range (to the end of
 * the line when the range goes on); tabs are shown as four spaces. Empty for a line the text lacks.
 */
export function codeFrame(text: string, range: Range, c: Palette, severity: Severity): string[] {
  const lines = text.split('\n');
  const raw = lines[range.start.line];
  if (raw === undefined) return [];
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const startCol = Math.min(range.start.character, line.length);
  const endCol = range.end.line === range.start.line ? Math.min(Math.max(range.end.character, startCol), line.length) : line.length;
  const shown = (s: string): string => s.replace(/\t/g, TAB);
  const before = shown(line.slice(0, startCol)).length;
  const width = Math.max(1, shown(line.slice(startCol, endCol)).length);
  const no = String(range.start.line + 1);
  const gutter = ' '.repeat(no.length);
  return [`${c.dim(` ${no} |`)} ${shown(line)}`.trimEnd(), `${c.dim(` ${gutter} |`)} ${' '.repeat(before)}${c.severity(severity, '^'.repeat(width))}`];
}

/**
 * `path:line:col: severity CODE name: message`, 1-based like gcc; then the code frame when the text
 * is known, and the fixes with --show-fixes.
 */
export function formatFindingText(path: string, f: Finding, showFixes: boolean, c: Palette, text?: string): string {
  const loc = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}:`;
  const lines = [`${c.bold(loc)} ${c.severity(f.severity, f.severity)} ${c.bold(f.code)} ${f.name}: ${f.message}`];
  if (text !== undefined) lines.push(...codeFrame(text, f.range, c, f.severity));
  if (showFixes) {
    for (const fix of f.fixes) lines.push(`    ${c.dim('fix')} (${fix.safety === 'safe' ? c.green(fix.safety) : fix.safety}): ${fix.title}`);
  }
  return `${lines.join('\n')}\n`;
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(findings: Iterable<Finding>): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `N problems (E errors, W warnings, I infos, H hints) in F files`. */
export function summaryLine(counts: SeverityCounts, files: number): string {
  const total = SEVERITY_ORDER.reduce((n, s) => n + counts[s], 0);
  const parts = SEVERITY_ORDER.map((s) => plural(counts[s], s));
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}`;
}

/** How many findings a fix run could settle: with --fix, and with --fix --unsafe-fixes in addition. */
export function fixableCounts(findings: Iterable<Finding>): { safe: number; unsafe: number } {
  let safe = 0;
  let unsafe = 0;
  for (const f of findings) {
    if (f.file !== undefined) continue;
    if (f.fixes.some((x) => x.safety === 'safe' && x.edits.length > 0)) safe++;
    else if (f.fixes.some((x) => x.safety === 'unsafe' && x.edits.length > 0)) unsafe++;
  }
  return { safe, unsafe };
}

export { plural };
