// A small Go tokenizer: enough to tell code from comments, strings (interpreted and raw) and
// runes, with 1-based line numbers. It never fails: malformed input ends a token early.

export type TokenKind = 'ident' | 'string' | 'char' | 'number' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  /** Identifier, operator, number or comment text; for strings the decoded value. */
  text: string;
  line: number;
}

const THREE = new Set(['...', '<<=', '>>=', '&^=']);
const TWO = new Set([
  ':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '<<', '>>', '&^',
]);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

/** Reads an interpreted string starting at the opening quote; returns the value and end index. */
function readInterpreted(src: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  const n = src.length;
  while (i < n) {
    const ch = src[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\n') return { value, end: i }; // unterminated: stop at the line end
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const e = src[i + 1] ?? '';
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = src.slice(i + 2, i + 2 + len);
      const cp = parseInt(hex, 16);
      value += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      i += 2 + len;
    } else if (e >= '0' && e <= '7') {
      value += String.fromCharCode(parseInt(src.slice(i + 1, i + 4), 8) & 0xff);
      i += 4;
    } else {
      value += e;
      i += 2;
    }
  }
  return { value, end: n };
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        let j = src.indexOf('\n', i);
        if (j < 0) j = n;
        toks.push({ kind: 'comment', text: src.slice(i, j).replace(/\r$/, ''), line });
        i = j;
        continue;
      }
      if (d === 42) {
        const j = src.indexOf('*/', i + 2);
        const end = j < 0 ? n : j + 2;
        const text = src.slice(i, end);
        toks.push({ kind: 'comment', text, line });
        line += countNewlines(text);
        i = end;
        continue;
      }
    }
    if (c === 34 /* " */) {
      const { value, end } = readInterpreted(src, i);
      toks.push({ kind: 'string', text: value, line });
      i = end;
      continue;
    }
    if (c === 96 /* ` */) {
      const j = src.indexOf('`', i + 1);
      const end = j < 0 ? n : j;
      const body = src.slice(i + 1, end);
      toks.push({ kind: 'string', text: body.replace(/\r/g, ''), line });
      line += countNewlines(body);
      i = end + 1;
      continue;
    }
    if (c === 39 /* ' */) {
      let j = i + 1;
      while (j < n) {
        const ch = src.charCodeAt(j);
        if (ch === 92) {
          j += 2;
          continue;
        }
        if (ch === 39 || ch === 10) break;
        j++;
      }
      const end = src.charCodeAt(j) === 39 ? j + 1 : j;
      toks.push({ kind: 'char', text: src.slice(i, end), line });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(src.charCodeAt(j))) j++;
      toks.push({ kind: 'ident', text: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const ch = src.charCodeAt(j);
        const prev = src.charCodeAt(j - 1) | 0x20; // lower-case letter of the previous char
        if (isIdentPart(ch) || ch === 46) j++;
        else if ((ch === 43 || ch === 45) && (prev === 101 || prev === 112)) j++; // exponent sign
        else break;
      }
      toks.push({ kind: 'number', text: src.slice(i, j), line });
      i = j;
      continue;
    }
    const three = src.substr(i, 3);
    if (THREE.has(three)) {
      toks.push({ kind: 'op', text: three, line });
      i += 3;
      continue;
    }
    const two = src.substr(i, 2);
    if (TWO.has(two)) {
      toks.push({ kind: 'op', text: two, line });
      i += 2;
      continue;
    }
    toks.push({ kind: 'op', text: src[i], line });
    i++;
  }
  return toks;
}
