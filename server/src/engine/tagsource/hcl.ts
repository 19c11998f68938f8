// A small reader for the HCL that docker-bake.hcl uses: blocks with labels, attributes, strings
// (with ${…} templates and heredocs), lists, objects, numbers, identifiers, function calls and
// comments. Expressions it does not model (conditionals, for-expressions, operators) are kept as
// opaque spans. Every node has source offsets, so fixes can edit exactly; problems are collected
// (never thrown) and a file with problems is treated as unreadable by GD007b.

export interface HclSpan {
  start: number;
  end: number;
}

export interface HclString extends HclSpan {
  kind: 'string';
  /** The text between the quotes as written (templates and escapes kept). */
  raw: string;
  /** Offset of the first character after the opening quote. */
  inner: number;
  heredoc: boolean;
}

export interface HclList extends HclSpan {
  kind: 'list';
  items: HclExpr[];
}

export interface HclOther extends HclSpan {
  kind: 'other';
  text: string;
}

export type HclExpr = HclString | HclList | HclOther;

export interface HclAttribute extends HclSpan {
  kind: 'attribute';
  name: string;
  value: HclExpr;
}

export interface HclBlock extends HclSpan {
  kind: 'block';
  type: string;
  labels: string[];
  body: HclBody;
  /** Offset of `{` and `}`. */
  open: number;
  close: number;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclFile {
  body: HclBody;
  problems: { offset: number; message: string }[];
}

interface Tok extends HclSpan {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  text: string;
  str?: HclString;
}

class Lexer {
  readonly toks: Tok[] = [];
  constructor(
    private readonly src: string,
    private readonly problems: HclFile['problems'],
  ) {}

  run(): Tok[] {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '\n') {
        this.toks.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
        i++;
      } else if (c === '#' || (c === '/' && s[i + 1] === '/')) {
        while (i < s.length && s[i] !== '\n') i++;
      } else if (c === '/' && s[i + 1] === '*') {
        const end = s.indexOf('*/', i + 2);
        if (end < 0) {
          this.problems.push({ offset: i, message: 'unterminated comment' });
          i = s.length;
        } else i = end + 2;
      } else if (c === '"') {
        i = this.string(i);
      } else if (c === '<' && s[i + 1] === '<' && /[-A-Za-z_]/.test(s[i + 2] ?? '')) {
        i = this.heredoc(i);
      } else if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][\w-]*/.exec(s.slice(i)) as RegExpExecArray;
        this.toks.push({ kind: 'ident', text: m[0], start: i, end: i + m[0].length });
        i += m[0].length;
      } else if (/[0-9]/.test(c)) {
        const m = /^[0-9][0-9.eE+-]*/.exec(s.slice(i)) as RegExpExecArray;
        this.toks.push({ kind: 'number', text: m[0], start: i, end: i + m[0].length });
        i += m[0].length;
      } else {
        this.toks.push({ kind: 'punct', text: c, start: i, end: i + 1 });
        i++;
      }
    }
    return this.toks;
  }

  /** A quoted template: escapes, and ${…} / %{…} with nested braces and strings. */
  private string(start: number): number {
    const s = this.src;
    let i = start + 1;
    let depth = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (depth === 0 && c === '"') break;
      if (depth === 0 && c === '\n') break;
      if ((c === '$' || c === '%') && s[i + 1] === '{' && s[i - 1] !== c) {
        depth++;
        i += 2;
        continue;
      }
      if (depth > 0 && c === '{') depth++;
      else if (depth > 0 && c === '}') depth--;
      else if (depth > 0 && c === '"') {
        // a string inside an interpolation
        i++;
        while (i < s.length && s[i] !== '"' && s[i] !== '\n') i += s[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    if (s[i] !== '"') {
      this.problems.push({ offset: start, message: 'unterminated string' });
      const str: HclString = { kind: 'string', raw: s.slice(start + 1, i), inner: start + 1, heredoc: false, start, end: i };
      this.toks.push({ kind: 'string', text: str.raw, start, end: i, str });
      return i;
    }
    const str: HclString = { kind: 'string', raw: s.slice(start + 1, i), inner: start + 1, heredoc: false, start, end: i + 1 };
    this.toks.push({ kind: 'string', text: str.raw, start, end: i + 1, str });
    return i + 1;
  }

  private heredoc(start: number): number {
    const s = this.src;
    const m = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(s.slice(start));
    if (!m) {
      this.toks.push({ kind: 'punct', text: '<', start, end: start + 1 });
      return start + 1;
    }
    const bodyStart = start + m[0].length;
    const re = new RegExp(`^[ \\t]*${m[2]}[ \\t]*\\r?$`, 'm');
    const rest = s.slice(bodyStart);
    const end = re.exec(rest);
    if (!end) {
      this.problems.push({ offset: start, message: `unterminated heredoc ${m[2]}` });
      return s.length;
    }
    const close = bodyStart + end.index + end[0].length;
    const str: HclString = { kind: 'string', raw: rest.slice(0, end.index), inner: bodyStart, heredoc: true, start, end: close };
    this.toks.push({ kind: 'string', text: str.raw, start, end: close, str });
    return close;
  }
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
    private readonly problems: HclFile['problems'],
  ) {}

  private peek(skipNewlines = true): Tok | undefined {
    if (skipNewlines) while (this.toks[this.i]?.kind === 'newline') this.i++;
    return this.toks[this.i];
  }

  private problem(t: Tok | undefined, message: string): void {
    this.problems.push({ offset: t?.start ?? this.src.length, message });
  }

  body(closing?: string): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    for (let t = this.peek(); t; t = this.peek()) {
      if (closing && t.kind === 'punct' && t.text === closing) return body;
      if (t.kind !== 'ident') {
        this.problem(t, `unexpected ${JSON.stringify(t.text)}`);
        this.i++;
        continue;
      }
      this.i++;
      const next = this.peek(false);
      if (next?.kind === 'punct' && (next.text === '=' || next.text === ':')) {
        this.i++;
        const value = this.expr();
        body.attributes.push({ kind: 'attribute', name: t.text, value, start: t.start, end: value.end });
        continue;
      }
      const labels: string[] = [];
      let l = this.peek(false);
      while (l && (l.kind === 'string' || l.kind === 'ident')) {
        labels.push(l.text);
        this.i++;
        l = this.peek(false);
      }
      if (!(l?.kind === 'punct' && l.text === '{')) {
        this.problem(l ?? t, `expected "=" or "{" after ${t.text}`);
        continue;
      }
      this.i++;
      const inner = this.body('}');
      const close = this.peek();
      if (!close) {
        this.problem(undefined, `block ${t.text} is not closed`);
        body.blocks.push({ kind: 'block', type: t.text, labels, body: inner, open: l.start, close: this.src.length, start: t.start, end: this.src.length });
        return body;
      }
      this.i++;
      body.blocks.push({ kind: 'block', type: t.text, labels, body: inner, open: l.start, close: close.start, start: t.start, end: close.end });
    }
    if (closing) this.problem(undefined, `missing ${closing}`);
    return body;
  }

  /** One expression; anything past a simple value up to the end of the line is kept opaque. */
  private expr(): HclExpr {
    const first = this.primary();
    const t = this.peek(false);
    if (!t || t.kind === 'newline' || (t.kind === 'punct' && [',', ']', '}', ')'].includes(t.text))) return first;
    // An operator, conditional, …: an opaque expression to the end of the line (balanced).
    let end = first.end;
    while (this.i < this.toks.length) {
      const u = this.toks[this.i] as Tok;
      if (u.kind === 'newline' || (u.kind === 'punct' && [',', ']', '}', ')'].includes(u.text))) break;
      end = u.kind === 'punct' && CLOSE[u.text] ? this.skipBalanced() : (this.i++, u.end);
    }
    return { kind: 'other', text: this.src.slice(first.start, end), start: first.start, end };
  }

  private primary(): HclExpr {
    const t = this.peek();
    if (!t) {
      this.problem(t, 'expected a value');
      return { kind: 'other', text: '', start: this.src.length, end: this.src.length };
    }
    if (t.kind === 'string' && t.str) {
      this.i++;
      return t.str;
    }
    if (t.kind === 'punct' && t.text === '[') {
      this.i++;
      const items: HclExpr[] = [];
      for (let u = this.peek(); u && !(u.kind === 'punct' && u.text === ']'); u = this.peek()) {
        items.push(this.expr());
        const sep = this.peek();
        if (sep?.kind === 'punct' && sep.text === ',') this.i++;
        else if (!(sep?.kind === 'punct' && sep.text === ']')) {
          this.problem(sep, 'expected "," or "]" in a list');
          if (!sep) break;
          this.i++;
        }
      }
      const close = this.peek();
      if (!close) {
        this.problem(close, 'missing ]');
        return { kind: 'list', items, start: t.start, end: this.src.length };
      }
      this.i++;
      return { kind: 'list', items, start: t.start, end: close.end };
    }
    if (t.kind === 'punct' && CLOSE[t.text]) {
      const end = this.skipBalanced();
      return { kind: 'other', text: this.src.slice(t.start, end), start: t.start, end };
    }
    if (t.kind === 'ident' || t.kind === 'number') {
      this.i++;
      let end = t.end;
      // function call or attribute access: name(...), a.b
      for (let u = this.peek(false); u?.kind === 'punct' && (u.text === '(' || u.text === '.' || u.text === '['); u = this.peek(false)) {
        if (u.text === '.') {
          this.i++;
          const n = this.peek(false);
          if (n && (n.kind === 'ident' || n.kind === 'number')) {
            this.i++;
            end = n.end;
          }
        } else end = this.skipBalanced();
      }
      return { kind: 'other', text: this.src.slice(t.start, end), start: t.start, end };
    }
    this.problem(t, `unexpected ${JSON.stringify(t.text)}`);
    this.i++;
    return { kind: 'other', text: t.text, start: t.start, end: t.end };
  }

  /** Skips a bracketed group starting at the current token; returns its end offset. */
  private skipBalanced(): number {
    const open = this.toks[this.i] as Tok;
    const stack = [CLOSE[open.text] as string];
    this.i++;
    while (this.i < this.toks.length && stack.length > 0) {
      const u = this.toks[this.i++] as Tok;
      if (u.kind !== 'punct') continue;
      if (CLOSE[u.text]) stack.push(CLOSE[u.text] as string);
      else if (u.text === stack[stack.length - 1]) stack.pop();
      else if ([')', ']', '}'].includes(u.text)) this.problem(u, `unexpected ${u.text}`);
      if (stack.length === 0) return u.end;
    }
    this.problem(open, `unclosed ${open.text}`);
    return this.src.length;
  }
}

export function parseHcl(src: string): HclFile {
  const problems: HclFile['problems'] = [];
  const toks = new Lexer(src, problems).run();
  const body = new Parser(toks, src, problems).body();
  return { body, problems };
}

/** The string default of each `variable "NAME" { default = "…" }` block. */
export function hclVariableDefaults(body: HclBody): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const b of body.blocks) {
    if (b.type !== 'variable' || b.labels.length !== 1) continue;
    const d = b.body.attributes.find((a) => a.name === 'default')?.value;
    out.set(b.labels[0] as string, d?.kind === 'string' && !d.heredoc ? d.raw : undefined);
  }
  return out;
}

/** A bake string with whole `${NAME}` interpolations replaced by variable defaults (undefined when one has none). */
export function hclResolve(raw: string, vars: Map<string, string | undefined>, depth = 0): string | undefined {
  let failed = false;
  const out = raw.replace(/\$\{\s*([A-Za-z_][\w-]*)\s*\}/g, (_m, name: string) => {
    const v = vars.get(name);
    if (v === undefined || depth > 4) {
      failed = true;
      return '';
    }
    return hclResolve(v, vars, depth + 1) ?? ((failed = true), '');
  });
  return failed ? undefined : out;
}
