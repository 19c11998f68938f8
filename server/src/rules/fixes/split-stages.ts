// GD001's fix "Split into build and runtime stages": name the toolchain stage, make the build write
// /out/<bin>, and run the binary from a minimal runtime stage that receives EXPOSE, USER, ENTRYPOINT,
// CMD and the other runtime-only instructions. Like the generator's build stage (GENERATOR §3.6), the
// build RUN gets Go cache mounts (the module cache only with the "mounts" strategy) and the file gets
// `# syntax=docker/dockerfile:1` as line 1: without them every source change recompiles everything.
// For a cgo program a second split (a suggestion) links statically onto the static runtime, when
// the workspace's C code allows it (staticCgoLinkEdits).
import { autoCacheStrategy, SYNTAX_DIRECTIVE } from '../../engine/buildkit';
import { appendLines, deleteInstruction, execForm, insertAt, insertAtTop, insertLinesAfter, kw, needsShell, replace } from '../../engine/edits';
import type { InstructionNode } from '../../engine/instruction';
import type { EntryCommand, GoOutput } from '../../engine/model/artifacts';
import { cgoState } from '../../engine/model/goenv';
import { imageInfoOf } from '../../engine/images';
import type { Model, Stage } from '../../engine/model/types';
import { basename } from '../../engine/paths';
import type { EngineSettings } from '../../engine/settings';
import type { Fix, TextEdit } from '../../engine/types';
import { addMountFlags } from '../lib/go-cache-mounts-edits';
import { missingCacheMounts } from '../lib/go-cache-mounts-paths';
import { staticCgoLinkEdits } from '../lib/cgo-needs-unmet-fixes';
import { cgoOffInline, chooseRuntime, setOutput, type RuntimeChoice } from './runtime';

const MOVE = new Set(['EXPOSE', 'ENTRYPOINT', 'CMD', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'LABEL']);
const GO_VARS = /^(GO[A-Z0-9_]*|CGO_[A-Z_]+|PATH)$/;

interface Built {
  entry: EntryCommand;
  output: GoOutput;
  /** The executable path the entry command runs. */
  path: string;
}

/** The entry instruction rewritten to run /<bin>; exec form whenever the command needs no shell. */
function rewriteEntry(node: InstructionNode, bin: string): { text: string; shell: boolean } {
  const target = `/${bin}`;
  if (node.form.kind === 'exec') {
    const argv = node.form.elements.map((e) => e.value);
    argv[0] = target;
    return { text: `${node.keywordText} ${execForm(argv)}`, shell: false };
  }
  const args = node.args.text;
  const first = node.words[0];
  const rest = first ? args.slice(first.raw.length).trim() : '';
  if (!needsShell(rest)) {
    return { text: `${node.keywordText} ${execForm([target, ...node.words.slice(1).map((w) => w.value)])}`, shell: false };
  }
  return { text: `${node.keywordText} ${target}${rest ? ` ${rest}` : ''}`, shell: true };
}

function userLine(node: InstructionNode, runtimeUsers: string[] | undefined, scratch: boolean): string | undefined {
  const value = node.args.text.trim();
  const user = value.split(':')[0] ?? '';
  if (/^\d+$/.test(user)) return node.rawText;
  if (runtimeUsers?.includes(user)) return node.rawText;
  // A user created with adduser in the toolchain image does not exist in the runtime image.
  return scratch ? `${node.keywordText} 65532:65532` : undefined;
}

export function splitStagesFix(model: Model, stage: Stage, built: Built, settings: EngineSettings): Fix[] {
  const cmd = built.output.cmd;
  const build = cmd.run.stage;
  if (!stage.isLast || cmd.run.form === 'exec') return [];
  const bin = built.output.binaries?.length === 1 ? built.output.binaries[0] : basename(built.path);
  if (!bin) return [];
  const cgo = cgoState(model, cmd);
  const dynamic = model.facts?.cgo.required === true || cgo.setting?.value === '1';
  const edits: TextEdit[] = [];
  let buildName = build.name;
  if (!buildName) {
    buildName = 'build';
    edits.push(insertAt(build.imageRange.end, ` ${kw(model, 'AS')} build`));
  }
  const outPath = `/out/${bin}`;
  const out = setOutput(cmd, outPath);
  if (!out) return [];
  edits.push(...out);
  if (!dynamic && cgo.mode !== 'off') {
    const e = cgoOffInline(cmd);
    if (e) edits.push(e);
  }
  edits.push(...cacheEdits(model, cmd));
  const entry = rewriteEntry(built.entry.node, bin);
  const needsShellHere = entry.shell || (stage !== build && stage.runs.length > 0);
  const at: Placement = { stage, build, buildName, built, entry, bin, outPath };
  const runtime = chooseRuntime(model, build, dynamic, settings, needsShellHere);
  const fixes: Fix[] = [
    { title: `Split into build and runtime stages (${runtime.label})`, safety: 'unsafe', edits: [...edits, ...runtimeEdits(model, at, runtime)], isolated: true },
  ];
  // A cgo program whose C side needs no shared libraries at run time can also be linked fully
  // statically and run on the static image: a few MB instead of a glibc runtime (a suggestion:
  // static glibc is the user's call, and the C libraries must exist as static archives).
  const st = dynamic && model.facts?.cgo.required === true ? staticCgoLinkEdits(model, cmd) : undefined;
  if (st) {
    const staticRuntime = chooseRuntime(model, build, false, settings, needsShellHere);
    fixes.push({
      title: `Split into build and runtime stages, cgo linked statically (${staticRuntime.label})`,
      safety: 'suggestion',
      edits: [...edits, ...st.edits, ...runtimeEdits(model, at, staticRuntime)],
      isolated: true,
    });
  }
  return fixes;
}

interface Placement {
  stage: Stage;
  build: Stage;
  buildName: string;
  built: Built;
  entry: { text: string; shell: boolean };
  bin: string;
  outPath: string;
}

/** The runtime stage on `runtime`: appended after the build stage, or replacing the base of a stage built FROM it. */
function runtimeEdits(model: Model, at: Placement, runtime: RuntimeChoice): TextEdit[] {
  const { stage, build, built, entry, bin, outPath } = at;
  const edits: TextEdit[] = [];
  const entryNode = built.entry.node;
  const runtimeInfo = imageInfoOf(runtime.image);
  const copyLine = `${kw(model, 'COPY')} --from=${at.buildName} ${outPath} /${bin}`;
  if (stage === build) {
    const lines = [`${kw(model, 'FROM')} ${runtime.image}`, copyLine];
    const buildIndex = built.output.cmd.run.node.index;
    for (const node of stage.instructions) {
      const after = node.index > buildIndex;
      if (MOVE.has(node.keyword)) {
        edits.push(deleteInstruction(model, node));
        lines.push(node === entryNode ? entry.text : node.rawText);
      } else if (node.keyword === 'USER') {
        if (after) edits.push(deleteInstruction(model, node));
        const line = userLine(node, runtimeInfo.users, runtime.libc === 'none' && runtimeInfo.family === 'scratch');
        if (line && (after || node === lastOf(stage, 'USER'))) lines.push(line);
      } else if (node.keyword === 'ENV') {
        const decls = stage.envs.filter((e) => e.node === node);
        if (after) edits.push(deleteInstruction(model, node));
        if (decls.length > 0 && decls.every((d) => !GO_VARS.test(d.name))) lines.push(node.rawText);
      }
    }
    edits.push(appendLines(model, lines));
  } else {
    // The stage inherits the toolchain through FROM <stage>: give it a runtime base and copy the binary in.
    edits.push(replace(stage.imageRange, runtime.image));
    edits.push(insertLinesAfter(model, stage.from, [copyLine]));
    if (built.entry.stage === stage) edits.push(replace(entryNode.range, entry.text));
    else edits.push(appendLines(model, [entry.text], false));
  }
  return edits;
}

/** Cache mounts on the build RUN and, when the file has no effective one, the syntax directive as line 1. */
function cacheEdits(model: Model, cmd: GoOutput['cmd']): TextEdit[] {
  const flags = missingCacheMounts(model, cmd, autoCacheStrategy(model.facts).strategy === 'mounts');
  const mounts = addMountFlags(model, cmd.run, flags);
  if (!mounts) return [];
  const edits = [mounts];
  if (!model.directives.some((d) => d.effective && d.name.toLowerCase() === 'syntax')) edits.push(insertAtTop(model, [SYNTAX_DIRECTIVE]));
  return edits;
}

function lastOf(stage: Stage, keyword: string): InstructionNode | undefined {
  const list = stage.instructions.filter((n) => n.keyword === keyword);
  return list[list.length - 1];
}
