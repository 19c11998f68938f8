// GD030's fix (CATALOGUE GD030 quick-fix): drop the command that writes the token, mount ~/.netrc as
// a build secret on the RUN(s) that download modules, remove the token ARG when nothing else uses
// it, and set GOPRIVATE when it can be derived. Only for the simple shapes; otherwise no fix.
import { deleteInstruction, insertAt, insertLinesBefore, kw } from '../../engine/edits';
import { lastUser, stageEnv } from '../../engine/model/env';
import type { Model, RunNode } from '../../engine/model/types';
import type { SimpleCommand } from '../../engine/shell';
import type { Fix, TextEdit } from '../../engine/types';
import { orgPattern } from '../checksum-protection-disabled';
import { deleteCommand } from './obsolete-go-flags-tidy';
import { referencedVariables as referenced } from '../../engine/vars';

export interface Writer {
  cmd: SimpleCommand;
  /** The credentials file written (.gitconfig, .netrc, …). */
  file: string;
  /** The variable holding the token. */
  secret?: string;
}

const MOUNT = '--mount=type=secret,id=netrc,target=/root/.netrc';
const FETCHES = new Set(['mod download', 'get', 'build', 'install', 'list', 'test', 'vet', 'generate', 'mod tidy']);
const PUBLIC = /^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$/;

/** GOPRIVATE for the host (and owner) the credentials are for. */
function privatePattern(model: Model, cmd: SimpleCommand): string | undefined {
  const words = cmd.words.map((w) => w.value);
  let host: string | undefined;
  let owner: string | undefined;
  for (const w of words) {
    const m = /@([a-z0-9.-]+\.[a-z]{2,})(?::\d+)?\/([^/"'\s.]+)?/i.exec(w) ?? /^https?:\/\/([a-z0-9.-]+\.[a-z]{2,})\/([^/"'\s.]+)?/i.exec(w);
    if (m) {
      host = m[1]?.toLowerCase();
      owner = m[2];
      break;
    }
  }
  const machine = /\bmachine\s+([a-z0-9.-]+\.[a-z]{2,})/i.exec(words.join(' '));
  host ??= machine?.[1]?.toLowerCase();
  if (!host) return undefined;
  if (!PUBLIC.test(host)) return host;
  if (owner) return `${host}/${owner}/*`;
  const fromMod = orgPattern(model.facts);
  return fromMod?.startsWith(`${host}/`) ? fromMod : undefined;
}

function usedElsewhere(model: Model, name: string, run: RunNode, cmd: SimpleCommand, declNode: unknown): boolean {
  for (const n of model.instructions) {
    if (n === declNode || n === run.node) continue;
    if (referenced(n.args.text).includes(name) || n.flags.some((f) => referenced(f.value ?? '').includes(name))) return true;
  }
  return run.commands.some((c) => c !== cmd && [...c.words, ...c.assigns.map((a) => a.word)].some((w) => referenced(w.raw).includes(name)));
}

export function secretMountFix(model: Model, run: RunNode, w: Writer): Fix | undefined {
  const stage = run.stage;
  if (run.form !== 'shell' || stage.os === 'windows') return undefined;
  const script = run.scripts[0];
  if (!script || !script.commands.includes(w.cmd)) return undefined;
  const user = lastUser(stage);
  if (user && !/^(root|0)(:(root|0))?$/.test(user.value)) return undefined;
  const home = stageEnv(model, stage, run.node.index, 'HOME')?.value;
  if (home && home !== '/root') return undefined;
  const cmds = script.commands;
  const others = cmds.filter((c) => c !== w.cmd);
  if (cmds.some((c) => c.subshells.length > 0) || cmds.some((c, i) => i > 0 && c.after !== '&&')) return undefined;
  if (others.some((c) => !run.goCommands.some((g) => g.command === c))) return undefined;
  const edits: TextEdit[] = [];
  let firstTarget: RunNode;
  if (others.length > 0) {
    const del = deleteCommand(cmds, cmds.indexOf(w.cmd));
    if (!del) return undefined;
    edits.push(del, insertAt(run.node.keywordRange.end, ` ${MOUNT}`));
    firstTarget = run;
  } else {
    const later = stage.runs.filter((r) => r.node.index > run.node.index && r.goCommands.some((g) => FETCHES.has(g.sub)));
    if (later.length === 0) return undefined;
    edits.push(deleteInstruction(model, run.node));
    for (const r of later) if (!r.mounts.some((m) => m.id === 'netrc')) edits.push(insertAt(r.node.keywordRange.end, ` ${MOUNT}`));
    firstTarget = later[0] as RunNode;
  }
  const privateSet = ['GOPRIVATE', 'GONOPROXY'].some((n) => stageEnv(model, stage, firstTarget.node.index, n)?.value) || /^direct$|^off$/.test(stageEnv(model, stage, firstTarget.node.index, 'GOPROXY')?.value ?? '');
  const pattern = privateSet ? undefined : privatePattern(model, w.cmd);
  const envLine = pattern ? `${kw(model, 'ENV')} GOPRIVATE=${pattern}` : undefined;
  // The token ARG, declared alone in this stage and used nowhere else, goes (its line becomes the GOPRIVATE ENV).
  const decl = w.secret ? stage.args.find((a) => a.name === w.secret && a.node.index < run.node.index) : undefined;
  const alone = decl && stage.args.filter((a) => a.node === decl.node).length === 1;
  let placed = false;
  if (decl && alone && w.secret && !usedElsewhere(model, w.secret, run, w.cmd, decl.node)) {
    if (envLine) {
      edits.push({ range: { start: decl.node.keywordRange.start, end: decl.node.range.end }, newText: envLine });
      placed = true;
    } else edits.push(deleteInstruction(model, decl.node));
  }
  if (envLine && !placed) edits.push(insertLinesBefore(model, firstTarget.node, [envLine]));
  return { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', edits };
}
