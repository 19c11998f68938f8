// Tidy deletions for fixes (GD030-GD037): removing a word, a few words or a whole shell command
// without leaving double spaces, blank continuation lines or a dangling `\` that would join the
// next instruction. The model gives the ranges; this only looks at the whitespace around them.
import type { Model } from '../../engine/model/types';
import type { SimpleCommand } from '../../engine/shell';
import type { Range, TextEdit } from '../../engine/types';

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isEol(c: string | undefined): boolean {
  return c === undefined || c === '\n' || c === '\r';
}

/** The offset where the line holding `offset` starts (after a BOM on line 0). */
function lineStartOf(model: Model, offset: number): number {
  const line = model.src.positionAt(offset).line;
  const start = model.src.lineStart(line);
  return line === 0 && model.src.bom ? start + 1 : start;
}

/** `offset` is followed by optional blanks, the escape character, optional blanks and the line end. */
function continuationAt(model: Model, offset: number, escapes: string[]): boolean {
  const t = model.src.text;
  let i = offset;
  while (isBlank(t[i])) i++;
  if (!escapes.includes(t[i] as string)) return false;
  i++;
  while (isBlank(t[i])) i++;
  return isEol(t[i]);
}

/**
 * Deletes the text in `range` (one or more words on the same logical line) and the whitespace that
 * would be left over: the blanks before it when something precedes it on its line, the blanks after it
 * when it starts a line, the whole line when nothing but a continuation remains, and the previous
 * line's trailing `\` when it was the last thing of a continued instruction.
 */
export function deleteTidy(model: Model, range: Range): TextEdit {
  const src = model.src;
  const t = src.text;
  const escapes = [model.escape, '\\'];
  const a = src.offsetAt(range.start);
  const b = src.offsetAt(range.end);
  let left = a;
  while (left > 0 && isBlank(t[left - 1])) left--;
  let right = b;
  while (isBlank(t[right])) right++;
  const lineStart = lineStartOf(model, a);
  const startsLine = left <= lineStart;
  if (!startsLine) return { range: src.range(left, b), newText: '' };
  if (!isEol(t[right]) && !continuationAt(model, b, escapes)) return { range: src.range(a, right), newText: '' };
  if (continuationAt(model, b, escapes)) {
    const line = src.positionAt(a).line;
    return { range: src.range(src.lineStart(line), src.lineStart(line + 1)), newText: '' };
  }
  // Alone on the last line of a continued instruction: drop the previous line's `\` as well.
  let p = lineStart;
  if (p > 0 && t[p - 1] === '\n') p--;
  if (p > 0 && t[p - 1] === '\r') p--;
  while (p > 0 && isBlank(t[p - 1])) p--;
  if (p > 0 && escapes.includes(t[p - 1] as string)) p--;
  while (p > 0 && isBlank(t[p - 1])) p--;
  return { range: src.range(p, b), newText: '' };
}

/**
 * The word's range covers exactly its text in the document. Words read from a `sh -c "…"` string with
 * escapes are only mapped approximately: no fix may edit them.
 */
export function exact(model: Model, word: { range: Range; raw: string }): boolean {
  return model.src.slice(word.range) === word.raw;
}

/** A range spanning several ranges (they must be in order). */
export function spanOf(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}

/**
 * Deletes one simple command of a shell script together with the operator that joins it to its
 * neighbour (`git config … && go mod download` → `go mod download`). `commands` are the script's
 * commands in order; undefined when the command stands alone (delete the instruction instead).
 */
export function deleteCommand(commands: SimpleCommand[], index: number): TextEdit | undefined {
  const cmd = commands[index];
  if (!cmd) return undefined;
  const next = commands[index + 1];
  const prev = commands[index - 1];
  if (next && next.subshells.length === cmd.subshells.length) return { range: { start: cmd.range.start, end: next.range.start }, newText: '' };
  if (prev && prev.subshells.length === cmd.subshells.length) return { range: { start: prev.range.end, end: cmd.range.end }, newText: '' };
  return undefined;
}

/** The keyword `target` written in the casing of `asWritten` ("ADD" → "COPY", "add" → "copy", "Add" → "Copy"). */
export function sameCasing(asWritten: string, target: string): string {
  if (asWritten === asWritten.toUpperCase()) return target.toUpperCase();
  if (asWritten === asWritten.toLowerCase()) return target.toLowerCase();
  return target.charAt(0).toUpperCase() + target.slice(1).toLowerCase();
}
