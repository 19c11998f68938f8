// Argument forms for GD009: JSON look-alikes that BuildKit reads as shell form, and quoting for the
// fixes.
import { needsShell } from '../../engine/edits';
import type { ArgumentForm, InstructionNode } from '../../engine/instruction';
import type { Range } from '../../engine/types';

export interface CommandPart {
  /** exec / shell / invalid-exec, decided with the same strict JSON check as instruction.parseForm. */
  form: ArgumentForm;
  /** The command text as written (continuations joined). */
  text: string;
  range: Range;
}

/** The command of CMD/ENTRYPOINT/RUN (the instruction's arguments). */
export function commandOf(node: InstructionNode): CommandPart {
  return { form: node.form, text: node.args.text, range: node.argsRange };
}

/**
 * A JSON look-alike BuildKit rejects as JSON and runs as shell form: `['/app']`, `["/app" "--x"]`,
 * `["/app", "-health",]`. Returns the intended argv, or undefined when the text is not one.
 */
export function looseJsonArgv(text: string): string[] | undefined {
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

/** The argv of a shell-form command that needs no shell: whitespace-separated tokens. */
export function plainArgv(text: string): string[] | undefined {
  const t = text.trim();
  if (t === '' || needsShell(t)) return undefined;
  return t.split(/\s+/);
}

/** The exec-form argv a shell-form command was meant to be, and whether it is a JSON look-alike. */
export function intendedArgv(text: string): { argv: string[]; lookAlike: boolean } | undefined {
  const loose = looseJsonArgv(text);
  if (loose) return { argv: loose, lookAlike: true };
  const plain = plainArgv(text);
  return plain ? { argv: plain, lookAlike: false } : undefined;
}

/** Quotes a word for a POSIX shell command line only when it needs it. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(s)) return s;
  const eq = /^([A-Za-z_][A-Za-z0-9_]*=)(.*)$/s.exec(s);
  if (eq) return `${eq[1]}${shellQuote(eq[2] as string)}`;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A value for `ENV NAME=value`. */
export function envValue(s: string): string {
  return /^[A-Za-z0-9_/.,:=@%+-]*$/.test(s) && s !== '' ? s : JSON.stringify(s);
}
