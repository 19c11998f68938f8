// GD021: a stage that runs go test / go vet / golangci-lint / staticcheck, but no output stage
// depends on it: BuildKit builds only the stages the target needs, so the test gate never runs.
import { insertLinesAfter, insertLinesBefore, kw } from '../engine/edits';
import { buildsLocalCode } from '../engine/model/gocmd';
import { stageLabel } from '../engine/model/queries';
import type { Model, RunNode, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { Fix, Range } from '../engine/types';
import { builtStages } from './lib/test-stage-never-built-graph';
import { BUILD_ONLY, defineRule, type Report } from './types';

const LINTERS = new Set(['golangci-lint', 'staticcheck', 'gotestsum']);

/** What the RUN checks: "go test", "go vet", "golangci-lint", … (undefined when it checks nothing). */
export function checkCommand(run: RunNode): string | undefined {
  for (const g of run.goCommands) {
    if (g.sub === 'test' || g.sub === 'vet') return `go ${g.sub}`;
    const tool = g.sub.startsWith('tool ') ? g.sub.slice(5) : undefined;
    if (tool && LINTERS.has(basename(tool))) return `go tool ${basename(tool)}`;
    if (g.sub === 'run' && g.packages.some((p) => /(golangci-lint|staticcheck)(@|$)/.test(p.value))) return 'go run staticcheck';
  }
  for (const c of run.commands) {
    const exe = basename(c.words[0]?.value ?? '');
    // `gotestsum --version` right after installing it checks the install, not the code.
    if (LINTERS.has(exe) && !c.words.slice(1).some((w) => /^(--?version|version|--?help|-h)$/.test(w.value))) return exe;
  }
  return undefined;
}

function stageRange(stage: Stage): Range {
  return stage.nameRange ?? stage.from.keywordRange;
}

/** (a) Move the checks into the parent build stage, before its go build, and drop the test stage. */
function moveIntoBuildFix(model: Model, stage: Stage, built: Set<number>): Fix | undefined {
  const parent = stage.parent;
  if (!parent || !built.has(parent.index)) return undefined;
  if (model.stages.some((s) => s !== stage && s.deps.has(stage.index))) return undefined;
  if (stage.instructions.length === 0 || stage.instructions.some((n) => n.keyword !== 'RUN' || n.onbuild)) return undefined;
  if (stage.runs.length !== stage.instructions.length || stage.runs.some((r) => !checkCommand(r))) return undefined;
  const buildRun = parent.runs.find((r) => r.goCommands.some((g) => g.sub === 'build' && buildsLocalCode(g)));
  if (!buildRun) return undefined;
  const src = model.src;
  const lines = stage.runs.flatMap((r) => r.node.rawText.split(/\r?\n/));
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  let endLine = last.range.end.line + 1;
  while (endLine < src.lineCount && src.lineText(endLine).trim() === '') endLine++;
  const end = endLine < src.lineCount ? { line: endLine, character: 0 } : { line: src.lineCount - 1, character: src.lineText(src.lineCount - 1).length };
  return {
    title: `Run the checks in stage ${stageLabel(parent)} before go build (and remove stage ${stageLabel(stage)})`,
    safety: 'suggestion',
    edits: [insertLinesBefore(model, buildRun.node, lines), { range: { start: { line: stage.from.range.start.line, character: 0 }, end }, newText: '' }],
  };
}

/** (c) A marker file that makes the final stage depend on the test stage. */
function markerFix(model: Model, stage: Stage): Fix | undefined {
  const last = model.stages[model.stages.length - 1];
  const lastInstr = stage.instructions[stage.instructions.length - 1];
  if (!last || !lastInstr || last === stage) return undefined;
  const ref = stage.name ?? String(stage.index);
  return {
    title: `Make the final stage depend on stage ${stageLabel(stage)} with a marker file`,
    safety: 'suggestion',
    edits: [
      insertLinesAfter(model, lastInstr, [`${kw(model, 'RUN')} touch /tested`]),
      insertLinesAfter(model, last.from, [`${kw(model, 'COPY')} --from=${ref} /tested /tmp/.tested`]),
    ],
  };
}

export default defineRule({
  meta: {
    code: 'GD021',
    name: 'test-stage-never-built',
    description: 'A stage runs go test, go vet or a linter, but no output stage depends on it, so BuildKit never builds it.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    if (model.onbuild.length > 0) return reports;
    const built = builtStages(model);
    for (const stage of model.stages) {
      if (built.has(stage.index)) continue;
      const run = stage.runs.find((r) => checkCommand(r) !== undefined);
      if (!run) continue;
      const what = checkCommand(run) as string;
      const seen = facts !== undefined && !facts.limits.capped;
      const ci = seen
        ? 'No CI workflow, Makefile, bake or compose file in the workspace builds it with `--target`.'
        : 'Unless CI builds it with `docker build --target ' + (stage.name ?? '<stage>') + '`, it never runs.';
      reports.push({
        range: stageRange(stage),
        severity: seen ? 'warning' : 'info',
        message:
          `Stage ${stageLabel(stage)} runs \`${what}\`, but no output stage depends on it: BuildKit builds only the stages the target needs, ` +
          `so \`docker build .\` skips it and the check silently does nothing. ${ci} Run the checks in the build stage, build this stage in CI ` +
          `(\`docker build --target ${stage.name ?? '<stage>'} .\`), or make the final stage depend on it.`,
        fixes: [moveIntoBuildFix(model, stage, built), markerFix(model, stage)].filter((f): f is Fix => f !== undefined),
        related: [{ range: run.node.keywordRange, message: `\`${what}\` runs here` }],
      });
    }
    return reports;
  },
});
