// Adding --mount flags to a RUN (GD020): after the existing flags, on the same line for a one-line
// command, or one flag per continuation line (the Dockerfile reference's layout) when the command
// already spans several lines.
import type { Model, RunNode } from '../../engine/model/types';
import type { TextEdit } from '../../engine/types';

export function addMountFlags(model: Model, run: RunNode, flags: string[]): TextEdit | undefined {
  if (flags.length === 0) return undefined;
  const node = run.node;
  const src = model.src;
  const eol = src.eol;
  const esc = model.escape;
  const kwLine = node.keywordRange.start.line;
  const argsLine = node.argsRange.start.line;
  const multiline = node.argsRange.end.line > kwLine;
  const last = node.flags[node.flags.length - 1];
  if (!multiline) {
    const at = last ? last.range.end : node.keywordRange.end;
    return { range: { start: at, end: at }, newText: ` ${flags.join(' ')}` };
  }
  const kwIndent = src.indentOf(kwLine).replace(/^\ufeff/, '');
  const contLine = last && last.range.end.line > kwLine ? last.range.end.line : argsLine > kwLine ? argsLine : kwLine + 1;
  const contIndent = contLine < src.lineCount ? src.indentOf(contLine).replace(/^\ufeff/, '') : '';
  const indent = contIndent.length > kwIndent.length ? contIndent : `${kwIndent}    `;
  if (last) {
    if (argsLine === last.range.end.line) return { range: { start: last.range.end, end: last.range.end }, newText: ` ${flags.join(' ')}` };
    return { range: { start: last.range.end, end: last.range.end }, newText: flags.map((f) => ` ${esc}${eol}${indent}${f}`).join('') };
  }
  const lines = flags.map((f, i) => (i === 0 ? ` ${f}` : `${indent}${f}`)).join(` ${esc}${eol}`);
  return { range: { start: node.keywordRange.end, end: node.argsRange.start }, newText: `${lines} ${esc}${eol}${indent}` };
}
