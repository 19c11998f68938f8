// GD018: the runtime container runs as root (no USER, or USER root/0, on a base whose default user is root).
import { insertLinesAfter, insertLinesBefore, kw } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { copyFlows, entryCommand } from '../engine/model/artifacts';
import { chainInstructions, lastUser, stageChain, stageLookup } from '../engine/model/env';
import { baseLabel, isDevStage, lowerSeverity, runtimeTargets } from '../engine/model/queries';
import { runsProgram } from '../engine/model/stagecontents';
import type { Model, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { Fix, TextEdit } from '../engine/types';
import { expand } from '../engine/vars';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const IDS = '65532:65532';
/** Entry commands that start as root only to drop privileges. */
const PRIVILEGE_DROP = /^(gosu|su-exec|setpriv|s6-setuidgid|setuidgid|runuser|chpst|su)$/;

/**
 * A build or tooling environment rather than a service: its command is an interactive shell or
 * make, and no Go binary is copied into it (`CMD ["make", "static"]`, `CMD ["/bin/sh"]`).
 */
function buildEnvironment(model: Model, stage: Stage): boolean {
  const entry = entryCommand(stage);
  if (!entry) return false;
  const exe = basename(entry.argv[0] ?? '');
  const tool = exe === 'make' || (/^(sh|bash|ash|zsh)$/.test(exe) && entry.argv.length === 1);
  return tool && !stageChain(stage).some((s) => s.copies.some((c) => copyFlows(model, c).length > 0));
}

function lowPorts(model: Model, stage: Stage): number[] {
  const ports = new Set<number>();
  for (const n of chainInstructions(stage, 'EXPOSE')) {
    for (const w of n.words) {
      const m = /^(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(w.value);
      if (m && Number(m[1]) < 1024) ports.add(Number(m[1]));
    }
  }
  for (const p of model.facts?.ports ?? []) if (p.port < 1024) ports.add(p.port);
  return [...ports].sort((a, b) => a - b);
}

/** Where new USER lines go: before the ENTRYPOINT/CMD that follows the stage's last RUN, or at the end of the stage. */
function insertUserLines(model: Model, stage: Stage, lines: string[]): TextEdit {
  const runs = stage.instructions.filter((n) => n.keyword === 'RUN');
  const lastRun = runs[runs.length - 1]?.index ?? -1;
  const entry = stage.instructions.find((n) => (n.keyword === 'ENTRYPOINT' || n.keyword === 'CMD') && n.index > lastRun);
  if (entry) return insertLinesBefore(model, entry, lines);
  const last: InstructionNode = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return insertLinesAfter(model, last, lines);
}

/** The account creation of `docker init`, with the distroless nonroot uid. */
function createUserLine(model: Model, stage: Stage): string | undefined {
  const info = stage.info;
  const musl = info.family === 'alpine' || info.family === 'busybox' || (info.family === 'golang' && info.libc === 'musl');
  if (musl) return `${kw(model, 'RUN')} adduser --disabled-password --gecos "" --home "/nonexistent" --shell "/sbin/nologin" --no-create-home --uid 65532 appuser`;
  if (info.packageManager === 'apt') return `${kw(model, 'RUN')} useradd --uid 65532 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin appuser`;
  return undefined;
}

function fixes(model: Model, stage: Stage, user: { node: InstructionNode; stage: Stage } | undefined): Fix[] {
  // A USER root of an ancestor stage may be needed there: this stage gets its own USER instead.
  if (user?.stage === stage) return [{ title: `Run as USER ${IDS}`, safety: 'unsafe', edits: [{ range: user.node.argsRange, newText: IDS }] }];
  const info = stage.info;
  if (info.family === 'distroless' && !user) {
    const ref = stage.ref;
    if (stage.parent || !ref || ref.digest || stage.imageVars.length > 0) return [];
    const tag = (ref.tag ?? 'latest').startsWith('debug') ? 'debug-nonroot' : 'nonroot';
    const text = `${ref.registry ? `${ref.registry}/` : ''}${ref.path}:${tag}`;
    return [{ title: `Use the :${tag} tag (uid 65532)`, safety: 'unsafe', edits: [{ range: stage.imageRange, newText: text }] }];
  }
  const create = info.family === 'scratch' ? undefined : createUserLine(model, stage);
  const lines = [...(create ? [create] : []), `${kw(model, 'USER')} ${IDS}`];
  return [{ title: create ? `Create an unprivileged user (uid 65532) and run as USER ${IDS}` : `Add USER ${IDS}`, safety: 'unsafe', edits: [insertUserLines(model, stage, lines)] }];
}

export default defineRule({
  meta: {
    code: 'GD018',
    name: 'runs-as-root',
    description: 'The runtime container runs as root: no USER (or USER root) on a base image whose default user is root.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: BUILD_AND_RUNTIME,
    hadolint: ['DL3002'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const { stage, lower } of runtimeTargets(model)) {
      const info = stage.info;
      if (!info.known || stage.os === 'windows') continue;
      if (!runsProgram(model, stage)) continue;
      const u = lastUser(stage);
      let root: boolean;
      let shown: string | undefined;
      if (u) {
        const e = expand(u.value, stageLookup(model, u.stage, u.node.index), model.escape);
        if (e.unknown.length > 0) continue;
        shown = e.text;
        const name = e.text.split(':')[0] ?? '';
        root = name === 'root' || /^0+$/.test(name);
      } else {
        if (info.defaultUser === undefined) continue;
        root = info.defaultUser === '0';
      }
      if (!root) continue;
      const entry = entryCommand(stage);
      if (entry && PRIVILEGE_DROP.test(basename(entry.argv[0] ?? ''))) continue;
      const dev = isDevStage(stage) || buildEnvironment(model, stage);
      const ports = lowPorts(model, stage);
      const portNote = ports.length > 0
        ? ` It listens on port ${ports.join(', ')}: as non-root, prefer a high port (8080) or grant CAP_NET_BIND_SERVICE (setcap in the builder); Docker ≥ 20.10 allows low ports to any user, Kubernetes does not by default.`
        : '';
      const why = u ? `USER ${shown} runs it as root` : `no USER is set and ${baseLabel(stage)} runs as root by default`;
      reports.push({
        range: u ? u.node.argsRange : stage.imageRange,
        severity: lowerSeverity(dev ? 'info' : 'warning', lower),
        message: `The container runs as root (${why}): a compromised process owns the whole container and every mounted volume. Run the Go binary as an unprivileged uid.${portNote}`,
        fixes: fixes(model, stage, u),
      });
    }
    return reports;
  },
});
