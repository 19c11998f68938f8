// Where a go command's GOARCH/GOOS/GOARM comes from, as written (before expansion), and where that
// text is expanded: in the RUN's shell (inline, export, `go env -w`) or when the ENV/ARG instruction
// is read. goenv.goEnv gives the value; GD011 also needs the raw text to see `$TARGETARCH`, and the
// place where `$TARGETARCH` had to be declared.
import type { InstructionNode } from '../../engine/instruction';
import { stageChain, stageEnv } from '../../engine/model/env';
import { goEnv } from '../../engine/model/goenv';
import type { GoCommand, Model, Stage } from '../../engine/model/types';
import type { Range } from '../../engine/types';
import { referencedVariables } from '../../engine/vars';

export interface RawSetting {
  name: string;
  /** The value as written: `$TARGETARCH`, `${TARGETARCH}`, `arm64`. */
  raw: string;
  source: 'inline' | 'export' | 'env' | 'arg' | 'go-env' | 'image';
  range?: Range;
  node?: InstructionNode;
  /** The stage and instruction index at which the variables of `raw` are expanded. */
  expandedIn: { stage: Stage; index: number };
}

function rawFromWords(node: InstructionNode, name: string): string | undefined {
  let found: string | undefined;
  for (const w of node.words) {
    const eq = w.value.indexOf('=');
    if (eq > 0 && w.value.slice(0, eq) === name) found = w.value.slice(eq + 1);
  }
  return found;
}

function stageOf(model: Model, node: InstructionNode): Stage {
  return model.stages[node.stage] as Stage;
}

/** The effective setting of `name` for the command, with its raw text; undefined when it is not set. */
export function rawSetting(model: Model, cmd: GoCommand, name: string): RawSetting | undefined {
  const v = goEnv(model, cmd, name);
  if (!v) return undefined;
  const run = cmd.run;
  const atRun = { stage: run.stage, index: run.node.index };
  switch (v.source) {
    case 'inline': {
      const raw = cmd.inline.get(name)?.value ?? '';
      return { name, raw, source: 'inline', range: v.range, node: run.node, expandedIn: atRun };
    }
    case 'export': {
      let raw = v.value ?? '';
      for (let i = 0; i < cmd.commandIndex; i++) {
        for (const w of run.commands[i]?.words ?? []) if (w.value.startsWith(`${name}=`)) raw = w.value.slice(name.length + 1);
        for (const a of run.commands[i]?.assigns ?? []) if (a.name === name) raw = a.value;
      }
      return { name, raw, source: 'export', range: v.range, node: run.node, expandedIn: atRun };
    }
    case 'env': {
      const node = v.node as InstructionNode;
      const decl = stageChain(run.stage).flatMap((s) => s.envs).find((e) => e.node === node && e.name === name);
      return { name, raw: decl?.raw ?? v.value ?? '', source: 'env', range: v.range, node, expandedIn: { stage: stageOf(model, node), index: node.index } };
    }
    case 'arg': {
      const node = v.node as InstructionNode;
      const raw = rawFromWords(node, name) ?? v.globalArg?.value ?? '';
      return { name, raw, source: 'arg', range: v.range, node, expandedIn: { stage: stageOf(model, node), index: node.index } };
    }
    case 'go-env': {
      const node = v.node as InstructionNode;
      return { name, raw: v.value ?? '', source: 'go-env', range: v.range, node, expandedIn: { stage: stageOf(model, node), index: node.index } };
    }
    default:
      return { name, raw: v.value ?? '', source: 'image', expandedIn: atRun };
  }
}

/** Variables of the raw setting that are not declared where it is expanded (a global ARG does not count). */
export function undeclaredVars(model: Model, s: RawSetting, only: ReadonlySet<string>): string[] {
  if (s.source === 'image') return [];
  const out: string[] = [];
  for (const v of referencedVariables(s.raw)) {
    if (!only.has(v) || out.includes(v)) continue;
    if (!stageEnv(model, s.expandedIn.stage, s.expandedIn.index, v)) out.push(v);
  }
  return out;
}
