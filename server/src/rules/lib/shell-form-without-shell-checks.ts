// The rest of the GD009 family: a SHELL whose executable is missing (GD009b), a shell-form
// ENTRYPOINT next to a CMD (GD009c), and exec forms written as if a shell read them: an env
// assignment as argv[0] (EDGE_CASES EC31) and ${VAR} passed literally on a shell-less base (EC32).
import { execForm, insertLinesBefore, kw } from '../../engine/edits';
import type { InstructionNode, JsonElement } from '../../engine/instruction';
import { stageChain, stageLookup } from '../../engine/model/env';
import { baseLabel, lowerSeverity, stageLabel } from '../../engine/model/queries';
import type { Model, Stage } from '../../engine/model/types';
import { basename } from '../../engine/paths';
import { isAssignment } from '../../engine/shell';
import type { Fix, FixSafety, RelatedInfo } from '../../engine/types';
import { expand, hasVariable } from '../../engine/vars';
import type { Report } from '../types';
import { envValue, intendedArgv, shellQuote, type CommandPart } from './shell-form-without-shell-forms';
import { argNote, executableExists, shellAt } from './shell-form-without-shell-image';

/** GD009b: `SHELL ["/bin/bash", …]` on an image without bash. */
export function checkShellInstruction(model: Model, stage: Stage, node: InstructionNode): Report | undefined {
  if (node.form.kind !== 'exec') return undefined;
  const first = node.form.elements[0];
  if (!first) return undefined;
  const exe = first.value;
  if (executableExists(model, stage, node.index, exe) !== false) return undefined;
  const info = stage.info;
  const name = basename(exe);
  const hint = name === 'bash' && info.shell === '/bin/sh' ? ` (it has a POSIX sh at /bin/sh${info.family === 'alpine' || info.packageManager === 'apk' ? ' from busybox' : ''}, no bash)` : info.shell ? ` (its shell is ${info.shell})` : ' (it has no shell at all)';
  const fixes: Fix[] = [];
  if (name === 'bash' && info.packageManager === 'apk') {
    fixes.push({ title: 'Install bash before this SHELL: RUN apk add --no-cache bash', safety: 'unsafe', edits: [insertLinesBefore(model, node, [`${kw(model, 'RUN')} apk add --no-cache bash`])] });
  }
  if (info.shell) {
    const bashToSh = name === 'bash' && info.shell === '/bin/sh';
    const safety: FixSafety = bashToSh ? 'suggestion' : 'safe';
    fixes.push({ title: `Use ${info.shell} in SHELL${bashToSh ? ' (scripts must not rely on bash features)' : ''}`, safety, edits: [{ range: first.range, newText: JSON.stringify(info.shell) }] });
  }
  return {
    range: first.range,
    severity: 'error',
    message: `SHELL uses ${exe}, which ${baseLabel(stage)} does not have${hint}${argNote(stage)}: every later shell-form RUN, CMD and ENTRYPOINT of stage ${stageLabel(stage)} fails with "${exe}: no such file or directory".`,
    fixes,
  };
}

/** GD009c: a shell-form ENTRYPOINT ignores CMD, and the Go process is not PID 1. */
export function checkShellFormEntrypoint(model: Model, stage: Stage, part: CommandPart, lower: number): Report | undefined {
  const cmds: InstructionNode[] = stage.instructions.filter((n) => n.keyword === 'CMD');
  for (const d of model.stages) {
    if (d === stage || !stageChain(d).includes(stage)) continue;
    if (stageChain(d).some((s) => s !== stage && stageChain(s).includes(stage) && s.instructions.some((n) => n.keyword === 'ENTRYPOINT'))) continue;
    cmds.push(...d.instructions.filter((n) => n.keyword === 'CMD'));
  }
  const cmd = cmds[0];
  if (!cmd) return undefined;
  const intended = intendedArgv(part.text);
  const fixes: Fix[] = intended ? [{ title: `Use exec form: ENTRYPOINT ${execForm(intended.argv)}`, safety: 'unsafe', edits: [{ range: part.range, newText: execForm(intended.argv) }] }] : [];
  return {
    range: part.range,
    severity: lowerSeverity('warning', lower),
    message: `ENTRYPOINT in shell form runs "/bin/sh -c ${part.text.trim()}": it ignores CMD (line ${cmd.range.start.line + 1}) and docker run arguments, and the Go process is not PID 1, so it gets no SIGTERM on docker stop and is killed after the timeout. Use exec form.`,
    fixes,
    related: [{ range: cmd.range, message: 'this CMD is never passed to the ENTRYPOINT' }],
  };
}

function leadingAssignments(elements: JsonElement[]): JsonElement[] {
  const out: JsonElement[] = [];
  for (const e of elements) {
    if (!isAssignment(e.value)) break;
    out.push(e);
  }
  return out;
}

/** EC31 and EC32. */
export function checkExecForms(model: Model, stage: Stage, node: InstructionNode, part: CommandPart, lower: number): Report[] {
  if (part.form.kind !== 'exec') return [];
  const elements = part.form.elements;
  const reports: Report[] = [];
  const keyword = node.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : node.keyword;
  const assigns = node.keyword === 'HEALTHCHECK' ? [] : leadingAssignments(elements);
  if (assigns.length > 0) {
    const rest = elements.slice(assigns.length);
    const first = assigns[0] as JsonElement;
    const last = assigns[assigns.length - 1] as JsonElement;
    const fixes: Fix[] = [];
    const shell = shellAt(model, stage, node.index).available;
    if (node.keyword === 'RUN' && shell !== false && rest.length > 0) {
      const text = elements.map((e) => shellQuote(e.value)).join(' ');
      fixes.push({ title: `Use shell form: RUN ${text}`, safety: shell ? 'safe' : 'unsafe', edits: [{ range: part.range, newText: text }] });
    }
    if (rest.length > 0) {
      const env = assigns.map((e) => {
        const eq = e.value.indexOf('=');
        return `${e.value.slice(0, eq)}=${envValue(e.value.slice(eq + 1))}`;
      });
      fixes.push({
        title: `Move ${assigns.map((e) => e.value.slice(0, e.value.indexOf('='))).join(', ')} to ENV and keep the exec form`,
        safety: 'unsafe',
        edits: [insertLinesBefore(model, node, [`${kw(model, 'ENV')} ${env.join(' ')}`]), { range: part.range, newText: execForm(rest.map((e) => e.value)) }],
      });
    }
    reports.push({
      range: { start: first.range.start, end: last.range.end },
      severity: lowerSeverity('error', lower),
      message: `Exec-form ${keyword} runs no shell, so \`${first.value}\` is taken as the executable and the ${node.keyword === 'RUN' ? 'build' : 'container'} fails with exec: ${JSON.stringify(first.value)}: executable file not found in $PATH. Exec form cannot set environment variables inline.`,
      fixes,
    });
  }
  // `["/bin/sh", "-c", "…"]` written out by hand on an image without that shell.
  const exe = elements[assigns.length];
  if (exe && /^(sh|bash|ash|dash|zsh)$/.test(basename(exe.value)) && executableExists(model, stage, node.index, exe.value) === false) {
    reports.push({
      range: exe.range,
      severity: lowerSeverity('error', lower),
      message: `${keyword} runs ${exe.value}, which ${baseLabel(stage)} does not have${argNote(stage)}: the ${node.keyword === 'RUN' ? 'build fails' : 'container fails to start'} ("${exe.value}: no such file or directory").`,
    });
    return reports;
  }
  // EC32: only a shell would expand ${VAR}, and this base has none.
  if (!stage.info.known || stage.info.binSh !== false) return reports;
  // `["/busybox/sh", "-c", "… $PORT"]`: that shell expands it.
  if (/^(sh|bash|ash|dash)$/.test(basename(elements[assigns.length]?.value ?? ''))) return reports;
  for (const e of elements.slice(assigns.length)) {
    if (!hasVariable(e.value)) continue;
    const x = expand(e.value, stageLookup(model, stage, node.index), model.escape);
    const fixes: Fix[] = x.unknown.length === 0 && x.text !== e.value ? [{ title: `Write the value: ${JSON.stringify(x.text)}`, safety: 'suggestion', edits: [{ range: e.range, newText: JSON.stringify(x.text) }] }] : [];
    const names = [...new Set(x.used)].map((n) => `\${${n}}`).join(', ');
    const related: RelatedInfo[] = [];
    reports.push({
      range: e.range,
      severity: lowerSeverity('warning', lower),
      message: `Exec form: ${names} in ${JSON.stringify(e.value)} is passed literally; the builder does not substitute variables in ${node.keyword === 'RUN' ? 'exec-form RUN' : 'ENTRYPOINT/CMD'}, and ${baseLabel(stage)} has no shell to expand it${argNote(stage)}. Read the variable in the Go code (os.Getenv), or write the value.`,
      fixes,
      related,
    });
  }
  return reports;
}
