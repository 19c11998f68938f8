// ARG and ENV declarations. dockerfile-ast reads `ARG TARGETOS TARGETARCH` as one ARG named
// TARGETOS with the value "TARGETARCH" (EDGE_CASES EC16), so the words are split here.
import type { ArgWord, InstructionNode } from '../instruction';
import type { SourceText } from '../text';
import type { Range } from '../types';
import { expand, type VarLookup } from '../vars';
import type { ArgDecl, EnvDecl } from './types';

function splitAssignment(src: SourceText, w: ArgWord): { name: string; value?: string; nameRange: Range; valueRange?: Range } {
  const eq = w.value.indexOf('=');
  const rawEq = w.raw.indexOf('=');
  if (eq < 0 || rawEq < 0) return { name: w.value, nameRange: w.range };
  const name = w.value.slice(0, eq);
  return {
    name,
    value: w.value.slice(eq + 1),
    nameRange: src.range(w.start, w.start + rawEq),
    valueRange: src.range(w.start + rawEq + 1, w.end),
  };
}

export function parseArgs(src: SourceText, node: InstructionNode, lookup: VarLookup, escape: string): ArgDecl[] {
  const decls: ArgDecl[] = [];
  for (const w of node.words) {
    const a = splitAssignment(src, w);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.name)) continue;
    const value = a.value === undefined ? undefined : expand(a.value, lookup, escape).text;
    decls.push({ name: a.name, value, raw: a.value, node, nameRange: a.nameRange, valueRange: a.valueRange });
  }
  return decls;
}

export function parseEnvs(src: SourceText, node: InstructionNode, lookup: VarLookup, escape: string): EnvDecl[] {
  const words = node.words;
  const first = words[0];
  if (!first) return [];
  if (!first.value.includes('=')) {
    // Legacy form: ENV NAME value with spaces.
    const second = words[1];
    const raw = second ? src.text.slice(second.start, src.offsetAt(node.argsRange.end)) : '';
    const valueRange = second ? { start: second.range.start, end: node.argsRange.end } : first.range;
    return [{ name: first.value, raw, value: expand(raw, lookup, escape).text, node, nameRange: first.range, valueRange }];
  }
  const decls: EnvDecl[] = [];
  for (const w of words) {
    const a = splitAssignment(src, w);
    if (a.value === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.name)) continue;
    // All substitutions in one ENV use the values from before the instruction (Dockerfile reference).
    const value = expand(a.value, lookup, escape).text;
    decls.push({ name: a.name, raw: a.value, value, node, nameRange: a.nameRange, valueRange: a.valueRange ?? w.range });
  }
  return decls;
}
