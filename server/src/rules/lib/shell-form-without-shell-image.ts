// Which shell an instruction of a stage gets (GD009): the SHELL in effect, and whether its
// executable exists in the image: the knowledge base, then files an earlier COPY/ADD brings in and
// packages an earlier RUN installs.
import type { InstructionNode } from '../../engine/instruction';
import { chainInstructions, stageChain, workdirAt } from '../../engine/model/env';
import type { Model, Stage } from '../../engine/model/types';
import { basename, isWithin, resolvePath } from '../../engine/paths';

export interface ShellInUse {
  /** The shell executable: the first element of the last SHELL, or /bin/sh. */
  exe: string;
  /** The SHELL instruction that set it, if any. */
  shellNode?: InstructionNode;
  /** true / false from the knowledge base and the stage's own instructions; undefined for unknown images. */
  available: boolean | undefined;
}

/** Instructions of the stage chain strictly before `beforeIndex` (ancestors whole), in build order. */
function earlier<T extends { node: InstructionNode }>(stage: Stage, beforeIndex: number, pick: (s: Stage) => T[]): T[] {
  const out: T[] = [];
  for (const s of stageChain(stage).reverse()) for (const x of pick(s)) if (s !== stage || x.node.index < beforeIndex) out.push(x);
  return out;
}

/** An earlier COPY/ADD puts a file at `path` (the file itself, or a directory tree that holds it). */
export function copiedIn(model: Model, stage: Stage, beforeIndex: number, path: string): boolean {
  for (const c of earlier(stage, beforeIndex, (s) => s.copies)) {
    if (!c.dest) continue;
    const st = model.stages[c.node.stage] as Stage;
    const dest = resolvePath(workdirAt(model, st, c.node.index), c.dest.value);
    const destIsDir = c.dest.value.endsWith('/') || c.sources.length > 1;
    for (const s of c.sources) {
      const name = basename(s.value);
      if (dest === path && !destIsDir) return true;
      if (destIsDir && resolvePath(dest, name) === path) return true;
      // A directory copied from a stage or image keeps its layout below the destination
      // (`COPY --from=busybox / /`, `COPY --from=x /bin/ /bin/`).
      const srcAbs = c.from ? resolvePath('/', s.value) : undefined;
      if (srcAbs && isWithin(srcAbs, path) && srcAbs !== path) {
        const rel = srcAbs === '/' ? path.slice(1) : path.slice(srcAbs.length + 1);
        if (resolvePath(dest, rel) === path) return true;
      }
      // A root filesystem from the context or an archive (`COPY rootfs/ /`, `ADD rootfs.tar.gz /`).
      if (!c.from && dest === '/' && (s.value.endsWith('/') || /\.(tar|tgz|gz|xz|bz2|zst)$/.test(name))) return true;
    }
  }
  return false;
}

const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** An earlier RUN installs a shell package (`apk add bash`). */
function installed(stage: Stage, beforeIndex: number, shell: string): boolean {
  for (const run of earlier(stage, beforeIndex, (s) => s.runs)) {
    for (const c of run.commands) {
      const w = c.words.map((x) => x.value);
      if (!/^(xx-)?(apk|apt-get|apt|yum|dnf|microdnf)$/.test(w[0] ?? '')) continue;
      if (w.some((x) => x === 'add' || x === 'install') && w.includes(shell)) return true;
    }
  }
  return false;
}

/** Does the executable exist in the stage's image before `beforeIndex`? */
export function executableExists(model: Model, stage: Stage, beforeIndex: number, exe: string): boolean | undefined {
  const info = stage.info;
  const name = basename(exe);
  const path = exe.includes('/') ? exe : SHELL_NAMES.has(name) ? `/bin/${name}` : exe;
  // What the image itself has answers most calls without looking at earlier instructions.
  const fromImage = imageHas(info, exe, name, path);
  if (fromImage === true) return true;
  if (exe.includes('/') && copiedIn(model, stage, beforeIndex, path)) return true;
  if (!exe.includes('/') && ['/bin', '/usr/bin', '/usr/local/bin'].some((d) => copiedIn(model, stage, beforeIndex, `${d}/${name}`))) return true;
  if (SHELL_NAMES.has(name) && installed(stage, beforeIndex, name)) return true;
  return fromImage;
}

function imageHas(info: Stage['info'], exe: string, name: string, path: string): boolean | undefined {
  if (!info.known) return undefined;
  if (info.shell && (path === info.shell || exe === info.shell)) return true;
  if (path === '/bin/sh' || path === '/usr/bin/sh') return info.binSh === true;
  if (name === 'bash' && info.bash !== undefined) return info.bash && (path === '/bin/bash' || path === '/usr/bin/bash');
  if (name === 'sh' || name === 'ash') return info.binSh === true && !path.startsWith('/busybox');
  // Nothing else is known to be there in a shell-less image; other images may have it.
  return info.shell === null ? false : undefined;
}

/** The shell a shell-form instruction at `beforeIndex` runs with. */
export function shellAt(model: Model, stage: Stage, beforeIndex: number): ShellInUse {
  const shells = chainInstructions(stage, 'SHELL').filter((n) => n.stage !== stage.index || n.index < beforeIndex);
  const last = shells[shells.length - 1];
  const exe = last && last.form.kind === 'exec' ? last.form.elements[0]?.value ?? '/bin/sh' : '/bin/sh';
  return { exe, shellNode: last, available: executableExists(model, stage, beforeIndex, exe) };
}

/** "(the base is resolved from the default of ARG RUNTIME; --build-arg may change it)" for `FROM ${RUNTIME}`. */
export function argNote(stage: Stage): string {
  const root = stageChain(stage).pop() as Stage;
  const vars = root.imageVars;
  return vars.length > 0 && root.imageUnknownVars.length === 0 ? ` (the base is resolved from the default of ARG ${vars.join(', ')}; --build-arg may change it)` : '';
}
