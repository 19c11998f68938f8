// Stage-graph queries shared by GD021, GD025 and GD026: which stages BuildKit builds for the output
// stages (CATALOGUE §0.2: FROM, COPY --from and RUN --mount from= edges), and whether a go build
// feeds a shipped (non-dev) image.
import { copyFlows, goOutput } from '../../engine/model/artifacts';
import { stageChain } from '../../engine/model/env';
import { descendantsOf, isDevName, isDevStage } from '../../engine/model/queries';
import type { CopyNode, GoCommand, Model, Stage } from '../../engine/model/types';

/** ancestorsOf per stage: rules ask it for every go command and output stage (Stage objects are per model). */
const ancestorsMemo = new WeakMap<Stage, ReadonlySet<number>>();

/** Every stage `stage` depends on, transitively (the stage itself excluded unless it is in a cycle). */
export function ancestorsOf(model: Model, stage: Stage): ReadonlySet<number> {
  let memo = ancestorsMemo.get(stage);
  if (!memo) {
    memo = computeAncestors(model, stage);
    ancestorsMemo.set(stage, memo);
  }
  return memo;
}

function computeAncestors(model: Model, stage: Stage): Set<number> {
  const seen = new Set<number>();
  const todo = [...stage.deps];
  while (todo.length > 0) {
    const i = todo.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    const s = model.stages[i];
    if (s) todo.push(...s.deps);
  }
  return seen;
}

/** Stages BuildKit builds for at least one output stage (the output stages and everything they depend on). */
export function builtStages(model: Model): Set<number> {
  const out = new Set<number>();
  for (const s of model.stages) {
    if (!s.isOutput) continue;
    out.add(s.index);
    for (const a of ancestorsOf(model, s)) out.add(a);
  }
  return out;
}

/** A dev/debug/test stage by its own name or a name in its FROM chain, or by what it runs. */
export function isDevLike(stage: Stage): boolean {
  return isDevStage(stage) || stageChain(stage).some((s) => isDevName(s.name));
}

export interface FedOutput {
  stage: Stage;
  /** 0 for an output stage, 1 for a candidate output. */
  lower: number;
}

/**
 * The non-dev output stages (and candidate outputs, one level lower) whose image receives the
 * binary of `cmd`: the build ran in the output's FROM chain, or a COPY --from flow into the output
 * (or into a stage it depends on) carries the binary. When the output path cannot be inferred, any
 * dependency path counts.
 */
export function nonDevOutputsFedBy(model: Model, cmd: GoCommand): FedOutput[] {
  const build = cmd.run.stage;
  if (stageChain(build).some((s) => isDevName(s.name))) return [];
  const out = goOutput(model, cmd);
  if (out.discarded) return [];
  const result: FedOutput[] = [];
  for (const o of model.stages) {
    if (!o.isOutput && !o.isCandidateOutput) continue;
    if (isDevLike(o)) continue;
    const lower = o.isOutput ? 0 : 1;
    if (stageChain(o).includes(build)) {
      result.push({ stage: o, lower });
      continue;
    }
    const anc = ancestorsOf(model, o);
    if (!anc.has(build.index)) continue;
    if (!out.path) {
      result.push({ stage: o, lower });
      continue;
    }
    const byFrom = copiesInto(model, o, anc);
    const fromBuild = descendantsOf(model, build).flatMap((d) => byFrom.get(d.index) ?? []);
    const flows = fromBuild.map((c) => copyFlows(model, c));
    // Carried by a COPY flow; or no COPY from the build matched any known output (paths we cannot follow).
    if (flows.some((fl) => fl.some((f) => f.output.cmd === cmd)) || (fromBuild.length > 0 && flows.every((fl) => fl.length === 0))) result.push({ stage: o, lower });
  }
  return result;
}

/** COPY --from=<stage> into an output stage or a stage it depends on, by source stage (memoized per output). */
const copiesIntoMemo = new WeakMap<Stage, Map<number, CopyNode[]>>();

function copiesInto(model: Model, output: Stage, anc: ReadonlySet<number>): Map<number, CopyNode[]> {
  let byFrom = copiesIntoMemo.get(output);
  if (!byFrom) {
    byFrom = new Map();
    for (const c of model.copies) {
      const from = c.from?.stage;
      if (!from || (c.stage.index !== output.index && !anc.has(c.stage.index))) continue;
      const list = byFrom.get(from.index) ?? [];
      list.push(c);
      byFrom.set(from.index, list);
    }
    copiesIntoMemo.set(output, byFrom);
  }
  return byFrom;
}

/** Non-dev output stages (and candidate outputs, one level lower) that contain or depend on `stage`. */
export function nonDevOutputsOf(model: Model, stage: Stage): FedOutput[] {
  if (stageChain(stage).some((s) => isDevName(s.name))) return [];
  const out: FedOutput[] = [];
  for (const o of model.stages) {
    if ((!o.isOutput && !o.isCandidateOutput) || isDevLike(o)) continue;
    if (stageChain(o).includes(stage) || ancestorsOf(model, o).has(stage.index)) out.push({ stage: o, lower: o.isOutput ? 0 : 1 });
  }
  return out;
}
