// GD011: a stage that runs on the build platform (FROM --platform=$BUILDPLATFORM) compiles Go for
// the build machine: GOARCH unset, or $TARGETARCH used without `ARG TARGETARCH` in the stage.
import { insertAt, insertLinesAfter, kw } from '../engine/edits';
import { copyFlows, goOutput } from '../engine/model/artifacts';
import { PLATFORM_ARGS, globalArg, stageEnv } from '../engine/model/env';
import { buildsLocalCode, isBuild } from '../engine/model/gocmd';
import { buildsOnBuildPlatform } from '../engine/model/goenv';
import { stageLabel } from '../engine/model/queries';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { ShellWord } from '../engine/shell';
import type { Fix, FixSafety, Range, RelatedInfo, Severity, TextEdit } from '../engine/types';
import { rawSetting, undeclaredVars, type RawSetting } from './lib/cross-compile-wrong-arch-env';
import { BUILD_ONLY, defineRule, type Report } from './types';

const PLATFORM = new Set(PLATFORM_ARGS);

/** The word's range maps one-to-one to its text (not a `sh -c` body we could only map approximately). */
function exact(w: ShellWord): boolean {
  return w.range.start.line === w.range.end.line && w.range.end.character - w.range.start.character === w.raw.length;
}

function visible(model: Model, stage: Stage, index: number, name: string): boolean {
  return stageEnv(model, stage, index, name) !== undefined;
}

/** The binary is meant for the build machine: run later in the same stage (a code generator), or only copied into build-platform stages. */
function runsLocally(model: Model, cmd: GoCommand): boolean {
  const o = goOutput(model, cmd);
  if (!o.path || o.dir) return false;
  const path = o.path;
  const name = basename(path);
  const stage = cmd.run.stage;
  for (const run of stage.runs) {
    if (run.node.index < cmd.run.node.index) continue;
    for (const [i, c] of run.commands.entries()) {
      if (run === cmd.run && i <= cmd.commandIndex) continue;
      const exe = c.words[0]?.value ?? '';
      if (exe === path || (exe.endsWith(`/${name}`) && exe !== name) || exe === `./${name}`) return true;
    }
  }
  // A tool copied only into stages that also run on the build platform (a docs generator, a linter).
  const into = model.copies.filter((c) => copyFlows(model, c).some((f) => f.output.cmd === cmd)).map((c) => c.stage);
  return into.length > 0 && into.every((s) => buildsOnBuildPlatform(s));
}

interface Problem {
  variable: 'GOARCH' | 'GOOS';
  kind: 'unset' | 'undeclared';
  setting?: RawSetting;
  vars: string[];
}

function problemsOf(model: Model, cmd: GoCommand, checkOs: boolean): Problem[] {
  const out: Problem[] = [];
  for (const variable of checkOs ? (['GOARCH', 'GOOS'] as const) : (['GOARCH'] as const)) {
    const s = rawSetting(model, cmd, variable);
    if (!s || (s.raw === '' && s.source !== 'image')) {
      if (!s || s.source !== 'image') out.push({ variable, kind: 'unset', setting: s, vars: [] });
      continue;
    }
    const vars = undeclaredVars(model, s, PLATFORM);
    if (vars.length > 0) out.push({ variable, kind: 'undeclared', setting: s, vars });
  }
  return out;
}

function argLines(model: Model, cmd: GoCommand, names: string[]): string[] {
  return names.filter((n) => !visible(model, cmd.run.stage, cmd.run.node.index, n)).map((n) => `${kw(model, 'ARG')} ${n}`);
}

/** ARG TARGETOS/TARGETARCH after the FROM, and GOOS=$TARGETOS GOARCH=$TARGETARCH right before the go word. */
function platformFix(model: Model, cmd: GoCommand): Fix | undefined {
  const stage = cmd.run.stage;
  const edits: TextEdit[] = [];
  const lines = argLines(model, cmd, ['TARGETOS', 'TARGETARCH']);
  let safety: FixSafety = 'safe';
  if (cmd.run.form === 'exec') {
    lines.push(`${kw(model, 'ENV')} GOOS=$TARGETOS GOARCH=$TARGETARCH`);
    safety = 'unsafe';
  } else {
    const arch = cmd.inline.get('GOARCH');
    const os = cmd.inline.get('GOOS');
    const osPart = os ? '' : 'GOOS=$TARGETOS ';
    if (arch) {
      if (!exact(arch.word)) return undefined;
      edits.push({ range: arch.word.range, newText: `${osPart}GOARCH=$TARGETARCH` });
    } else {
      if (!exact(cmd.goWord)) return undefined;
      edits.push(insertAt(cmd.goWord.range.start, `${osPart}GOARCH=$TARGETARCH `));
    }
  }
  if (lines.length > 0) edits.unshift(insertLinesAfter(model, stage.from, lines));
  return { title: `Build for $TARGETOS/$TARGETARCH (declare the ARGs in stage ${stageLabel(stage)})`, safety, edits };
}

function explain(model: Model, cmd: GoCommand, p: Problem): { text: string; related: RelatedInfo[] } {
  const related: RelatedInfo[] = [];
  if (p.kind === 'unset') {
    return { text: `${p.variable} is not set`, related };
  }
  const s = p.setting as RawSetting;
  const where = s.source === 'env' || s.source === 'arg' || s.source === 'go-env' ? `before the ${s.source === 'go-env' ? 'go env -w' : s.source.toUpperCase()} that sets ${p.variable}` : 'before this RUN';
  if (s.range && s.node && s.node !== cmd.run.node) related.push({ range: s.range, message: `${p.variable}=${s.raw} is set here` });
  const globals: string[] = [];
  for (const v of p.vars) {
    const g = globalArg(model, v);
    if (g) {
      globals.push(v);
      related.push({ range: g.node.range, message: `a global ARG ${v} is not visible inside stages: declare it again after FROM` });
    }
  }
  const names = p.vars.join(' and ');
  const globalNote = globals.length > 0 ? ` (the ARG ${globals.join('/')} before the first FROM is global and not visible inside stages)` : '';
  return { text: `${p.variable}=${s.raw}, but ${names} ${p.vars.length > 1 ? 'are' : 'is'} not declared in stage ${stageLabel(cmd.run.stage)} ${where}${globalNote}, so it expands to an empty string`, related };
}

export default defineRule({
  meta: {
    code: 'GD011',
    name: 'cross-compile-wrong-arch',
    description: 'A stage that runs on $BUILDPLATFORM builds Go for the build machine instead of the target platform.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const platforms = facts?.release.platforms ?? [];
    const checkOs = platforms.some((p) => !p.startsWith('linux/') && p !== 'linux');
    const armV = platforms.some((p) => /^linux\/arm(\/v[67])?$/.test(p));
    for (const stage of model.stages) {
      if (stage.os === 'windows' || !buildsOnBuildPlatform(stage)) continue;
      for (const run of stage.runs) {
        for (const cmd of run.goCommands) {
          if (!isBuild(cmd) || !buildsLocalCode(cmd) || runsLocally(model, cmd)) continue;
          const r = checkCommand(model, cmd, checkOs, armV);
          if (r) reports.push(r);
        }
      }
    }
    return reports;
  },
});

function checkCommand(model: Model, cmd: GoCommand, checkOs: boolean, armV: boolean): Report | undefined {
  const stage = cmd.run.stage;
  const from = stage.platform ? stage.platform.flag.range : stage.from.range;
  const fromNote: RelatedInfo = { range: from, message: 'this stage runs on the build platform' };
  if (cmd.xx) {
    if (visible(model, stage, cmd.run.node.index, 'TARGETPLATFORM')) return undefined;
    const lines = argLines(model, cmd, ['TARGETPLATFORM']);
    return {
      range: cmd.goWord.range,
      severity: 'error',
      message: `xx-go reads TARGETPLATFORM, which is not declared in stage ${stageLabel(stage)}: it then builds for the build machine, and the images of the other platforms get a binary of the wrong architecture ("exec format error"). Add ARG TARGETPLATFORM after the FROM.`,
      fixes: [{ title: `Declare ARG TARGETPLATFORM in stage ${stageLabel(stage)}`, safety: 'safe', edits: [insertLinesAfter(model, stage.from, lines)] }],
      related: [fromNote],
    };
  }
  const problems = problemsOf(model, cmd, checkOs);
  if (problems.length > 0) {
    const parts = problems.map((p) => explain(model, cmd, p));
    const arch = problems.find((p) => p.variable === 'GOARCH');
    const inlineArch = arch?.kind === 'undeclared' && arch.setting?.source === 'inline' ? cmd.inline.get('GOARCH')?.word : undefined;
    const range: Range = inlineArch && exact(inlineArch) ? inlineArch.range : cmd.goWord.range;
    const fix = platformFix(model, cmd);
    return {
      range,
      severity: 'error',
      message: `This stage runs on the build platform (FROM --platform=$BUILDPLATFORM) and ${parts.map((p) => p.text).join('; ')}: go ${cmd.sub} compiles for the build machine, so the image of every other platform gets a binary of the wrong ${arch ? 'architecture ("exec format error")' : 'operating system'}. Declare ARG TARGETOS and ARG TARGETARCH in the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH.`,
      fixes: fix ? [fix] : [],
      related: [fromNote, ...parts.flatMap((p) => p.related)],
    };
  }
  if (armV) return armCheck(model, cmd, fromNote);
  return undefined;
}

/** (e) 32-bit arm targets: GOARM defaults to 7 when cross-compiling, so v6 devices get illegal instructions. */
function armCheck(model: Model, cmd: GoCommand, fromNote: RelatedInfo): Report | undefined {
  const s = rawSetting(model, cmd, 'GOARM');
  if (s && /TARGETVARIANT/.test(s.raw)) return undefined;
  const fixes: Fix[] = [];
  if (cmd.run.form !== 'exec' && exact(cmd.goWord) && !cmd.inline.has('GOARM')) {
    const edits: TextEdit[] = [insertAt(cmd.goWord.range.start, 'GOARM=${TARGETVARIANT#v} ')];
    const lines = argLines(model, cmd, ['TARGETVARIANT']);
    if (lines.length > 0) edits.unshift(insertLinesAfter(model, cmd.run.stage.from, lines));
    fixes.push({ title: 'Derive GOARM from TARGETVARIANT', safety: 'suggestion', edits });
  }
  const severity: Severity = 'info';
  return {
    range: cmd.goWord.range,
    severity,
    message: `The workspace builds for 32-bit arm (linux/arm/v6 or v7), but GOARM is ${s ? `${s.raw}, not derived from TARGETVARIANT` : 'not set'}: when cross-compiling Go defaults to GOARM=7, so a linux/arm/v6 image gets instructions its devices cannot run. Set GOARM=\${TARGETVARIANT#v} (with ARG TARGETVARIANT).`,
    fixes,
    related: [fromNote],
  };
}
