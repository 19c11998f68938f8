// GD003: a Go binary that is not guaranteed static runs on a runtime with no libc, or another libc.
import { insertLinesAfter, kw } from '../engine/edits';
import { copyFlows } from '../engine/model/artifacts';
import { globalArg } from '../engine/model/env';
import { linkage } from '../engine/model/linkage';
import { baseLabel, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { GoCommand, Model } from '../engine/model/types';
import type { Fix, FixSafety, Severity } from '../engine/types';
import { cgoOffEnv, cgoOffInline } from './fixes/runtime';
import { BUILD_ONLY, defineRule, type Report } from './types';

export default defineRule({
  meta: {
    code: 'GD003',
    name: 'binary-not-static',
    description: 'A Go binary built with cgo possibly on runs on a runtime image without (or with another) libc.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    const seen = new Set<GoCommand>();
    for (const { stage, lower } of runtimeTargets(model)) {
      const runtimeLibc = stage.info.libc;
      if (!stage.info.known || runtimeLibc === undefined || stage.os === 'windows') continue;
      for (const copy of stage.copies) {
        for (const flow of copyFlows(model, copy)) {
          const cmd = flow.output.cmd;
          if (seen.has(cmd) || cmd.run.stage.os === 'windows') continue;
          const link = linkage(model, cmd);
          if (link.kind !== 'dynamic') continue;
          // cgo is required: CGO_ENABLED=0 would turn a loud failure into a silent stub (GD013 handles it).
          if (model.facts?.cgo.required) continue;
          const builderLibc = link.builderLibc;
          let severity: Severity;
          let problem: string;
          if (runtimeLibc === 'none') {
            severity = link.certain ? 'error' : 'warning';
            problem = `${baseLabel(stage)} has no libc: the container fails with "exec ${flow.destPath ?? '/app'}: no such file or directory"`;
          } else if (builderLibc && builderLibc !== runtimeLibc) {
            severity = link.certain ? 'error' : 'warning';
            problem = `it is linked against ${builderLibc} (${baseLabel(cmd.run.stage)}) but ${baseLabel(stage)} has ${runtimeLibc}`;
          } else {
            severity = 'info';
            problem = `${baseLabel(stage)} has a matching libc, but set CGO_ENABLED explicitly so the binary stays portable`;
          }
          seen.add(cmd);
          const mixed = link.cgo.mode === 'mixed'
            ? ' On a build machine of the target architecture the image gets a dynamically linked binary (cgo on, C compiler present); cross-compiled platforms get cgo off.'
            : '';
          const cause = globalOnlyCause(model, cmd);
          reports.push({
            range: cmd.goWord.range,
            severity: lowerSeverity(severity, lower),
            message: `This build is not guaranteed static: ${link.reason}; ${problem}.${mixed}${cause ? ` ${cause.text}` : ''}`,
            fixes: fixes(model, cmd, cause !== undefined),
            related: [{ range: copy.node.range, message: `the binary is copied into stage ${stageLabel(stage)} here` }],
          });
        }
      }
    }
    return reports;
  },
});

/** EDGE_CASES EC23: `ARG CGO_ENABLED=0` before the first FROM is not visible in the stage. */
function globalOnlyCause(model: Model, cmd: GoCommand): { text: string } | undefined {
  const g = globalArg(model, 'CGO_ENABLED');
  if (!g || g.value !== '0' || cmd.run.stage.args.some((a) => a.name === 'CGO_ENABLED')) return undefined;
  return { text: `ARG CGO_ENABLED (line ${g.node.range.start.line + 1}) is global and not redeclared in stage ${stageLabel(cmd.run.stage)}, so it has no effect there.` };
}

function fixes(model: Model, cmd: GoCommand, redeclare: boolean): Fix[] {
  // Safe when the workspace shows the program does not need cgo; otherwise the fix is a judgement call.
  const safety: FixSafety = model.facts && !model.facts.cgo.required ? 'safe' : 'unsafe';
  const out: Fix[] = [];
  const stage = cmd.run.stage;
  if (redeclare) {
    out.push({ title: `Redeclare ARG CGO_ENABLED in stage ${stageLabel(stage)}`, safety, edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'ARG')} CGO_ENABLED`])] });
  }
  const inline = cgoOffInline(cmd);
  if (inline) out.push({ title: 'Set CGO_ENABLED=0 on this build', safety, edits: [inline] });
  out.push({ title: `Add ENV CGO_ENABLED=0 to stage ${stageLabel(stage)}`, safety, edits: [cgoOffEnv(model, stage)] });
  return out;
}
