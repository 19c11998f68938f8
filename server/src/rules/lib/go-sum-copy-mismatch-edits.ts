// Edits that remove one token (a --mount flag, a shell word such as `-mod=vendor`, an inline
// VAR=value) together with the blank space around it, or the whole continuation line when the
// token stands alone on it. Used by GD014 (go.sum bind mount), GD027 (-mod=vendor, go mod download).
import type { Model } from '../../engine/model/types';
import type { SimpleCommand } from '../../engine/shell';
import type { Range, TextEdit } from '../../engine/types';

function spaces(s: string): number {
  return s.length - s.trimStart().length;
}

/** Deletes a single-line span and the blank space that separates it from its neighbours. */
export function deleteToken(model: Model, range: Range): TextEdit | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const line = range.start.line;
  const text = model.src.lineText(line);
  const before = text.slice(0, range.start.character);
  const after = text.slice(range.end.character);
  const rest = after.trim();
  const lastOnLine = rest === '' || rest === model.escape;
  if (lastOnLine && before.trim() === '' && rest === model.escape) {
    // The token is alone on a continuation line: drop the line.
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  }
  if (lastOnLine) {
    const lead = before.length - before.trimEnd().length;
    if (lead === 0) return undefined;
    return { range: { start: { line, character: range.start.character - lead }, end: range.end }, newText: '' };
  }
  return { range: { start: range.start, end: { line, character: range.end.character + spaces(after) } }, newText: '' };
}

/**
 * Deletes one simple command of a RUN with its `&&`/`;` connector: the first command up to the next
 * one, any other from the end of the previous one. Undefined when a connector other than `&&`, `;`
 * or a newline joins it (removing it would change the control flow).
 */
export function deleteCommand(commands: SimpleCommand[], index: number): TextEdit | undefined {
  const cmd = commands[index];
  if (!cmd || commands.length < 2) return undefined;
  const ok = (c: SimpleCommand | undefined): boolean => c === undefined || c.after === '' || c.after === '&&' || c.after === ';' || c.after === '\n';
  if (!ok(cmd) || !ok(commands[index + 1]) || cmd.subshells.length > 0) return undefined;
  if (index === 0) {
    const next = commands[1] as SimpleCommand;
    if (next.subshells.length > 0) return undefined;
    return { range: { start: cmd.range.start, end: next.range.start }, newText: '' };
  }
  const prev = commands[index - 1] as SimpleCommand;
  if (prev.subshells.length > 0) return undefined;
  return { range: { start: prev.range.end, end: cmd.range.end }, newText: '' };
}
