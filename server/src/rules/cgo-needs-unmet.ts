// GD013: the program requires cgo (import "C", go-sqlite3, confluent-kafka-go, …) but the Dockerfile
// disables it, has no C compiler, or runs the binary on a runtime with no, another, or an older libc.
import type { CgoReason } from '../engine/facts';
import { copyFlows } from '../engine/model/artifacts';
import { stageChain } from '../engine/model/env';
import { buildsLocalCode, isBuild } from '../engine/model/gocmd';
import { buildsOnBuildPlatform, cgoState, crossCompiles, forcesStaticLink, goEnv } from '../engine/model/goenv';
import { baseLabel, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import { chainCommands, neededStages } from '../engine/model/stagecontents';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import type { Fix, RelatedInfo, Severity, TextEdit } from '../engine/types';
import { cgoOnEdit, golangOnDebian, installCompilerEdit, matchingRuntime, rootImageEdit, runtimeOnDebian, staticCgoLinkEdits, staticCgoLinkLabel } from './lib/cgo-needs-unmet-fixes';
import { addTagEdit, buildTags } from './lib/tzdata-missing-tags';
import { BUILD_ONLY, defineRule, type Report } from './types';

const KAFKA = /^github\.com\/confluentinc\/confluent-kafka-go(\/v\d+)?$/;
const SQLITE_STUB = `"Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub"`;

function reasonText(r: CgoReason): string {
  return r.kind === 'import-c' ? `import "C" in ${r.loc.file}:${r.loc.line}` : `${r.module ?? 'a cgo-only module'} in ${r.loc.file}:${r.loc.line}`;
}

function reasonRelated(r: CgoReason): RelatedInfo {
  const pos = { line: Math.max(0, r.loc.line - 1), character: 0 };
  return { range: { start: pos, end: pos }, message: `cgo is required here: ${reasonText(r)}`, file: r.loc.file };
}

/** What happens when the program is built with cgo off. */
function offConsequence(reasons: CgoReason[]): string {
  if (reasons.some((r) => r.module === 'github.com/mattn/go-sqlite3')) {
    return `the build succeeds, then the program fails at run time with ${SQLITE_STUB}`;
  }
  if (reasons.some((r) => r.kind === 'import-c')) {
    return 'Go skips every file that imports "C", so the build fails (undefined names, or "build constraints exclude all Go files")';
  }
  return 'the cgo-only module does not build (or builds a stub that fails at run time)';
}

/** The trap "-tags turns it off": a build that selects a no-cgo variant, when only import "C" files require cgo. */
function tagsDisableCgo(model: Model, cmd: GoCommand, reasons: CgoReason[]): boolean {
  if (!reasons.every((r) => r.kind === 'import-c')) return false;
  return buildTags(model, cmd).tags.some((t) => /^no_?cgo$/i.test(t));
}

const CROSS_PKGS = /^(gcc|g\+\+|clang|musl-dev|libc6-dev|libc-dev|build-base)$/;

const CC_PACKAGES = /^(gcc|clang|build-base|build-essential|g\+\+|musl-gcc|gcc-[\w.-]+)$/;

/**
 * A C compiler is available to the command. The model's hasCCompiler only looks at earlier RUNs;
 * `RUN apk add gcc musl-dev && go build` installs it in the same RUN, before the go command.
 */
function compilerAvailable(cmd: GoCommand, modelCc: boolean | undefined): boolean | undefined {
  if (modelCc !== false) return modelCc;
  for (const c of cmd.run.commands.slice(0, cmd.commandIndex)) {
    const w = c.words.map((x) => x.value);
    if (/^(apk|apt-get|apt|yum|dnf|microdnf)$/.test(w[0] ?? '') && w.some((x) => x === 'add' || x === 'install') && w.some((x) => CC_PACKAGES.test(x))) return true;
  }
  return false;
}

function hasCrossToolchain(model: Model, cmd: GoCommand): boolean {
  if (goEnv(model, cmd, 'CC')?.value) return true;
  for (const { command } of chainCommands(cmd.run.stage, cmd.run.node.index)) {
    const w = command.words.map((x) => x.value);
    const pm = w[0] ?? '';
    if (!w.some((x) => x === 'add' || x === 'install')) continue;
    if (/^xx-(apk|apt-get|apt)$/.test(pm) && w.some((x) => CROSS_PKGS.test(x))) return true;
    if (/^(apt-get|apt|apk)$/.test(pm) && w.some((x) => /^(gcc|g\+\+)-[a-z0-9_]+-linux-gnu\w*$|^crossbuild-essential-/.test(x))) return true;
  }
  return false;
}

interface Ctx {
  model: Model;
  reasons: CgoReason[];
  /** The workspace shows cgo is required; otherwise the build only sets CGO_ENABLED=1 itself. */
  required: boolean;
  /** 1 when the program's use of cgo is not proven (no workspace facts): one severity lower. */
  confidence: number;
  /** Why cgo is needed, for messages. */
  need: string;
  related: RelatedInfo[];
  reports: Report[];
  /** CGO_ENABLED=0 settings (ENV, ARG, go env -w) already reported: one finding per setting. */
  settingsReported: Set<string>;
}

/** (a), (b), the cross-compilation note and (f) for one build. */
function checkBuild(c: Ctx, cmd: GoCommand, lower: number, compilerReported: Set<Stage>): void {
  const { model, reasons } = c;
  const cgo = cgoState(model, cmd);
  const cc = compilerAvailable(cmd, cgo.cc);
  const stage = cmd.run.stage;
  const setting = cgo.setting;
  const disabled = c.required && setting?.value === '0';
  const key = setting?.range ? `${setting.range.start.line}:${setting.range.start.character}` : `cmd:${cmd.goWord.range.start.line}`;
  if (disabled && setting && !c.settingsReported.has(key)) {
    c.settingsReported.add(key);
    const onLine = setting.source === 'inline' || setting.source === 'export';
    const where = onLine ? '' : ` (set by ${setting.source === 'image' ? 'the image' : `${setting.node?.keyword ?? 'ENV'} on line ${(setting.node?.range.start.line ?? 0) + 1}`})`;
    const edits: TextEdit[] = [];
    const on = cgoOnEdit(model, setting);
    if (on) edits.push(on);
    const compiler = cc === false ? installCompilerEdit(model, cmd) : undefined;
    if (compiler) {
      edits.push(compiler.edit);
      compilerReported.add(stage);
    }
    const fixes: Fix[] = on && (cc !== false || compiler)
      ? [{ title: `Set CGO_ENABLED=1${compiler ? ` and install ${compiler.packages}` : ''} (the program requires cgo)`, safety: 'unsafe', edits }]
      : [];
    c.reports.push({
      range: onLine && setting.range ? setting.range : cmd.goWord.range,
      severity: lowerSeverity('error', lower),
      message: `CGO_ENABLED=0${where}, but ${c.need}: ${offConsequence(reasons)}. Enable cgo and run the binary on a runtime with a matching libc.`,
      fixes,
      related: [...(onLine || !setting.range ? [] : [{ range: setting.range, message: 'CGO_ENABLED=0 is set here' }]), ...c.related],
    });
  }
  // Once cgo is disabled, the compiler question is part of (a) and its fix.
  if (!disabled && cc === false && !compilerReported.has(stage)) {
    compilerReported.add(stage);
    const explicit = setting?.value === '1';
    const compiler = installCompilerEdit(model, cmd);
    const unproven = c.confidence > 0 ? 'if the program uses cgo (net and os/user do), ' : '';
    c.reports.push({
      range: cmd.goWord.range,
      severity: lowerSeverity('error', lower + c.confidence),
      message: explicit
        ? `${baseLabel(stage)} has no C compiler, but ${c.need}: ${unproven}the build fails with 'cgo: C compiler "gcc" not found'. Install gcc and the libc headers before the build.`
        : `${baseLabel(stage)} has no C compiler, so cgo is off by default, but ${c.need}: ${offConsequence(reasons)}. Install gcc and the libc headers before the build.`,
      fixes: compiler ? [{ title: `Install ${compiler.packages} before the build`, safety: 'safe', edits: [compiler.edit] }] : [],
      related: c.related,
    });
  }
  if ((cmd.xx || buildsOnBuildPlatform(stage)) && crossCompiles(model, cmd) === 'maybe' && !hasCrossToolchain(model, cmd)) {
    // With CGO_ENABLED=0 reported, the cross-compilation problem is the one the (a) fix leads to.
    const mixed = setting?.value !== '1' && !disabled;
    c.reports.push({
      range: cmd.goWord.range,
      severity: lowerSeverity('warning', lower + c.confidence),
      message:
        `This build cross-compiles (--platform=$BUILDPLATFORM with GOOS/GOARCH from the target), and ${c.need}: cgo needs a C cross toolchain for each target. ` +
        (mixed
          ? `Without one, cgo is off for every platform other than the build machine's, and there ${offConsequence(reasons)}.`
          : 'The host gcc cannot compile for another architecture, so the builds for other platforms fail.') +
        ' Install one (with xx: `xx-apk add gcc musl-dev` or `xx-apt-get install gcc libc6-dev`, and build with xx-go) or build natively on each platform.',
      related: [...(stage.platform ? [{ range: stage.platform.flag.range, message: 'the stage runs on the build platform' }] : []), ...c.related],
    });
  }
  if (c.required && stage.info.libc === 'musl' && c.reasons.some((r) => KAFKA.test(r.module ?? '')) && !buildTags(model, cmd).tags.includes('musl')) {
    const edit = addTagEdit(model, cmd, 'musl');
    c.reports.push({
      range: cmd.goWord.range,
      severity: lowerSeverity('warning', lower),
      message: `confluent-kafka-go on a musl builder (${baseLabel(stage)}) needs \`-tags musl\`: its bundled librdkafka is linked for glibc otherwise, and the build fails to link.`,
      fixes: edit ? [{ title: 'Add -tags musl to the build', safety: 'safe', edits: [edit] }] : [],
      related: c.related,
    });
  }
}

/** (c), (d), (e): the binary of `cmd` runs in `runtime`. */
function checkRuntime(c: Ctx, cmd: GoCommand, runtime: Stage, lower: number): void {
  const { model } = c;
  if (forcesStaticLink(model, cmd)) return;
  const builder = cmd.run.stage;
  const bl = builder.info.libc;
  const rl = runtime.info.libc;
  const related: RelatedInfo[] = [{ range: builder.imageRange, message: `the binary is built on ${baseLabel(builder)} (${bl ?? 'unknown libc'})` }, ...c.related];
  const edit = rootImageEdit(model, runtime);
  const needsShell = runtime.runs.length > 0;
  const fixes: Fix[] = [];
  let severity: Severity;
  let message: string;
  // Without a proven cgo requirement, GD003 owns the libc-less and other-libc runtimes.
  if (c.required && (rl === 'none' || (bl && bl !== rl && bl !== 'none'))) {
    severity = 'error';
    message = rl === 'none'
      ? `${baseLabel(runtime)} has no libc, but the program requires cgo, so the binary built in stage ${stageLabel(builder)} is linked dynamically: the container fails with "exec …: no such file or directory". Use a runtime with ${bl ?? 'the builder\'s'} libc, or link statically.`
      : `The binary is linked against ${bl} (${baseLabel(builder)}) but ${baseLabel(runtime)} has ${rl}: the program requires cgo, so it cannot run there ("exec …: no such file or directory" or missing symbols). Use a runtime with the builder's libc.`;
    const match = matchingRuntime(model, builder, runtime, needsShell);
    if (match && edit && !(needsShell && runtime.info.packageManager !== (bl === 'musl' ? 'apk' : 'apt'))) {
      fixes.push({ title: `Use ${match.image} (${match.label})`, safety: 'unsafe', edits: [{ range: edit.range, newText: match.image }] });
    }
    const st = rl === 'none' ? staticCgoLinkEdits(model, cmd) : undefined;
    if (st) fixes.push({ title: `Link statically: ${staticCgoLinkLabel(st.tags)}`, safety: 'suggestion', edits: st.edits });
  } else if (bl === 'glibc' && rl === 'glibc' && builder.info.debian !== undefined && runtime.info.debian !== undefined && builder.info.debian > runtime.info.debian) {
    severity = 'warning';
    const bd = builder.info.debian;
    const rd = runtime.info.debian;
    message =
      `glibc release skew${c.required ? '' : ' (this build sets CGO_ENABLED=1)'}: ${c.confidence > 0 ? 'if the binary links glibc dynamically (a program that imports net does), ' : ''}the cgo binary is built on Debian ${bd} (${baseLabel(builder)}) but runs on Debian ${rd} (${baseLabel(runtime)}), whose older glibc ` +
      'lacks the symbol versions it links against: the container fails with "GLIBC_2.38 not found"-style errors. Build on the runtime\'s release or run on the builder\'s.';
    const b = rootImageEdit(model, builder);
    const pinned = b && builder.rootRef?.name === 'golang' ? golangOnDebian(b.text, rd) : undefined;
    if (b && pinned) fixes.push({ title: `Build on Debian ${rd}: ${pinned}`, safety: 'unsafe', edits: [{ range: b.range, newText: pinned }] });
    const moved = edit ? runtimeOnDebian(runtime, edit.text, bd) : undefined;
    if (edit && moved) fixes.push({ title: `Run on Debian ${bd}: ${moved}`, safety: 'suggestion', edits: [{ range: edit.range, newText: moved }] });
  } else return;
  c.reports.push({ range: runtime.imageRange, severity: lowerSeverity(severity, lower + c.confidence), message, fixes, related });
}

export default defineRule({
  meta: {
    code: 'GD013',
    name: 'cgo-needs-unmet',
    description: 'The program needs cgo, but the build disables it, has no C compiler, or the runtime has no, another, or an older libc.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const facts = model.facts;
    const reasons = facts?.cgo.reasons ?? [];
    const required = facts?.cgo.required === true && reasons.length > 0;
    // Without a requirement, only builds that set CGO_ENABLED=1 themselves are checked, unless the
    // workspace shows a program that links nothing through cgo at all.
    if (!required && facts && !facts.limits.capped && !facts.imports.net && !facts.imports.osUser && (facts.module?.requires.length ?? 0) === 0) return [];
    const proven = required || (facts !== undefined && (facts.imports.net || facts.imports.osUser));
    const c: Ctx = {
      model,
      reasons,
      required,
      confidence: proven ? 0 : 1,
      need: required ? `the program requires cgo (${reasonText(reasons[0] as CgoReason)})` : 'this build sets CGO_ENABLED=1',
      related: reasons.slice(0, 1).map(reasonRelated),
      reports: [],
      settingsReported: new Set(),
    };
    // Builds needed by an output (or candidate output) stage, with the lowest severity step.
    const builds = new Map<GoCommand, number>();
    for (const s of model.stages) {
      if (!s.isOutput && !s.isCandidateOutput) continue;
      const lower = s.isOutput ? 0 : 1;
      for (const n of neededStages(model, s)) {
        if (n.os === 'windows') continue;
        for (const run of n.runs) for (const g of run.goCommands) {
          if (!isBuild(g) || !buildsLocalCode(g) || tagsDisableCgo(model, g, reasons)) continue;
          if (!required && cgoState(model, g).setting?.value !== '1') continue;
          builds.set(g, Math.min(builds.get(g) ?? lower, lower));
        }
      }
    }
    const compilerReported = new Set<Stage>();
    for (const [g, lower] of [...builds].sort((a, b) => a[0].run.node.index - b[0].run.node.index)) checkBuild(c, g, lower, compilerReported);
    const pairs = new Set<string>();
    for (const { stage, lower } of runtimeTargets(model)) {
      if (!stage.info.known || stage.info.libc === undefined || stage.os === 'windows') continue;
      for (const s of stageChain(stage)) {
        for (const copy of s.copies) {
          for (const flow of copyFlows(model, copy)) {
            const g = flow.output.cmd;
            const key = `${g.run.stage.index}>${stage.index}`;
            if (!builds.has(g) || pairs.has(key) || stageChain(stage).includes(g.run.stage)) continue;
            pairs.add(key);
            checkRuntime(c, g, stage, lower);
          }
        }
      }
    }
    return c.reports;
  },
});
