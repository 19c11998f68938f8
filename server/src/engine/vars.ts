// Dockerfile variable substitution ("Environment replacement" in the Dockerfile reference):
// $VAR, ${VAR}, ${VAR:-word}, ${VAR-word}, ${VAR:+word}, ${VAR+word}. dockerfile-ast leaves
// `FROM ${RUNTIME:-scratch}` unresolved (EDGE_CASES EC22), so the model resolves it here.

export interface VarBinding {
  /** The value, or undefined when the variable is declared without a value (e.g. `ARG X`). */
  value: string | undefined;
}

export type VarLookup = (name: string) => VarBinding | undefined;

export interface Expansion {
  text: string;
  /** Variables that were referenced. */
  used: string[];
  /** Variables whose value is not known statically (undeclared, or declared without a default). */
  unknown: string[];
}

const VAR = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/y;

export function expand(text: string, lookup: VarLookup, escape = '\\'): Expansion {
  // Most words reference nothing: no scan, no lookups.
  if (!text.includes('$')) return { text, used: [], unknown: [] };
  const used: string[] = [];
  const unknown: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    VAR.lastIndex = i;
    const m = VAR.exec(text);
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const name = (m[1] ?? m[4]) as string;
    const op = m[2];
    const word = m[3] ?? '';
    used.push(name);
    const b = lookup(name);
    const isSet = b !== undefined && b.value !== undefined;
    const value = b?.value ?? '';
    if (op === ':-' || op === '-') {
      const useDefault = op === ':-' ? !isSet || value === '' : b === undefined;
      if (useDefault) {
        const inner = expand(word, lookup, escape);
        out += inner.text;
        used.push(...inner.used);
        unknown.push(...inner.unknown);
        if (b !== undefined && b.value === undefined) unknown.push(name);
      } else out += value;
    } else if (op === ':+' || op === '+') {
      const useAlt = op === ':+' ? isSet && value !== '' : b !== undefined;
      if (useAlt) {
        const inner = expand(word, lookup, escape);
        out += inner.text;
        used.push(...inner.used);
        unknown.push(...inner.unknown);
      }
      if (!isSet) unknown.push(name);
    } else {
      if (!isSet) unknown.push(name);
      out += value;
    }
    i = VAR.lastIndex;
  }
  return { text: out, used, unknown };
}

/** True when the text references a variable ($X or ${X…}). */
export function hasVariable(text: string): boolean {
  return /\$(\{[A-Za-z_]|[A-Za-z_])/.test(text);
}

/** Names referenced by $X / ${X…} in a text. */
export function referencedVariables(text: string): string[] {
  const names: string[] = [];
  if (!text.includes('$')) return names;
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    names.push((m[1] ?? m[2]) as string);
  }
  return names;
}
