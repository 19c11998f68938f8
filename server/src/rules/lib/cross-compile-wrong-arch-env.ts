// Where a go command's GOARCH/GOOS/GOARM setting is expanded: in the RUN's shell (inline, export) or
// where its ENV/ARG/go env -w instruction is read. GD011 needs that place to tell whether
// `$TARGETARCH` was declared there.
import type { InstructionNode } from '../../engine/instruction';
import { stageEnv } from '../../engine/model/env';
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

function stageOf(model: Model, node: InstructionNode): Stage {
  return model.stages[node.stage] as Stage;
}

/** The effective setting of `name` for the command, with its raw text; undefined when it is not set. */
export function rawSetting(model: Model, cmd: GoCommand, name: string): RawSetting | undefined {
  const v = goEnv(model, cmd, name);
  if (!v) return undefined;
  const run = cmd.run;
  // Shell-level settings expand in the RUN; ENV/ARG/go env -w ones where their instruction is read.
  const node = v.source === 'inline' || v.source === 'export' ? run.node : v.node;
  const expandedIn = node && v.source !== 'image' ? { stage: stageOf(model, node), index: node.index } : { stage: run.stage, index: run.node.index };
  return { name, raw: v.raw ?? v.value ?? '', source: v.source, range: v.range, node, expandedIn };
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
