// A tiny indentation-based YAML reader for the few config files we look at (GoReleaser,
// compose). Supports block maps and sequences (incl. "- key: v" items and sequences at the
// same indent as their key), flow sequences of scalars, quoted scalars, comments and block
// scalars (| and >). Anchors, aliases, tags and flow maps are kept as plain strings.

export type YNode = YMap | YSeq | YScalar;

export interface YMap {
  kind: 'map';
  line: number;
  entries: { key: string; value: YNode; line: number }[];
}

export interface YSeq {
  kind: 'seq';
  line: number;
  items: YNode[];
}

export interface YScalar {
  kind: 'scalar';
  line: number;
  value: string;
}

interface Line {
  indent: number;
  /** Trimmed text without a trailing comment; "" for blank and comment lines. */
  text: string;
  raw: string;
  line: number;
}

function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s;
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** Index of the ":" that ends a mapping key (followed by a space or the end), outside quotes. */
function keyColon(text: string): number {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && i === 0) {
      quote = c;
    } else if (c === ':' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      return i;
    } else if (i === 0 && (c === '[' || c === '{')) {
      return -1;
    }
  }
  return -1;
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function splitFlow(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (const c of body) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

class Parser {
  private i = 0;

  constructor(private readonly lines: Line[]) {}

  private peek(): Line | undefined {
    while (this.i < this.lines.length && this.lines[this.i].text === '') this.i++;
    return this.lines[this.i];
  }

  parseDocument(): YNode {
    const first = this.peek();
    if (!first) return { kind: 'map', line: 1, entries: [] };
    const node = this.parseBlock(first.indent);
    return node;
  }

  private parseBlock(minIndent: number): YNode {
    const l = this.peek();
    if (!l || l.indent < minIndent) return { kind: 'scalar', line: l?.line ?? 0, value: '' };
    if (isSeqItem(l.text)) return this.parseSeq(l.indent);
    if (keyColon(l.text) > 0) return this.parseMap(l.indent);
    this.i++;
    return this.scalar(l.text, l.line);
  }

  private parseSeq(indent: number): YSeq {
    const seq: YSeq = { kind: 'seq', line: this.peek()?.line ?? 0, items: [] };
    for (let l = this.peek(); l && l.indent === indent && isSeqItem(l.text); l = this.peek()) {
      const rest = l.text === '-' ? '' : l.text.slice(2).trimStart();
      if (rest === '') {
        this.i++;
        const next = this.peek();
        seq.items.push(next && next.indent > indent ? this.parseBlock(next.indent) : { kind: 'scalar', line: l.line, value: '' });
      } else if (isSeqItem(rest) || keyColon(rest) > 0) {
        // "- key: v": re-read the same line as the first line of a nested block.
        l.indent += l.text.length - rest.length;
        l.text = rest;
        seq.items.push(this.parseBlock(l.indent));
      } else {
        this.i++;
        seq.items.push(this.scalar(rest, l.line));
      }
    }
    return seq;
  }

  private parseMap(indent: number): YMap {
    const map: YMap = { kind: 'map', line: this.peek()?.line ?? 0, entries: [] };
    for (let l = this.peek(); l && l.indent === indent && !isSeqItem(l.text); l = this.peek()) {
      const colon = keyColon(l.text);
      if (colon <= 0) {
        this.i++; // not a mapping line; skip it rather than loop
        continue;
      }
      const key = unquote(l.text.slice(0, colon).trim());
      const rest = l.text.slice(colon + 1).trim();
      this.i++;
      let value: YNode;
      if (rest === '') {
        const next = this.peek();
        if (next && next.indent > indent) value = this.parseBlock(next.indent);
        else if (next && next.indent === indent && isSeqItem(next.text)) value = this.parseSeq(indent);
        else value = { kind: 'scalar', line: l.line, value: '' };
      } else if (/^[|>][-+0-9]*$/.test(rest)) {
        value = this.blockScalar(indent, l.line);
      } else if (rest.startsWith('[') && !rest.includes(']')) {
        let text = rest;
        while (this.i < this.lines.length && !text.includes(']')) text += ` ${this.lines[this.i++].text}`;
        value = this.scalar(text, l.line);
      } else {
        value = this.scalar(rest, l.line);
      }
      map.entries.push({ key, value, line: l.line });
    }
    return map;
  }

  private blockScalar(parentIndent: number, line: number): YScalar {
    const body: string[] = [];
    let cut: number | undefined;
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (l.raw.trim() !== '' && l.indent <= parentIndent) break;
      if (l.raw.trim() !== '') cut ??= l.indent;
      body.push(l.raw.slice(Math.min(cut ?? 0, l.indent)));
      this.i++;
    }
    return { kind: 'scalar', line, value: body.join('\n').replace(/\s+$/, '') };
  }

  private scalar(text: string, line: number): YNode {
    if (text.startsWith('[') && text.endsWith(']')) {
      return { kind: 'seq', line, items: splitFlow(text.slice(1, -1)).map((v) => ({ kind: 'scalar', line, value: unquote(v) })) };
    }
    return { kind: 'scalar', line, value: unquote(text) };
  }
}

export function parseYaml(src: string): YNode {
  const lines: Line[] = src.replace(/^\uFEFF/, '').split('\n').map((r, idx) => {
    const raw = r.endsWith('\r') ? r.slice(0, -1) : r;
    const trimmed = raw.trimStart();
    const isDocMarker = /^(---|\.\.\.)(\s|$)/.test(trimmed);
    return { indent: raw.length - trimmed.length, text: isDocMarker ? '' : stripComment(trimmed).trim(), raw, line: idx + 1 };
  });
  return new Parser(lines).parseDocument();
}

export function yGet(node: YNode | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

export function ySeq(node: YNode | undefined): YNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

export function yStr(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.value : undefined;
}
