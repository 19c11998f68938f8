// Image builds in shell text (scripts, Makefile recipes, CI `run:` and `script:` lines): the
// `docker build` / `docker image build` / `docker buildx build` / `podman build` / `nerdctl build`
// / `buildah bud|build` commands and their `-t` / `--tag` values, read with the engine's shell
// reader (quotes, `\` continuations, &&, ;, | and comments).
import type { MappedText } from '../instruction';
import { parseShell, type ShellWord, type SimpleCommand } from '../shell';
import type { SourceText } from '../text';
import type { Range } from '../types';

export interface TagFlag {
  /** The `-t` / `--tag` word (or the whole `--tag=value` / `-tvalue` word). */
  flag: ShellWord;
  /** The tag value as the shell sees it (quotes removed). */
  value: string;
  /** Range of the value (the whole word for `--tag=value`). */
  valueRange: Range;
}

export interface BuildUse {
  command: SimpleCommand;
  /** e.g. "docker buildx build" */
  tool: string;
  /** Range of the tool words. */
  toolRange: Range;
  tags: TagFlag[];
}

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'time', 'env']);

function baseName(w: ShellWord | undefined): string {
  const v = w?.value ?? '';
  return v.slice(v.lastIndexOf('/') + 1);
}

/** Number of leading words naming the build (0 when the command is no image build). */
function buildHead(words: ShellWord[]): number {
  const tool = baseName(words[0]);
  const a = words[1]?.value;
  const b = words[2]?.value;
  if (ENGINES.has(tool)) {
    if (a === 'build') return 2;
    if ((a === 'image' || a === 'buildx') && b === 'build') return 3;
  }
  if (tool === 'buildah' && (a === 'bud' || a === 'build' || a === 'build-using-dockerfile')) return 2;
  return 0;
}

/** Build flags that take a separate value word (so the value is not read as a flag or the context). */
const VALUE_FLAGS = new Set(['-f', '--file', '--build-arg', '--target', '--platform', '--label', '--cache-from', '--cache-to', '--secret', '--ssh', '--output', '-o', '--network', '--progress', '--builder', '--iidfile', '--build-context', '--annotation', '--attest']);

export function buildUse(command: SimpleCommand): BuildUse | undefined {
  let words = command.words;
  while (words.length > 1 && WRAPPERS.has(baseName(words[0]))) {
    words = words.slice(1);
    while (words.length > 1 && (words[0] as ShellWord).value.startsWith('-')) words = words.slice(1);
  }
  const n = buildHead(words);
  if (n === 0) return undefined;
  const head = words.slice(0, n);
  const tags: TagFlag[] = [];
  for (let i = n; i < words.length; i++) {
    const w = words[i] as ShellWord;
    const v = w.value;
    if (v === '-t' || v === '--tag') {
      const next = words[i + 1];
      if (next) tags.push({ flag: w, value: next.value, valueRange: next.range });
      i++;
    } else if (v.startsWith('--tag=')) {
      tags.push({ flag: w, value: v.slice('--tag='.length), valueRange: w.range });
    } else if (/^-t[^-]/.test(v) && !v.startsWith('-t=')) {
      tags.push({ flag: w, value: v.slice(2), valueRange: w.range });
    } else if (v.startsWith('-t=')) {
      tags.push({ flag: w, value: v.slice(3), valueRange: w.range });
    } else if (VALUE_FLAGS.has(v)) {
      i++;
    }
  }
  const first = head[0] as ShellWord;
  const last = head[head.length - 1] as ShellWord;
  return { command, tool: head.map((w) => w.value).join(' '), toolRange: { start: first.range.start, end: last.range.end }, tags };
}

/** Every image build in a piece of shell text. */
export function buildsIn(src: SourceText, text: MappedText): BuildUse[] {
  return parseShell(src, text).commands.map(buildUse).filter((b): b is BuildUse => b !== undefined);
}

/** A MappedText for a plain span of the document. */
export function spanText(doc: string, start: number, end: number): MappedText {
  const offsets: number[] = [];
  for (let i = start; i <= end; i++) offsets.push(i);
  return { text: doc.slice(start, end), offsets };
}
