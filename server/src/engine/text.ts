// The document text with offset/position conversions and the line-ending conventions a fix must keep.
import type { Position, Range } from './types';

export class SourceText {
  readonly text: string;
  /** "\r\n" when most lines end that way, "\n" otherwise; inserted lines use it (EDGE_CASES EC12). */
  readonly eol: string;
  /** True when the text starts with a UTF-8 byte-order mark (kept out of edits, EC11). */
  readonly bom: boolean;
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.bom = text.charCodeAt(0) === 0xfeff;
    const starts = [0];
    let crlf = 0;
    let lf = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
        if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
        else lf++;
      } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
        // A lone CR also ends a line for LSP clients.
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    this.eol = crlf > lf ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    return this.lineStarts[line] as number;
  }

  /** Offset just past the last character of a line, excluding its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? (this.lineStarts[line + 1] as number) : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStart(pos.line);
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.lineStarts[lo] as number) };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** Leading whitespace of a line (for inserted lines, EC13). */
  indentOf(line: number): string {
    const m = /^[ \t]*/.exec(this.lineText(line));
    return m ? m[0] : '';
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  // Touching ranges do not overlap, except two insertions at the same point (their order would be ambiguous).
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.start, b.start) === 0;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
