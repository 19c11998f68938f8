// Builds the analysis model from a Dockerfile text: one dockerfile-ast parse, then stages, the
// stage graph, declarations, RUN scripts and go commands, COPY flow inputs and the Go-ness class.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { WorkspaceFacts } from '../facts';
import { parseImageRef } from '../imageref';
import { imageInfo } from '../images';
import { buildInstruction, flagValue, type InstructionNode } from '../instruction';
import { SourceText } from '../text';
import { expand, type VarLookup } from '../vars';
import { classify } from './classify';
import { parseArgs, parseEnvs } from './declarations';
import { PLATFORM_ARGS, expandIn, stageLookup } from './env';
import { findProblems, readDirectives } from './problems';
import { buildRun } from './runs';
import type { ArgDecl, CopyNode, Model, RunNode, Stage } from './types';

export interface ModelOptions {
  facts?: WorkspaceFacts;
  /** Path of the Dockerfile relative to the workspace root. */
  dockerfilePath?: string;
}

function globalLookup(args: ArgDecl[]): VarLookup {
  return (name) => {
    let found: ArgDecl | undefined;
    for (const a of args) if (a.name === name) found = a;
    if (found) return { value: found.value };
    if (PLATFORM_ARGS.has(name)) return { value: undefined };
    return undefined;
  };
}

function findStage(stages: Stage[], name: string): Stage | undefined {
  const lower = name.toLowerCase();
  return stages.find((s) => s.name?.toLowerCase() === lower);
}

function newStage(model: Model, node: InstructionNode, index: number): Stage {
  const words = node.words;
  const imageWord = words[0];
  const asIdx = words.findIndex((w, i) => i > 0 && w.value.toLowerCase() === 'as');
  const nameWord = asIdx > 0 ? words[asIdx + 1] : undefined;
  const imageText = imageWord?.value ?? '';
  const e = expand(imageText, globalLookup(model.globalArgs), model.escape);
  const parent = e.text !== '' ? findStage(model.stages, e.text) : undefined;
  const ref = parent ? undefined : parseImageRef(e.text) ?? undefined;
  const platform = flagValue(node, 'platform');
  const stage: Stage = {
    index,
    name: nameWord?.value,
    nameRange: nameWord?.range,
    from: node,
    imageText,
    imageRange: imageWord?.range ?? node.argsRange,
    imageResolved: e.text,
    imageVars: e.used,
    imageUnknownVars: e.unknown,
    ref,
    parent,
    rootRef: parent ? parent.rootRef : ref,
    platform: platform ? { raw: platform.value ?? '', flag: platform } : undefined,
    info: parent ? parent.info : imageInfo(ref ?? null),
    instructions: [],
    args: [],
    envs: [],
    runs: [],
    copies: [],
    deps: new Set(parent ? [parent.index] : []),
    isLast: false,
    isOutput: false,
    isCandidateOutput: false,
    os: 'linux',
  };
  const windowsPlatform = /windows/i.test(platform?.value ?? '');
  if (stage.info.os === 'windows' || windowsPlatform) stage.os = 'windows';
  return stage;
}

function resolveFrom(model: Model, stage: Stage, raw: string): { stage?: Stage; ref?: ReturnType<typeof parseImageRef> } {
  const value = expandIn(model, stage, Number.POSITIVE_INFINITY, raw);
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n <= stage.index ? { stage: model.stages[n] } : {};
  }
  const named = findStage(model.stages, value);
  if (named) return { stage: named };
  return { ref: parseImageRef(value) };
}

function buildCopy(model: Model, stage: Stage, node: InstructionNode): CopyNode {
  const fromFlag = flagValue(node, 'from');
  let from: CopyNode['from'];
  if (fromFlag) {
    const raw = fromFlag.value ?? '';
    const r = resolveFrom(model, stage, raw);
    from = { raw, value: expandIn(model, stage, node.index, raw), range: fromFlag.valueRange ?? fromFlag.range, stage: r.stage, ref: r.ref ?? undefined };
    if (r.stage) stage.deps.add(r.stage.index);
  }
  const words = node.form.kind === 'exec' ? [] : node.words;
  const heredoc = node.heredocs.length > 0;
  const sourceWords = heredoc ? words.filter((w) => !w.raw.startsWith('<<')).slice(0, -1) : words.slice(0, -1);
  const destWord = words[words.length - 1];
  const x = (v: string) => expandIn(model, stage, node.index, v);
  let sources = sourceWords.map((w) => ({ word: w, value: x(w.value) }));
  let dest = destWord && words.length > 1 ? { word: destWord, value: x(destWord.value) } : undefined;
  if (node.form.kind === 'exec') {
    const els = node.form.elements.map((e) => ({ word: { raw: e.value, value: e.value, range: e.range, start: -1, end: -1 }, value: x(e.value) }));
    sources = els.slice(0, -1);
    dest = els[els.length - 1];
  }
  return { node, stage, keyword: node.keyword === 'ADD' ? 'ADD' : 'COPY', from, sources, dest, heredoc };
}

export function buildModel(text: string, options: ModelOptions = {}): Model {
  const src = new SourceText(text);
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  const model: Model = {
    src,
    ast,
    escape,
    directives: readDirectives(src),
    instructions: [],
    globalArgs: [],
    stages: [],
    onbuild: [],
    onbuildRuns: [],
    runs: [],
    copies: [],
    goCommands: [],
    goClass: 'not-go',
    casing: 'upper',
    facts: options.facts,
    dockerfilePath: options.dockerfilePath,
    problems: [],
  };
  let upper = 0;
  let lower = 0;
  const astInstructions: Instruction[] = ast.getInstructions();
  astInstructions.forEach((ai, index) => {
    const node = buildInstruction(src, ai, index, model.stages.length - 1, escape, false);
    if (node.keyword === 'FROM') node.stage = model.stages.length;
    model.instructions.push(node);
    if (node.keywordText === node.keywordText.toUpperCase()) upper++;
    else if (node.keywordText === node.keywordText.toLowerCase()) lower++;
    if (node.keyword === 'FROM') {
      model.stages.push(newStage(model, node, model.stages.length));
      return;
    }
    const stage = model.stages[model.stages.length - 1];
    if (!stage) {
      if (node.keyword === 'ARG') model.globalArgs.push(...parseArgs(src, node, globalLookup(model.globalArgs), escape));
      return;
    }
    stage.instructions.push(node);
    const lookup = stageLookup(model, stage, node.index);
    switch (node.keyword) {
      case 'ARG':
        stage.args.push(...parseArgs(src, node, lookup, escape));
        break;
      case 'ENV':
        stage.envs.push(...parseEnvs(src, node, lookup, escape));
        break;
      case 'RUN':
        addRun(model, stage, buildRun(src, node, stage), false);
        break;
      case 'COPY':
      case 'ADD': {
        const c = buildCopy(model, stage, node);
        stage.copies.push(c);
        model.copies.push(c);
        break;
      }
      case 'ONBUILD': {
        const trigger = (ai as unknown as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
        if (trigger) {
          const t = buildInstruction(src, trigger, index, stage.index, escape, true);
          model.onbuild.push(t);
          if (t.keyword === 'RUN') addRun(model, stage, buildRun(src, t, stage), true);
        }
        break;
      }
      default:
        break;
    }
  });
  model.casing = lower > upper ? 'lower' : 'upper';
  finishGraph(model);
  model.goClass = classify(model);
  model.problems = findProblems(model);
  return model;
}

function addRun(model: Model, stage: Stage, run: RunNode, onbuild: boolean): void {
  if (onbuild) {
    model.onbuildRuns.push(run);
    return;
  }
  stage.runs.push(run);
  model.runs.push(run);
  model.goCommands.push(...run.goCommands);
  for (const m of run.mounts) {
    if (!m.from) continue;
    const r = resolveFrom(model, stage, m.from);
    if (r.stage && r.stage !== stage) stage.deps.add(r.stage.index);
  }
}

function finishGraph(model: Model): void {
  const n = model.stages.length;
  const dependedOn = new Set<number>();
  for (const s of model.stages) for (const d of s.deps) if (d !== s.index) dependedOn.add(d);
  const targets = new Set((model.facts?.release.targets ?? []).map((t) => t.name.toLowerCase()));
  model.stages.forEach((s, i) => {
    s.isLast = i === n - 1;
    s.isOutput = s.isLast || (s.name !== undefined && targets.has(s.name.toLowerCase()));
    s.isCandidateOutput = !s.isOutput && !dependedOn.has(i);
  });
}

export type { Model } from './types';
