// GD009: shell-form CMD/ENTRYPOINT/RUN on a base with no /bin/sh (HEALTHCHECK is GD024's) (scratch, distroless,
// Chainguard static), and in the same family: a SHELL whose executable is missing (GD009b), a
// shell-form ENTRYPOINT that swallows CMD (GD009c), exec forms that expect a shell (EC31, EC32).
import { execForm, insertLinesAfter, kw } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { withTag } from '../engine/imageref';
import { chainInstructions, stageChain } from '../engine/model/env';
import { baseLabel, runtimeTargets, lowerSeverity, stageLabel } from '../engine/model/queries';
import type { Model, Stage } from '../engine/model/types';
import type { Fix, RelatedInfo, Severity } from '../engine/types';
import { checkExecForms, checkShellInstruction, checkShellFormEntrypoint } from './lib/shell-form-without-shell-checks';
import { commandOf, intendedArgv, type CommandPart } from './lib/shell-form-without-shell-forms';
import { argNote, shellAt, type ShellInUse } from './lib/shell-form-without-shell-image';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

// HEALTHCHECK belongs to GD024 (healthcheck-cannot-run), which also knows missing probe tools.
const RUNTIME_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);

/**
 * How much a CMD/ENTRYPOINT/HEALTHCHECK matters: the lowest `lower` of the runtime targets it is in
 * effect for (not overridden later in their FROM chain); undefined when it is in effect nowhere.
 */
export function effectiveLower(model: Model, stage: Stage, node: InstructionNode): number | undefined {
  let best: number | undefined;
  for (const t of runtimeTargets(model)) {
    if (!stageChain(t.stage).includes(stage)) continue;
    if (chainInstructions(t.stage, node.keyword).some((n) => n.index > node.index)) continue;
    best = best === undefined ? t.lower : Math.min(best, t.lower);
  }
  return best;
}

function whyNoShell(stage: Stage, shell: ShellInUse): string {
  const info = stage.info;
  const label = baseLabel(stage);
  if (shell.shellNode) return `the SHELL set on line ${shell.shellNode.range.start.line + 1} (${shell.exe}) does not exist in ${label}`;
  if (info.family === 'distroless' && info.shell) return `${label} has no /bin/sh (distroless :debug images have a shell only at /busybox/sh)`;
  if (info.family === 'distroless') return `there is no /bin/sh in distroless (${label})`;
  if (info.family === 'scratch') return 'scratch is empty (there is no /bin/sh)';
  return `${label} has no /bin/sh`;
}

/** Fixes for a shell-form command on a base without the shell. */
function commandFixes(model: Model, stage: Stage, node: InstructionNode, part: CommandPart): Fix[] {
  const fixes: Fix[] = [];
  const intended = node.keyword === 'RUN' ? undefined : intendedArgv(part.text);
  const keyword = node.keyword;
  if (intended) {
    const text = execForm(intended.argv);
    fixes.push({ title: `Use exec form: ${keyword} ${text}`, safety: 'safe', edits: [{ range: part.range, newText: text }] });
    return fixes;
  }
  const info = stage.info;
  if (info.shell && info.shell !== '/bin/sh') {
    // distroless :debug: the shell is /busybox/sh.
    fixes.push({
      title: `Add SHELL ["${info.shell}", "-c"] after the FROM of stage ${stageLabel(stage)}`,
      safety: 'safe',
      edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'SHELL')} ${execForm([info.shell, '-c'])}`])],
    });
  } else if (info.family === 'distroless' && stage.ref && !stage.parent && stage.imageVars.length === 0 && !stage.ref.digest) {
    const tag = stage.ref.tag?.endsWith('nonroot') ? 'debug-nonroot' : 'debug';
    const image = withTag(stage.ref, tag);
    fixes.push({
      title: `Switch to ${image} and SHELL ["/busybox/sh", "-c"] (adds busybox to the image)`,
      safety: 'suggestion',
      edits: [
        { range: stage.imageRange, newText: image },
        insertLinesAfter(model, stage.from, [`${kw(model, 'SHELL')} ${execForm(['/busybox/sh', '-c'])}`]),
      ],
    });
  }
  return fixes;
}

function checkNoShell(model: Model, stage: Stage, node: InstructionNode, part: CommandPart, lower: number, runtime: boolean): Report | undefined {
  const shell = shellAt(model, stage, node.index);
  if (shell.available === true) return undefined;
  // A SHELL whose executable is missing is reported once, on the SHELL (GD009b).
  if (shell.available === false && shell.shellNode) return undefined;
  const keyword = node.keyword;
  const intended = intendedArgv(part.text);
  const lookAlike = intended?.lookAlike ? ` ${part.text.trim()} is not valid JSON (BuildKit requires double quotes, commas between elements and none after the last), so it is shell form.` : '';
  const effect = node.keyword === 'RUN' ? `the build fails with "/bin/sh: no such file or directory"` : 'the container fails to start and the Go binary never runs';
  if (shell.available === undefined) {
    // Unknown base: only worth a note on a runtime image whose build ran no shell command.
    // A RUN, or a shell script copied in, shows the image has a shell.
    const chain = stageChain(stage);
    if (!runtime || chain.some((s) => s.runs.length > 0 || s.copies.some((c) => c.sources.some((x) => x.value.endsWith('.sh'))))) return undefined;
    return {
      range: part.range,
      severity: 'info',
      message: `${keyword} in shell form runs "/bin/sh -c …": if ${baseLabel(stage)} has no /bin/sh (as scratch and distroless have not), ${effect}.${lookAlike} Prefer exec form for the Go binary.`,
      fixes: commandFixes(model, stage, node, part),
    };
  }
  const severity: Severity = lowerSeverity('error', lower);
  const related: RelatedInfo[] = [{ range: stage.imageRange, message: `the base of stage ${stageLabel(stage)} is ${baseLabel(stage)}` }];
  return {
    range: part.range,
    severity,
    message: `${keyword} in shell form runs "/bin/sh -c …", but ${whyNoShell(stage, shell)}${argNote(stage)}: ${effect}.${lookAlike}${node.keyword === 'RUN' ? '' : ' Use exec form (a JSON array) for the Go binary.'}`,
    fixes: commandFixes(model, stage, node, part),
    related,
  };
}

export default defineRule({
  meta: {
    code: 'GD009',
    name: 'shell-form-without-shell',
    description: 'Shell-form CMD/ENTRYPOINT/RUN (or a SHELL) on a base image that has no such shell.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
    hadolint: ['DL3025'],
    buildkit: ['JSONArgsRecommended'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const stage of model.stages) {
      if (stage.os === 'windows') continue;
      for (const node of stage.instructions) {
        if (node.keyword === 'SHELL') {
          const r = checkShellInstruction(model, stage, node);
          if (r) reports.push(r);
          continue;
        }
        if (node.keyword !== 'RUN' && !RUNTIME_KEYWORDS.has(node.keyword)) continue;
        const part = commandOf(node);
        if (!part) continue;
        const runtimeLower = RUNTIME_KEYWORDS.has(node.keyword) ? effectiveLower(model, stage, node) : undefined;
        if (RUNTIME_KEYWORDS.has(node.keyword) && runtimeLower === undefined) continue;
        // A RUN fails the build of its stage whichever target is built: never lowered.
        const lower = runtimeLower ?? 0;
        if (part.form.kind === 'exec') {
          reports.push(...checkExecForms(model, stage, node, part, lower));
          continue;
        }
        if (part.form.kind !== 'shell') continue;
        const r = checkNoShell(model, stage, node, part, lower, runtimeLower !== undefined);
        if (r) {
          reports.push(r);
          continue;
        }
        if (node.keyword === 'ENTRYPOINT') {
          const c = checkShellFormEntrypoint(model, stage, part, lower);
          if (c) reports.push(c);
        }
      }
    }
    return reports;
  },
});
