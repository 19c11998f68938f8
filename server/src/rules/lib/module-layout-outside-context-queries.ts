// Queries GD015 (and GD014) share: go commands that load the main module, where go.mod sits in
// the image when they run, and whether the workspace root is likely the real build context.
import type { WorkspaceFacts, GoReplace } from '../../engine/facts';
import { contextView, landings, type ContextView, type Landed } from '../../engine/model/context-files';
import { workdirAt } from '../../engine/model/env';
import type { GoCommand, Model } from '../../engine/model/types';
import { dirname, hasGlob, isWithin, resolvePath } from '../../engine/paths';

const LOADS = new Set(['build', 'install', 'test', 'vet', 'run', 'list', 'mod download', 'mod verify', 'mod graph', 'mod tidy', 'mod vendor', 'mod why', 'generate']);

/** A go command that reads the main module's go.mod (and so its replace targets). */
export function loadsModuleGraph(g: GoCommand): boolean {
  if (!LOADS.has(g.sub)) return false;
  if (g.sub === 'mod download' || g.sub.startsWith('mod ')) return !g.packages.some((p) => p.value.includes('@'));
  return g.packages.length === 0 || g.packages.some((p) => !p.value.includes('@'));
}

export interface ModuleAt {
  cmd: GoCommand;
  view: ContextView;
  /** The last placement of the root go.mod before the command. */
  mod: Landed;
  /** Directory of go.mod in the image. */
  dir: string;
  /** Working directory of the command (after `go -C`). */
  wd: string;
}

/** Where the root go.mod is when `g` runs; undefined when it is not in the image or not above the command's directory. */
export function moduleAt(model: Model, g: GoCommand, ignored: (p: string) => boolean): ModuleAt | undefined {
  const view = contextView(model, g.run.stage, g.run.node.index, g.run);
  const mods = landings(view, 'go.mod', { ignored });
  const mod = mods[mods.length - 1];
  if (!mod) return undefined;
  const dir = dirname(mod.path);
  let wd = workdirAt(model, g.run.stage, g.run.node.index);
  if (g.chdir) wd = resolvePath(wd, g.chdir);
  if (!isWithin(dir, wd)) return undefined;
  return { cmd: g, view, mod, dir, wd };
}

/** `dir` + `rel` as an image path. */
export function under(dir: string, rel: string): string {
  return rel === '' ? dir : resolvePath(dir, rel);
}

/** A replace target the build needs: its module is required (go ≥ 1.17 lists the whole build list). */
export function replaceNeeded(facts: WorkspaceFacts, r: GoReplace): boolean {
  const mod = facts.module;
  if (!mod) return false;
  if (mod.requires.some((q) => q.path === r.from)) return true;
  const [maj, min] = (mod.goVersion ?? '1.17').split('.').map(Number);
  return (maj ?? 1) === 1 && (min ?? 17) < 17;
}

/**
 * The Dockerfile copies literal context paths the workspace does not have: it was probably written
 * for another build context (`docker build -f svc/Dockerfile .` from a parent directory).
 */
export function contextDoubt(model: Model, facts: WorkspaceFacts): string | undefined {
  if (facts.limits.capped) return undefined;
  const have = new Set(facts.entries.map((e) => e.replace(/\/$/, '')));
  for (const c of model.copies) {
    if (c.from || c.heredoc) continue;
    for (const s of c.sources) {
      const v = s.value.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      if (v === '' || v === '.' || hasGlob(v) || v.includes('$') || /^[a-z]+:\/\//.test(v) || v.startsWith('..')) continue;
      // Missing module files are what GD014/GD015 judge, not a sign of another context.
      if (/^go\.(mod|sum|work|work\.sum)$/.test(v.split('/').pop() ?? '')) continue;
      if (!have.has(v)) return v;
    }
  }
  return undefined;
}
