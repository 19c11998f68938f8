// Stage-level questions several rules ask: is this a dev stage, which stages are runtime images,
// how severe should a finding on a candidate output be.
import type { Severity } from '../types';
import { entryCommand } from './artifacts';
import { stageChain } from './env';
import type { Model, Stage } from './types';

const DEV_PARTS = new Set(['dev', 'devel', 'develop', 'development', 'debug', 'local', 'test', 'tests', 'testing', 'e2e', 'integration', 'bench', 'fuzz', 'ci', 'lint', 'linter', 'lints']);

export function isDevName(name: string | undefined): boolean {
  if (!name) return false;
  return name.toLowerCase().split(/[-_.]+/).some((p) => DEV_PARTS.has(p));
}

const DEV_TOOLS = new Set(['air', 'dlv', 'reflex', 'CompileDaemon', 'compiledaemon', 'gow', 'modd', 'golangci-lint', 'gin', 'staticcheck']);

/** The stage's command runs a dev tool (air, dlv, go run, go test, golangci-lint, …). */
export function runsDevTool(stage: Stage): boolean {
  const entry = entryCommand(stage);
  if (!entry) return false;
  const argv = entry.argv;
  const words = entry.form === 'shell' && /^(sh|bash|\/bin\/sh|\/bin\/bash)$/.test(argv[0] ?? '') && argv[1] === '-c' ? (argv[2] ?? '').split(/\s+/) : argv;
  const exe = (words[0] ?? '').replace(/^.*\//, '');
  if (DEV_TOOLS.has(exe)) return true;
  return exe === 'go' && ['run', 'test', 'vet', 'generate', 'tool'].includes(words[1] ?? '');
}

/** A dev/debug/test stage by name (its own or one in its FROM chain) or by what it runs. */
export function isDevStage(stage: Stage): boolean {
  return isDevName(stage.name) || runsDevTool(stage);
}

/** One severity level lower (hint stays hint). */
export function lowerSeverity(s: Severity, steps = 1): Severity {
  const order: Severity[] = ['error', 'warning', 'info', 'hint'];
  return order[Math.min(order.length - 1, order.indexOf(s) + steps)] as Severity;
}

export interface RuntimeTarget {
  stage: Stage;
  /** 0 for an output stage, 1 for a candidate output (runtime rules run one level lower). */
  lower: number;
}

/**
 * An export stage (`FROM scratch AS export` + COPY, used with `docker build --output`): its files are
 * written to disk, never run.
 */
export function isExportStage(stage: Stage): boolean {
  if (stage.info.family !== 'scratch' || stage.parent) return false;
  if (entryCommand(stage)) return false;
  if (!stage.instructions.every((n) => ['COPY', 'ARG', 'LABEL'].includes(n.keyword))) return false;
  // An unnamed last stage may well be run (`docker run` with a command); a named export stage is not.
  return /export|artifact|publish|output|binar|dist|release|^out$|^bin$/i.test(stage.name ?? '');
}

/**
 * Stages whose image is shipped: the output stages, and candidate outputs (non-last leaves) at one
 * level lower. An ONBUILD template has no runtime image of its own.
 */
export function runtimeTargets(model: Model): RuntimeTarget[] {
  if (model.onbuild.length > 0) return [];
  const out: RuntimeTarget[] = [];
  for (const s of model.stages) {
    if (isExportStage(s)) continue;
    if (s.isOutput) out.push({ stage: s, lower: 0 });
    else if (s.isCandidateOutput) out.push({ stage: s, lower: 1 });
  }
  return out;
}

/** Stages in which `stage` is used: itself and every stage built FROM it (directly or not). */
export function descendantsOf(model: Model, stage: Stage): readonly Stage[] {
  let byStage = descendantsMemo.get(model);
  if (!byStage) {
    // One pass over every FROM chain instead of one per question.
    byStage = new Map();
    for (const s of model.stages) {
      for (const a of stageChain(s)) {
        const list = byStage.get(a.index) ?? [];
        list.push(s);
        byStage.set(a.index, list);
      }
    }
    descendantsMemo.set(model, byStage);
  }
  return byStage.get(stage.index) ?? [];
}

const descendantsMemo = new WeakMap<Model, Map<number, Stage[]>>();

/** A human name for a stage in messages: 'build' or "stage 2". */
export function stageLabel(stage: Stage): string {
  return stage.name ? `'${stage.name}'` : `#${stage.index}`;
}

/** The base image text for messages (resolved through ARG defaults and FROM <stage> chains). */
export function baseLabel(stage: Stage): string {
  return stage.rootRef?.text ?? stage.imageResolved;
}
