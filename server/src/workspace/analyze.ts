// Package-level analysis: main packages, the import graph inside the workspace, and the
// facts that depend on what main packages can reach (cgo, net, TLS, tz, runtime reads, …).

import * as path from 'node:path';
import type { CgoReason, EmbedPattern, GoModule, GoWork, MainPackage, RuntimeRead, SourceLocation, StaticBlocker, WorkspaceFacts } from '../engine/facts';
import { staticHazardWhy, type StaticHazard } from './cstatic';
import type { GoRequireWithLoc } from './gomod';
import { normalizeRel } from './gomod';
import type { GoSourceInfo } from './gosource';

export interface GoFile {
  rel: string;
  dir: string;
  info: GoSourceInfo;
}

export interface AnalysisInput {
  /** Base name of the scan root, for the binary name of a root main package without a module. */
  rootName: string;
  module?: GoModule;
  /** The scan root relative to the module's directory ("" when go.mod is at the root). */
  rootSub?: string;
  nestedModules: { dir: string; path: string }[];
  goWork?: GoWork;
  /** Non-test Go files compiled on linux (constraints already applied). */
  goFiles: GoFile[];
  /** File names per directory (all files), for C++ sources. */
  dirFiles: Map<string, string[]>;
  /** C/C++ sources per directory with their static-link hazards (only files that have some). */
  cFiles?: Map<string, { rel: string; hazards: StaticHazard[] }[]>;
  /** False when the Go scan was capped: import-based refinements are then not trusted. */
  complete: boolean;
}

type Analysis = Pick<WorkspaceFacts,
  'mainPackages' | 'cgo' | 'imports' | 'tz' | 'x509Fallback' | 'embeds' | 'runtimeReads' | 'ports' | 'healthProbe' | 'execTools' | 'versionVars'>;

const MAIN = '#main';

interface Pkg {
  dir: string;
  owner: string;
  files: GoFile[];
}

/** go's DefaultExecName: last element of the import path, skipping a /vN (N ≥ 2) suffix. */
export function binaryName(importPath: string): string {
  const parts = importPath.split('/');
  const last = parts[parts.length - 1];
  if (parts.length > 1 && /^v([2-9]|[1-9]\d+)$/.test(last)) return parts[parts.length - 2];
  return last;
}

function within(dir: string, parent: string): boolean {
  return parent === '' || dir === parent || dir.startsWith(`${parent}/`);
}

const CGO_MODULES = [
  'github.com/mattn/go-sqlite3',
  'github.com/DataDog/zstd',
  'github.com/valyala/gozstd',
  'github.com/tecbot/gorocksdb',
  'github.com/linxGnu/grocksdb',
];

/** Known cgo-only modules. gopacket is cgo only through its pcap package (checked separately). */
export function isCgoModule(p: string): boolean {
  return (
    CGO_MODULES.includes(p) ||
    /^github\.com\/confluentinc\/confluent-kafka-go(\/v\d+)?$/.test(p) ||
    (p.startsWith('github.com/go-gl/') && p !== 'github.com/go-gl/mathgl') // mathgl is pure Go
  );
}

/** cgo modules whose C side loads shared objects at run time, so a fully static binary breaks. */
function staticBlockingModule(p: string): string | undefined {
  if (p.startsWith('github.com/go-gl/')) return 'loads the OpenGL driver at run time';
  if (/^github\.com\/confluentinc\/confluent-kafka-go(\/v\d+)?$/.test(p)) return 'librdkafka resolves broker names with getaddrinfo (NSS)';
  return undefined;
}

const PCAP_MODULES = ['github.com/google/gopacket', 'github.com/gopacket/gopacket'];
const TLS_MODULE = /^(cloud\.google\.com\/go|github\.com\/aws\/aws-sdk-go|github\.com\/Azure\/azure-sdk-for-go)/;
const CXX_EXT = /\.(cc|cpp|cxx)$/;

function importsUnder(imports: Set<string>, mod: string): boolean {
  for (const i of imports) if (i === mod || i.startsWith(`${mod}/`)) return true;
  return false;
}

export function analyze(input: AnalysisInput): Analysis {
  const steps = analyzeSteps(input);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** analyze(), giving the event loop a turn (`pause`) between packages: the scan shares the server's thread. */
export async function analyzeSliced(input: AnalysisInput, pause: () => Promise<void>): Promise<Analysis> {
  const steps = analyzeSteps(input);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** The analysis as a generator that yields after each unit of work (a package, a batch of files). */
function* analyzeSteps(input: AnalysisInput): Generator<void, Analysis, void> {
  const { module, nestedModules } = input;
  const nestedDirs = nestedModules.map((m) => m.dir).sort((a, b) => b.length - a.length);
  const ownerOf = (dir: string): string => nestedDirs.find((d) => within(dir, d)) ?? MAIN;

  const pkgs = new Map<string, Pkg>();
  for (const [i, f] of input.goFiles.entries()) {
    let p = pkgs.get(f.dir);
    if (!p) pkgs.set(f.dir, (p = { dir: f.dir, owner: ownerOf(f.dir), files: [] }));
    p.files.push(f);
    if (i % 512 === 511) yield;
  }

  // Import path prefix → directory (relative to root) and the module that owns it there.
  const mappings: { prefix: string; dir: string; owner: string }[] = [];
  if (module?.path) mappings.push({ prefix: module.path, dir: module.dir, owner: MAIN });
  const nestedAt = (dir: string): string | undefined => (nestedDirs.includes(dir) ? dir : undefined);
  for (const r of module?.replaces ?? []) {
    if (r.local && r.dir !== undefined && !r.outsideContext) mappings.push({ prefix: r.from, dir: r.dir, owner: nestedAt(r.dir) ?? ownerOf(r.dir) });
  }
  for (const u of input.goWork?.use ?? []) {
    const nested = nestedModules.find((m) => m.dir === u.dir);
    if (nested && !u.outsideContext) mappings.push({ prefix: nested.path, dir: nested.dir, owner: nested.dir });
  }
  mappings.sort((a, b) => b.prefix.length - a.prefix.length);
  const rootSub = input.rootSub ?? '';
  const resolve = (importPath: string): Pkg | undefined => {
    for (const m of mappings) {
      if (importPath !== m.prefix && !importPath.startsWith(`${m.prefix}/`)) continue;
      let rest = importPath.slice(m.prefix.length + 1);
      if (m.owner === MAIN && rootSub) {
        // go.mod above the root: only import paths below the root's own subpath are inside.
        if (rest !== rootSub && !rest.startsWith(`${rootSub}/`)) return undefined;
        rest = rest.slice(rootSub.length + 1);
      }
      const dir = normalizeRel(path.posix.join(m.owner === MAIN ? '.' : m.dir || '.', rest || '.'));
      const p = pkgs.get(dir);
      return p && p.owner === m.owner ? p : undefined;
    }
    return undefined;
  };
  const importPathOf = (dir: string): string | undefined => {
    if (!module?.path) return undefined;
    const sub = normalizeRel(path.posix.join(rootSub || '.', dir || '.'));
    return sub ? `${module.path}/${sub}` : module.path;
  };

  const mainPackages: MainPackage[] = [];
  for (const p of [...pkgs.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1))) {
    if (p.owner !== MAIN || !p.files.some((f) => f.info.packageName === 'main')) continue;
    const withMain = p.files.find((f) => f.info.packageName === 'main' && f.info.mainFunc !== undefined);
    if (!withMain) continue;
    const importPath = importPathOf(p.dir);
    const binary = importPath ? binaryName(importPath) : binaryName(p.dir === '' ? input.rootName : p.dir);
    mainPackages.push({ dir: p.dir, binary, ...(importPath ? { importPath } : {}), loc: { file: withMain.rel, line: withMain.info.mainFunc ?? 1 } });
  }

  // Reachability from the main packages; without any, every package of the main module counts.
  const reachable: Pkg[] = [];
  const seen = new Set<string>();
  const queue = mainPackages.length
    ? mainPackages.map((m) => pkgs.get(m.dir)).filter((p): p is Pkg => p !== undefined)
    : [...pkgs.values()].filter((p) => p.owner === MAIN).sort((a, b) => (a.dir < b.dir ? -1 : 1));
  for (const p of queue) seen.add(p.dir);
  while (queue.length) {
    const p = queue.shift() as Pkg;
    reachable.push(p);
    yield;
    for (const f of p.files) {
      for (const imp of f.info.imports) {
        const q = resolve(imp.path);
        if (q && !seen.has(q.dir)) {
          seen.add(q.dir);
          queue.push(q);
        }
      }
    }
  }

  const imports = new Set<string>();
  const reasons: CgoReason[] = [];
  const staticBlockers: StaticBlocker[] = [];
  const addBlockers = (file: string, hazards: StaticHazard[]): void => {
    for (const h of hazards) staticBlockers.push({ what: `${h.symbol}()`, why: staticHazardWhy(h.symbol), loc: { file, line: h.line } });
  };
  let cxx = false;
  let httpClient = false;
  let tzEmbedded = false;
  let x509Fallback = false;
  const tzUses: SourceLocation[] = [];
  const runtimeReads: RuntimeRead[] = [];
  const ports: WorkspaceFacts['ports'] = [];
  const execTools: WorkspaceFacts['execTools'] = [];
  let healthProbe: WorkspaceFacts['healthProbe'];

  for (const p of reachable) {
    yield;
    if ((input.dirFiles.get(p.dir) ?? []).some((n) => CXX_EXT.test(n))) cxx = true;
    const pkgEmbeds = [...new Set(p.files.flatMap((f) => f.info.embeds.map((e) => e.pattern)))];
    const importC = p.files.find((f) => f.info.importC !== undefined);
    if (importC) {
      reasons.push({ kind: 'import-c', loc: { file: importC.rel, line: importC.info.importC ?? 1 } });
      for (const f of p.files) addBlockers(f.rel, f.info.staticHazards);
      for (const c of input.cFiles?.get(p.dir) ?? []) addBlockers(c.rel, c.hazards);
    }
    for (const f of p.files) {
      const i = f.info;
      for (const imp of i.imports) imports.add(imp.path);
      if (i.cxxFlags) cxx = true;
      if (i.httpClient !== undefined) httpClient = true;
      for (const line of i.tzUses) tzUses.push({ file: f.rel, line });
      for (const r of i.reads) {
        if (!coveredByEmbed(r.path, pkgEmbeds)) runtimeReads.push({ path: r.path, call: r.call, loc: { file: f.rel, line: r.line } });
      }
      for (const pt of i.ports) if (!ports.some((x) => x.port === pt.port)) ports.push({ port: pt.port, loc: { file: f.rel, line: pt.line } });
      for (const e of i.exec) if (!execTools.some((x) => x.name === e.name)) execTools.push({ name: e.name, loc: { file: f.rel, line: e.line } });
      const h = i.health[0];
      if (h && !healthProbe) healthProbe = { arg: h.arg, loc: { file: f.rel, line: h.line } };
    }
  }
  tzEmbedded = imports.has('time/tzdata');
  x509Fallback = imports.has('golang.org/x/crypto/x509roots/fallback');

  // Known cgo-only modules required by go.mod. When the main packages' imports are visible, a
  // direct require counts only if reachable code imports it; an indirect one always counts
  // because it arrives through external packages we cannot see. Without visible imports
  // (no main package, or a capped scan) every such require counts.
  const visible = input.complete && mainPackages.length > 0;
  const requires = (module?.requires ?? []) as Partial<GoRequireWithLoc>[];
  const goModLoc: SourceLocation = { file: module?.dir ? `${module.dir}/go.mod` : 'go.mod', line: 1 };
  for (const r of requires) {
    if (!r.path) continue;
    const loc = r.loc ?? goModLoc;
    if (PCAP_MODULES.includes(r.path)) {
      if (importsUnder(imports, `${r.path}/pcap`)) reasons.push({ kind: 'module', loc, module: `${r.path}/pcap` });
    } else if (isCgoModule(r.path) && (!visible || r.indirect || importsUnder(imports, r.path))) {
      reasons.push({ kind: 'module', loc, module: r.path });
      const why = staticBlockingModule(r.path);
      if (why) staticBlockers.push({ what: r.path, why, loc });
    }
  }

  const hasImport = (pred: (i: string) => boolean): boolean => [...imports].some(pred);
  const net = hasImport((i) => i === 'net' || i.startsWith('net/'));
  const tlsClient =
    imports.has('crypto/tls') ||
    (imports.has('net/http') && httpClient) ||
    hasImport((i) => i.startsWith('google.golang.org/grpc/credentials') && !/\/(insecure|local)$/.test(i)) ||
    requires.some((r) => r.path !== undefined && TLS_MODULE.test(r.path));

  return {
    mainPackages,
    cgo: { required: reasons.length > 0, reasons, cxx, staticBlockers },
    imports: { net, osUser: imports.has('os/user'), tlsClient },
    tz: { uses: tzUses, embedded: tzEmbedded },
    x509Fallback,
    embeds: collectEmbeds(pkgs, seen),
    runtimeReads,
    ports,
    ...(healthProbe ? { healthProbe } : {}),
    execTools,
    versionVars: versionVarsOf(mainPackages, pkgs),
  };
}

/**
 * Embeds of every main-module package plus any package reachable from a main package.
 * The "all:" prefix is dropped: it only adds hidden files, and consumers join dir + pattern.
 */
function collectEmbeds(pkgs: Map<string, Pkg>, reachable: Set<string>): EmbedPattern[] {
  const out: EmbedPattern[] = [];
  for (const p of [...pkgs.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1))) {
    if (p.owner !== MAIN && !reachable.has(p.dir)) continue;
    for (const f of p.files) {
      for (const e of f.info.embeds) out.push({ dir: p.dir, pattern: e.pattern.replace(/^all:/, ''), loc: { file: f.rel, line: e.line } });
    }
  }
  return out;
}

function stripDot(p: string): string {
  return p.replace(/^all:/, '').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

/** Compiled globs (null: not a valid pattern). Every runtime read is matched against its package's embeds. */
const globs = new Map<string, RegExp | null>();

/** path.Match for one glob against one path (segment-wise; "*" does not cross "/"). */
function globMatch(pattern: string, name: string): boolean {
  let re = globs.get(pattern);
  if (re === undefined) {
    if (globs.size >= 4096) globs.clear();
    const src = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    try {
      re = new RegExp(`^${src}$`);
    } catch {
      re = null;
    }
    globs.set(pattern, re);
  }
  return re !== null && re.test(name);
}

/** True when a runtime read names a path that one of the package's //go:embed patterns covers. */
export function coveredByEmbed(readPath: string, embeds: readonly string[]): boolean {
  const r = stripDot(readPath);
  return embeds.some((raw) => {
    const e = stripDot(raw);
    if (e === '' || e === '.') return true;
    return r === e || r.startsWith(`${e}/`) || globMatch(e, r) || (r.includes('/') && globMatch(`${e}/*`, r));
  });
}

/** Version/commit variables declared in the main packages' own files (`-X main.<name>`). */
function versionVarsOf(mains: MainPackage[], pkgs: Map<string, Pkg>): WorkspaceFacts['versionVars'] {
  const out: WorkspaceFacts['versionVars'] = [];
  for (const m of mains) {
    for (const f of pkgs.get(m.dir)?.files ?? []) {
      if (f.info.packageName !== 'main') continue;
      for (const v of f.info.versionVars) {
        if (out.some((x) => x.dir === m.dir && x.name === v.name)) continue;
        const role = /commit|revision|sha/i.test(v.name) ? 'commit' : 'version';
        out.push({ dir: m.dir, name: v.name, role, loc: { file: f.rel, line: v.line } });
      }
    }
  }
  return out;
}
