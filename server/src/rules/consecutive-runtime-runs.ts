// GD005: consecutive RUNs in a runtime stage that should be one layer. Never in builder stages,
// where separate RUNs are what makes the layer cache work (CATALOGUE GD005).
import type { InstructionNode } from '../engine/instruction';
import { installedPackages } from '../engine/model/packages';
import type { Model, RunNode, Stage } from '../engine/model/types';
import { lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { Fix, TextEdit } from '../engine/types';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const UPDATE = /^(apt-get|apt|apk|yum|dnf)$/;

function isUpdateOnly(run: RunNode): boolean {
  return run.commands.length > 0 && run.commands.every((c) => UPDATE.test(c.words[0]?.value ?? '') && c.words[1]?.value === 'update');
}

function installs(run: RunNode): boolean {
  return run.commands.some((c) => installedPackages(c) !== undefined);
}

function cleansUp(run: RunNode): boolean {
  const text = run.node.args.text;
  return /rm\s+-[rf]+\s+\/var\/(lib\/apt\/lists|cache\/apk)|apt-get\s+clean|yum\s+clean|dnf\s+clean/.test(text) && !installs(run);
}

function mergeable(run: RunNode): boolean {
  return run.form === 'shell' && run.scripts.every((s) => !s.hasComments) && !run.commands.some((c) => c.after === '&') && !/&\s*$/.test(run.node.args.text);
}

function mountsConflict(runs: RunNode[]): boolean {
  const byTarget = new Map<string, string>();
  for (const r of runs) {
    for (const m of r.mounts) {
      const key = m.target ?? '';
      const prev = byTarget.get(key);
      if (prev !== undefined && prev !== m.flag.value) return true;
      byTarget.set(key, m.flag.value ?? '');
    }
  }
  return false;
}

/** Runs of consecutive RUN instructions (no other instruction and no comment line between them). */
function groups(model: Model, stage: Stage): RunNode[][] {
  const out: RunNode[][] = [];
  let current: RunNode[] = [];
  let prev: InstructionNode | undefined;
  for (const node of stage.instructions) {
    const run = node.keyword === 'RUN' ? stage.runs.find((r) => r.node === node) : undefined;
    const adjacent = prev !== undefined && !hasCommentBetween(model, prev, node);
    if (run && mergeable(run) && current.length > 0 && adjacent) current.push(run);
    else {
      if (current.length > 1) out.push(current);
      current = run && mergeable(run) ? [run] : [];
    }
    prev = node;
  }
  if (current.length > 1) out.push(current);
  return out;
}

function hasCommentBetween(model: Model, a: InstructionNode, b: InstructionNode): boolean {
  return model.ast.getComments().some((c) => c.getRange().start.line > a.range.end.line && c.getRange().start.line < b.range.start.line);
}

function mergeFix(model: Model, runs: RunNode[]): Fix {
  const first = runs[0] as RunNode;
  const last = runs[runs.length - 1] as RunNode;
  const src = model.src;
  const flagTexts = first.node.flags.map((f) => src.slice(f.range));
  for (const r of runs.slice(1)) for (const f of r.node.flags) {
    const t = src.slice(f.range);
    if (!flagTexts.includes(t)) flagTexts.push(t);
  }
  const indent = src.indentOf(first.node.range.start.line).replace(/^\ufeff/, '');
  const bodies = runs.map((r) => src.text.slice(src.offsetAt(r.node.argsRange.start), src.offsetAt(r.node.range.end)).trimEnd());
  const head = `${first.node.keywordText}${flagTexts.length > 0 ? ` ${flagTexts.join(' ')}` : ''} ${bodies[0]}`;
  const text = [head, ...bodies.slice(1).map((b) => `${indent} && ${b}`)].join(` ${model.escape}${src.eol}`);
  const edit: TextEdit = { range: { start: first.node.range.start, end: last.node.range.end }, newText: text };
  return { title: `Merge ${runs.length} RUN instructions into one`, safety: 'safe', edits: [edit] };
}

export default defineRule({
  meta: {
    code: 'GD005',
    name: 'consecutive-runtime-runs',
    description: 'Consecutive RUN instructions in a runtime stage that should be one layer.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
    hadolint: ['DL3059'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const { stage, lower } of runtimeTargets(model)) {
      // Toolchain and builder stages keep separate RUNs: they are what makes the build cache work.
      if (stage.info.go || stage.runs.some((r) => r.goCommands.length > 0)) continue;
      for (const group of groups(model, stage)) {
        if (mountsConflict(group)) continue;
        const pairs = group.slice(1).map((r, i) => [group[i] as RunNode, r] as const);
        const staleUpdate = pairs.some(([a, b]) => isUpdateOnly(a) && installs(b));
        const lateCleanup = pairs.some(([a, b]) => installs(a) && cleansUp(b));
        if (group.length < 3 && !staleUpdate && !lateCleanup) continue;
        const second = group[1] as RunNode;
        const reasons = [
          staleUpdate ? 'a cached package-index update makes the install below it use stale lists' : '',
          lateCleanup ? 'a cleanup in its own layer does not shrink the image' : '',
        ].filter((x) => x !== '');
        reports.push({
          range: second.node.range,
          severity: lowerSeverity('info', lower),
          message: `${group.length} consecutive RUN instructions in runtime stage ${stageLabel(stage)} make ${group.length} layers${reasons.length > 0 ? `, and ${reasons.join('; ')}` : ''}. Merge them into one RUN.`,
          fixes: [mergeFix(model, group)],
          related: group.filter((r) => r !== second).map((r) => ({ range: r.node.range, message: 'merged with this RUN' })),
        });
      }
    }
    return reports;
  },
});
