// RUN instructions: mounts, the shell scripts they execute (shell form, heredocs, `sh -c`), and
// the go commands inside them.
import type { Flag, HeredocNode, InstructionNode, MappedText } from '../instruction';
import { parseShell, type ShellScript, type ShellWord, type SimpleCommand } from '../shell';
import type { SourceText } from '../text';
import { parseGoCommand } from './gocmd';
import type { Mount, RunNode, Stage } from './types';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

export function parseMount(flag: Flag): Mount {
  const options: Record<string, string> = {};
  for (const part of (flag.value ?? '').split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    options[key] = eq < 0 ? 'true' : part.slice(eq + 1).trim();
  }
  return {
    type: options.type ?? 'bind',
    target: options.target ?? options.dst ?? options.destination,
    source: options.source ?? options.src,
    from: options.from,
    id: options.id,
    options,
    flag,
  };
}

function baseName(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

/** The text inside a `sh -c '…'` word, mapped to the document where that can be done exactly. */
function innerScript(word: ShellWord, parent: MappedText): MappedText {
  const raw = word.raw;
  const quoted = (raw.startsWith("'") && raw.endsWith("'")) || (raw.startsWith('"') && raw.endsWith('"'));
  const inner = quoted ? raw.slice(1, -1) : raw;
  const start = word.start + (quoted ? 1 : 0);
  if (inner === word.value) {
    return { text: inner, offsets: parent.offsets.slice(start, start + inner.length + 1) };
  }
  const at = parent.offsets[word.start] ?? 0;
  return { text: word.value, offsets: new Array<number>(word.value.length + 1).fill(at) };
}

/** Commands of a script, with `sh -c "…"` bodies read as scripts in a nested subshell. */
function flatten(src: SourceText, script: ShellScript, out: SimpleCommand[], depth: number): void {
  for (const cmd of script.commands) {
    out.push(cmd);
    const w = cmd.words;
    const first = w[0];
    if (!first || !SHELLS.has(baseName(first.value)) || depth > 3) continue;
    const c = w.findIndex((x, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(x.value));
    const body = c > 0 ? w[c + 1] : undefined;
    if (!body || body.start < 0) continue;
    const nested = parseShell(src, innerScript(body, script.source));
    const sub = [...cmd.subshells, -(out.length + 1)];
    const inner: SimpleCommand[] = [];
    flatten(src, nested, inner, depth + 1);
    for (const n of inner) out.push({ ...n, subshells: [...sub, ...n.subshells] });
  }
}

/** Heredoc bodies that run as shell scripts: the whole RUN is `<<EOF`, or a shell reads the body on stdin. */
function scriptHeredocs(node: InstructionNode, line: ShellScript): HeredocNode[] {
  const out: HeredocNode[] = [];
  const onlyMarkers = line.commands.length === 0;
  for (const h of node.heredocs) {
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(h.body.text);
    if (shebang) {
      const interp = baseName(shebang[1] === '/usr/bin/env' ? (shebang[2] ?? '') : (shebang[1] as string));
      if (!SHELLS.has(interp)) continue;
    }
    if (onlyMarkers) {
      out.push(h);
      continue;
    }
    const markerOffset = h.markerIndex;
    const owner = line.commands.find((c) => markerOffset >= c.span[0] && markerOffset <= c.span[1]);
    const first = owner?.words[0];
    if (first && SHELLS.has(baseName(first.value)) && !owner.words.some((x) => x.value === '-c')) out.push(h);
  }
  return out;
}

export function buildRun(src: SourceText, node: InstructionNode, stage: Stage): RunNode {
  const opts = { backslashEscapes: stage.os !== 'windows' };
  const mounts = node.flags.filter((f) => f.name.toLowerCase() === 'mount').map(parseMount);
  const run: RunNode = { node, stage, mounts, form: 'shell', scripts: [], commands: [], goCommands: [] };
  if (node.heredocs.length > 0) {
    run.form = 'heredoc';
    const line = parseShell(src, node.args, opts);
    run.scripts.push(line);
    for (const h of scriptHeredocs(node, line)) run.scripts.push(parseShell(src, h.body, opts));
  } else if (node.form.kind === 'exec') {
    run.form = 'exec';
    const words: ShellWord[] = node.form.elements.map((e) => ({ raw: e.value, value: e.value, start: -1, end: -1, range: e.range, expands: false }));
    if (words.length > 0) {
      const cmd: SimpleCommand = {
        words,
        assigns: [],
        redirects: [],
        subshells: [],
        after: '',
        range: { start: (words[0] as ShellWord).range.start, end: (words[words.length - 1] as ShellWord).range.end },
        span: [0, 0],
      };
      run.scripts.push({ commands: [cmd], hasComments: false, source: { text: '', offsets: [0] } });
    }
  } else if (node.form.kind === 'shell') {
    run.scripts.push(parseShell(src, node.args, opts));
  }
  for (const script of run.scripts) flatten(src, script, run.commands, 0);
  run.commands.forEach((c, i) => {
    const g = parseGoCommand(run, c, i);
    if (g) run.goCommands.push(g);
  });
  return run;
}
