// From workspace facts and options to a plan: every decision of GENERATOR §3, with the fact behind it.
// Rendering the plan into Dockerfile text is render.ts's job.
import { autoCacheStrategy } from '../engine/buildkit';
import type { GoModule, GoWork, MainPackage, RuntimeRead, SourceLocation, WorkspaceFacts } from '../engine/facts';
import { LATEST, parseGoVersion } from '../engine/images';
import { STATIC_CGO_LDFLAGS, staticCgoBlocker, staticCgoTags } from '../engine/static-cgo';
import { hasGlob } from '../engine/paths';
import { isDevName } from '../engine/model/queries';
import { allMainsPackages, concerns, ownerOf, pkgArg, selectMain, stageNameFor } from './mains';
import { chooseRuntime, type RuntimeSpec } from './runtime';
import type { Decision, GenerateOptions } from './types';

export interface Asset {
  /** Workspace-relative file or directory to copy. */
  src: string;
  read: RuntimeRead;
}

export interface TargetPlan {
  main: MainPackage;
  stage: string;
  runtime: RuntimeSpec;
  /** Built FROM the shared runtime stage (allMains). */
  fromBase: boolean;
  port?: { port: number; loc: SourceLocation };
  health?: { arg: string; loc: SourceLocation };
  assets: Asset[];
  workdir?: string;
}

export interface Plan {
  module: GoModule;
  goMinor: string;
  goText: string;
  cgo: boolean;
  cgoBecause: string;
  /** cgo linked fully statically (options.cgoLink 'static'): the runtime needs no libc. */
  staticCgo: boolean;
  variant: 'alpine' | 'trixie';
  cross: boolean;
  goarm: boolean;
  strategy: 'mounts' | 'portable';
  strategyBecause: string;
  vendor: boolean;
  depFiles: string[];
  replaceCopies: { dir: string; files: string[]; from: string; loc: SourceLocation }[];
  gowork?: GoWork;
  tags: string[];
  tzLoc?: SourceLocation;
  packages: string[];
  out: string;
  allMains: boolean;
  packagesBecause?: string;
  targets: TargetPlan[];
  base?: { name: string; runtime: RuntimeSpec };
  primary: TargetPlan;
  dev: boolean;
  test: boolean;
  /** The test target needs a suppression comment for GD021: nothing in the workspace builds --target test. */
  testUnreferenced: boolean;
  labelSource?: string;
  tls: boolean;
}

export interface PlanOutput {
  plan: Plan;
  decisions: Decision[];
  warnings: string[];
}

const at = (l: SourceLocation): string => `${l.file}:${l.line}`;

/** `template.ParseGlob("web/*.html")`, or `file://migrations` for URL-style reads. */
export function readCall(r: { call: string; path: string }): string {
  return r.call.endsWith('://') ? `${r.call}${r.path}` : `${r.call}("${r.path}")`;
}

/** Builder tag: go.mod major.minor (or the toolchain's when newer) — GD008. */
function goVersion(mod: GoModule, warnings: string[], decisions: Decision[]): { minor: string; text: string } {
  const go = mod.goVersion ? parseGoVersion(mod.goVersion) : undefined;
  const tc = mod.toolchain ? parseGoVersion(mod.toolchain) : undefined;
  if (!go || go.minor < 0) {
    warnings.push(`go.mod has no usable go directive: the builder uses Go ${LATEST.goMinor}; add "go ${LATEST.goMinor}" to go.mod.`);
    decisions.push({ topic: 'Go version', choice: `ARG GO_VERSION=${LATEST.goMinor}`, because: 'go.mod names no go version: the newest known release', fact: { file: 'go.mod', line: 1 } });
    return { minor: LATEST.goMinor, text: 'no go directive' };
  }
  let v = go;
  let because = `go.mod says go ${mod.goVersion}; the ${go.major}.${go.minor} tag floats to the newest patch, which satisfies it`;
  if (tc && (tc.major > go.major || (tc.major === go.major && tc.minor > go.minor))) {
    v = tc;
    because = `go.mod's toolchain directive (go${mod.toolchain}) is newer than its go line (${mod.goVersion}): build with the toolchain the developers use`;
  }
  const minor = `${v.major}.${v.minor}`;
  const latestPatch = LATEST.goPatches[minor];
  const [lm, ln] = LATEST.goMinor.split('.').map(Number) as [number, number];
  if (v.major > lm || (v.major === lm && v.minor > ln)) {
    warnings.push(`go.mod needs Go ${minor}, newer than any golang image go-dockerfile knows (${LATEST.goMinor}): check that golang:${minor} is published.`);
  } else if (go === v && go.patch !== undefined && latestPatch !== undefined && go.patch > latestPatch) {
    warnings.push(`go.mod says go ${mod.goVersion}, newer than the newest published ${minor} image (${minor}.${latestPatch}): the build fails under GOTOOLCHAIN=local until that image exists (GD008).`);
  }
  decisions.push({ topic: 'Go version', choice: `ARG GO_VERSION=${minor}`, because, fact: (v === go ? mod.goLoc : mod.toolchainLoc) ?? { file: 'go.mod', line: 1 } });
  return { minor, text: v === go ? `go ${mod.goVersion}` : `toolchain go${mod.toolchain}` };
}

/**
 * The build tags of a static cgo link when one was asked for and can work (as GD001's static split).
 * Undefined (with a warning when it was asked) otherwise.
 */
function staticCgoLink(facts: WorkspaceFacts, options: GenerateOptions, warnings: string[]): string[] | undefined {
  if (options.cgoLink !== 'static' || !facts.cgo.required) return undefined;
  const b = staticCgoBlocker(facts);
  if (b) {
    warnings.push(`--cgo-link static was not applied: ${b.what} (${at(b.loc)}) ${b.why}, which a statically linked binary cannot do on an image without a libc. The binary is linked dynamically against glibc.`);
    return undefined;
  }
  return staticCgoTags(facts);
}

function cgoBecause(facts: WorkspaceFacts): { text: string; loc?: SourceLocation } {
  const r = facts.cgo.reasons[0];
  if (!r) return { text: 'cgo is required' };
  return r.kind === 'module' ? { text: `cgo is required by ${r.module} (${at(r.loc)})`, loc: r.loc } : { text: `cgo is required: import "C" in ${at(r.loc)}`, loc: r.loc };
}

/** The longest existing prefix of a runtime read: the directory (or file) to copy. */
function assetSource(read: RuntimeRead, entries: ReadonlySet<string>): string | undefined {
  const path = read.path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (path === '' || path.startsWith('/') || path.startsWith('../')) return undefined;
  const segs = path.split('/');
  const firstGlob = segs.findIndex((s) => hasGlob(s));
  const literal = firstGlob < 0 ? segs : segs.slice(0, firstGlob);
  if (firstGlob < 0 && entries.has(path)) return path;
  for (let n = literal.length; n >= 1; n--) {
    const p = literal.slice(0, n).join('/');
    if (entries.has(`${p}/`)) return p;
  }
  return undefined;
}

/** The program may make TLS calls: TLS client use, net in the imports, or any dependency (GD010). */
export function mayUseTls(facts: WorkspaceFacts): boolean {
  return facts.imports.tlsClient || facts.imports.net || (facts.module?.requires.length ?? 0) > 0 || facts.limits.capped;
}

function labelSource(modPath: string): string | undefined {
  const m = /^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\/([^/]+)\/([^/]+)/.exec(modPath);
  return m ? `https://${m[1]}/${m[2]}/${m[3]}` : undefined;
}

function finalStageName(facts: WorkspaceFacts): { name: string; loc?: SourceLocation } {
  const t = facts.release.targets.find((x) => !isDevName(x.name) && x.name !== 'build' && /^[a-z][a-z0-9_.-]*$/.test(x.name));
  return t ? { name: t.name, loc: t.loc } : { name: 'prod' };
}

export function buildPlan(facts: WorkspaceFacts, module: GoModule, options: GenerateOptions): PlanOutput {
  const decisions: Decision[] = [];
  const warnings: string[] = [];
  const entries = new Set(facts.entries);
  const go = goVersion(module, warnings, decisions);

  // cgo (§3.2) and cross-compilation (§3.3).
  const cgo = facts.cgo.required;
  const cg = cgoBecause(facts);
  const variant = cgo ? 'trixie' : 'alpine';
  const staticCgo = staticCgoLink(facts, options, warnings);
  decisions.push(staticCgo
    ? { topic: 'cgo', choice: `CGO_ENABLED=1, linked statically: -tags ${staticCgo.join(',')} -ldflags '${STATIC_CGO_LDFLAGS}'; builder golang:\${GO_VERSION}-trixie`, because: `${cg.text}; --cgo-link static was asked and no C code of the program needs a shared library at run time (no dlopen, NSS or iconv calls): the binary carries its C libraries and runs without a libc`, fact: cg.loc }
    : cgo
    ? { topic: 'cgo', choice: 'CGO_ENABLED=1, builder golang:${GO_VERSION}-trixie', because: `${cg.text}: glibc builder and runtime on the same Debian release (13, trixie); never the unsuffixed tag, whose Debian release moves`, fact: cg.loc }
    : { topic: 'cgo', choice: 'CGO_ENABLED=0, builder golang:${GO_VERSION}-alpine', because: 'no import "C" in the main packages\' imports and no cgo-only module in go.mod: a static binary; alpine is the smallest builder' });
  const platforms = facts.release.platforms;
  const goarm = !cgo && platforms.some((p) => /^linux\/arm(\/v[67])?$/.test(p));
  decisions.push(cgo
    ? { topic: 'cross-compilation', choice: 'no --platform on the builder', because: 'cgo needs a C toolchain for the target: each platform builds natively (emulated when foreign)' }
    : { topic: 'cross-compilation', choice: 'FROM --platform=$BUILDPLATFORM; GOOS=$TARGETOS GOARCH=$TARGETARCH' + (goarm ? '; GOARM from TARGETVARIANT' : ''), because: 'pure Go cross-compiles natively' + (goarm ? `; the workspace targets 32-bit ARM (${platforms.join(', ')})` : '') });

  // Cache strategy (§3.6).
  const auto = autoCacheStrategy(facts);
  const requested = options.cacheStrategy && options.cacheStrategy !== 'auto' ? options.cacheStrategy : undefined;
  const strategy = requested ?? auto.strategy;
  const strategyBecause = requested ? 'requested' : auto.because;
  decisions.push({ topic: 'module cache', choice: strategy === 'mounts' ? '--mount=type=cache,target=/go/pkg/mod on the download and the build' : 'RUN go mod download in a layer (no module cache mount)', because: strategyBecause });

  // Dependency layer (§3.5).
  const vendor = facts.vendor;
  const depFiles = facts.goSum ? ['go.mod', 'go.sum'] : ['go.mod'];
  const replaceCopies: Plan['replaceCopies'] = [];
  for (const r of module.replaces) {
    if (!r.local || !r.dir) continue;
    if (r.outsideContext) {
      warnings.push(`go.mod replaces ${r.from} with ${r.to} (${at(r.loc)}), outside the build context: \`docker build\` cannot see it and the build will fail (GD015). Build from a parent directory, vendor the module, or drop the replace.`);
      continue;
    }
    if (vendor) continue;
    if (!entries.has(`${r.dir}/go.mod`)) {
      warnings.push(`go.mod replaces ${r.from} with ./${r.dir} (${at(r.loc)}), which has no go.mod: go will fail to read it.`);
      continue;
    }
    const files = [`${r.dir}/go.mod`, ...(entries.has(`${r.dir}/go.sum`) ? [`${r.dir}/go.sum`] : [])];
    replaceCopies.push({ dir: r.dir, files, from: r.from, loc: r.loc });
    decisions.push({ topic: 'dependency layer', choice: `COPY ${files.join(' ')} ${r.dir}/`, because: `local replace ${r.from} => ${r.to}: go mod download reads its go.mod`, fact: r.loc });
  }
  decisions.push(vendor
    ? { topic: 'dependency layer', choice: 'no go mod download; COPY . .', because: 'vendor/modules.txt exists: go builds from vendor/ (go ≥ 1.14) without network', fact: { file: 'vendor/modules.txt', line: 1 } }
    : { topic: 'dependency layer', choice: `COPY ${depFiles.join(' ')} ./ then go mod download`, because: facts.goSum ? 'modules are downloaded in their own layer, reused until go.mod/go.sum change' : 'there is no go.sum (no dependencies): go.mod only, since COPY of a missing go.sum fails (GD014)' });

  // go.work (§3.5, GD015).
  const gowork = facts.goWork;
  if (gowork) {
    decisions.push({ topic: 'go.work', choice: 'ENV GOWORK=off; go.work and go.work.sum in .dockerignore', because: `${gowork.file} would put the build in workspace mode; the image builds this module alone`, fact: { file: gowork.file, line: 1 } });
    const replaced = new Set(module.replaces.map((r) => r.from));
    for (const n of facts.nestedModules) {
      const req = module.requires.find((q) => q.path === n.path);
      if (req && !replaced.has(n.path) && gowork.use.some((u) => u.dir === n.dir)) {
        warnings.push(`go.mod requires ${n.path} ${req.version}, which go.work takes from ./${n.dir}: with GOWORK=off go downloads ${n.path}@${req.version} instead. Add "replace ${n.path} => ./${n.dir}" to go.mod (or publish the module) so the image builds the same code.`);
      }
    }
  }

  // Main packages (§4.3).
  const sel = selectMain(facts, options.main);
  const mains = facts.mainPackages;
  if (sel.unknown && options.main !== undefined) warnings.push(`${pkgArg(sel.primary.dir)} was not found as a main package (package main with func main, for linux): building it anyway.`);
  else if (sel.unknown) warnings.push('No main package was found (package main with func main, for linux): building the module root.');
  const allMains = options.allMains === true && mains.length > 1;
  if (options.allMains && mains.length <= 1) warnings.push('--all-mains: the workspace has a single main package; building it alone.');
  if (!allMains && sel.others.length > 0 && options.main === undefined) {
    const list = sel.others.map((m) => pkgArg(m.dir)).join(', ');
    warnings.push(`Several main packages: building ${pkgArg(sel.primary.dir)} (${sel.because}). The others are ${list}: choose with --main, or build them all with --all-mains.`);
  }
  decisions.push({ topic: 'main package', choice: allMains ? `all: ${mains.map((m) => pkgArg(m.dir)).join(', ')}; primary ${pkgArg(sel.primary.dir)}` : pkgArg(sel.primary.dir), because: sel.because, fact: sel.unknown ? undefined : sel.primary.loc });
  const built = allMains ? [...sel.others.filter((m) => mains.includes(m)), sel.primary] : [sel.primary];
  const pk = allMains ? allMainsPackages(facts, built) : { packages: [pkgArg(sel.primary.dir)], because: undefined };
  if (pk.because) decisions.push({ topic: 'build packages', choice: `go build -o /out/ ${pk.packages.join(' ')}`, because: pk.because });

  // Runtime per binary (§3.2, §3.7).
  const tls = mayUseTls(facts);
  const final = finalStageName(facts);
  const baseName = facts.release.targets.some((t) => t.name === 'runtime') ? 'base' : 'runtime';
  const taken = new Set(['build', 'test', 'dev', baseName]);
  const targets: TargetPlan[] = [];
  for (const main of built) {
    const label = pkgArg(main.dir);
    const tzUse = facts.tz.uses.find((l) => concerns(l, main, mains));
    const choice = chooseRuntime({
      label,
      cgo: cgo && !staticCgo,
      staticCgo: staticCgo !== undefined,
      cxx: facts.cgo.cxx,
      tools: facts.execTools.filter((t) => concerns(t.loc, main, mains)),
      tz: tzUse !== undefined && !facts.tz.embedded,
      tls,
      osUser: facts.imports.osUser,
    }, options.runtime);
    warnings.push(...choice.warnings);
    const stage = allMains ? stageNameFor(main.binary, taken) : final.name;
    taken.add(stage);
    decisions.push({ topic: 'runtime image', choice: `${allMains ? `${stage}: ` : ''}${choice.spec.image}`, because: choice.because });
    const port = facts.ports.find((p) => (allMains ? ownerOf(p.loc, mains) === main || (ownerOf(p.loc, mains) === undefined && main === sel.primary) : concerns(p.loc, main, mains)));
    const health = facts.healthProbe && concerns(facts.healthProbe.loc, main, mains) ? facts.healthProbe : undefined;
    const assets: Asset[] = [];
    for (const read of facts.runtimeReads.filter((r) => concerns(r.loc, main, mains))) {
      const src = assetSource(read, entries);
      if (!src) {
        warnings.push(`${readCall(read)} (${at(read.loc)}) reads a path that is not in the build context: the image will not have it. Embed it (//go:embed), or mount it at run time.`);
        continue;
      }
      if (assets.some((a) => a.src === src || src.startsWith(`${a.src}/`))) continue;
      assets.push({ src, read });
    }
    // The binary is /<name>: the working directory must not be that file (/app for a binary named app).
    const workdir = assets.length === 0 ? undefined : ['/app', '/srv', '/data'].find((d) => d !== `/${main.binary}`);
    for (const a of assets) {
      decisions.push({ topic: 'runtime files', choice: `WORKDIR ${workdir}; COPY --from=build /src/${a.src} ${workdir}/${a.src}`, because: `${readCall(a.read)} reads it relative to the working directory at run time (GD023)`, fact: a.read.loc });
    }
    targets.push({ main, stage, runtime: choice.spec, fromBase: false, port, health, assets, workdir });
  }
  const primary = targets[targets.length - 1] as TargetPlan;

  // A shared runtime stage for several targets on the same base (§4.3).
  let base: Plan['base'];
  if (allMains) {
    const key = (s: RuntimeSpec) => `${s.image}|${s.packages.join(',')}|${s.certs}`;
    const counts = new Map<string, number>();
    for (const t of targets) counts.set(key(t.runtime), (counts.get(key(t.runtime)) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === key(primary.runtime) ? -1 : b[0] === key(primary.runtime) ? 1 : 0))[0];
    if (best && best[1] >= 2) {
      const spec = (targets.find((t) => key(t.runtime) === best[0]) as TargetPlan).runtime;
      base = { name: baseName, runtime: spec };
      for (const t of targets) t.fromBase = key(t.runtime) === best[0];
    }
  }

  // Build tags: the zone database for scratch (§4.4, GD016).
  const tzTarget = targets.find((t) => t.runtime.tzTag);
  const tags = [...(tzTarget ? ['timetzdata'] : []), ...(staticCgo ?? [])];
  const tzLoc = facts.tz.uses[0];
  if (tzTarget) decisions.push({ topic: 'time zones', choice: '-tags timetzdata', because: 'named time zones are loaded and scratch has no /usr/share/zoneinfo: the binary embeds the database (~450 KB)', fact: tzLoc });
  else if (tzLoc) decisions.push({ topic: 'time zones', choice: facts.tz.embedded ? 'nothing to add' : targets.some((t) => t.runtime.packages.includes('tzdata')) ? 'apk/apt add tzdata' : 'nothing to add', because: facts.tz.embedded ? 'time/tzdata is imported by the main package' : 'the runtime image has or installs the zone database', fact: tzLoc });

  decisions.push({ topic: 'build flags', choice: `-trimpath ${staticCgo ? `-ldflags='-s -w ${STATIC_CGO_LDFLAGS}'` : '-ldflags="-s -w"'}${tags.length ? ` -tags ${tags.join(',')}` : ''}`, because: 'reproducible paths and a smaller binary; no version variable was detected, so no -X flag' });
  if (primary.port) decisions.push({ topic: 'port', choice: `EXPOSE ${primary.port.port}`, because: 'the program listens on it (EXPOSE is documentation only)', fact: primary.port.loc });
  decisions.push(primary.health
    ? { topic: 'health check', choice: `HEALTHCHECK CMD ["/${primary.main.binary}", "${primary.health.arg}"]`, because: 'the binary has its own probe flag: no curl/wget needed (GD024)', fact: primary.health.loc }
    : { topic: 'health check', choice: 'none', because: 'the binary has no probe flag; orchestrators such as Kubernetes use their own probes (GD024)' });

  // Optional targets (§4.5) and stage names.
  const wsDev = facts.release.targets.find((t) => t.name === 'dev');
  const wsTest = facts.release.targets.find((t) => t.name === 'test');
  const dev = options.dev ?? wsDev !== undefined;
  const test = options.test ?? wsTest !== undefined;
  if (dev) decisions.push({ topic: 'dev target', choice: `dev (delve ${LATEST.delve}, -gcflags="all=-N -l")`, because: options.dev ? 'requested' : 'the workspace builds --target dev', fact: options.dev ? undefined : wsDev?.loc });
  if (test) decisions.push({ topic: 'test target', choice: 'test (FROM build, go test ./...)', because: (options.test ? 'requested' : 'the workspace builds --target test') + '; the final stage does not depend on it, so `docker build .` skips it', fact: options.test ? undefined : wsTest?.loc });
  if (options.dev === false && wsDev) warnings.push(`${at(wsDev.loc)} builds --target dev, but no dev target was generated.`);
  if (options.test === false && wsTest) warnings.push(`${at(wsTest.loc)} builds --target test, but no test target was generated.`);
  if (!allMains && final.loc) decisions.push({ topic: 'stage names', choice: `final stage "${final.name}"`, because: 'the workspace builds this target', fact: final.loc });
  const stages = new Set(['build', ...(dev ? ['dev'] : []), ...(test ? ['test'] : []), ...(base ? [base.name] : []), ...targets.map((t) => t.stage)]);
  for (const t of facts.release.targets) {
    if (!stages.has(t.name) && !(t.name === 'dev' && options.dev === false) && !(t.name === 'test' && options.test === false)) {
      warnings.push(`${at(t.loc)} builds --target ${t.name}, which the generated Dockerfile does not define.`);
    }
  }
  if (facts.release.ko) warnings.push(`ko is configured (${facts.release.ko.file}): ko builds images without a Dockerfile; this Dockerfile duplicates it (useful for compose or scanners).`);

  const ls = labelSource(module.path);
  decisions.push({ topic: 'labels', choice: `org.opencontainers.image.{${ls ? 'source,' : ''}version,revision} from ARG VERSION/COMMIT`, because: 'traceable images; no created label, so SOURCE_DATE_EPOCH drives timestamps' });

  const plan: Plan = {
    module,
    goMinor: go.minor,
    goText: go.text,
    cgo,
    cgoBecause: cg.text,
    staticCgo: staticCgo !== undefined,
    variant,
    cross: !cgo,
    goarm,
    strategy,
    strategyBecause,
    vendor,
    depFiles,
    replaceCopies,
    gowork,
    tags,
    tzLoc: tzTarget ? tzLoc : undefined,
    packages: pk.packages,
    out: allMains ? '/out/' : `/out/${sel.primary.binary}`,
    allMains,
    packagesBecause: pk.because,
    targets,
    base,
    primary,
    dev,
    test,
    testUnreferenced: test && !wsTest,
    labelSource: ls,
    tls,
  };
  return { plan, decisions, warnings };
}
