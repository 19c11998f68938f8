// GD026: a go build that produces no usable binary, or the wrong one: several packages without
// `-o dir/` (discarded), `-o file` with several packages (build error), a build of a directory that
// has no main package, an entry point that runs a main package nobody built, `go run` as the CMD.
import { insertAt } from '../engine/edits';
import { entryCommand, goOutput, stageGoOutputs } from '../engine/model/artifacts';
import { stageChain } from '../engine/model/env';
import { goFlag } from '../engine/model/gocmd';
import { resolveShellValue } from '../engine/model/goenv';
import { isDevName, lowerSeverity, runtimeTargets } from '../engine/model/queries';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import { basename, resolvePath } from '../engine/paths';
import type { Fix, Range, Severity } from '../engine/types';
import { buildDir, contextDirOf, existingDir, packageDirs } from './lib/build-produces-no-binary-layout';
import { opaqueArgs } from './lib/production-build-flags-goflags';
import { nonDevOutputsOf } from './lib/test-stage-never-built-graph';
import { BUILD_ONLY, defineRule, type Report } from './types';

function pkgRange(cmd: GoCommand): Range | undefined {
  const first = cmd.packages[0];
  const last = cmd.packages[cmd.packages.length - 1];
  return first && last ? { start: first.range.start, end: last.range.end } : undefined;
}

function cmdRange(cmd: GoCommand): Range {
  const last = cmd.subWords[cmd.subWords.length - 1] ?? cmd.goWord;
  return { start: cmd.goWord.range.start, end: last.range.end };
}

/** Commands after `cmd` in its RUN, its stage chain, or stages built FROM it. */
function laterBuilds(model: Model, cmd: GoCommand): GoCommand[] {
  const stage = cmd.run.stage;
  return model.goCommands.filter((g) => {
    if (g === cmd || (g.sub !== 'build' && g.sub !== 'install')) return false;
    const s = g.run.stage;
    if (s !== stage && !stageChain(s).includes(stage) && !stageChain(stage).includes(s)) return false;
    return g.run.node.index > cmd.run.node.index || (g.run === cmd.run && g.commandIndex > cmd.commandIndex);
  });
}

/** How many packages a pattern matches, from the workspace scan (undefined without facts). */
function matchCount(model: Model, cmd: GoCommand): number | undefined {
  if (!model.facts || model.facts.limits.capped) return undefined;
  const ctx = contextDirOf(model, cmd, buildDir(model, cmd));
  if (ctx === undefined) return undefined;
  const dirs = new Set<string>();
  for (const p of cmd.packages) {
    const v = p.value.replace(/^\.\//, '');
    if (!v.includes('...')) {
      dirs.add(v);
      continue;
    }
    const root = v.replace(/\/?\.\.\.$/, '');
    if (root.includes('...') || root.startsWith('.')) return undefined;
    for (const d of packageDirs(model, [ctx, root].filter((x) => x !== '').join('/'))) dirs.add(d);
  }
  return dirs.size;
}

function discardedFixes(model: Model, cmd: GoCommand): Fix[] {
  if (cmd.run.form === 'exec') return [];
  const sub = cmd.subWords[cmd.subWords.length - 1];
  const range = pkgRange(cmd);
  if (!sub || !range) return [];
  const mains = model.facts?.mainPackages ?? [];
  const out: Fix[] = [];
  if (mains.length === 1) {
    const m = mains[0] as (typeof mains)[number];
    const pkg = m.dir === '' ? '.' : `./${m.dir}`;
    out.push({ title: `Build ${pkg} into /out/${m.binary}`, safety: 'unsafe', edits: [insertAt(sub.range.end, ` -o /out/${m.binary}`), { range, newText: pkg }] });
  }
  const underCmd = mains.length > 1 && mains.every((m) => m.dir.startsWith('cmd/'));
  const pkgs = underCmd ? './cmd/...' : cmd.packages.map((p) => p.raw).join(' ');
  const edits = [insertAt(sub.range.end, ' -o /out/')];
  if (underCmd) edits.push({ range, newText: pkgs });
  out.push({ title: `Write every main package to /out/ (go build -o /out/ ${pkgs})`, safety: 'unsafe', edits });
  return out;
}

function entryGoRun(stage: Stage): { range: Range } | undefined {
  const e = entryCommand(stage);
  if (!e) return undefined;
  const node = e.node;
  if (node.form.kind === 'exec') {
    const [a, b] = node.form.elements;
    if (a && b && /(^|\/)go$/.test(a.value) && b.value === 'run') return { range: { start: a.range.start, end: b.range.end } };
    return undefined;
  }
  const [a, b] = node.words;
  if (a && b && /(^|\/)go$/.test(a.value) && b.value === 'run') return { range: { start: a.range.start, end: b.range.end } };
  return undefined;
}

/** (c) The entry runs a main package that none of the builds feeding the stage builds. */
function wrongMain(model: Model, stage: Stage): { range: Range; exe: string; built: string[] } | undefined {
  const mains = model.facts?.mainPackages ?? [];
  const e = entryCommand(stage);
  if (mains.length < 2 || !e || e.form !== 'exec') return undefined;
  const exe = basename(e.argv[0] ?? '');
  const target = mains.find((m) => m.binary === exe);
  if (!target) return undefined;
  const sources = new Set<Stage>([stage, ...stage.copies.map((c) => c.from?.stage).filter((s): s is Stage => s !== undefined)]);
  const built = new Set<string>();
  for (const s of sources) {
    for (const o of stageGoOutputs(model, s)) {
      if (o.discarded) continue;
      if (o.cmd.packages.length === 0 || o.cmd.packages.some((p) => p.value.includes('...') || p.value.includes('$') || p.value.includes('@'))) return undefined;
      const ctx = contextDirOf(model, o.cmd, buildDir(model, o.cmd));
      if (ctx === undefined) return undefined;
      for (const p of o.cmd.packages) built.add(resolvePath(`/${ctx}`, p.value).slice(1));
    }
  }
  const builtMains = mains.filter((m) => built.has(m.dir));
  if (builtMains.length === 0 || built.has(target.dir)) return undefined;
  return { range: e.exeRange, exe, built: builtMains.map((m) => `./${m.dir}`) };
}

export default defineRule({
  meta: {
    code: 'GD026',
    name: 'build-produces-no-binary',
    description: 'A go build writes no usable binary (several packages without -o dir/), fails, or builds another program than the image runs.',
    defaultSeverity: 'error',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    const facts = model.facts;
    for (const cmd of model.goCommands) {
      if (cmd.sub !== 'build' || cmd.packages.some((p) => p.value.includes('@')) || opaqueArgs(cmd)) continue;
      const fed = nonDevOutputsOf(model, cmd.run.stage);
      if (fed.length === 0) continue;
      const lower = Math.min(...fed.map((f) => f.lower));
      const sev = (s: Severity) => lowerSeverity(s, lower);
      const checks = cmd.run.goCommands.some((g) => g.sub === 'test' || g.sub === 'vet');
      const out = goOutput(model, cmd);
      const range = pkgRange(cmd);
      // (a) several packages and no -o: "compiles the packages but discards the results".
      if (out.discarded && range && !checks && laterBuilds(model, cmd).every((g) => goOutput(model, g).discarded)) {
        reports.push({
          range,
          severity: sev('error'),
          message: `\`go build ${cmd.packages.map((p) => p.value).join(' ')}\` builds several packages without \`-o <dir>/\`: go compiles them and discards the result, so no binary is written. Build the main package with \`-o /out/<name>\`, or write all of them with \`-o /out/\`.`,
          fixes: discardedFixes(model, cmd),
        });
        continue;
      }
      // (e) -o <file> with several packages.
      const o = goFlag(cmd, 'o');
      const multi = cmd.packages.length > 1 || cmd.packages.some((p) => p.value.includes('...'));
      if (o?.value && multi && !o.value.endsWith('/') && !checks) {
        const value = resolveShellValue(model, cmd, o.value).value;
        const path = value === undefined ? undefined : resolvePath(buildDir(model, cmd), value);
        const count = cmd.packages.some((p) => p.value.includes('...')) ? matchCount(model, cmd) : cmd.packages.length;
        if (path && path !== '/dev/null' && !existingDir(model, cmd, path) && (count === undefined || count > 1)) {
          const valueWord = o.valueWord ?? o.words[0];
          reports.push({
            range: o.range,
            severity: sev(count === undefined ? 'warning' : 'error'),
            message:
              `${count === undefined ? `If ${cmd.packages.map((p) => p.value).join(' ')} matches more than one package, the` : 'The'} build fails with ` +
              `\`go: cannot write multiple packages to non-directory ${o.value}\`: ${o.value} does not exist in this stage and has no trailing slash. Add the slash to write one binary per main package into the directory.`,
            fixes: valueWord && cmd.run.form !== 'exec' ? [{ title: `Write into the directory ${o.value}/`, safety: 'unsafe', edits: [insertAt(valueWord.range.end, '/')] }] : [],
          });
        }
        continue;
      }
      // (b) `go build` of the WORKDIR, which holds no main package.
      const mains = facts?.mainPackages ?? [];
      const onlyDot = cmd.packages.length === 0 || (cmd.packages.length === 1 && /^\.\/?$/.test(cmd.packages[0]?.value ?? ''));
      if (facts?.module && !facts.limits.capped && mains.length > 0 && onlyDot) {
        const dir = buildDir(model, cmd);
        const ctx = contextDirOf(model, cmd, dir);
        if (ctx !== undefined && !mains.some((m) => m.dir === ctx)) {
          const list = mains.slice(0, 3).map((m) => `./${m.dir}`);
          const last = cmd.packages[0] ?? cmd.command.words[cmd.command.words.length - 1];
          const fixes: Fix[] = cmd.run.form === 'exec' || !last ? [] : mains.slice(0, 3).map((m) => ({
            title: `Build ./${m.dir}`,
            safety: mains.length === 1 ? 'unsafe' : 'suggestion',
            edits: [cmd.packages[0] ? { range: last.range, newText: `./${m.dir}` } : insertAt(last.range.end, ` ./${m.dir}`)],
          }));
          reports.push({
            range: range ?? cmdRange(cmd),
            severity: sev('warning'),
            message: `This builds ${dir}${ctx === '' ? ' (the context root)' : ` (./${ctx} of the context)`}, which has no main package, so it does not produce the program: the main package${mains.length > 1 ? 's are' : ' is'} ${list.join(', ')}. Name it: \`go build -o … ${list[0]}\`.`,
            fixes,
          });
        }
      }
    }
    for (const { stage, lower } of runtimeTargets(model)) {
      if (stageChain(stage).some((s) => isDevName(s.name))) continue;
      // (d) `go run` as the production command.
      const run = entryGoRun(stage);
      // Dockerfile.dev, Dockerfile-local, dev.Dockerfile: the whole file is for development.
      const devFile = isDevName(basename(model.dockerfilePath ?? ''));
      if (run && !devFile) {
        reports.push({
          range: run.range,
          severity: lowerSeverity('warning', lower),
          message: 'The container runs `go run`: it compiles the program at every start (slow start-up, build failures at run time) and needs the toolchain and the source in the image. Build the binary in a build stage and run it from a minimal runtime stage.',
        });
      }
      // (c) the entry runs another main package than the one built.
      const w = wrongMain(model, stage);
      if (w) {
        reports.push({
          range: w.range,
          severity: lowerSeverity('warning', lower),
          message: `The entry point runs \`${w.exe}\`, but the build${w.built.length > 1 ? 's' : ''} feeding this image only build${w.built.length > 1 ? '' : 's'} ${w.built.join(', ')}: the workspace has several main packages and the image gets another one than it runs.`,
        });
      }
    }
    return reports;
  },
});
