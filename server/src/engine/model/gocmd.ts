// Recognises go commands among the simple commands of a RUN (CATALOGUE §0.5): strips wrappers
// (env, time, nice, …), reads `go -C dir`, the subcommand, its flags and its packages.
import type { ShellWord, SimpleCommand } from '../shell';
import type { GoCommand, GoFlag, RunNode } from './types';

/** go command flags that take a value (`-o x` as well as `-o=x`). */
const VALUE_FLAGS = new Set([
  'o', 'p', 'C', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags',
  'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec', 'coverpkg', 'covermode',
  'coverprofile', 'run', 'skip', 'bench', 'benchtime', 'count', 'timeout', 'cpu', 'parallel', 'vet', 'outputdir',
  'fuzz', 'fuzztime', 'fuzzminimizetime', 'shuffle', 'blockprofile', 'cpuprofile', 'memprofile', 'mutexprofile',
  'trace', 'f', 'reuse', 'jsonflag',
]);

const TWO_WORD = new Set(['mod', 'work', 'tool']);

const WRAPPERS: Record<string, number> = { time: 0, nohup: 0, exec: 0, command: 0, sudo: 0, nice: 0, timeout: 1, stdbuf: 0, xargs: 0 };

function base(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

/** Strips wrappers and returns the index of the command word, collecting `env VAR=x` assignments. */
function commandStart(words: ShellWord[], inline: Map<string, { value: string; word: ShellWord }>): number {
  let i = 0;
  while (i < words.length) {
    const w = (words[i] as ShellWord).value;
    const b = base(w);
    if (b === 'env') {
      i++;
      while (i < words.length) {
        const v = (words[i] as ShellWord).value;
        if (v === '-u' || v === '--unset') i += 2;
        else if (v.startsWith('-')) i++;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
          const eq = v.indexOf('=');
          inline.set(v.slice(0, eq), { value: v.slice(eq + 1), word: words[i] as ShellWord });
          i++;
        } else break;
      }
      continue;
    }
    if (b in WRAPPERS) {
      i++;
      // Options of the wrapper (`nice -n 10`, `timeout 5m`).
      while (i < words.length && (words[i] as ShellWord).value.startsWith('-')) i += b === 'nice' ? 2 : 1;
      i += WRAPPERS[b] ?? 0;
      continue;
    }
    return i;
  }
  return i;
}

export function isGoWord(value: string): boolean {
  const b = base(value);
  return b === 'go' || b === 'xx-go';
}

/** Parses one simple command into a GoCommand when it runs `go` or `xx-go`. */
export function parseGoCommand(run: RunNode, command: SimpleCommand, commandIndex: number): GoCommand | undefined {
  const inline = new Map<string, { value: string; word: ShellWord }>();
  for (const a of command.assigns) inline.set(a.name, { value: a.value, word: a.word });
  const words = command.words;
  let i = commandStart(words, inline);
  const goWord = words[i];
  if (!goWord || !isGoWord(goWord.value)) return undefined;
  i++;
  let chdir: string | undefined;
  while (i < words.length && (words[i] as ShellWord).value.startsWith('-')) {
    const v = (words[i] as ShellWord).value;
    if (v === '-C' || v === '--C') {
      chdir = words[i + 1]?.value;
      i += 2;
    } else if (v.startsWith('-C=')) {
      chdir = v.slice(3);
      i++;
    } else i++;
  }
  const first = words[i];
  if (!first) return undefined;
  let sub = first.value;
  const subWords = [first];
  i++;
  if (TWO_WORD.has(sub) && words[i] && !(words[i] as ShellWord).value.startsWith('-')) {
    sub = `${sub} ${(words[i] as ShellWord).value}`;
    subWords.push(words[i] as ShellWord);
    i++;
  }
  const args = words.slice(i);
  const { flags, packages, opaque } = parseGoArgs(args);
  return { run, command, goWord, xx: base(goWord.value) === 'xx-go', sub, subWords, args, flags, packages, opaqueFlags: opaque, chdir, inline, commandIndex };
}

/** A word that is only a variable (`$FLAGS`, `${GOFLAGS_EXTRA}`): in flag position it stands for flags. */
function isVariableWord(w: ShellWord): boolean {
  return w.expands && /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(w.raw.replace(/^"(.*)"$/, '$1'));
}

/**
 * Go's flag parsing: flags up to the first non-flag argument (or `--`), the rest are packages.
 * Variables in flag position are taken as (unknown) flags when more flags follow them.
 */
export function parseGoArgs(args: ShellWord[]): { flags: GoFlag[]; packages: ShellWord[]; opaque: ShellWord[] } {
  const flags: GoFlag[] = [];
  const opaque: ShellWord[] = [];
  let i = 0;
  while (i < args.length) {
    const w = args[i] as ShellWord;
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (isVariableWord(w) && args.slice(i + 1).some((x) => x.value.startsWith('-') && x.value !== '-')) {
      opaque.push(w);
      i++;
      continue;
    }
    if (!v.startsWith('-') || v === '-') break;
    const body = v.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags.push({ name: body.slice(0, eq), value: body.slice(eq + 1), words: [w], range: w.range });
      i++;
    } else if (VALUE_FLAGS.has(body) && i + 1 < args.length) {
      const next = args[i + 1] as ShellWord;
      flags.push({ name: body, value: next.value, words: [w, next], range: { start: w.range.start, end: next.range.end }, valueWord: next });
      i += 2;
    } else {
      flags.push({ name: body, words: [w], range: w.range });
      i++;
    }
  }
  return { flags, packages: args.slice(i), opaque };
}

/** Splits a -ldflags / -gcflags value into its tokens, honouring quotes ('-extldflags "-static"'). */
export function splitFlagValue(value: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of value.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3]) as string);
  return out;
}

export function goFlag(cmd: GoCommand, name: string): GoFlag | undefined {
  let found: GoFlag | undefined;
  for (const f of cmd.flags) if (f.name === name) found = f;
  return found;
}

export function goFlags(cmd: GoCommand, name: string): GoFlag[] {
  return cmd.flags.filter((f) => f.name === name);
}

/** A go command that compiles code of the build context (not a remote `pkg@version` tool install). */
export function buildsLocalCode(cmd: GoCommand): boolean {
  if (cmd.sub !== 'build' && cmd.sub !== 'install') return false;
  if (cmd.packages.length === 0) return true;
  return cmd.packages.some((p) => !p.value.includes('@'));
}

export function isBuild(cmd: GoCommand): boolean {
  return cmd.sub === 'build' || cmd.sub === 'install';
}
