// Which main package(s) to build, and which workspace facts belong to which main package
// (GENERATOR §2 "main packages", §4.3).
import type { MainPackage, SourceLocation, WorkspaceFacts } from '../engine/facts';
import { dirname } from '../engine/paths';

/** The package argument of `go build` for a package directory: "." or "./cmd/app". */
export function pkgArg(dir: string): string {
  return dir === '' ? '.' : `./${dir}`;
}

/** './cmd/x', 'cmd/x/', '.', './' → 'cmd/x' or '' (workspace-relative directory). */
export function normalizeMainOption(s: string): string {
  let d = s.trim().replace(/\\/g, '/');
  while (d.startsWith('./')) d = d.slice(2);
  d = d.replace(/\/+$/, '');
  return d === '.' ? '' : d;
}

/** go's DefaultExecName: last element of the import path, skipping a /vN (N ≥ 2) suffix. */
export function execName(importPath: string): string {
  const parts = importPath.split('/').filter((p) => p !== '');
  const last = parts[parts.length - 1] ?? 'app';
  if (parts.length > 1 && /^v([2-9]|[1-9]\d+)$/.test(last)) return parts[parts.length - 2] as string;
  return last;
}

/** Directory of a workspace-relative file: "" for files at the root. */
export function fileDir(file: string): string {
  const d = dirname(file);
  return d === '.' ? '' : d;
}

/** The main package whose directory holds `loc`, if any. */
export function ownerOf(loc: SourceLocation, mains: readonly MainPackage[]): MainPackage | undefined {
  const dir = fileDir(loc.file);
  return mains.find((m) => m.dir === dir);
}

/**
 * True when a fact found at `loc` concerns `main`: it lies in that main package, or in a package that is
 * not a main package (a library some main may import: assumed to concern every main).
 */
export function concerns(loc: SourceLocation, main: MainPackage, mains: readonly MainPackage[]): boolean {
  const owner = ownerOf(loc, mains);
  return owner === undefined || owner === main;
}

export interface MainSelection {
  /** The primary main package (built alone, or the last target with allMains). */
  primary: MainPackage;
  /** Why it was chosen. */
  because: string;
  /** The other main packages (not built unless allMains). */
  others: MainPackage[];
  /** options.main named a directory the scan did not see as a main package. */
  unknown?: boolean;
}

function mainFor(facts: WorkspaceFacts, dir: string): MainPackage {
  const modPath = facts.module?.path ?? 'app';
  const importPath = dir === '' ? modPath : `${modPath}/${dir}`;
  return { dir, binary: execName(importPath), importPath, loc: { file: dir === '' ? 'go.mod' : `${dir}/`, line: 1 } };
}

export function selectMain(facts: WorkspaceFacts, requested: string | undefined): MainSelection {
  const mains = [...facts.mainPackages].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  if (requested !== undefined) {
    const dir = normalizeMainOption(requested);
    const found = mains.find((m) => m.dir === dir);
    const primary = found ?? mainFor(facts, dir);
    return { primary, because: `requested (${pkgArg(dir)})`, others: mains.filter((m) => m !== found), unknown: !found };
  }
  if (mains.length === 0) {
    return { primary: mainFor(facts, ''), because: 'no main package was found: building the module root', others: [], unknown: true };
  }
  if (mains.length === 1) {
    const only = mains[0] as MainPackage;
    return { primary: only, because: 'the only main package', others: [] };
  }
  const listening = mains.filter((m) => facts.ports.some((p) => ownerOf(p.loc, mains) === m));
  if (listening.length > 0) {
    const m = listening[0] as MainPackage;
    const port = facts.ports.find((p) => ownerOf(p.loc, mains) === m);
    return { primary: m, because: `it listens on port ${port?.port} (${port?.loc.file}:${port?.loc.line})`, others: mains.filter((x) => x !== m) };
  }
  const modName = execName(facts.module?.path ?? '');
  const named = mains.find((m) => m.binary === modName);
  if (named) return { primary: named, because: `it is named after the module (${facts.module?.path})`, others: mains.filter((x) => x !== named) };
  const first = mains[0] as MainPackage;
  return { primary: first, because: 'the first main package (none listens on a port or is named after the module)', others: mains.slice(1) };
}

/**
 * The package patterns for one build of several mains: `./cmd/...` when every Go package directory under
 * cmd/ is one of them (a package main that is not buildable on linux would break the pattern), else the
 * explicit list.
 */
export function allMainsPackages(facts: WorkspaceFacts, mains: readonly MainPackage[]): { packages: string[]; because: string } {
  const dirs = new Set(mains.map((m) => m.dir));
  const underCmd = mains.every((m) => m.dir.startsWith('cmd/'));
  const goDirsUnderCmd = new Set(
    facts.entries.filter((e) => e.startsWith('cmd/') && e.endsWith('.go') && !e.endsWith('_test.go') && !e.split('/').some((s) => s === 'testdata' || s.startsWith('_') || s.startsWith('.'))).map(fileDir),
  );
  const extra = [...goDirsUnderCmd].filter((d) => !dirs.has(d)).sort();
  if (underCmd && extra.length === 0 && !facts.limits.capped) {
    return { packages: ['./cmd/...'], because: 'every Go package under cmd/ is a main package for linux' };
  }
  const why = !underCmd
    ? 'not every main package is under cmd/'
    : extra.length > 0
      ? `${extra.map((d) => `${d}/`).join(', ')} ${extra.length === 1 ? 'is not a main package' : 'are not main packages'} for linux (build tags), so ./cmd/... would fail`
      : 'the workspace scan stopped early, so cmd/ may hold more packages';
  return { packages: mains.map((m) => pkgArg(m.dir)), because: `Packages listed: ${why}` };
}

/** A valid, lowercase stage name for a binary that does not collide with `taken`. */
export function stageNameFor(binary: string, taken: ReadonlySet<string>): string {
  let n = binary.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  if (n === '') n = 'app';
  if (taken.has(n)) n = `${n}-image`;
  return n;
}
