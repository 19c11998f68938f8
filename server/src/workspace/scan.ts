// scanWorkspace(): the only place that reads a workspace to build WorkspaceFacts.
// Bounded (files, Go files, bytes, per-file bytes, depth), confined to the real root (symlinks
// that leave it are never followed), and it never executes anything.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DockerignoreFile, GoWork, WorkspaceFacts } from '../engine/facts';
import { analyzeSliced, GoFile } from './analyze';
import { fileNameIncludedOnLinux, isTestFile } from './buildtags';
import { parseDockerignore } from './dockerignore';
import { parseGoMod, parseGoWork, ParsedGoModule } from './gomod';
import { scanStaticHazards, type StaticHazard } from './cstatic';
import { scanGoSource } from './gosource';
import { parseMakefile } from './makefile';
import { buildReleaseTooling, parseBake, parseCompose, parseGoreleaser, scanCiText, TargetsAndPlatforms, ToolingInput } from './tooling';
import { Budget, isWithin, mapLimit, resolveLimits, ScanOptions as WalkScanOptions, Slicer, walk, WalkFile } from './walk';

export interface ScanOptions extends WalkScanOptions {
  /**
   * When the root has no go.mod, the search for an enclosing module stops after checking this
   * directory (e.g. the editor's workspace folder). Default: up to the filesystem root.
   */
  moduleSearchStop?: string;
}

const GORELEASER_FILES = ['.goreleaser.yaml', '.goreleaser.yml', 'goreleaser.yaml', 'goreleaser.yml'];
const KO_FILES = ['.ko.yaml', '.ko.yml'];
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
const BAKE_FILE = /^docker-bake(\.override)?\.(hcl|json)$/;
const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/;
const SCRIPT_DIRS = new Set(['', 'scripts', 'hack', 'build']);
const GO_READ_CONCURRENCY = 16;
const MAX_CI_FILES = 100;
const MAX_SCRIPTS = 50;
/** C and C++ sources read for static-link hazards (cstatic.ts); more are not read. */
const MAX_C_FILES = 500;
const C_SOURCE = /\.(c|h|cc|cpp|cxx|hh|hpp)$/;

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Nearest directory at or above `startDir` that contains a go.mod file, checking `stopAt` last. */
export async function findModuleRoot(startDir: string, stopAt?: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  if (stop !== undefined && !isWithin(stop, dir)) return undefined;
  for (;;) {
    try {
      if ((await fsp.stat(path.join(dir, 'go.mod'))).isFile()) return dir;
    } catch {
      // no go.mod here
    }
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

export function emptyFacts(root: string): WorkspaceFacts {
  return {
    root,
    nestedModules: [],
    goSum: false,
    goWorkSum: false,
    vendor: false,
    mainPackages: [],
    cgo: { required: false, reasons: [], cxx: false, staticBlockers: [] },
    imports: { net: false, osUser: false, tlsClient: false },
    tz: { uses: [], embedded: false },
    x509Fallback: false,
    embeds: [],
    runtimeReads: [],
    ports: [],
    execTools: [],
    versionVars: [],
    dockerignores: [],
    makeTargets: [],
    release: { targets: [], platforms: [], ephemeralCi: false, buildx: false },
    entries: [],
    limits: { filesScanned: 0, bytesRead: 0, capped: false },
  };
}

async function isFile(abs: string): Promise<boolean> {
  try {
    return (await fsp.stat(abs)).isFile();
  } catch {
    return false;
  }
}

export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<WorkspaceFacts> {
  const absRoot = path.resolve(root);
  const facts = emptyFacts(absRoot);
  let realRoot: string;
  try {
    realRoot = await fsp.realpath(absRoot);
    if (!(await fsp.stat(realRoot)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    facts.limits = { filesScanned: 0, bytesRead: 0, capped: true, reason: `cannot read ${absRoot}: ${(err as Error).message}` };
    return facts;
  }
  const limits = resolveLimits(options);
  const budget = new Budget(limits, realRoot, options.onRead);
  const slicer = new Slicer();
  const w = await walk(absRoot, budget, slicer);
  const absOf = (rel: string): string => path.join(absRoot, ...rel.split('/'));
  /** Reads a workspace file by relative path, only if it resolves inside the root. */
  const readRel = async (rel: string): Promise<string | undefined> =>
    (await budget.resolveInside(absOf(rel))) === 'file' ? budget.readText(absOf(rel)) : undefined;
  const extraEntries: string[] = [];

  // Module: go.mod at the root, else the nearest enclosing one (only that go.mod is read there).
  let module: ParsedGoModule | undefined;
  let moduleAbs: string | undefined;
  const rootGoMod = await readRel('go.mod');
  if (rootGoMod !== undefined) {
    module = parseGoMod(rootGoMod, { dir: '' });
    moduleAbs = absRoot;
  } else if (path.dirname(absRoot) !== absRoot) {
    const stop = options.moduleSearchStop;
    const found = stop !== undefined && !isWithin(path.resolve(stop), path.dirname(absRoot))
      ? undefined
      : await findModuleRoot(path.dirname(absRoot), stop);
    const text = found ? await budget.readText(path.join(found, 'go.mod')) : undefined;
    if (found && text !== undefined) {
      const dir = toPosix(path.relative(absRoot, found));
      module = parseGoMod(text, { dir });
      moduleAbs = found;
    }
  }
  if (module && moduleAbs) {
    facts.module = module;
    const inRoot = moduleAbs === absRoot;
    facts.goSum = inRoot ? (await budget.resolveInside(absOf('go.sum'))) === 'file' : await isFile(path.join(moduleAbs, 'go.sum'));
    facts.vendor = inRoot
      ? (await budget.resolveInside(absOf('vendor/modules.txt'))) === 'file'
      : await isFile(path.join(moduleAbs, 'vendor', 'modules.txt'));
    if (inRoot && facts.vendor) extraEntries.push('vendor/modules.txt');
  }

  const goWorkText = await readRel('go.work');
  let goWork: GoWork | undefined;
  if (goWorkText !== undefined) facts.goWork = goWork = parseGoWork(goWorkText, 'go.work');
  facts.goWorkSum = (await budget.resolveInside(absOf('go.work.sum'))) === 'file';

  for (const f of w.files) {
    if (f.name !== 'go.mod' || f.dir === '') continue;
    const text = await budget.readText(f.abs);
    facts.nestedModules.push({ dir: f.dir, path: text === undefined ? '' : parseGoMod(text, { dir: f.dir }).path });
  }

  const goFiles = await readGoFiles(w.files, budget, slicer);
  await slicer.maybeYield();
  const dirFiles = new Map<string, string[]>();
  for (const f of w.files) {
    const list = dirFiles.get(f.dir);
    if (list) list.push(f.name);
    else dirFiles.set(f.dir, [f.name]);
  }
  // cgo compiles the C files of a package's own directory: only those of packages with import "C".
  const cgoDirs = new Set(goFiles.filter((g) => g.info.importC !== undefined).map((g) => g.dir));
  const cFiles = await readCFiles(w.files.filter((f) => cgoDirs.has(f.dir)), budget, slicer);
  Object.assign(facts, await analyzeSliced({
    rootName: path.basename(absRoot),
    ...(module && moduleAbs ? { module, rootSub: toPosix(path.relative(moduleAbs, absRoot)) } : {}),
    nestedModules: facts.nestedModules,
    ...(goWork ? { goWork } : {}),
    goFiles,
    dirFiles,
    cFiles,
    complete: !budget.capped,
  }, () => slicer.maybeYield()));

  await slicer.maybeYield();
  const rootFiles = w.files.filter((f) => f.dir === '');
  facts.release = await scanTooling(rootFiles, w.files, readRel, budget, absOf, extraEntries, facts);
  facts.dockerignores = await readDockerignores(w.files, readRel);

  const room = Math.max(0, limits.maxFiles - w.entries.length);
  facts.entries = [...w.entries, ...extraEntries.filter((e) => !w.entries.includes(e)).slice(0, room)];
  facts.limits = {
    filesScanned: w.files.length,
    bytesRead: budget.bytesRead,
    capped: budget.capped,
    ...(budget.reason ? { reason: budget.reason } : {}),
  };
  return facts;
}

async function readGoFiles(files: WalkFile[], budget: Budget, slicer: Slicer): Promise<GoFile[]> {
  // Test files, "_x.go"/".x.go" and GOOS/GOARCH-suffixed files for other platforms are never read.
  let candidates = files.filter((f) =>
    f.name.endsWith('.go') && !isTestFile(f.name) && !f.name.startsWith('_') && !f.name.startsWith('.') && fileNameIncludedOnLinux(f.name));
  const max = budget.limits.maxGoFiles;
  if (candidates.length > max) {
    budget.cap(`more than ${max} Go files; only the first ${max} were parsed`);
    candidates = candidates.slice(0, max);
  }
  const parsed = await mapLimit(candidates, GO_READ_CONCURRENCY, async (f): Promise<GoFile | undefined> => {
    const text = await budget.readText(f.abs);
    if (text === undefined) return undefined;
    // Parsing is synchronous: 16 files at once can hold the thread for 100 ms on a busy machine.
    await slicer.maybeYield();
    return { rel: f.rel, dir: f.dir, info: scanGoSource(text, f.name) };
  });
  return parsed.filter((g): g is GoFile => g !== undefined && g.info.linux);
}

/** Of `files`, the C/C++ sources that call something a static binary cannot do without shared libraries, by directory. */
async function readCFiles(files: WalkFile[], budget: Budget, slicer: Slicer): Promise<Map<string, { rel: string; hazards: StaticHazard[] }[]>> {
  const out = new Map<string, { rel: string; hazards: StaticHazard[] }[]>();
  const candidates = files.filter((f) => C_SOURCE.test(f.name)).slice(0, MAX_C_FILES);
  const read = await mapLimit(candidates, GO_READ_CONCURRENCY, async (f) => {
    const text = await budget.readText(f.abs);
    await slicer.maybeYield();
    return text === undefined ? undefined : { f, hazards: scanStaticHazards(text) };
  });
  for (const r of read) {
    if (!r || r.hazards.length === 0) continue;
    const list = out.get(r.f.dir) ?? [];
    list.push({ rel: r.f.rel, hazards: r.hazards });
    out.set(r.f.dir, list);
  }
  return out;
}

async function readDockerignores(files: WalkFile[], readRel: (rel: string) => Promise<string | undefined>): Promise<DockerignoreFile[]> {
  const out: DockerignoreFile[] = [];
  const root = await readRel('.dockerignore');
  if (root !== undefined) out.push(parseDockerignore(root, '.dockerignore'));
  // <Dockerfile>.dockerignore files sit next to their Dockerfile, which may be in a subdirectory.
  for (const f of files) {
    if (!f.name.endsWith('.dockerignore') || f.name === '.dockerignore') continue;
    const text = await readRel(f.rel);
    if (text !== undefined) out.push(parseDockerignore(text, f.rel));
  }
  return out;
}

async function scanTooling(
  rootFiles: WalkFile[],
  allFiles: WalkFile[],
  readRel: (rel: string) => Promise<string | undefined>,
  budget: Budget,
  absOf: (rel: string) => string,
  extraEntries: string[],
  facts: WorkspaceFacts,
): Promise<WorkspaceFacts['release']> {
  const input: ToolingInput = { bake: [], compose: [], ci: [], local: [] };
  for (const name of GORELEASER_FILES) {
    const text = await readRel(name);
    if (text !== undefined) {
      input.goreleaser = parseGoreleaser(text, name);
      break;
    }
  }
  for (const name of KO_FILES) {
    if ((await budget.resolveInside(absOf(name))) === 'file') {
      input.ko = { file: name };
      break;
    }
  }
  const parseEach = async (names: string[], fn: (text: string, file: string) => TargetsAndPlatforms, into: TargetsAndPlatforms[]): Promise<void> => {
    for (const name of names) {
      const text = await readRel(name);
      if (text !== undefined) into.push(fn(text, name));
    }
  };
  await parseEach(rootFiles.filter((f) => BAKE_FILE.test(f.name)).map((f) => f.name), parseBake, input.bake);
  await parseEach(rootFiles.filter((f) => COMPOSE_FILE.test(f.name)).map((f) => f.name), parseCompose, input.compose);

  // CI: .github/workflows/*.y(a)ml (a hidden directory the walk skips) and .gitlab-ci.yml.
  const ciFiles: string[] = [];
  if ((await budget.resolveInside(absOf('.github/workflows'))) === 'dir') {
    budget.notifyDir(absOf('.github/workflows'));
    const names = await fsp.readdir(absOf('.github/workflows')).catch(() => [] as string[]);
    const yml = names.filter((n) => /\.ya?ml$/.test(n)).sort().slice(0, MAX_CI_FILES);
    if (yml.length) extraEntries.push('.github/workflows/');
    for (const n of yml) ciFiles.push(`.github/workflows/${n}`);
  }
  ciFiles.push('.gitlab-ci.yml');
  for (const rel of ciFiles) {
    const text = await readRel(rel);
    if (text === undefined) continue;
    if (rel.startsWith('.github/')) extraEntries.push(rel);
    input.ci.push(scanCiText(text, rel));
  }

  // Names as listed (exact case), so a case-insensitive filesystem does not yield duplicates.
  const makefiles = rootFiles.filter((f) => MAKEFILES.includes(f.name) || f.name.endsWith('.mk')).map((f) => f.name);
  for (const name of makefiles) {
    const text = await readRel(name);
    if (text === undefined) continue;
    facts.makeTargets.push(...parseMakefile(text, name));
    input.local.push(scanCiText(text, name));
  }
  const scripts = allFiles.filter((f) => f.name.endsWith('.sh') && SCRIPT_DIRS.has(f.dir)).slice(0, MAX_SCRIPTS);
  for (const f of scripts) {
    const text = await readRel(f.rel);
    if (text !== undefined) input.local.push(scanCiText(text, f.rel));
  }
  return buildReleaseTooling(input);
}
