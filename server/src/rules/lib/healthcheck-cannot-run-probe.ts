// HEALTHCHECK reading for GD024: the command after `CMD` (its form comes from the model, which
// applies BuildKit's strict exec-form check), and which files a shell-less runtime stage gets
// through COPY/ADD.
import { jsonLookAlike, mappedRange, sliceMapped, type ArgWord, type InstructionNode } from '../../engine/instruction';
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
  // The model reads the part after CMD with BuildKit's strict JSON check.
  const form = node.form;
  if (form.kind === 'invalid-exec') return undefined; // P003
  if (form.kind === 'exec') {
    const el = form.elements[0];
    if (!el) return undefined;
    return { node, kind: 'exec', cmdWord: first, argv: form.elements.map((e) => e.value), range, exeRange: el.range };
  }
  const words = node.words.slice(1);
  const exe = words[0];
  if (!exe) return undefined;
  return { node, kind: 'shell', cmdWord: first, argv: words.map((w) => w.value), range, exeRange: exe.range, recovered: jsonLookAlike(rest.text) };
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
