// GD027: vendor/ is mishandled: `go mod download` although the build uses vendor/, a redundant
// -mod=vendor (the default since Go 1.14 when vendor/modules.txt exists), -mod=mod bypassing
// vendor/ (network needed), or .dockerignore leaving vendor/ out. GD022 leaves vendor/ to this rule.
import type { WorkspaceFacts } from '../engine/facts';
import { deleteInstruction } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { contextPlacements, contextView, landing, landings } from '../engine/model/context-files';
import { stageChain } from '../engine/model/env';
import { goFlag } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import type { GoCommand, Model } from '../engine/model/types';
import type { Fix, FixSafety, Range, TextEdit } from '../engine/types';
import { ignoreView, patternRange, patternText } from './lib/dockerignore-match';
import { deleteCommand, deleteToken } from './lib/go-sum-copy-mismatch-edits';
import { BUILD_ONLY, defineRule, type Report } from './types';

const BUILDS = new Set(['build', 'install', 'test', 'vet', 'run', 'list', 'generate']);

function localBuild(g: GoCommand): boolean {
  return BUILDS.has(g.sub) && (g.packages.length === 0 || g.packages.some((p) => !p.value.includes('@')));
}

/** Go ≥ 1.14 in go.mod: vendor/ is used by default (`go help build`). A missing directive counts as modern. */
function vendorByDefault(facts: WorkspaceFacts): boolean {
  const [maj, min] = (facts.module?.goVersion ?? '1.16').split('.').map(Number);
  return (maj ?? 1) > 1 || (min ?? 16) >= 14;
}

interface ModeSetting {
  value: string;
  range: Range;
  /** How to remove it, when that can be done cleanly. */
  edit?: TextEdit;
  where: 'flag' | 'GOFLAGS';
}

/** The -mod setting of a go command: the flag, else GOFLAGS from the command's environment. */
function modeOf(model: Model, g: GoCommand): ModeSetting | undefined {
  const f = goFlag(g, 'mod');
  if (f?.value !== undefined) return { value: f.value, range: f.range, edit: deleteToken(model, f.range), where: 'flag' };
  const env = goEnv(model, g, 'GOFLAGS');
  const m = /(?:^|\s)-mod=(\S+)/.exec(env?.value ?? '');
  if (!env || !m || !env.range) return undefined;
  let edit: TextEdit | undefined;
  if ((env.value ?? '').trim() === m[0].trim()) {
    if (env.source === 'inline') edit = deleteToken(model, env.range);
    else if ((env.source === 'env' || env.source === 'arg') && env.node && declCount(model, env.node) === 1) edit = deleteInstruction(model, env.node);
  }
  return { value: m[1] as string, range: env.range, edit, where: 'GOFLAGS' };
}

function declCount(model: Model, node: InstructionNode): number {
  const stage = model.stages[node.stage];
  if (!stage) return model.globalArgs.filter((a) => a.node === node).length;
  return stage.envs.filter((e) => e.node === node).length + stage.args.filter((a) => a.node === node).length;
}

/** vendor/modules.txt reaches the image before `g` runs (with workspace facts). */
function vendorInImage(model: Model, g: GoCommand, ignored: (p: string) => boolean): boolean {
  const view = contextView(model, g.run.stage, g.run.node.index, g.run);
  return landings(view, 'vendor/modules.txt', { ignored }).length > 0 || view.opaque.length > 0;
}

/** Every -mod setting that reaches a local build: flags, inline GOFLAGS, ENV/ARG GOFLAGS of the stages they run in. */
function settings(model: Model, builds: GoCommand[]): ModeSetting[] {
  const out: ModeSetting[] = [];
  const add = (m: ModeSetting | undefined): void => {
    if (m && !out.some((x) => x.range.start.line === m.range.start.line && x.range.start.character === m.range.start.character)) out.push(m);
  };
  const stages = new Set(builds.flatMap((g) => stageChain(g.run.stage)));
  for (const g of builds) {
    const f = goFlag(g, 'mod');
    if (f?.value !== undefined) add({ value: f.value, range: f.range, edit: deleteToken(model, f.range), where: 'flag' });
    const inline = g.inline.get('GOFLAGS');
    if (inline) add(goflags(inline.value, inline.word.range, () => deleteToken(model, inline.word.range)));
  }
  for (const st of model.stages) {
    if (!stages.has(st)) continue;
    for (const d of [...st.envs, ...st.args]) {
      if (d.name !== 'GOFLAGS' || d.value === undefined) continue;
      const node = d.node;
      add(goflags(d.value, d.valueRange ?? d.nameRange, () => (declCount(model, node) === 1 ? deleteInstruction(model, node) : undefined)));
    }
  }
  return out;
}

function goflags(value: string, range: Range, remove: () => TextEdit | undefined): ModeSetting | undefined {
  const m = /(?:^|\s)-mod=(\S+)/.exec(value);
  if (!m) return undefined;
  return { value: m[1] as string, range, edit: value.trim() === m[0].trim() ? remove() : undefined, where: 'GOFLAGS' };
}

export default defineRule({
  meta: {
    code: 'GD027',
    name: 'vendor-mishandled',
    description: 'The vendor/ directory is mishandled: a needless module download, a redundant or bypassing -mod flag, or vendor/ left out of the context.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const ign = ignoreView(model, facts);
    const builds = model.goCommands.filter(localBuild);
    const modes = new Map(builds.map((g) => [g, modeOf(model, g)]));
    const explicitVendor = builds.filter((g) => modes.get(g)?.value === 'vendor');
    const bypass = builds.filter((g) => modes.get(g)?.value === 'mod');

    // (d) .dockerignore leaves vendor/ out although the Dockerfile copies it.
    const dropped = facts?.vendor ? ign.by('vendor/modules.txt') : undefined;
    if (facts && ign.file && dropped) {
      const user = contextPlacements(model).find((p) => landing(p, 'vendor/modules.txt') !== undefined);
      if (user) {
        const fails = explicitVendor.length > 0;
        reports.push({
          file: ign.file.file,
          range: patternRange(dropped),
          severity: fails ? 'error' : 'warning',
          message: `\`${patternText(dropped)}\` leaves vendor/ out of the build context, although the module is vendored and the Dockerfile copies it (line ${user.node.range.start.line + 1}): ${fails ? 'the build with -mod=vendor fails with `inconsistent vendoring` / `cannot find module providing package`' : 'the build silently falls back to downloading every module (network needed, versions no longer pinned by vendor/)'}. Remove the pattern, or add \`!vendor\` after it.`,
          related: [{ range: user.node.range, message: 'the context is copied here' }],
        });
      }
    }
    if (dropped) return reports;

    const byDefault = facts ? facts.vendor && vendorByDefault(facts) : false;
    const vendored = facts ? facts.vendor && (byDefault || explicitVendor.length > 0) : explicitVendor.length > 0;
    if (!vendored) return reports;
    const safety: FixSafety = facts ? 'safe' : 'unsafe';

    // (a) go mod download although the build reads vendor/.
    if (bypass.length === 0) {
      for (const g of model.goCommands) {
        if (g.sub !== 'mod download' || g.packages.some((p) => p.value.includes('@'))) continue;
        // Only downloads that a build using vendor/ follows (vendor/ has to reach the image for that).
        // Without facts only an explicit -mod=vendor shows that a build reads vendor/.
        const users = (facts ? builds : explicitVendor).filter((b) => stageChain(b.run.stage).includes(g.run.stage));
        if (users.length === 0 || (facts && !users.some((b) => vendorInImage(model, b, ign.ignored)))) continue;
        const run = g.run;
        const edit = run.commands.length === 1 ? deleteInstruction(model, run.node) : deleteCommand(run.commands, g.commandIndex);
        const fixes: Fix[] = edit ? [{ title: run.commands.length === 1 ? 'Remove this RUN go mod download' : 'Remove go mod download from this RUN', safety, edits: [edit] }] : [];
        reports.push({
          range: g.command.range,
          severity: 'info',
          message: `The module is vendored${facts ? ' (vendor/modules.txt, go ≥ 1.14)' : ' (-mod=vendor)'}, so the build reads vendor/ and \`go mod download\` fetches modules nothing uses: it costs time and network. Remove it and keep copying go.mod and go.sum (run \`go mod vendor\` in CI to keep vendor/ fresh).`,
          fixes,
        });
      }
    }

    if (!facts || !byDefault) return reports;
    const vendorThere = builds.some((g) => vendorInImage(model, g, ign.ignored));
    for (const m of settings(model, builds)) {
      if (m.value === 'vendor' && vendorThere) {
        // (b) redundant: the default.
        reports.push({
          range: m.range,
          severity: 'hint',
          message: `-mod=vendor${m.where === 'GOFLAGS' ? ' in GOFLAGS' : ''} is redundant: with vendor/modules.txt and go ≥ 1.14 in go.mod, the go command uses vendor/ by default.`,
          fixes: m.edit ? [{ title: m.where === 'GOFLAGS' ? 'Remove GOFLAGS=-mod=vendor' : 'Remove -mod=vendor', safety: 'safe', edits: [m.edit] }] : [],
        });
      } else if (m.value === 'mod') {
        // (c) bypasses vendor/.
        reports.push({
          range: m.range,
          severity: 'warning',
          message: `-mod=mod${m.where === 'GOFLAGS' ? ' in GOFLAGS' : ''} makes the go command ignore vendor/: it downloads every module (network and GOPROXY needed in the build) and may compile other code than the reviewed vendor/ tree. Drop it to build from vendor/.`,
          fixes: m.edit ? [{ title: m.where === 'GOFLAGS' ? 'Remove GOFLAGS=-mod=mod' : 'Remove -mod=mod', safety: 'unsafe', edits: [m.edit] }] : [],
        });
      }
    }
    return reports;
  },
});
