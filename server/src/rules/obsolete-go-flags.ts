// GD033: obsolete or counter-productive Go flags and environment (-a, -installsuffix, -i,
// GO111MODULE=on, `go get -d`, GOPATH-era WORKDIR, no-op static/netgo flags with cgo off).
import { deleteInstruction } from '../engine/edits';
import type { GoVersion } from '../engine/images';
import type { InstructionNode } from '../engine/instruction';
import { expandIn, stageChain, stageEnv } from '../engine/model/env';
import { descendantsOf } from '../engine/model/queries';
import { goFlag, goFlags, isBuild, splitFlagValue } from '../engine/model/gocmd';
import { cgoState } from '../engine/model/goenv';
import type { GoCommand, GoFlag, Model, Stage } from '../engine/model/types';
import type { ShellWord } from '../engine/shell';
import type { Fix, Range, Severity, TextEdit } from '../engine/types';
import { deleteCommand, deleteTidy, exact } from './lib/obsolete-go-flags-tidy';
import { replaceFlagValue, withoutExtldflags } from './lib/obsolete-go-flags-values';
import { BUILD_ONLY, defineRule, type Report } from './types';

/** The builder's Go minor version when the image tells it (golang:1.15 → 15); undefined for floating or unknown tags. */
function goMinor(stage: Stage): number | undefined {
  const v: GoVersion | undefined = stage.info.goVersion;
  if (!v || v.major !== 1 || v.minor < 0) return undefined;
  return v.minor;
}

function deleteFlag(model: Model, flag: GoFlag, title: string): Fix[] {
  return flag.words.every((w) => exact(model, w)) ? [{ title, safety: 'safe', edits: [deleteTidy(model, flag.range)] }] : [];
}

function flagText(flag: GoFlag): string {
  return flag.words.map((w) => w.raw).join(' ');
}

function buildFlags(model: Model, cmd: GoCommand, reports: Report[]): void {
  const stage = cmd.run.stage;
  const minor = goMinor(stage);
  for (const f of goFlags(cmd, 'a')) {
    if (f.value !== undefined) continue;
    reports.push({
      range: f.range,
      severity: 'warning',
      message: '`-a` forces every package, the standard library included, to be rebuilt: it defeats the Go build cache (and any cache mount) and only slows the build down. The build cache already rebuilds what changed.',
      fixes: deleteFlag(model, f, 'Remove -a'),
    });
  }
  for (const f of goFlags(cmd, 'installsuffix')) {
    reports.push({
      range: f.range,
      message: `\`${flagText(f)}\` is a leftover from Go before 1.10: CGO_ENABLED=0 alone gives a static binary, and the build cache makes a separate install suffix pointless.`,
      fixes: deleteFlag(model, f, `Remove ${flagText(f)}`),
    });
  }
  for (const f of goFlags(cmd, 'i')) {
    if (f.value !== undefined) continue;
    const removed = minor === undefined ? stage.info.go === true && stage.info.goVersion === undefined : minor >= 20;
    const severity: Severity = removed ? 'error' : stage.info.go ? 'info' : 'warning';
    const message = removed
      ? `\`go ${cmd.sub} -i\` fails on Go 1.20 and later ("flag provided but not defined: -i"): the flag was deprecated in Go 1.16 and removed in 1.20. Remove it; the build cache does what it did.`
      : '`-i` is deprecated since Go 1.16 and rejected from Go 1.20 on: the build cache made it useless. Remove it.';
    reports.push({ range: f.range, severity, message, fixes: deleteFlag(model, f, 'Remove -i') });
  }
  const cgo = cgoState(model, cmd);
  if (cgo.mode !== 'off') return;
  const cgoWhy = cgo.setting?.value === '0' ? 'CGO_ENABLED=0 is set' : 'cgo is off (the builder has no C compiler)';
  const ld = goFlag(cmd, 'ldflags');
  if (ld?.value !== undefined) {
    const tokens = splitFlagValue(ld.value);
    const k = tokens.findIndex((t) => /^--?extldflags(=|$)/.test(t));
    const arg = k < 0 ? undefined : tokens[k]?.includes('=') ? tokens[k]?.slice(tokens[k]!.indexOf('=') + 1) : tokens[k + 1];
    if (arg !== undefined && /(^|\s)-static(\s|$)/.test(arg) && !tokens.some((t) => /^--?linkmode/.test(t))) {
      const cut = withoutExtldflags(ld.value);
      const fixes: Fix[] = [];
      if (cut && cut.value === '') fixes.push(...deleteFlag(model, ld, 'Remove the -ldflags that only set -extldflags'));
      else if (cut) {
        const edit = ld.words.every((w) => exact(model, w)) ? replaceFlagValue(ld, cut.value) : undefined;
        if (edit) fixes.push({ title: `Remove ${cut.removed} from -ldflags`, safety: 'safe', edits: [edit] });
      }
      reports.push({
        range: ld.range,
        message: `\`-extldflags "-static"\` does nothing here: ${cgoWhy}, so the Go linker links internally, never runs an external linker, and the binary is static already.`,
        fixes,
      });
    }
  }
  for (const f of goFlags(cmd, 'tags')) {
    const value = f.value ?? '';
    const sep = value.includes(',') ? ',' : ' ';
    const tags = value.split(/[,\s]+/).filter((x) => x !== '');
    const pointless = tags.filter((t) => t === 'netgo' || t === 'osusergo');
    if (pointless.length === 0) continue;
    const rest = tags.filter((t) => t !== 'netgo' && t !== 'osusergo');
    const fixes: Fix[] = [];
    const title = `Remove ${pointless.map((t) => `"${t}"`).join(' and ')} from -tags`;
    if (rest.length === 0) fixes.push(...deleteFlag(model, f, title));
    else {
      const edit = f.words.every((w) => exact(model, w)) ? replaceFlagValue(f, rest.join(sep)) : undefined;
      if (edit) fixes.push({ title, safety: 'safe', edits: [edit] });
    }
    reports.push({
      range: f.range,
      message: `\`-tags ${pointless.join(',')}\` is pointless here: ${cgoWhy}, so net and os/user already use their pure-Go implementations. These tags only matter for a cgo build.`,
      fixes,
    });
  }
}

interface Setting {
  range: Range;
  stage: Stage;
  edit?: TextEdit;
}

/** GO111MODULE=on settings: ENV, ARG (stage), inline on a go command, `export`. */
function moduleSettings(model: Model): Setting[] {
  const out: Setting[] = [];
  const whole = (node: InstructionNode, count: number, word: Range): TextEdit => (count === 1 ? deleteInstruction(model, node) : deleteTidy(model, word));
  for (const stage of model.stages) {
    for (const e of stage.envs) {
      if (e.name !== 'GO111MODULE' || e.value !== 'on') continue;
      const count = stage.envs.filter((x) => x.node === e.node).length;
      const legacy = !e.node.words[0]?.value.includes('=');
      out.push({ range: { start: e.nameRange.start, end: e.valueRange.end }, stage, edit: legacy ? deleteInstruction(model, e.node) : whole(e.node, count, { start: e.nameRange.start, end: e.valueRange.end }) });
    }
    for (const a of stage.args) {
      if (a.name !== 'GO111MODULE' || a.value !== 'on' || !a.valueRange) continue;
      const count = stage.args.filter((x) => x.node === a.node).length;
      out.push({ range: { start: a.nameRange.start, end: a.valueRange.end }, stage, edit: whole(a.node, count, { start: a.nameRange.start, end: a.valueRange.end }) });
    }
  }
  const seen = new Set<ShellWord>();
  for (const cmd of model.goCommands) {
    const inline = cmd.inline.get('GO111MODULE');
    if (!inline || inline.value !== 'on' || seen.has(inline.word)) continue;
    seen.add(inline.word);
    out.push({ range: inline.word.range, stage: cmd.run.stage, edit: exact(model, inline.word) ? deleteTidy(model, inline.word.range) : undefined });
  }
  for (const run of model.runs) {
    if (run.goCommands.length === 0) continue;
    for (const script of run.scripts) {
      script.commands.forEach((c, i) => {
        if (c.words[0]?.value !== 'export') return;
        const ws = c.words.slice(1);
        const w = ws.find((x) => x.value === 'GO111MODULE=on');
        if (!w) return;
        const edit = !exact(model, w) ? undefined : ws.length > 1 ? deleteTidy(model, w.range) : deleteCommand(script.commands, i);
        out.push({ range: w.range, stage: run.stage, edit });
      });
    }
  }
  return out;
}

/**
 * WORKDIR /go/src/<host>/… in a stage that builds a module. Projects that still build in GOPATH mode
 * (docker/cli has no go.mod) need that path, so module mode must be shown: go.mod in the workspace or
 * copied, a `go mod` command or GO111MODULE=on in the stage, its FROM chain or the stages built FROM it,
 * and nowhere GO111MODULE=off/auto.
 */
function gopathWorkdirs(model: Model, reports: Report[]): void {
  const family = (stage: Stage): Stage[] => [...new Set([...stageChain(stage), ...descendantsOf(model, stage)])];
  const copiesGoMod = (s: Stage) => s.copies.some((c) => !c.from && c.sources.some((x) => /(^|\/)go\.(mod|\*)$/.test(x.value)));
  const modCommand = (s: Stage) => s.runs.some((r) => r.goCommands.some((g) => g.sub.startsWith('mod ')));
  const modeIn = (s: Stage) => [stageEnv(model, s, Number.POSITIVE_INFINITY, 'GO111MODULE')?.value, ...s.runs.flatMap((r) => r.goCommands.map((g) => g.inline.get('GO111MODULE')?.value))];
  for (const stage of model.stages) {
    for (const node of stage.instructions) {
      if (node.keyword !== 'WORKDIR') continue;
      const value = expandIn(model, stage, node.index, node.args.text.trim());
      if (!/^\/go\/src\/[^/]+\.[^/]+\//.test(value.endsWith('/') ? value : `${value}/`)) continue;
      const stages = family(stage);
      const modes = stages.flatMap(modeIn);
      if (modes.includes('off') || modes.includes('auto') || (goMinor(stage) ?? 99) < 16) continue;
      const module = model.facts ? model.facts.module !== undefined : stages.some((s) => copiesGoMod(s) || modCommand(s)) || modes.includes('on');
      if (!module) continue;
      reports.push({
        range: node.argsRange,
        message: `\`WORKDIR ${value}\` is the GOPATH-era layout. In module mode the directory means nothing to the go command (import paths come from go.mod), so the long path only mixes the project into GOPATH: use a short one such as /src.`,
      });
    }
  }
}

export default defineRule({
  meta: {
    code: 'GD033',
    name: 'obsolete-go-flags',
    description: 'Obsolete or counter-productive Go flags and environment: -a, -installsuffix, -i, GO111MODULE=on, no-op static/netgo flags with cgo off.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const cmd of model.goCommands) {
      if (isBuild(cmd)) buildFlags(model, cmd, reports);
      if (cmd.sub === 'get') {
        for (const f of goFlags(cmd, 'd')) {
          if (f.value !== undefined) continue;
          reports.push({
            range: f.range,
            message: '`go get -d` is a GOPATH-era idiom: since Go 1.18 `go get` never builds or installs, so -d has no effect. To fetch dependencies use `go mod download` (GD028).',
            fixes: deleteFlag(model, f, 'Remove -d'),
          });
        }
      }
    }
    for (const s of moduleSettings(model)) {
      if ((goMinor(s.stage) ?? 99) < 16) continue;
      reports.push({
        range: s.range,
        message: 'GO111MODULE=on is the default since Go 1.16: module mode is always on. The setting only matters for toolchains older than 1.16.',
        fixes: s.edit ? [{ title: 'Remove GO111MODULE=on', safety: 'safe', edits: [s.edit] }] : [],
      });
    }
    gopathWorkdirs(model, reports);
    return reports;
  },
});
