// A small POSIX shell reader for RUN bodies (CATALOGUE §0.5): it splits a script into simple
// commands on &&, ||, ;, |, & and newlines, tracks ( ) subshells, drops comments, reserved words
// and redirections, and keeps for every word both its unquoted value and its place in the document.
// It never throws: malformed input gives a best-effort reading.
import type { MappedText } from './instruction';
import type { Range } from './types';
import type { SourceText } from './text';

export interface ShellWord {
  raw: string;
  /** Quotes removed and escapes resolved; expansions ($X, ${X}, $(…), `…`) kept as written. */
  value: string;
  /** Indices into the script text. */
  start: number;
  end: number;
  range: Range;
  /** Contains an expansion outside single quotes. */
  expands: boolean;
}

export interface ShellAssignment {
  name: string;
  value: string;
  word: ShellWord;
}

export type Connector = '' | '&&' | '||' | ';' | '|' | '&' | '\n';

export interface Redirection {
  /** The operator: >, >>, >|, <, <<, <<-, <<<, >&, <&, &>, &>>, <> (a leading fd number is dropped). */
  op: string;
  /** The target word (a file, an fd, or a heredoc delimiter). */
  target?: ShellWord;
}

export interface SimpleCommand {
  /** Command name and arguments (leading assignments and redirections removed). */
  words: ShellWord[];
  /** Leading VAR=value assignments. */
  assigns: ShellAssignment[];
  /** Redirections (`> file`, `2>&1`, `<<EOF`), in order. */
  redirects: Redirection[];
  /** Ids of the enclosing ( ) subshells, outermost first. */
  subshells: number[];
  /** The operator between the previous command and this one. */
  after: Connector;
  range: Range;
  /** Script indices from the previous operator to the next one (covers redirections and heredoc markers). */
  span: [number, number];
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** The script has a `#` comment (merging such a script with another is not safe). */
  hasComments: boolean;
  /** Offsets map of the script (for slicing fix text). */
  source: MappedText;
}

const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac']);

interface Token {
  kind: 'word' | 'op' | 'redir';
  text: string;
  /** Script index where the token starts and ends. */
  pos: number;
  end: number;
  word?: ShellWord;
  redirect?: Redirection;
}

export function isAssignment(raw: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(raw);
}

export interface ShellOptions {
  /** POSIX shells treat \\ as an escape; cmd.exe and PowerShell (Windows stages) do not. */
  backslashEscapes?: boolean;
}

class Lexer {
  private i = 0;
  readonly tokens: Token[] = [];
  hasComments = false;
  private pendingHeredocs: { word: string; strip: boolean }[] = [];

  private readonly esc: boolean;

  constructor(
    private readonly src: SourceText,
    private readonly m: MappedText,
    options: ShellOptions,
  ) {
    this.esc = options.backslashEscapes !== false;
  }

  private range(a: number, b: number): Range {
    const o = this.m.offsets;
    const startOff = o[a] ?? o[o.length - 1] ?? 0;
    const endOff = b > a ? (o[b - 1] ?? startOff) + 1 : startOff;
    return this.src.range(startOff, endOff);
  }

  run(): Token[] {
    const t = this.m.text;
    while (this.i < t.length) {
      const c = t[this.i] as string;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && this.esc && t[this.i + 1] === '\n') {
        this.i += 2;
      } else if (c === '\n') {
        this.tokens.push({ kind: 'op', text: '\n', pos: this.i, end: this.i + 1 });
        this.i++;
        this.skipHeredocBodies();
      } else if (c === '#') {
        this.hasComments = true;
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else if (this.operator()) {
        // consumed
      } else {
        this.word();
      }
    }
    return this.tokens;
  }

  private skipHeredocBodies(): void {
    const t = this.m.text;
    for (const h of this.pendingHeredocs) {
      while (this.i < t.length) {
        let e = t.indexOf('\n', this.i);
        if (e < 0) e = t.length;
        let line = t.slice(this.i, e).replace(/\r$/, '');
        if (h.strip) line = line.replace(/^\t+/, '');
        this.i = Math.min(e + 1, t.length);
        if (line === h.word) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private operator(): boolean {
    const t = this.m.text;
    const rest = t.slice(this.i, this.i + 3);
    for (const op of ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')']) {
      if (rest.startsWith(op)) {
        // `&>` and `&>>` are redirections, handled below.
        if (op === '&' && (t[this.i + 1] === '>')) break;
        this.tokens.push({ kind: 'op', text: op, pos: this.i, end: this.i + op.length });
        this.i += op.length;
        return true;
      }
    }
    const redir = /^(\d*)(<<<|<<-|<<|>>|>&|<&|&>>|&>|>\||<>|>|<)/.exec(t.slice(this.i, this.i + 8));
    if (redir) {
      this.i += redir[0].length;
      const op = redir[2] as string;
      // The next word is the redirection target, not a command argument.
      while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\t')) this.i++;
      const before = this.tokens.length;
      if (this.i < t.length && !/[\n;&|()<>]/.test(t[this.i] as string)) this.word();
      const target = this.tokens.length > before ? this.tokens.pop() : undefined;
      if ((op === '<<' || op === '<<-') && target?.word) {
        this.pendingHeredocs.push({ word: target.word.value, strip: op === '<<-' });
      }
      this.tokens.push({ kind: 'redir', text: op, pos: target?.pos ?? this.i, end: target?.end ?? this.i, redirect: { op, target: target?.word } });
      return true;
    }
    return false;
  }

  private word(): void {
    const t = this.m.text;
    const start = this.i;
    let value = '';
    let expands = false;
    while (this.i < t.length) {
      const c = t[this.i] as string;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') {
        // `$(` and `<(`, `>(` are handled where they start; here these characters end the word.
        break;
      }
      if (c === '\\' && this.esc) {
        if (t[this.i + 1] === '\n') {
          this.i += 2;
          continue;
        }
        if (this.i + 1 < t.length) value += t[this.i + 1];
        this.i += 2;
      } else if (c === "'") {
        const e = t.indexOf("'", this.i + 1);
        const end = e < 0 ? t.length : e;
        value += t.slice(this.i + 1, end);
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        while (this.i < t.length && t[this.i] !== '"') {
          const d = t[this.i] as string;
          if (d === '\\' && this.esc && this.i + 1 < t.length && '$`"\\\n'.includes(t[this.i + 1] as string)) {
            if (t[this.i + 1] !== '\n') value += t[this.i + 1];
            this.i += 2;
          } else if (d === '$' || d === '`') {
            expands = true;
            value += this.expansion();
          } else {
            value += d;
            this.i++;
          }
        }
        this.i++;
      } else if (c === '$' || c === '`') {
        expands = true;
        value += this.expansion();
      } else {
        value += c;
        this.i++;
      }
    }
    const end = Math.min(this.i, t.length);
    if (end === start) {
      this.i++;
      return;
    }
    this.tokens.push({
      kind: 'word',
      text: t.slice(start, end),
      pos: start,
      end,
      word: { raw: t.slice(start, end), value, start, end, range: this.range(start, end), expands },
    });
  }

  /** Reads $NAME, ${…}, $(…), $((…)), $'…' or `…` starting at i and returns it as written. */
  private expansion(): string {
    const t = this.m.text;
    const start = this.i;
    if (t[this.i] === '`') {
      const e = t.indexOf('`', this.i + 1);
      this.i = e < 0 ? t.length : e + 1;
      return t.slice(start, this.i);
    }
    const next = t[this.i + 1];
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let depth = 0;
      this.i++;
      while (this.i < t.length) {
        const c = t[this.i] as string;
        if (c === next) depth++;
        else if (c === close) {
          depth--;
          if (depth === 0) {
            this.i++;
            break;
          }
        } else if (c === "'" || c === '"') {
          const e = t.indexOf(c, this.i + 1);
          this.i = e < 0 ? t.length : e;
        }
        this.i++;
      }
      return t.slice(start, this.i);
    }
    if (next === "'") {
      const e = t.indexOf("'", this.i + 2);
      this.i = e < 0 ? t.length : e + 1;
      return t.slice(start, this.i);
    }
    this.i++;
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(t.slice(this.i));
    if (m) this.i += m[0].length;
    return t.slice(start, this.i);
  }
}

/** Parses a shell script (a RUN body, a heredoc body or a `sh -c` string). */
export function parseShell(src: SourceText, m: MappedText, options: ShellOptions = {}): ShellScript {
  const lexer = new Lexer(src, m, options);
  const tokens = lexer.run();
  const commands: SimpleCommand[] = [];
  const subshells: number[] = [];
  let nextSubshell = 1;
  let caseDepth = 0;
  let skipToSeparator = false;
  let current: ShellWord[] = [];
  let redirects: Redirection[] = [];
  let after: Connector = '';
  let segStart = 0;

  const flush = (next: Connector, opPos: number, opEnd: number): void => {
    let words = current;
    const redirs = redirects;
    current = [];
    redirects = [];
    // Reserved words at the start of a command belong to the compound command, not to it.
    while (words.length > 0 && RESERVED_START.has((words[0] as ShellWord).raw)) words = words.slice(1);
    if (!skipToSeparator && words.length > 0) {
      const first = words[0] as ShellWord;
      if (first.raw === 'for' || first.raw === 'select') {
        // `for x in …` lists words, it runs nothing.
      } else if (first.raw === 'case') {
        caseDepth++;
      } else {
        const assigns: ShellAssignment[] = [];
        let k = 0;
        while (k < words.length && isAssignment((words[k] as ShellWord).raw)) {
          const w = words[k] as ShellWord;
          const eq = w.value.indexOf('=');
          assigns.push({ name: w.value.slice(0, eq).replace(/\+$/, ''), value: w.value.slice(eq + 1), word: w });
          k++;
        }
        const rest = words.slice(k);
        const last = (rest[rest.length - 1] ?? assigns[assigns.length - 1]?.word) as ShellWord;
        commands.push({
          words: rest,
          assigns,
          redirects: redirs,
          subshells: [...subshells],
          after,
          range: { start: (assigns[0]?.word ?? (rest[0] as ShellWord)).range.start, end: last.range.end },
          span: [segStart, opPos],
        });
      }
    }
    skipToSeparator = false;
    after = next;
    segStart = opEnd;
  };

  for (const tok of tokens) {
    if (tok.kind === 'redir' && tok.redirect) {
      redirects.push(tok.redirect);
      continue;
    }
    if (tok.kind === 'word' && tok.word) {
      if (tok.word.raw === 'esac' && current.length === 0 && caseDepth > 0) caseDepth--;
      current.push(tok.word);
      continue;
    }
    switch (tok.text) {
      case '(':
        if (current.length === 0) {
          subshells.push(nextSubshell++);
          segStart = tok.end;
        }
        break;
      case ')':
        if (caseDepth > 0 && (subshells.length === 0 || current.length > 0)) {
          // `pattern)` inside case … esac
          current = [];
        } else {
          flush(';', tok.pos, tok.end);
          subshells.pop();
        }
        break;
      case ';;':
        flush(';', tok.pos, tok.end);
        break;
      default:
        flush(tok.text as Connector, tok.pos, tok.end);
    }
  }
  flush('', m.text.length, m.text.length);
  return { commands, hasComments: lexer.hasComments, source: m };
}
