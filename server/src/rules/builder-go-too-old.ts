// GD008: the builder image's Go is older than go.mod (or go.work) requires. The official golang
// images set GOTOOLCHAIN=local, so the go command refuses to build instead of downloading.
import type { ArgDecl, GoCommand, Model, Stage } from '../engine/model/types';
import { globalArg, stageChain, stageEnv } from '../engine/model/env';
import { goEnv } from '../engine/model/goenv';
import { baseLabel } from '../engine/model/queries';
import type { Fix, Range, RelatedInfo, Severity } from '../engine/types';
import { isIgnored } from '../workspace/dockerignore';
import { LATEST } from '../engine/images';
import {
  compareFull,
  compareImage,
  imageVersionText,
  maxVersion,
  minorText,
  parseFullVersion,
  replacementVersion,
  tagVersionPrefix,
  toolchainMode,
  type FullVersion,
  type ToolchainMode,
} from './lib/builder-go-too-old-version';
import { BUILD_ONLY, defineRule, type Report } from './types';

interface Required {
  version: FullVersion;
  /** "go.mod" or "go.work". */
  file: string;
  line?: number;
}

/** Where the version text of the tag is written: in the FROM, or in the default of a global ARG. */
interface VersionSite {
  /** Range of the report. */
  range: Range;
  /** Range of the version text itself, for the fix. */
  edit?: Range;
  arg?: ArgDecl;
}

function family(model: Model, stage: Stage): Stage[] {
  return model.stages.filter((s) => stageChain(s).includes(stage));
}

function familyGoCommands(model: Model, stage: Stage): GoCommand[] {
  return family(model, stage).flatMap((s) => s.runs.flatMap((r) => r.goCommands)).filter((g) => !g.packages.some((p) => p.value.includes('@')));
}

/** go.work counts when the workspace has one with a go line, the build copies it in and GOWORK is not off. */
function workRequirement(model: Model, stage: Stage, cmds: GoCommand[]): Required | undefined {
  const facts = model.facts;
  const work = facts?.goWork;
  const v = parseFullVersion(work?.goVersion);
  if (!facts || !work || !v) return undefined;
  const ignoreFile = facts.dockerignores.find((d) => d.file === `${model.dockerfilePath ?? 'Dockerfile'}.dockerignore`) ?? facts.dockerignores.find((d) => d.file === '.dockerignore');
  if (ignoreFile && isIgnored(ignoreFile, work.file)) return undefined;
  if (cmds.length > 0 && cmds.every((g) => goEnv(model, g, 'GOWORK')?.value === 'off')) return undefined;
  const copied = family(model, stage).some((s) =>
    s.copies.some((c) => !c.from && c.sources.some((x) => /^(\.\/?|\*|go\.work\*?|go\.\*)$/.test(x.value.replace(/^\.\/(?=.)/, '')))),
  );
  return copied ? { version: v, file: work.file, line: undefined } : undefined;
}

function versionSite(model: Model, stage: Stage, versionText: string): VersionSite {
  if (stage.imageVars.length === 0) {
    const r = stage.imageRange;
    const raw = model.src.slice(r);
    if (r.start.line !== r.end.line) return { range: r };
    const at = raw.lastIndexOf('/');
    const colon = raw.indexOf(':', at + 1);
    const idx = colon < 0 ? -1 : raw.indexOf(versionText, colon + 1);
    if (idx !== colon + 1) return { range: r };
    const start = { line: r.start.line, character: r.start.character + idx };
    return { range: r, edit: { start, end: { line: start.line, character: start.character + versionText.length } } };
  }
  for (const name of stage.imageVars) {
    const arg = globalArg(model, name);
    if (!arg?.valueRange || arg.value === undefined || !arg.value.includes(versionText)) continue;
    const vr = arg.valueRange;
    const raw = model.src.slice(vr);
    if (vr.start.line !== vr.end.line) return { range: vr, arg };
    const colon = raw.lastIndexOf(':');
    let idx = raw.indexOf(versionText, colon + 1);
    if (idx < 0) idx = raw.indexOf(versionText);
    if (idx < 0) return { range: vr, arg };
    const start = { line: vr.start.line, character: vr.start.character + idx };
    return { range: vr, arg, edit: { start, end: { line: start.line, character: start.character + versionText.length } } };
  }
  return { range: stage.imageRange };
}

/** The GOTOOLCHAIN the go commands of the stage (and the stages built on it) run with. */
function modeOf(model: Model, stage: Stage, cmds: GoCommand[]): { mode: ToolchainMode; range?: Range } {
  const settings = cmds.length > 0
    ? cmds.map((g) => goEnv(model, g, 'GOTOOLCHAIN'))
    : [stageEnv(model, stage, Number.POSITIVE_INFINITY, 'GOTOOLCHAIN')];
  let download: { mode: ToolchainMode; range?: Range } | undefined;
  for (const s of settings) {
    const mode = toolchainMode(s?.value ?? (s ? undefined : 'local'));
    if (mode.kind === 'local') return { mode, range: s?.source === 'image' ? undefined : s?.range };
    download ??= { mode, range: s?.source === 'image' ? undefined : s?.range };
  }
  return download ?? { mode: { kind: 'local', value: 'local' } };
}

function goModRelated(req: Required): RelatedInfo[] {
  if (req.line === undefined) return [];
  const line = req.line - 1;
  return [{ file: req.file, range: { start: { line, character: 0 }, end: { line, character: 3 + req.version.text.length } }, message: `${req.file} requires go ${req.version.text}` }];
}

/** `FROM golang:${GO_VERSION}` where GO_VERSION has no default (EDGE_CASES EC15). */
function unverifiable(model: Model, stage: Stage): Report | undefined {
  const name = stage.imageUnknownVars[0];
  if (!name) return undefined;
  const req = maxVersion([parseFullVersion(model.facts?.module?.goVersion)]);
  const arg = globalArg(model, name);
  const fixes: Fix[] = [];
  const tag = stage.imageText.slice(stage.imageText.lastIndexOf(':') + 1);
  const inVersionSlot = new RegExp(`^\\$\\{?${name}\\}?(-|$)`).test(tag);
  if (req && arg && arg.value === undefined && inVersionSlot) {
    const v = minorText(req);
    fixes.push({ title: `Give ARG ${name} the default ${v} (go.mod)`, safety: 'suggestion', edits: [{ range: { start: arg.nameRange.end, end: arg.nameRange.end }, newText: `=${v}` }] });
  }
  return {
    range: stage.imageRange,
    severity: 'info',
    message: `The Go version of this builder comes from --build-arg ${name}${arg ? ` (ARG ${name} has no default)` : ''}, so go-dockerfile cannot check it against ${req ? `go.mod (go ${req.text})` : 'go.mod'}; with GOTOOLCHAIN=local an older Go stops the build. Give ${name} a default that matches go.mod.`,
    fixes,
    related: arg ? [{ range: arg.node.range, message: `ARG ${name} is declared here without a default` }] : undefined,
  };
}

export default defineRule({
  meta: {
    code: 'GD008',
    name: 'builder-go-too-old',
    description: 'The Go version of the builder image is older than go.mod (or go.work) requires, and the image does not download toolchains.',
    defaultSeverity: 'error',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    const byRange = new Map<string, Report>();
    const facts = model.facts;
    for (const stage of model.stages) {
      if (stage.parent || !stage.ref || stage.info.go !== true) continue;
      const image = stage.info.goVersion;
      if (!image) {
        const r = unverifiable(model, stage);
        if (r) reports.push(r);
        continue;
      }
      const mod = facts?.module;
      const goLine = parseFullVersion(mod?.goVersion);
      if (!mod || !goLine) continue;
      const cmds = familyGoCommands(model, stage);
      if (cmds.length === 0 && family(model, stage).some((s) => s.runs.some((r) => r.goCommands.length > 0))) continue; // only `go install tool@version`
      const modReq: Required = { version: goLine, file: mod.goLoc?.file ?? 'go.mod', line: mod.goLoc?.line };
      const work = workRequirement(model, stage, cmds);
      const req = work && compareFull(work.version, goLine) > 0 ? work : modReq;
      const toolchain = parseFullVersion(mod.toolchain);
      const versionText = tagVersionPrefix(stage.ref.tag ?? '') ?? imageVersionText(image);
      const site = versionSite(model, stage, versionText);
      const label = baseLabel(stage);
      const argNote = site.arg ? ` The version comes from the default of ARG ${site.arg.name}; --build-arg ${site.arg.name} may override it.` : '';
      const related: RelatedInfo[] = site.arg ? [{ range: stage.imageRange, message: `the builder image ${label} is used here` }] : [];
      const verdict = compareImage(image, req.version);
      let severity: Severity;
      let message: string;
      let target: FullVersion | undefined = req.version;
      let forcePatch = false;
      const imgText = imageVersionText(image);
      if (verdict === 'older' || verdict === 'older-known-patch') {
        const { mode, range: modeRange } = modeOf(model, stage, cmds);
        const known = verdict === 'older-known-patch' ? ` (${label} tracks the newest ${minorText(image)}.x, which is ${minorText(image)}.${imagePatch(image) ?? 'x'} as far as go-dockerfile knows)` : '';
        forcePatch = verdict === 'older-known-patch';
        const dl = mode.kind === 'download' ? mode.version : undefined;
        if (image.major === 1 && image.minor >= 0 && image.minor < 21) {
          // Before Go 1.21 there is no toolchain switching, and a three-part go line is not even readable.
          severity = req.version.hasPatch && stage.info.known ? 'error' : 'warning';
          const effect = req.version.hasPatch
            ? `it cannot read the go line ("invalid go version '${req.version.text}': must match format 1.23"), so every go command in the module fails`
            : `it builds anyway and fails on the first newer language feature or standard-library API ("note: module requires Go ${req.version.text}")`;
          message = `${label} has Go ${imgText}, older than ${req.file} requires (go ${req.version.text}) and older than Go 1.21, which introduced toolchain management: ${effect}.${argNote}`;
        } else if (mode.kind === 'download' && !(dl && compareFull(dl, req.version) < 0 && !mode.value.endsWith('+auto'))) {
          severity = 'info';
          const fetched = dl && compareFull(dl, req.version) > 0 ? dl : maxVersion([req.version, toolchain]) ?? req.version;
          message = `${label} has Go ${imgText}${known}, older than ${req.file} requires (go ${req.version.text}), and GOTOOLCHAIN=${mode.value} is set: the toolchain go${fetched.text}${fetched.hasPatch ? '' : '.0'} will be downloaded during the build; this needs network and proxy access and costs time. Prefer ${withVersion(stage, versionText, replacementVersion(image, req.version, forcePatch))}.${argNote}`;
          if (modeRange) related.push({ range: modeRange, message: `GOTOOLCHAIN=${mode.value} is set here` });
        } else {
          severity = verdict === 'older-known-patch' || !stage.info.known ? 'warning' : 'error';
          const setting = mode.value === 'local' ? 'GOTOOLCHAIN=local' : `GOTOOLCHAIN=${mode.value}`;
          const who = stage.info.known ? `${modeRange ? `${setting} is set` : 'the official image sets GOTOOLCHAIN=local'}, so` : 'if this image sets GOTOOLCHAIN=local as the official one does,';
          message = `${label} has Go ${imgText}${known}, older than ${req.file} requires (go ${req.version.text}): ${who} the go command refuses to build ("go: ${req.file} requires go >= ${req.version.text} (running go ${imgText}${image.patch === undefined && !image.pre ? '.x' : ''}; ${setting})").${argNote}`;
          if (modeRange) related.push({ range: modeRange, message: `${setting} is set here` });
        }
      } else if (toolchain && compareImage(image, toolchain).startsWith('older')) {
        severity = 'info';
        target = toolchain;
        forcePatch = true;
        message = `${label} has Go ${imgText}, older than the toolchain line of go.mod (go${toolchain.text}): with GOTOOLCHAIN=local the build uses Go ${imgText} and ignores that line, so the binary may differ from what developers and CI build.${argNote}`;
      } else if (verdict === 'newer' && compareImage(image, maxVersion([req.version, toolchain]) ?? req.version) === 'newer') {
        severity = 'info';
        message = `${label} has Go ${imgText}, newer than ${req.file} (go ${req.version.text}${toolchain ? `, toolchain go${toolchain.text}` : ''}): the build works, but the binary may differ from what developers and CI build.${argNote}`;
        target = undefined;
      } else continue;
      const fixes: Fix[] = [];
      // go-dockerfile works offline: it cannot give the digest of another tag.
      if (stage.ref.digest && target) message += ' The image is pinned by digest: change the tag and the digest together.';
      if (target && site.edit && !stage.ref.digest) {
        const v = replacementVersion(image, target, forcePatch);
        const where = site.arg ? `ARG ${site.arg.name}=${v}` : withVersion(stage, versionText, v);
        fixes.push({ title: `Use Go ${v} (${target === toolchain ? 'toolchain line of go.mod' : req.file}): ${where}`, safety: 'unsafe', edits: [{ range: site.edit, newText: v }] });
      }
      const key = `${site.range.start.line}:${site.range.start.character}`;
      const prev = byRange.get(key);
      if (prev) {
        prev.related = [...(prev.related ?? []), ...related];
        continue;
      }
      const report: Report = { range: site.range, severity, message, fixes, related: [...related, ...goModRelated(target === toolchain && toolchain ? { version: toolchain, file: mod.toolchainLoc?.file ?? 'go.mod', line: mod.toolchainLoc?.line } : req)] };
      byRange.set(key, report);
      reports.push(report);
    }
    return reports;
  },
});

function imagePatch(image: { major: number; minor: number }): number | undefined {
  return LATEST.goPatches[minorText(image)];
}

/** The image reference with the version in its tag replaced (registry and path as written, no digest). */
function withVersion(stage: Stage, oldVersion: string, v: string): string {
  const ref = stage.ref;
  if (!ref) return '';
  const base = ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  return `${base}:${(ref.tag ?? '').replace(oldVersion, v)}`;
}
