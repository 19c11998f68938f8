// What a runtime stage holds beyond its base image: the files COPY/ADD put into it, the packages
// its RUNs install, the users they create, and the stages its Go binaries come from. Runtime rules
// (CA certificates, tzdata, USER resolution, running as root) ask these questions.
import type { InstructionNode } from '../instruction';
import { basename, resolvePath } from '../paths';
import type { SimpleCommand } from '../shell';
import { copyFlows, entryBuiltInChain, entryCommand, stageGoOutputs } from './artifacts';
import { stageChain, workdirAt } from './env';
import { buildsLocalCode } from './gocmd';
import { installedPackages } from './packages';
import type { CopyNode, GoCommand, Model, Stage } from './types';

export interface CopiedPath {
  copy: CopyNode;
  /** The source as written after build-time substitution. */
  source: string;
  /** The destination as resolved against WORKDIR (a directory when `destIsDir`). */
  dest: string;
  destIsDir: boolean;
  /** Where a file source lands: dest/<basename(source)> for directory destinations, else dest. */
  target: string;
}

/** Every source of every COPY/ADD in the stage and its FROM chain, in build order (before `beforeIndex` in `stage`). */
export function copiedPaths(model: Model, stage: Stage, beforeIndex = Number.POSITIVE_INFINITY): CopiedPath[] {
  const out: CopiedPath[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const c of s.copies) {
      if (s === stage && c.node.index >= beforeIndex) continue;
      if (!c.dest || c.heredoc) continue;
      const wd = workdirAt(model, s, c.node.index);
      const destIsDir = c.dest.value.endsWith('/') || c.sources.length > 1;
      const dest = resolvePath(wd, c.dest.value);
      for (const src of c.sources) {
        out.push({ copy: c, source: src.value, dest, destIsDir, target: destIsDir ? resolvePath(dest, basename(src.value)) : dest });
      }
    }
  }
  return out;
}


/** Commands of RUNs in the stage chain (before `beforeIndex` in `stage`), in build order. */
export function chainCommands(stage: Stage, beforeIndex = Number.POSITIVE_INFINITY): { node: InstructionNode; command: SimpleCommand }[] {
  const out: { node: InstructionNode; command: SimpleCommand }[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const run of s.runs) {
      if (s === stage && run.node.index >= beforeIndex) continue;
      for (const command of run.commands) out.push({ node: run.node, command });
    }
  }
  return out;
}

/** The first RUN in the stage chain that installs a package matching `pkg` with a package manager. */
export function installsPackage(stage: Stage, pkg: RegExp, beforeIndex = Number.POSITIVE_INFINITY): InstructionNode | undefined {
  for (const { node, command } of chainCommands(stage, beforeIndex)) {
    if (installedPackages(command)?.some((p) => pkg.test(p))) return node;
  }
  return undefined;
}

const USER_TOOLS = /^(adduser|useradd|addgroup|groupadd)$/;

/**
 * Names that RUNs in the stage chain create as users or groups (adduser, useradd, addgroup, groupadd,
 * or a passwd/group line written with echo/printf). Every non-option argument counts: the tools
 * differ in which options take values, and a name that appears as an argument is a name they know.
 */
export function createdAccounts(stage: Stage, beforeIndex = Number.POSITIVE_INFINITY): Set<string> {
  const out = new Set<string>();
  for (const { command } of chainCommands(stage, beforeIndex)) {
    const words = command.words.map((w) => w.value);
    const tool = basename(words[0] ?? '');
    if (USER_TOOLS.test(tool) || (tool === 'busybox' && USER_TOOLS.test(words[1] ?? ''))) {
      for (const w of words.slice(1)) if (!w.startsWith('-') && w !== '') out.add(w);
      continue;
    }
    if (tool === 'echo' || tool === 'printf') {
      for (const w of words.slice(1)) {
        for (const line of w.split(/\\n|\n/)) {
          const m = /^([A-Za-z0-9_][A-Za-z0-9_.-]*):[^:]*:(\d+):/.exec(line);
          if (m) out.add(m[1] as string);
        }
      }
    }
  }
  return out;
}

/** The numeric uid an adduser/useradd in any stage gives `name` (`-u 10001`, `--uid=10001`). */
export function createdUid(model: Model, name: string): { uid: string; stage: Stage } | undefined {
  for (const s of model.stages) {
    for (const run of s.runs) {
      for (const c of run.commands) {
        const words = c.words.map((w) => w.value);
        const tool = basename(words[0] ?? '');
        if (tool !== 'adduser' && tool !== 'useradd') continue;
        if (!words.slice(1).includes(name)) continue;
        for (let i = 1; i < words.length; i++) {
          const w = words[i] as string;
          const eq = /^(?:-u|--uid)=(\d+)$/.exec(w) ?? /^-u(\d+)$/.exec(w);
          if (eq) return { uid: eq[1] as string, stage: s };
          if ((w === '-u' || w === '--uid') && /^\d+$/.test(words[i + 1] ?? '')) return { uid: words[i + 1] as string, stage: s };
        }
      }
    }
  }
  return undefined;
}

/** The stages whose Go build outputs are copied into the stage (or its FROM chain) with COPY --from. */
export function binarySourceStages(model: Model, stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (const s of stageChain(stage)) {
    for (const c of s.copies) {
      const from = c.from?.stage;
      if (from && !out.includes(from) && copyFlows(model, c).length > 0) out.push(from);
    }
  }
  return out;
}

/** The local go builds whose binaries end up in the stage: copied in with COPY --from, or built in its FROM chain. */
export function feedingBuilds(model: Model, stage: Stage): GoCommand[] {
  const out: GoCommand[] = [];
  for (const s of stageChain(stage)) {
    for (const c of s.copies) for (const f of copyFlows(model, c)) if (!out.includes(f.output.cmd) && buildsLocalCode(f.output.cmd)) out.push(f.output.cmd);
  }
  for (const o of stageGoOutputs(model, stage)) if (!out.includes(o.cmd) && buildsLocalCode(o.cmd)) out.push(o.cmd);
  return out;
}

/**
 * The stage runs a program: it has an ENTRYPOINT/CMD, receives a Go binary, or the file is a
 * runtime-only Dockerfile (GoReleaser, ko) whose binary comes from the context. A scratch stage
 * holding only data files does not.
 */
export function runsProgram(model: Model, stage: Stage): boolean {
  if (entryCommand(stage)) return true;
  if (model.goClass === 'go-runtime-only') return true;
  if (entryBuiltInChain(model, stage)) return true;
  return stageChain(stage).some((s) => s.copies.some((c) => copyFlows(model, c).length > 0));
}

/** Stages a stage needs to be built: itself and, transitively, every stage it reads from. */
export function neededStages(model: Model, stage: Stage): Set<Stage> {
  const out = new Set<Stage>();
  const queue = [stage];
  while (queue.length > 0) {
    const s = queue.pop() as Stage;
    if (out.has(s)) continue;
    out.add(s);
    for (const d of s.deps) {
      const dep = model.stages[d];
      if (dep && !out.has(dep)) queue.push(dep);
    }
  }
  return out;
}
