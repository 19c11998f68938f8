// A line-level Makefile reader for GD007b: recipe lines (tab-prefixed, after a rule line, joined at
// `\` continuations as make hands them to the shell, minus the @ - + prefixes) with document
// offsets, and the variables the makefile assigns. `define … endef` bodies are skipped.
import type { MappedText } from '../instruction';

export interface MakeRecipe {
  /** The recipe command as the shell sees it, mapped to document offsets. */
  text: MappedText;
  /** 0-based first line. */
  line: number;
}

export interface MakefileReading {
  recipes: MakeRecipe[];
  /** Names of variables assigned outside recipes (`NAME = …`, `?=`, `:=`, `::=`, `+=`, `!=`, override/export). */
  variables: Set<string>;
  /** Values of variables assigned once with a plain value (`=`, `:=`, `::=`, `?=`); appended or shell ones are left out. */
  values: Map<string, string>;
  /** 0-based line before which a new variable line goes: after the leading comment block. */
  headerEnd: number;
  /** Problems that make the file unreadable to make (an unterminated define). */
  problems: string[];
}

const ASSIGN = /^\s*(?:(?:override|export|private)\s+)*([A-Za-z_][\w.-]*)\s*(\?|:::|::|:|\+|!)?=/;
const DIRECTIVE = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|export|unexport|override|vpath|undefine)\b/;

/**
 * Index of a rule line's colon: the first `:` outside `$(…)`/`${…}`, or -1 when an `=` (an assignment)
 * or a `#` (a comment) comes first. Shared with the workspace scanner's Makefile target reader.
 */
export function ruleColon(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && (c === '=' || c === '#')) return -1;
    else if (depth === 0 && c === ':') return i;
  }
  return -1;
}

/** Rule line: a colon outside $(…) that is not part of an assignment operator. */
function isRuleLine(line: string): boolean {
  if (DIRECTIVE.test(line) || ASSIGN.test(line)) return false;
  const colon = ruleColon(line);
  return colon >= 0 && line[colon + 1] !== '=';
}

export function readMakefile(doc: string): MakefileReading {
  const lines: { start: number; text: string }[] = [];
  let pos = 0;
  for (const raw of doc.split('\n')) {
    lines.push({ start: pos, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw });
    pos += raw.length + 1;
  }
  const out: MakefileReading = { recipes: [], variables: new Set(), values: new Map(), headerEnd: 0, problems: [] };
  const assigned = new Map<string, number>();
  while (out.headerEnd < lines.length && /^\s*#/.test((lines[out.headerEnd] as { text: string }).text.replace(/^\ufeff/, ''))) out.headerEnd++;
  let inRule = false;
  let defineDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const { text } = lines[i] as { start: number; text: string };
    if (defineDepth > 0) {
      if (/^\s*endef\b/.test(text)) defineDepth--;
      else if (/^\s*(?:(?:override|export)\s+)*define\b/.test(text)) defineDepth++;
      continue;
    }
    if (inRule && text.startsWith('\t')) {
      // One recipe command: this line and its `\` continuations.
      const t: MappedText = { text: '', offsets: [] };
      let j = i;
      let skip = 1;
      const first = /^\t[@+\- \t]*/.exec(text);
      skip = first ? first[0].length : 1;
      for (;;) {
        const l = lines[j] as { start: number; text: string };
        for (let k = skip; k < l.text.length; k++) {
          t.text += l.text[k];
          t.offsets.push(l.start + k);
        }
        if (!l.text.endsWith('\\') || j + 1 >= lines.length) break;
        t.text += '\n';
        t.offsets.push(l.start + l.text.length);
        j++;
        skip = (lines[j] as { text: string }).text.startsWith('\t') ? 1 : 0;
      }
      const last = lines[j] as { start: number; text: string };
      t.offsets.push(last.start + last.text.length);
      out.recipes.push({ text: t, line: i });
      i = j;
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^\s*(?:(?:override|export)\s+)*define\b/.test(text)) {
      const m = /define\s+([A-Za-z_][\w.-]*)/.exec(text);
      if (m) out.variables.add(m[1] as string);
      defineDepth = 1;
      inRule = false;
      continue;
    }
    const assign = ASSIGN.exec(text);
    if (assign && !isRuleLine(text)) {
      const name = assign[1] as string;
      out.variables.add(name);
      assigned.set(name, (assigned.get(name) ?? 0) + 1);
      const op = assign[2];
      const value = text.slice(assign[0].length).replace(/\s+#.*$/, '').trim();
      if (op !== '+' && op !== '!' && !text.endsWith('\\')) out.values.set(name, value);
      inRule = false;
      // skip the continuation lines of a long assignment
      while (lines[i]?.text.endsWith('\\') && i + 1 < lines.length) i++;
      continue;
    }
    inRule = isRuleLine(text) || (inRule && DIRECTIVE.test(text));
  }
  if (defineDepth > 0) out.problems.push('unterminated define');
  // Assigned more than once (ifeq branches, overrides): no single value.
  for (const [name, n] of assigned) if (n > 1 || !out.values.has(name)) out.values.delete(name);
  return out;
}

/** `$(NAME)` / `${NAME}` replaced by the makefile's values; undefined when one is unknown. */
export function expandMake(text: string, values: Map<string, string>, depth = 0): string | undefined {
  let failed = false;
  const out = text.replace(/\$[({]([A-Za-z_][\w.-]*)[)}]/g, (_m, name: string) => {
    const v = values.get(name);
    if (v === undefined || depth > 4) {
      failed = true;
      return '';
    }
    return expandMake(v, values, depth + 1) ?? ((failed = true), '');
  });
  return failed ? undefined : out;
}
