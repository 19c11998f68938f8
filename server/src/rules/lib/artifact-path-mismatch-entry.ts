// GD012(d): the ENTRYPOINT/CMD executable of a runtime image is not where COPY put the Go binary
// (`COPY … /app/` makes /app/app; a bare `app` is looked up on PATH; `./app` depends on WORKDIR).
import { copyFlows, entryCommand, executableCandidates, type CopyFlow } from '../../engine/model/artifacts';
import { stageChain, workdirAt } from '../../engine/model/env';
import { lowerSeverity, stageLabel } from '../../engine/model/queries';
import type { Model, Stage } from '../../engine/model/types';
import { basename, dirname, isWithin, resolvePath } from '../../engine/paths';
import type { Severity } from '../../engine/types';
import { hasVariable } from '../../engine/vars';
import type { Report } from '../types';
import { copyProduces } from './artifact-path-mismatch-producers';

const SHELLS = /^(\/bin\/|\/usr\/bin\/|\/busybox\/)?(sh|bash|ash|dash)$/;

/** Something in the stage chain other than the go binary flows may provide one of the paths. */
function providedOtherwise(model: Model, stage: Stage, exe: string, candidates: string[]): boolean {
  const name = basename(exe);
  for (const s of stageChain(stage)) {
    for (const c of s.copies) {
      const flows = copyFlows(model, c);
      if (flows.length > 0) continue;
      if (candidates.some((p) => copyProduces(model, c, p))) return true;
    }
    for (const run of s.runs) {
      if (run.commands.some((c) => c.words.some((w) => basename(w.value.replace(/\/+$/, '')) === name || candidates.includes(w.value)))) return true;
    }
  }
  return false;
}

export function checkEntry(model: Model, stage: Stage, lower: number): Report | undefined {
  const entry = entryCommand(stage);
  if (!entry) return undefined;
  const exe = entry.argv[0] ?? '';
  if (exe === '' || SHELLS.test(exe) || hasVariable(exe)) return undefined;
  const candidates = executableCandidates(model, stage, exe);
  const flows: CopyFlow[] = stageChain(stage).flatMap((s) => s.copies.flatMap((c) => copyFlows(model, c))).filter((f) => f.destPath);
  if (flows.length === 0 || flows.some((f) => candidates.includes(f.destPath as string))) return undefined;
  // The binary the entry means: same file name, or the directory the binary was copied into.
  const name = basename(exe);
  const flow = flows.find((f) => candidates.some((c) => isWithin(c, f.destPath as string))) ?? flows.find((f) => basename(f.destPath as string) === name);
  if (!flow) return undefined;
  if (!exe.includes('/') && !stage.info.known) return undefined;
  if (providedOtherwise(model, stage, exe, candidates)) return undefined;
  const dest = flow.destPath as string;
  let why: string;
  const dir = candidates.find((c) => isWithin(c, dest) && c !== dest);
  if (dir) {
    why = `${dir} is a directory: ${flow.copy.keyword} put the binary at ${dest} (a destination ending in "/" is a directory)`;
  } else if (!exe.includes('/')) {
    const path = candidates.map(dirname).join(':');
    why = `"${exe}" is looked up on PATH (${path}), but the binary is at ${dest}, which is not on PATH`;
  } else if (!exe.startsWith('/')) {
    why = `${exe} resolves against WORKDIR ${workdirAt(model, stage, Number.POSITIVE_INFINITY)} to ${candidates[0]}, but the binary is at ${dest}`;
  } else {
    why = `the binary was copied to ${dest}, not ${resolvePath('/', exe)}`;
  }
  const severity: Severity = flow.output.certain ? 'error' : 'warning';
  const newText = entry.form === 'exec' ? JSON.stringify(dest) : dest;
  return {
    range: entry.exeRange,
    severity: lowerSeverity(severity, lower),
    message: `The ${entry.keyword} of stage ${stageLabel(stage)} runs ${exe}, but ${why}: the container fails to start.`,
    fixes: [{ title: `Run ${dest}`, safety: 'safe', edits: [{ range: entry.exeRange, newText }] }],
    related: [{ range: flow.copy.node.range, message: `the Go binary is copied to ${dest} here` }],
  };
}
