// GD032: `--platform` misuse around Go builds: $BUILDPLATFORM on an output stage, constant platforms
// or GOARCH in multi-platform projects, redundant $TARGETPLATFORM, Go builders compiled under
// emulation, and cgo cross-compiles without a cross C toolchain.
import { insertAt } from '../engine/edits';
import { stageChain } from '../engine/model/env';
import { cgoState, crossCompiles, goEnv, referencesPlatformArg } from '../engine/model/goenv';
import { isDevStage, isExportStage, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import type { Fix, FixSafety, Severity } from '../engine/types';
import { deleteTidy, exact } from './lib/obsolete-go-flags-tidy';
import { crossCompileEdits, isGoBuilder, stageBuilds } from './lib/platform-flag-misuse-fix';
import { BUILD_ONLY, defineRule, type Report } from './types';

const BUILD = /^\$(BUILDPLATFORM|\{BUILDPLATFORM(:?-[^}]*)?\})$/;
/** Exactly the default; `${TARGETPLATFORM:-linux/amd64}` also serves builders without BuildKit. */
const TARGET = /^\$(TARGETPLATFORM|\{TARGETPLATFORM\})$/;

function platforms(model: Model): string[] {
  return [...new Set(model.facts?.release.platforms ?? [])];
}

function usesXx(stage: Stage): boolean {
  return stageChain(stage).some(
    (s) => s.copies.some((c) => c.from?.ref?.name === 'tonistiigi/xx') || s.runs.some((r) => r.commands.some((c) => /^xx-/.test(c.words[0]?.value ?? ''))),
  );
}

/** A C compiler for another target was chosen explicitly (CC=aarch64-linux-gnu-gcc, zig cc, $(xx-info)-gcc). */
function crossCc(model: Model, cmd: GoCommand): boolean {
  const cc = goEnv(model, cmd, 'CC');
  if (!cc) return false;
  return cc.value === undefined || !/^(gcc|cc|clang)$/.test(cc.value);
}

function outputMisuse(model: Model, reports: Report[]): void {
  for (const { stage, lower } of runtimeTargets(model)) {
    const p = stage.platform;
    // A last stage that compiles is a builder used for its artifacts (EC16); shipping it is GD001's business.
    if (!p || !BUILD.test(p.raw) || isExportStage(stage) || isGoBuilder(stage)) continue;
    const runs = stage.runs.length > 0;
    const safety: FixSafety = runs ? 'unsafe' : 'safe';
    reports.push({
      range: p.flag.range,
      severity: lowerSeverity('error', lower),
      message: `${lower > 0 ? `Stage ${stageLabel(stage)}, which no other stage uses (so it may be built as a target),` : `Output stage ${stageLabel(stage)}`} is FROM --platform=$BUILDPLATFORM: its base image has the build machine's architecture, so in a multi-platform build the arm64 image gets an amd64 base (and the other way round), and the Go binary copied in does not match it. Only the Go builder stage should run on $BUILDPLATFORM; remove the flag here.${runs ? ' Its RUN instructions will then run under emulation for foreign platforms.' : ''}`,
      fixes: [{ title: 'Remove --platform=$BUILDPLATFORM from the output stage', safety, edits: [deleteTidy(model, p.flag.range)] }],
    });
  }
}

function builderFlags(model: Model, reports: Report[]): void {
  const multi = platforms(model).length > 1;
  const targets = new Set(runtimeTargets(model).filter((t) => t.lower === 0).map((t) => t.stage));
  for (const stage of model.stages) {
    const p = stage.platform;
    const builder = isGoBuilder(stage);
    if (p && TARGET.test(p.raw)) {
      reports.push({
        range: p.flag.range,
        severity: 'info',
        message: builder
          ? '--platform=$TARGETPLATFORM is the default, so it only hides the intent (BuildKit RedundantTargetPlatform). For a Go builder you probably want --platform=$BUILDPLATFORM: Go then cross-compiles natively with GOOS=$TARGETOS GOARCH=$TARGETARCH instead of running the compiler under emulation (GD011 checks the GOARCH side).'
          : '--platform=$TARGETPLATFORM repeats the default (BuildKit RedundantTargetPlatform): the stage already runs on the target platform.',
        fixes: [{ title: 'Remove --platform=$TARGETPLATFORM', safety: 'safe', edits: [deleteTidy(model, p.flag.range)] }],
      });
      continue;
    }
    if (!builder || targets.has(stage)) continue;
    if (p && !p.raw.includes('$')) {
      if (model.facts && !multi) continue;
      const builds = stageBuilds(stage);
      const crossOk = builds.length > 0 && builds.every((b) => b.xx || referencesPlatformArg(model, b, 'GOARCH') === 'TARGETARCH');
      const severity: Severity = !model.facts ? 'info' : crossOk ? 'info' : 'warning';
      const list = multi ? ` (${platforms(model).join(', ')})` : '';
      const edits = crossCompileEdits(model, stage, false);
      const fixes: Fix[] = edits ? [{ title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', edits: [{ range: p.flag.valueRange ?? p.flag.range, newText: p.flag.valueRange ? '$BUILDPLATFORM' : '--platform=$BUILDPLATFORM' }, ...edits] }] : [];
      reports.push({
        range: p.flag.range,
        severity,
        message: `${model.facts ? `The workspace builds several platforms${list}, but` : 'If this image is built for several platforms,'} the Go builder is pinned to ${p.raw}${crossOk ? ': the binaries are right (GOARCH follows $TARGETARCH), but on a build machine of another architecture the whole stage runs under emulation' : `: every platform's image gets a binary compiled for ${p.raw}, and the others fail with "exec format error"`}. Go cross-compiles natively: use --platform=$BUILDPLATFORM with GOOS=$TARGETOS GOARCH=$TARGETARCH (BuildKit's FromPlatformFlagConstDisallowed flags the constant itself).`,
        fixes,
      });
      continue;
    }
    if (p || !multi || stage.parent || stageChain(stage).some((s) => s.platform)) continue;
    // A stage that runs the toolchain itself (a dev image with dlv, an output) must be the target platform.
    if (isDevStage(stage) || stage.isOutput || stage.isCandidateOutput) continue;
    if (model.facts?.cgo.required || stageBuilds(stage).some((b) => cgoState(model, b).setting?.value === '1')) continue;
    // A constant GOARCH is reported on its own (it is wrong, not only slow).
    if (stageBuilds(stage).some((b) => goEnv(model, b, 'GOARCH')?.value && !referencesPlatformArg(model, b, 'GOARCH'))) continue;
    const cgoOff = stageBuilds(stage).some((b) => cgoState(model, b).cc === true);
    const edits = crossCompileEdits(model, stage, cgoOff);
    reports.push({
      range: stage.imageRange,
      severity: 'info',
      message: `The workspace builds ${platforms(model).join(', ')}, and the Go builder ${stageLabel(stage)} has no --platform=$BUILDPLATFORM: every foreign platform compiles under QEMU emulation, many times slower, although Go cross-compiles natively. Add --platform=$BUILDPLATFORM and GOOS=$TARGETOS GOARCH=$TARGETARCH on the build (GD011 checks them).`,
      fixes: edits ? [{ title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', edits: [insertAt(stage.from.keywordRange.end, ' --platform=$BUILDPLATFORM'), ...edits] }] : [],
    });
  }
}

function constantGoarch(model: Model, reports: Report[]): void {
  const list = platforms(model);
  if (list.length < 2) return;
  const seen = new Set<string>();
  for (const stage of model.stages) {
    for (const cmd of stageBuilds(stage)) {
      if (cmd.xx) continue;
      const arch = goEnv(model, cmd, 'GOARCH');
      if (!arch?.value || !arch.range || referencesPlatformArg(model, cmd, 'GOARCH')) continue;
      const key = `${arch.range.start.line}:${arch.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inline = cmd.inline.get('GOARCH');
      const onBuild = stageChain(stage).some((s) => s.platform && !TARGET.test(s.platform.raw));
      const fixes: Fix[] = [];
      if (inline && arch.source === 'inline' && cmd.run.form !== 'exec' && exact(model, inline.word)) {
        const edits = crossCompileEdits(model, stage, false);
        if (onBuild) {
          if (edits) fixes.push({ title: 'Use GOARCH=$TARGETARCH', safety: 'unsafe', edits });
        } else if (!stage.parent) {
          // Removing GOARCH alone would leave a builder compiled under emulation (d): cross-compile instead.
          if (edits) fixes.push({ title: 'Build on $BUILDPLATFORM and cross-compile for $TARGETOS/$TARGETARCH', safety: 'unsafe', edits: [insertAt(stage.from.keywordRange.end, ' --platform=$BUILDPLATFORM'), ...edits] });
        } else fixes.push({ title: `Remove GOARCH=${arch.value} (the stage already runs on the target platform)`, safety: 'unsafe', edits: [deleteTidy(model, inline.word.range)] });
      }
      reports.push({
        range: arch.range,
        severity: 'warning',
        message: `GOARCH=${arch.value} is a constant, but the workspace builds ${list.join(', ')}: every platform's image gets the ${arch.value} binary, and on the others it fails with "exec format error". ${onBuild ? 'Use GOARCH=$TARGETARCH (with ARG TARGETARCH in the stage).' : 'The stage runs on the target platform, so leaving GOARCH unset builds the right one.'}`,
        fixes,
      });
    }
  }
}

function cgoCross(model: Model, reports: Report[]): void {
  for (const stage of model.stages) {
    for (const cmd of stageBuilds(stage)) {
      if (cmd.xx || crossCompiles(model, cmd) !== 'maybe' || usesXx(stage) || crossCc(model, cmd)) continue;
      if (!stageChain(stage).some((s) => s.platform && BUILD.test(s.platform.raw))) continue;
      const cgo = cgoState(model, cmd);
      const explicit = cgo.setting?.value === '1';
      if (!explicit && !(model.facts?.cgo.required && cgo.mode !== 'off')) continue;
      reports.push({
        range: explicit && cgo.setting?.range ? cgo.setting.range : cmd.goWord.range,
        severity: 'warning',
        message: `${explicit ? 'CGO_ENABLED=1' : 'The program requires cgo'}, but this stage runs on $BUILDPLATFORM and cross-compiles: for every foreign platform cgo needs a C cross-compiler for the target, and the stage has none (the native gcc cannot build arm64 code on amd64). ${explicit ? 'The build fails for those platforms.' : 'Without CGO_ENABLED=1 Go silently turns cgo off there, and the cgo parts are missing.'} Use tonistiigi/xx (COPY --from=tonistiigi/xx / /, xx-apk add gcc musl-dev, xx-go build), or drop --platform=$BUILDPLATFORM and build natively under emulation.`,
      });
    }
  }
}

export default defineRule({
  meta: {
    code: 'GD032',
    name: 'platform-flag-misuse',
    description: 'FROM --platform misuse around Go builds: $BUILDPLATFORM on the output stage, constant platforms or GOARCH in multi-platform builds, emulated builders, cgo cross-compiles.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    buildkit: ['FromPlatformFlagConstDisallowed', 'RedundantTargetPlatform'],
  },
  check({ model }) {
    const reports: Report[] = [];
    outputMisuse(model, reports);
    builderFlags(model, reports);
    constantGoarch(model, reports);
    cgoCross(model, reports);
    return reports;
  },
});
