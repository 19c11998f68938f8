// HEALTHCHECK reading for GD024: the model keeps HEALTHCHECK as plain words (dockerfile-ast has no
// JSON accessor for it, EDGE_CASES EC29), so the command after `CMD` gets BuildKit's strict
// exec-form check here; and which files a shell-less runtime stage gets through COPY/ADD.
import { mappedRange, parseForm, sliceMapped, type ArgWord, type InstructionNode } from '../../engine/instruction';
import { workdirAt } from '../../engine/model/env';
import type { CopyNode, Model, Stage } from '../../engine/model/types';
import { basename, dirname, hasGlob, isWithin, resolvePath } from '../../engine/paths';
import type { Range } from '../../engine/types';

export interface HealthCommand {
  node: InstructionNode;
  kind: 'none' | 'exec' | 'shell';
  /** The `CMD` word. */
  cmdWord?: ArgWord;
  /** The command after CMD (exec elements, or the shell words). */
  argv: string[];
  /** Range of the command after CMD. */
  range: Range;
  exeRange: Range;
  /** For a shell-form JSON look-alike (`['/app']`, a missing or trailing comma): the strings it meant. */
  recovered?: string[];
}

/** Reads `HEALTHCHECK [flags] CMD …` / `HEALTHCHECK NONE`; undefined for anything else. */
export function readHealthcheck(model: Model, node: InstructionNode): HealthCommand | undefined {
  const first = node.words[0];
  if (!first) return undefined;
  const sub = first.value.toUpperCase();
  if (sub === 'NONE') return { node, kind: 'none', argv: [], range: first.range, exeRange: first.range };
  if (sub !== 'CMD') return undefined;
  const args = node.args;
  let k = first.raw.length;
  while (k < args.text.length && /[ \t]/.test(args.text[k] as string)) k++;
  if (k >= args.text.length) return undefined;
  const rest = sliceMapped(args, k, args.text.length);
  const range = mappedRange(model.src, args, k, args.text.length);
  const form = parseForm(model.src, rest);
  if (form.kind === 'invalid-exec') return undefined; // P003
  if (form.kind === 'exec') {
    const el = form.elements[0];
    if (!el) return undefined;
    return { node, kind: 'exec', cmdWord: first, argv: form.elements.map((e) => e.value), range, exeRange: el.range };
  }
  const words = node.words.slice(1);
  const exe = words[0];
  if (!exe) return undefined;
  return { node, kind: 'shell', cmdWord: first, argv: words.map((w) => w.value), range, exeRange: exe.range, recovered: recoverJsonLike(rest.text) };
}

/** The strings of a JSON look-alike BuildKit reads as shell form: `['/app']`, `["/app" "-x"]`, `["/app",]`. */
export function recoverJsonLike(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^'\\]*)'/g;
  let leftover = '';
  let last = 1;
  for (const m of t.slice(0, -1).matchAll(re)) {
    if ((m.index ?? 0) < 1) continue;
    leftover += t.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    if (m[1] !== undefined) {
      try {
        out.push(JSON.parse(`"${m[1]}"`) as string);
      } catch {
        return undefined;
      }
    } else out.push(m[2] as string);
  }
  leftover += t.slice(last, -1);
  if (out.length === 0 || !/^[\s,]*$/.test(leftover)) return undefined;
  return out;
}

function sourceMayBeDirectory(value: string): boolean {
  if (value === '.' || value.endsWith('/') || hasGlob(value)) return true;
  return !basename(value).includes('.');
}

/** Could this COPY/ADD put a file at `path`? (Directory copies count: their contents are unknown.) */
export function copyMayProvide(model: Model, copy: CopyNode, path: string): boolean {
  if (!copy.dest || copy.heredoc) return false;
  const dest = resolvePath(workdirAt(model, copy.stage, copy.node.index), copy.dest.value);
  const destIsDir = copy.dest.value.endsWith('/') || copy.sources.length > 1;
  for (const s of copy.sources) {
    if (!destIsDir && dest === path) return true;
    if (destIsDir && dirname(path) === dest && basename(s.value) === basename(path)) return true;
    if (sourceMayBeDirectory(s.value) && isWithin(dest, path) && dest !== path) return true;
    if (/^https?:\/\//.test(s.value) && (destIsDir ? dirname(path) === dest : dest === path)) return true;
  }
  return false;
}

/** A COPY/ADD in the stage or its FROM chain may provide one of the paths. */
export function chainProvides(model: Model, stage: Stage, paths: string[]): boolean {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    for (const c of s.copies) if (paths.some((p) => copyMayProvide(model, c, p))) return true;
  }
  return false;
}

/** Busybox applets a distroless :debug image has under /busybox. */
export const BUSYBOX_APPLETS = new Set(['sh', 'wget', 'nc', 'ls', 'cat', 'test', '[', 'true', 'false', 'echo', 'grep', 'pidof', 'ps', 'sleep', 'env', 'nslookup', 'ping', 'stat', 'timeout']);
