// Building blocks for fixes: every inserted instruction follows the file's keyword casing, the
// indentation of its neighbour and the file's line endings, and never lands before a BOM
// (EDGE_CASES EC11-EC13, §H).
import type { InstructionNode } from './instruction';
import type { Model } from './model/types';
import type { Fix, FixSafety, Position, Range, TextEdit } from './types';

/** An instruction keyword in the file's majority casing. */
export function kw(model: Model, keyword: string): string {
  return model.casing === 'lower' ? keyword.toLowerCase() : keyword.toUpperCase();
}

function lineStartPosition(model: Model, line: number): Position {
  return { line, character: line === 0 && model.src.bom ? 1 : 0 };
}

/** Inserts whole lines before the line where `node` starts, indented like it. */
export function insertLinesBefore(model: Model, node: InstructionNode, lines: string[]): TextEdit {
  const line = node.range.start.line;
  const indent = model.src.indentOf(line).replace(/^\ufeff/, '');
  const pos = lineStartPosition(model, line);
  return { range: { start: pos, end: pos }, newText: lines.map((l) => indent + l + model.src.eol).join('') };
}

/** Inserts whole lines after the last line of `node`. */
export function insertLinesAfter(model: Model, node: InstructionNode, lines: string[]): TextEdit {
  const line = node.range.end.line;
  const indent = model.src.indentOf(node.range.start.line).replace(/^\ufeff/, '');
  const end = { line, character: model.src.lineText(line).length };
  return { range: { start: end, end }, newText: lines.map((l) => model.src.eol + indent + l).join('') };
}

/** Inserts lines at line 0 (after a BOM). */
export function insertAtTop(model: Model, lines: string[]): TextEdit {
  const pos = lineStartPosition(model, 0);
  return { range: { start: pos, end: pos }, newText: lines.map((l) => l + model.src.eol).join('') };
}

/** Appends lines at the end of the file, separated from what is there by a blank line. */
export function appendLines(model: Model, lines: string[], blankLineBefore = true): TextEdit {
  const src = model.src;
  const last = src.lineCount - 1;
  const lastText = src.lineText(last);
  const end = { line: last, character: lastText.length };
  const eol = src.eol;
  const endsWithNewline = lastText === '' && last > 0;
  const prefix = (endsWithNewline ? '' : eol) + (blankLineBefore ? eol : '');
  return { range: { start: end, end }, newText: prefix + lines.join(eol) + (endsWithNewline ? eol : '') };
}

/** Removes the whole lines of an instruction (including its line break). */
export function deleteInstruction(model: Model, node: InstructionNode): TextEdit {
  const start = { line: node.range.start.line, character: 0 };
  const nextLine = node.range.end.line + 1;
  const end = nextLine < model.src.lineCount ? { line: nextLine, character: 0 } : { line: node.range.end.line, character: model.src.lineText(node.range.end.line).length };
  return { range: { start, end }, newText: '' };
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insertAt(pos: Position, newText: string): TextEdit {
  return { range: { start: pos, end: pos }, newText };
}

/** A path as one shell-form word of COPY/ADD: quoted when it holds blanks or quotes (otherwise it would split). */
export function pathWord(model: Model, p: string): string {
  if (!/[\s"']/.test(p)) return p;
  let out = '';
  for (const c of p) out += c === '"' || c === model.escape ? model.escape + c : c;
  return `"${out}"`;
}

/** JSON exec form: ["a", "b"]. */
export function execForm(argv: string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/** Characters that need a shell to interpret: such a command cannot be turned into exec form. */
export function needsShell(text: string): boolean {
  return /[$&|;<>*?`'"\\(){}[\]~#]/.test(text) || /(^|\s)(if|for|while|case)\s/.test(text);
}

export function fix(title: string, safety: FixSafety, edits: TextEdit[]): Fix {
  return { title, safety, edits };
}
