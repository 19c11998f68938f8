// Editing the value of a go command flag in place (`-tags "netgo timetzdata"` → `-tags "timetzdata"`),
// keeping the quoting the user wrote. Undefined when the word cannot be rewritten exactly (escapes,
// expansions, a word split across continuation lines).
import { splitFlagValue } from '../../engine/model/gocmd';
import type { GoFlag } from '../../engine/model/types';
import type { ShellWord } from '../../engine/shell';
import type { TextEdit } from '../../engine/types';

function singleLine(w: ShellWord): boolean {
  return w.range.start.line === w.range.end.line && w.range.end.character - w.range.start.character === w.raw.length;
}

/** Replaces the value part of a flag (`-x v`, `-x=v`, quoted or not) with `value`. */
export function replaceFlagValue(flag: GoFlag, value: string): TextEdit | undefined {
  const old = flag.value ?? '';
  const word = flag.valueWord ?? flag.words[0];
  if (!word || !singleLine(word)) return undefined;
  let prefix = 0;
  if (!flag.valueWord) {
    const eq = word.raw.indexOf('=');
    if (eq < 0 || /["'\\$]/.test(word.raw.slice(0, eq))) return undefined;
    prefix = eq + 1;
  }
  const rest = word.raw.slice(prefix);
  let text: string | undefined;
  const spaced = /\s/.test(value);
  if (rest === old && !/["'\\$`]/.test(rest)) text = spaced ? `"${value}"` : value;
  else if (rest.length >= 2 && (rest[0] === "'" || rest[0] === '"') && rest.endsWith(rest[0] as string) && rest.slice(1, -1) === old) {
    if (rest[0] === '"' && /[\\$`"]/.test(old)) return undefined;
    text = `${rest[0]}${value}${rest[0]}`;
  }
  if (text === undefined) return undefined;
  const start = { line: word.range.start.line, character: word.range.start.character + prefix };
  return { range: { start, end: word.range.end }, newText: text };
}

/** End index (exclusive) in `s` of the shell-like token starting at `i` (quotes honoured). */
function tokenEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && !/\s/.test(s[j] as string)) {
    const c = s[j] as string;
    if (c === '"' || c === "'") {
      const e = s.indexOf(c, j + 1);
      j = e < 0 ? s.length : e + 1;
    } else j++;
  }
  return j;
}

/**
 * The -ldflags value without `-extldflags <arg>` (or `-extldflags=<arg>`), checked against the
 * tokenisation the model uses; undefined when the value cannot be cut cleanly.
 */
export function withoutExtldflags(value: string): { value: string; removed: string } | undefined {
  const tokens = splitFlagValue(value);
  const k = tokens.findIndex((t) => t === '-extldflags' || t === '--extldflags' || t.startsWith('-extldflags=') || t.startsWith('--extldflags='));
  if (k < 0) return undefined;
  const joined = tokens[k]?.includes('=');
  const expected = [...tokens.slice(0, k), ...tokens.slice(k + (joined ? 1 : 2))];
  const at = value.search(/(^|\s)--?extldflags/);
  if (at < 0) return undefined;
  const start = value[at] === '-' ? at : at + 1;
  let end = tokenEnd(value, start);
  if (!joined) {
    while (end < value.length && /\s/.test(value[end] as string)) end++;
    end = tokenEnd(value, end);
  }
  const next = `${value.slice(0, start)} ${value.slice(end)}`.trim().replace(/\s{2,}/g, ' ');
  if (JSON.stringify(splitFlagValue(next)) !== JSON.stringify(expected)) return undefined;
  return { value: next, removed: value.slice(start, end) };
}
