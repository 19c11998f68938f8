// Suppression comments (CATALOGUE §0.7):
//   # go-dockerfile ignore=GD003,GD010 -- reason     (the comment lines right above an instruction)
//   # go-dockerfile global ignore=GD018              (anywhere: the whole file)
// Codes and rule names are both accepted.
import type { Model } from './model/types';
import type { Range } from './types';

export interface SuppressionComment {
  line: number;
  global: boolean;
  /** Entries as written. */
  entries: { text: string; range: Range }[];
  tool: 'go-dockerfile';
}

const COMMENT = /^(\s*#\s*go-dockerfile\s+(global\s+)?ignore\s*=\s*)([^\s]*)/i;

export function readSuppressions(model: Model): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  const src = model.src;
  for (let line = 0; line < src.lineCount; line++) {
    const text = src.lineText(line).replace(/^\ufeff/, '');
    const m = COMMENT.exec(text);
    if (!m) continue;
    const offset = src.lineText(line).length - text.length;
    let col = offset + (m[1] as string).length;
    const entries: SuppressionComment['entries'] = [];
    for (const part of (m[3] as string).split(',')) {
      if (part !== '') entries.push({ text: part, range: { start: { line, character: col }, end: { line, character: col + part.length } } });
      col += part.length + 1;
    }
    out.push({ line, global: m[2] !== undefined, entries, tool: 'go-dockerfile' });
  }
  return out;
}

export interface Suppressor {
  isSuppressed(code: string, name: string, line: number): boolean;
  comments: SuppressionComment[];
}

/** For each instruction, the comment lines directly above it (no blank line in between). */
function commentBlockAbove(model: Model, firstLine: number): Set<number> {
  const lines = new Set<number>();
  for (let l = firstLine - 1; l >= 0; l--) {
    const t = model.src.lineText(l).trim();
    if (!t.startsWith('#')) break;
    lines.add(l);
  }
  return lines;
}

export function buildSuppressor(model: Model, resolve: (entry: string) => string | undefined): Suppressor {
  const comments = readSuppressions(model);
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  for (const c of comments) {
    const codes = c.entries.map((e) => resolve(e.text)).filter((x): x is string => x !== undefined);
    if (c.global) codes.forEach((x) => global.add(x));
  }
  const local = comments.filter((c) => !c.global);
  if (local.length > 0) {
    for (const node of model.instructions) {
      const above = commentBlockAbove(model, node.range.start.line);
      const codes = new Set<string>();
      for (const c of local) if (above.has(c.line)) for (const e of c.entries) { const r = resolve(e.text); if (r) codes.add(r); }
      if (codes.size === 0) continue;
      for (let l = node.range.start.line; l <= node.range.end.line; l++) byLine.set(l, codes);
    }
  }
  return {
    comments,
    isSuppressed(code, _name, line) {
      return global.has(code) || (byLine.get(line)?.has(code) ?? false);
    },
  };
}
