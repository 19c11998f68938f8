// The text of a YAML scalar mapped back to document offsets, so shell words and list entries found
// in it (a `run:` script, a `tags:` list) have exact ranges. Works on the `yaml` package's nodes.
import type { Scalar } from 'yaml';
import type { MappedText } from '../instruction';

/** True for a block scalar (`|` or `>`). */
export function isBlockScalar(node: Scalar): boolean {
  return node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
}

/**
 * The scalar's content with document offsets: flow scalars without their quotes (line breaks
 * folded to one space), block scalars without their header and indentation (a folded scalar's
 * line breaks between text lines become spaces). Escapes are kept as written.
 */
export function scalarText(doc: string, node: Scalar): MappedText | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const [start, end] = range;
  const out: MappedText = { text: '', offsets: [] };
  const push = (c: string, at: number): void => {
    out.text += c;
    out.offsets.push(at);
  };
  if (isBlockScalar(node)) {
    const headerEnd = doc.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= end) {
      out.offsets.push(end);
      return out;
    }
    const lines: { start: number; text: string }[] = [];
    let p = headerEnd + 1;
    while (p < end) {
      let e = doc.indexOf('\n', p);
      if (e < 0 || e > end) e = end;
      const t = doc.slice(p, e);
      lines.push({ start: p, text: t.endsWith('\r') ? t.slice(0, -1) : t });
      p = e + 1;
    }
    const indent = Math.min(...lines.filter((l) => l.text.trim() !== '').map((l) => /^ */.exec(l.text)?.[0].length ?? 0));
    const folded = node.type === 'BLOCK_FOLDED';
    lines.forEach((l, i) => {
      for (let k = Math.min(indent, l.text.length); k < l.text.length; k++) push(l.text[k] as string, l.start + k);
      if (i === lines.length - 1) return;
      const next = lines[i + 1] as { text: string };
      const join = folded && l.text.trim() !== '' && next.text.trim() !== '' && !/^ /.test(next.text.slice(indent));
      push(join ? ' ' : '\n', l.start + l.text.length);
    });
    out.offsets.push(lines.length ? (lines[lines.length - 1] as { start: number; text: string }).start + (lines[lines.length - 1] as { text: string }).text.length : end);
    return out;
  }
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const a = quoted ? start + 1 : start;
  const b = quoted ? end - 1 : end;
  for (let i = a; i < b; i++) {
    const c = doc[i] as string;
    if (c === '\r') continue;
    if (c === '\n') {
      push(' ', i);
      while (i + 1 < b && /[ \t\r]/.test(doc[i + 1] as string)) i++;
      continue;
    }
    push(c, i);
  }
  out.offsets.push(b);
  return out;
}
