// One Dockerfile instruction as the analysis model sees it. dockerfile-ast finds the instruction
// boundaries, keywords and heredoc bodies; this module reads the instruction text itself: it joins
// continuation lines (dropping comment and empty lines, like BuildKit), keeps a map from every
// character of the joined text back to the document, splits off --flags, and decides between exec
// form and shell form with a strict JSON check (dockerfile-ast accepts invalid JSON, EDGE_CASES §I).
import type { Heredoc, Instruction } from 'dockerfile-ast';
import type { Range } from './types';
import type { SourceText } from './text';

/** A piece of instruction text with the document offset of each of its characters. */
export interface MappedText {
  text: string;
  /** offsets[i] is the document offset of text[i]; offsets[text.length] is the end offset. */
  offsets: number[];
}

export interface Flag {
  name: string;
  /** null for a flag without "=value". */
  value: string | null;
  range: Range;
  valueRange: Range | null;
  /** Document offsets of the whole flag token. */
  start: number;
  end: number;
}

export interface ArgWord {
  /** As written (quotes kept). */
  raw: string;
  /** Quotes removed, escape characters resolved. */
  value: string;
  range: Range;
  start: number;
  end: number;
}

export interface JsonElement {
  value: string;
  range: Range;
}

export type ArgumentForm =
  | { kind: 'exec'; elements: JsonElement[] }
  | { kind: 'shell' }
  /** `[...]` that parses as JSON but holds a non-string: BuildKit rejects it (P003). */
  | { kind: 'invalid-exec'; reason: string };

export interface HeredocNode {
  name: string;
  /** `<<-`: leading tabs are stripped from body lines and the terminator. */
  stripTabs: boolean;
  /** `<<"EOF"` or `<<'EOF'`: no build-time expansion. */
  quoted: boolean;
  /** Body with tabs stripped for `<<-`, mapped to the document. */
  body: MappedText;
  /** Range of the `<<EOF` marker on the command line, and its index in the instruction's `args` text. */
  markerRange: Range;
  markerIndex: number;
  terminated: boolean;
  /** Whole body range (empty range at the body start when the body is empty). */
  bodyRange: Range;
}

export interface InstructionNode {
  /** Position in the file's instruction list (ONBUILD triggers get the index of their ONBUILD). */
  index: number;
  /** Upper-case keyword, e.g. "RUN". */
  keyword: string;
  /** The keyword as written ("run", "Run", …). */
  keywordText: string;
  range: Range;
  keywordRange: Range;
  /** Stage index, or -1 for instructions before the first FROM. */
  stage: number;
  flags: Flag[];
  /** Joined text after the keyword and flags (for heredoc instructions: the command line only). */
  args: MappedText;
  /** Range of the arguments (after flags); an empty range after the keyword when there are none. */
  argsRange: Range;
  /** Whitespace-separated words of `args`, quotes honoured. */
  words: ArgWord[];
  form: ArgumentForm;
  heredocs: HeredocNode[];
  /** True for the instruction carried by an ONBUILD. */
  onbuild: boolean;
  /** The raw instruction text as written in the document. */
  rawText: string;
}

const FLAG_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Joins the physical lines of an instruction from `start` (an offset) up to `limit`, BuildKit style:
 * an escape character followed only by whitespace at the end of a line continues the instruction;
 * comment lines and empty lines inside a continuation are dropped.
 */
export function joinContinuation(src: SourceText, start: number, limit: number, escape: string): MappedText {
  let text = '';
  const offsets: number[] = [];
  let line = src.positionAt(start).line;
  let from = start;
  let first = true;
  while (from <= limit && line < src.lineCount) {
    const lineEnd = Math.min(src.lineEnd(line), limit);
    const content = src.text.slice(from, lineEnd);
    if (!first) {
      const trimmed = content.trim();
      if (trimmed === '' || trimmed.startsWith('#')) {
        line++;
        from = src.lineStart(line);
        if (from >= limit) break;
        continue;
      }
    }
    first = false;
    const m = continuationRe(escape).exec(content);
    const keep = m && lineEnd < limit ? m.index : content.length;
    text += content.slice(0, keep);
    for (let i = 0; i < keep; i++) offsets.push(from + i);
    if (!(m && lineEnd < limit)) {
      offsets.push(from + keep);
      return { text, offsets };
    }
    line++;
    from = src.lineStart(line);
  }
  offsets.push(Math.min(from, limit));
  return { text, offsets };
}

const CONTINUATION = new Map<string, RegExp>();

/** An escape character followed only by blanks at the end of a line (one RegExp per escape character). */
function continuationRe(escape: string): RegExp {
  let re = CONTINUATION.get(escape);
  if (!re) {
    re = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
    CONTINUATION.set(escape, re);
  }
  return re;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The sub-text [a, b) of a mapped text. */
export function sliceMapped(m: MappedText, a: number, b: number): MappedText {
  return { text: m.text.slice(a, b), offsets: m.offsets.slice(a, b + 1) };
}

export function mappedRange(src: SourceText, m: MappedText, a: number, b: number): Range {
  const startOff = m.offsets[a] ?? m.offsets[m.offsets.length - 1] ?? 0;
  // The end of the last character, not the start of the next one (which may sit on another line).
  const endOff = b > a ? (m.offsets[b - 1] ?? startOff) + 1 : startOff;
  return src.range(startOff, endOff);
}

/** Splits Dockerfile-level words on whitespace, honouring quotes and the escape character. */
export function splitWords(src: SourceText, m: MappedText, escape: string): ArgWord[] {
  const words: ArgWord[] = [];
  const t = m.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && isSpace(t[i])) i++;
    if (i >= t.length) break;
    const start = i;
    let value = '';
    let quote: string | null = null;
    while (i < t.length) {
      const c = t[i] as string;
      if (quote) {
        if (c === quote) quote = null;
        else if (c === escape && quote === '"' && i + 1 < t.length) {
          value += t[i + 1];
          i++;
        } else value += c;
      } else if (isSpace(c)) break;
      else if (c === '"' || c === "'") quote = c;
      else if (c === escape && i + 1 < t.length) {
        value += t[i + 1];
        i++;
      } else value += c;
      i++;
    }
    const r = mappedRange(src, m, start, i);
    words.push({ raw: t.slice(start, i), value, range: r, start: m.offsets[start] as number, end: src.offsetAt(r.end) });
  }
  return words;
}

/** Strict exec-form detection: BuildKit's parseMaybeJSON (EDGE_CASES EC29, EC30). */
export function parseForm(src: SourceText, args: MappedText): ArgumentForm {
  const trimmed = args.text.trim();
  if (!trimmed.startsWith('[')) return { kind: 'shell' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { kind: 'shell' };
  }
  if (!Array.isArray(parsed)) return { kind: 'shell' };
  if (!parsed.every((v) => typeof v === 'string')) {
    return { kind: 'invalid-exec', reason: 'exec form must be a JSON array of strings' };
  }
  const elements: JsonElement[] = [];
  const t = args.text;
  let i = t.indexOf('[') + 1;
  for (const value of parsed as string[]) {
    const q = t.indexOf('"', i);
    let j = q + 1;
    while (j < t.length && t[j] !== '"') j += t[j] === '\\' ? 2 : 1;
    elements.push({ value, range: mappedRange(src, args, q, j + 1) });
    i = j + 1;
  }
  return { kind: 'exec', elements };
}

function splitFlags(src: SourceText, m: MappedText): { flags: Flag[]; rest: number } {
  const flags: Flag[] = [];
  const t = m.text;
  let i = 0;
  for (;;) {
    while (i < t.length && isSpace(t[i])) i++;
    if (!t.startsWith('--', i)) break;
    const start = i;
    while (i < t.length && !isSpace(t[i])) i++;
    const token = t.slice(start + 2, i);
    const eq = token.indexOf('=');
    const name = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? null : token.slice(eq + 1);
    const range = mappedRange(src, m, start, i);
    const valueRange = eq < 0 ? null : mappedRange(src, m, start + 2 + eq + 1, i);
    flags.push({ name, value, range, valueRange, start: m.offsets[start] as number, end: src.offsetAt(range.end) });
  }
  return { flags, rest: i };
}

const HEREDOC_MARKER = /<<(-?)[ \t]*(["']?)([A-Za-z0-9_.-]+)\2/g;

/** dockerfile-ast's heredocs of an instruction; only asked when the text has `<<` (it is costly). */
function astHeredocs(ast: Instruction, text: string): Heredoc[] {
  if (!text.includes('<<')) return [];
  const getter = (ast as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs;
  return typeof getter === 'function' ? getter.call(ast) : [];
}

function heredocNodes(src: SourceText, docs: Heredoc[], command: MappedText): HeredocNode[] {
  if (docs.length === 0) return [];
  const markers: { strip: boolean; quoted: boolean; name: string; a: number; b: number }[] = [];
  for (const mm of command.text.matchAll(HEREDOC_MARKER)) {
    const a = mm.index ?? 0;
    markers.push({ strip: mm[1] === '-', quoted: mm[2] !== '', name: mm[3] as string, a, b: a + mm[0].length });
  }
  return docs.map((h, k) => {
    const marker = markers.find((x) => x.name === h.getName()) ?? markers[k];
    const content = h.getContentRange();
    const delim = h.getDelimiterRange();
    const startOff = content ? src.offsetAt(content.start) : delim ? src.offsetAt(delim.start) : src.offsetAt(h.getNameRange().end);
    const endOff = content ? src.offsetAt(content.end) : startOff;
    const strip = marker?.strip ?? false;
    let text = '';
    const offsets: number[] = [];
    let lineStart = true;
    for (let o = startOff; o < endOff; o++) {
      const c = src.text[o] as string;
      if (lineStart && strip && c === '\t') continue;
      lineStart = c === '\n';
      text += c;
      offsets.push(o);
    }
    offsets.push(endOff);
    return {
      name: h.getName(),
      stripTabs: strip,
      quoted: marker?.quoted ?? false,
      body: { text, offsets },
      markerRange: marker ? mappedRange(src, command, marker.a, marker.b) : h.getNameRange(),
      markerIndex: marker?.a ?? -1,
      terminated: delim !== null,
      bodyRange: src.range(startOff, endOff),
    };
  });
}

/** Builds the model's view of one dockerfile-ast instruction. */
export function buildInstruction(
  src: SourceText,
  ast: Instruction,
  index: number,
  stage: number,
  escape: string,
  onbuild: boolean,
): InstructionNode {
  const range = ast.getRange();
  const keywordRange = ast.getInstructionRange();
  const keywordText = src.slice(keywordRange);
  // A keyword split by a line continuation (rare) is left to dockerfile-ast to join.
  const keyword = (/^[A-Za-z-]+$/.test(keywordText) ? keywordText : ast.getKeyword()).toUpperCase();
  const startOff = src.offsetAt(keywordRange.end);
  let endOff = src.offsetAt(range.end);
  const rawText = src.text.slice(src.offsetAt(range.start), endOff);
  // With heredocs the command line ends where the first body starts.
  const docs = astHeredocs(ast, rawText);
  if (docs.length > 0) {
    const first = docs[0] as Heredoc;
    const bodyStart = first.getContentRange()?.start ?? first.getDelimiterRange()?.start;
    if (bodyStart && bodyStart.line > keywordRange.start.line) endOff = src.lineEnd(bodyStart.line - 1);
  }
  const joined = joinContinuation(src, startOff, endOff, escape);
  let flags: Flag[] = [];
  let rest = 0;
  if (FLAG_KEYWORDS.has(keyword)) ({ flags, rest } = splitFlags(src, joined));
  while (rest < joined.text.length && isSpace(joined.text[rest])) rest++;
  let tail = joined.text.length;
  while (tail > rest && isSpace(joined.text[tail - 1])) tail--;
  const args = sliceMapped(joined, rest, tail);
  const argsRange = args.text.length > 0 ? mappedRange(src, joined, rest, tail) : src.range(startOff, startOff);
  const heredocs = heredocNodes(src, docs, args);
  return {
    index,
    keyword,
    keywordText,
    range,
    keywordRange,
    stage,
    flags,
    args,
    argsRange,
    words: splitWords(src, args, escape),
    form: JSON_KEYWORDS.has(keyword) && heredocs.length === 0 ? parseForm(src, args) : keyword === 'HEALTHCHECK' ? healthcheckForm(src, args) : { kind: 'shell' },
    heredocs,
    onbuild,
    rawText,
  };
}

/**
 * A JSON look-alike BuildKit rejects as JSON and runs as shell form: `['/app']`, `["/app" "--x"]`,
 * `["/app", "-health",]`. Returns the intended argv, or undefined when the text is not one.
 */
export function jsonLookAlike(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  const inner = t.slice(1, -1);
  const out: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const c = inner[i] as string;
    if (c === ' ' || c === '\t' || c === ',') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < inner.length && inner[j] !== c) {
        if (inner[j] === '\\' && c === '"' && j + 1 < inner.length) {
          const next = inner[j + 1] as string;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else value += inner[j++];
      }
      if (j >= inner.length) return undefined;
      out.push(value);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < inner.length && !/[\s,]/.test(inner[j] as string)) j++;
    const bare = inner.slice(i, j);
    if (/["'[\]{}$`\\]/.test(bare)) return undefined;
    out.push(bare);
    i = j;
  }
  return out.length > 0 ? out : undefined;
}

/** HEALTHCHECK [flags] CMD <command>: the form of the command after CMD (dockerfile-ast has no accessor). */
function healthcheckForm(src: SourceText, args: MappedText): ArgumentForm {
  const m = /^CMD[ \t]+/i.exec(args.text);
  return m ? parseForm(src, sliceMapped(args, m[0].length, args.text.length)) : { kind: 'shell' };
}

export function flagValue(node: InstructionNode, name: string): Flag | undefined {
  return node.flags.find((f) => f.name.toLowerCase() === name);
}
