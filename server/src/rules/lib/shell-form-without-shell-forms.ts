// Argument forms for GD009: the argv a shell-form command was meant to be, and quoting for the fixes.
import { needsShell } from '../../engine/edits';
import { jsonLookAlike, type ArgumentForm, type InstructionNode } from '../../engine/instruction';
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


/** The argv of a shell-form command that needs no shell: whitespace-separated tokens. */
export function plainArgv(text: string): string[] | undefined {
  const t = text.trim();
  if (t === '' || needsShell(t)) return undefined;
  return t.split(/\s+/);
}

/** The exec-form argv a shell-form command was meant to be, and whether it is a JSON look-alike. */
export function intendedArgv(text: string): { argv: string[]; lookAlike: boolean } | undefined {
  const loose = jsonLookAlike(text);
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
