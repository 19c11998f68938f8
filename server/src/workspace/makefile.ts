// Makefile targets and their recipes (GNU make syntax, best effort, no variable expansion).

import type { MakeTarget } from '../engine/facts';
import { ruleColon } from '../engine/tagsource/makefile';

const DIRECTIVE = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|export|unexport|override|vpath|undefine|\$\()/;
const TARGET_VAR = /^\s*(export\s+|override\s+|private\s+)?[A-Za-z_][\w.-]*\s*(\?|\+|:|::|!)?=/;

interface RuleLine {
  names: string[];
  inline?: string;
}

function parseRuleLine(line: string): RuleLine | undefined {
  if (DIRECTIVE.test(line)) return undefined;
  const colon = ruleColon(line);
  if (colon < 0) return undefined;
  let after = line.slice(colon + 1);
  if (after.startsWith('=') || after.startsWith(':=') || after.startsWith(':::=')) return undefined; // := ::= assignments
  if (after.startsWith(':')) after = after.slice(1); // double-colon rule
  const semi = after.indexOf(';');
  const prereqs = semi >= 0 ? after.slice(0, semi) : after;
  if (TARGET_VAR.test(prereqs)) return { names: [] }; // target-specific variable: no recipe follows
  const names = line
    .slice(0, colon)
    .trim()
    .split(/\s+/)
    .filter((n) => n !== '' && !/^\.[A-Z_]+$/.test(n)); // .PHONY, .DEFAULT_GOAL, …
  const inline = semi >= 0 ? after.slice(semi + 1).trim() : undefined;
  return { names, ...(inline ? { inline } : {}) };
}

export function parseMakefile(text: string, file = 'Makefile'): MakeTarget[] {
  const out: MakeTarget[] = [];
  const byName = new Map<string, MakeTarget>();
  let current: MakeTarget[] = [];
  let inDefine = false;
  let continued = false;
  let ruleLine = 0;
  // The rule line that carries the recipe is the useful location when a target has several.
  const addRecipe = (t: MakeTarget, body: string): void => {
    if (t.recipe.length === 0) t.loc = { file, line: ruleLine };
    t.recipe.push(body);
  };
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  lines.forEach((line, idx) => {
    if (inDefine) {
      if (/^\s*endef\b/.test(line)) inDefine = false;
      return;
    }
    if (line.startsWith('\t') || (continued && current.length)) {
      const body = line.startsWith('\t') ? line.slice(1) : line;
      for (const t of current) addRecipe(t, body);
      continued = /\\$/.test(line);
      return;
    }
    continued = false;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return; // comments and blank lines keep the rule open
    if (/^\s*define\b/.test(line)) {
      inDefine = true;
      current = [];
      return;
    }
    const rule = parseRuleLine(line);
    current = [];
    if (!rule) return;
    ruleLine = idx + 1;
    for (const name of rule.names) {
      let t = byName.get(name);
      if (!t) {
        t = { name, recipe: [], loc: { file, line: idx + 1 } };
        byName.set(name, t);
        out.push(t);
      }
      if (rule.inline) addRecipe(t, rule.inline);
      current.push(t);
    }
  });
  return out;
}
