// npm run prove: builds the example projects' naive, fixed and generated Dockerfiles on a real
// container engine, measures image size, cold build, source-only rebuild and whether the container
// answers, shows that the known-bad files fail the way their findings say, and writes docs/RESULTS.md.
//   npm run prove [-- --only http-service] [--out docs/RESULTS.md] [--state DIR]
//   npm run prove -- --check   exit 0 when a container engine works here, 3 when none does
//   npm run prove -- --fresh   start from nothing (removes the state folder: stand-ins, cache, logs)
// Not part of npm test: it needs root, podman/buildah (or a Docker daemon) and several minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyEdits, lint } from '../server/src/api';
import { scanWorkspace } from '../server/src/workspace';
import { detectEngine, type Engine, type RunResult } from './prove/engine';
import { BAD_CASES, EXAMPLES, type BadCase, type Example } from './prove/examples';
import { renderResults, type BadResult, type ExampleResult, type Machine, type VariantResult } from './prove/report';
import { ensureStandIns, type StandInReport } from './prove/standins';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'dist/cli.js');

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function cli(args: string[], cwd = REPO): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    if (e.status === 1) return `${e.stdout ?? ''}${e.stderr ?? ''}`;
    throw new Error(`go-dockerfile ${args.join(' ')} failed: ${e.stderr ?? String(err)}`);
  }
}

/** `lint --fix` prints "PATH: applied N fixes: CODE title; CODE title" on stderr. */
function lintFixApplied(file: string, extra: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--fix', '--no-fail', '--no-color', ...extra, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lint --fix ${extra.join(' ')} ${file}: exit ${r.status}\n${r.stderr}`);
  const m = /applied \d+ fix(?:es)?: (.*)$/m.exec(`${r.stdout}${r.stderr}`);
  return m ? m[1].split('; ') : [];
}

type Finding = ReturnType<typeof lint>[number];
type Chooser = (f: Finding) => Finding['fixes'][number] | undefined;

/** Applies, one at a time through the fix API, the fix `choose` picks for some finding, until none is left. */
async function applyChosen(dir: string, choose: Chooser, note: string): Promise<string[]> {
  const file = path.join(dir, 'Dockerfile');
  const facts = await scanWorkspace(dir);
  const applied: string[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const text = readFileSync(file, 'utf8');
    const findings = lint(text, { facts, dockerfilePath: 'Dockerfile' });
    const pick = findings.map((f) => ({ f, fix: choose(f) })).find((p) => p.fix !== undefined && p.fix.edits.length > 0 && p.fix.edits.every((e) => e.file === undefined));
    if (!pick?.fix) break;
    writeFileSync(file, applyEdits(text, pick.fix.edits));
    applied.push(`${pick.f.code} ${pick.fix.title} (${note})`);
  }
  return applied;
}

/** The suggestions a user would pick in the editor: the first suggestion of each finding. */
const firstSuggestion: Chooser = (f) => f.fixes.find((x) => x.safety === 'suggestion');

/** The example's picks (examples.ts), taken before the default fixes could take their place. */
function picked(ex: Example): Chooser {
  return (f) => f.fixes.find((x) => (ex.picks ?? []).some((p) => p.title.test(x.title)));
}

/** `lint --fix`, then `--unsafe-fixes`, then the remaining suggestions; with the example's picks first unless `defaults`. */
async function fixLikeAUser(ex: Example, dir: string, defaults: boolean): Promise<string[]> {
  const file = path.join(dir, 'Dockerfile');
  const picks = defaults ? [] : await applyChosen(dir, picked(ex), 'picked suggestion');
  return [...picks, ...lintFixApplied(file, []), ...lintFixApplied(file, ['--unsafe-fixes']), ...(await applyChosen(dir, firstSuggestion, 'suggestion'))];
}

function copyExample(ex: Example, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  cpSync(path.join(REPO, 'examples', ex.dir), dest, { recursive: true });
}

interface Variant {
  key: string;
  label: string;
  prepare: (ex: Example, dir: string) => Promise<string[]>;
}

/** What is built for an example: naive, fixed (with its picks), fixed with the default choices when it has picks, generated. */
function variantsFor(ex: Example): Variant[] {
  const picks = (ex.picks ?? []).map((p) => p.label).join(', ');
  return [
    { key: 'naive', label: 'naive (as written)', prepare: async () => [] },
    {
      key: 'fixed',
      label: `fixed: ${picks ? `the ${picks} suggestion, then ` : ''}\`lint --fix\`, then \`--unsafe-fixes\`, then suggestions`,
      prepare: async (e, dir) => fixLikeAUser(e, dir, false),
    },
    ...(picks
      ? [{ key: 'fixed-default', label: 'fixed with the default choices (no picked suggestion)', prepare: async (e: Example, dir: string) => fixLikeAUser(e, dir, true) }]
      : []),
    generated(ex.picks?.flatMap((p) => p.generateArgs) ?? [], 'generated'),
    ...(picks ? [generated([], 'generated-default')] : []),
  ];
}

/** `go-dockerfile generate --write --force` with `extra` options. */
function generated(extra: string[], key: string): Variant {
  return {
    key,
    label: `\`go-dockerfile generate --write --force${extra.length > 0 ? ` ${extra.join(' ')}` : ''}\``,
    prepare: async (_e, dir) => {
      cli(['generate', dir, '--write', '--force', ...extra]);
      return [];
    },
  };
}

function cacheHits(logFile: string): { hits: number; steps: number } {
  const text = readFileSync(logFile, 'utf8');
  return { hits: (text.match(/^--> Using cache /gm) ?? []).length, steps: (text.match(/^(\[\d+\/\d+\] )?STEP \d+\/\d+: (?!FROM )/gm) ?? []).length };
}

function touch(ex: Example, dir: string, n: number): void {
  const file = path.join(dir, ex.touch.file);
  const text = readFileSync(file, 'utf8');
  if (!ex.touch.pattern.test(text)) throw new Error(`${ex.dir}/${ex.touch.file}: no line matches ${ex.touch.pattern}`);
  writeFileSync(file, text.replace(ex.touch.pattern, `$1r${n} `));
}

function selftest(engine: Engine, tag: string): { ok: boolean; output: string } {
  const r = engine.run(tag, [], { SELFTEST: '1' });
  const ok = r.code === 0 && /^selftest: .* -> 20[01] /m.test(r.output);
  return { ok, output: r.output.trim().split('\n').slice(-2).join(' / ') };
}

async function proveExample(engine: Engine, ex: Example, work: string, logs: string): Promise<ExampleResult> {
  const variants: VariantResult[] = [];
  for (const v of variantsFor(ex)) {
    const dir = path.join(work, `${ex.dir}-${v.key}`);
    copyExample(ex, dir);
    const fixes = await v.prepare(ex, dir);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const tag = `gd-prove/${ex.dir}-${v.key}`;
    log(`== ${ex.dir} / ${v.key}: cold build`);
    engine.reset();
    const coldLog = path.join(logs, `${ex.dir}-${v.key}-cold.log`);
    const cold = engine.build(dir, path.join(dir, 'Dockerfile'), tag, coldLog);
    const result: VariantResult = { key: v.key, label: v.label, dockerfile, fixes, cold: cold.seconds, built: cold.code === 0, buildError: cold.code === 0 ? undefined : tail(cold), rebuilds: [], runs: false, runOutput: '' };
    if (cold.code === 0) {
      result.size = engine.sizeBytes(tag);
      const t = selftest(engine, tag);
      result.runs = t.ok;
      result.runOutput = t.output;
      for (let n = 1; n <= 2; n++) {
        touch(ex, dir, n);
        const f = path.join(logs, `${ex.dir}-${v.key}-rebuild${n}.log`);
        const r = engine.build(dir, path.join(dir, 'Dockerfile'), tag, f);
        result.rebuilds.push({ seconds: r.seconds, ok: r.code === 0, ...cacheHits(f) });
        log(`   rebuild ${n}: ${r.seconds.toFixed(1)} s (${r.code === 0 ? 'ok' : 'FAILED'})`);
      }
      const after = selftest(engine, tag);
      result.runsAfterRebuild = after.ok;
    }
    log(`   cold ${cold.seconds.toFixed(1)} s, ${result.built ? `${((result.size ?? 0) / 1e6).toFixed(1)} MB, runs: ${result.runs}` : 'BUILD FAILED'}`);
    variants.push(result);
  }
  return { example: ex, variants };
}

function tail(r: RunResult, lines = 6): string {
  return r.output.trim().split('\n').filter((l) => !/^(\[\d+\/\d+\] )?(STEP|-->|COMMIT|Getting image|Copying|Writing manifest|Storing signatures)/.test(l)).slice(-lines).join('\n');
}

function findingsFor(bad: BadCase): { code: string; message: string }[] {
  const out = cli(['lint', '--format', 'json', '--no-fail', '--workspace', path.join(REPO, 'examples', bad.context), path.join(REPO, 'examples/known-bad', bad.file)]);
  const doc = JSON.parse(out) as { files: { findings: { code: string; message: string }[] }[] };
  return doc.files.flatMap((f) => f.findings).filter((f) => bad.codes.includes(f.code));
}

function proveBad(engine: Engine, bad: BadCase, work: string, logs: string): BadResult {
  const findings = findingsFor(bad);
  const tag = `gd-prove/bad-${bad.file.replace(/\.Dockerfile$/, '')}`;
  log(`== known bad: ${bad.file}`);
  const b = engine.build(path.join(REPO, 'examples', bad.context), path.join(REPO, 'examples/known-bad', bad.file), tag, path.join(logs, `bad-${bad.file}.log`));
  let failedAt: BadResult['failedAt'] = 'nowhere';
  let error = '';
  if (b.code !== 0) {
    failedAt = 'build';
    error = tail(b, 4);
  } else {
    const r = engine.run(tag, [], { SELFTEST: '1' });
    if (r.code !== 0) {
      failedAt = 'run';
      error = r.output.trim().split('\n').slice(-3).join('\n');
    } else error = r.output.trim();
  }
  const asClaimed = findings.length > 0 && failedAt === bad.fails && bad.expect.test(error);
  log(`   ${findings.map((f) => f.code).join(', ') || 'NO FINDING'}; failed at ${failedAt}; as claimed: ${asClaimed}`);
  return { bad, findings, failedAt, error, asClaimed, afterFix: proveBadFixed(engine, bad, work, logs) };
}

/** The same file after `lint --fix --unsafe-fixes`: it must build and answer. */
function proveBadFixed(engine: Engine, bad: BadCase, work: string, logs: string): BadResult['afterFix'] {
  mkdirSync(work, { recursive: true });
  const file = path.join(work, bad.file);
  writeFileSync(file, readFileSync(path.join(REPO, 'examples/known-bad', bad.file), 'utf8'));
  const fixes = lintFixApplied(file, ['--unsafe-fixes', '--workspace', path.join(REPO, 'examples', bad.context)]);
  const tag = `gd-prove/bad-fixed-${bad.file.replace(/\.Dockerfile$/, '')}`;
  const b = engine.build(path.join(REPO, 'examples', bad.context), file, tag, path.join(logs, `bad-fixed-${bad.file}.log`));
  const t = b.code === 0 ? selftest(engine, tag) : { ok: false, output: tail(b, 3) };
  log(`   after lint --fix --unsafe-fixes: ${b.code === 0 ? (t.ok ? 'builds and answers' : 'builds, does NOT answer') : 'does NOT build'}`);
  return { fixes, built: b.code === 0, runs: t.ok, output: t.output, dockerfile: readFileSync(file, 'utf8') };
}

function machine(engine: Engine, load: string): Machine {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.arch();
  const osRelease = existsSync('/etc/os-release') ? (/^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '') : '';
  return {
    os: `${osRelease}, kernel ${os.release()}`,
    cpu: `${os.cpus().length} × ${cpu}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    engine: engine.version(),
    node: process.version,
    linter: `go-dockerfile ${cli(['--version']).trim().replace(/^go-dockerfile\s*/, '')}`,
    loadBefore: load,
    loadAfter: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const state = path.resolve(arg('--state') ?? process.env.GD_PROVE_STATE ?? path.join(os.homedir(), '.cache/go-dockerfile-prove'));
  const out = path.resolve(REPO, arg('--out') ?? 'docs/RESULTS.md');
  const only = arg('--only');
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  if (process.argv.includes('--fresh')) {
    // podman bind-mounts its overlay folder onto itself: unmount before removing the state.
    spawnSync('umount', [path.join(state, 'storage/overlay')], { stdio: 'ignore' });
    rmSync(state, { recursive: true, force: true });
  }
  mkdirSync(state, { recursive: true });
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run prove does)');
  const engine = detectEngine(state, log);
  if (!engine) {
    log('prove: no working container engine (install podman, buildah and runc, run as root); nothing proved');
    process.exitCode = 3;
    return;
  }
  if (process.argv.includes('--check')) return;
  let standIns: StandInReport | undefined;
  if (!engine.registry) {
    log('== local stand-in base images');
    standIns = ensureStandIns(engine, state, log);
    log(`   ${standIns.created.length > 0 ? `created ${standIns.created.join(', ')}` : 'all cached'} in ${standIns.seconds.toFixed(1)} s; ${standIns.goVersion}`);
  }
  const work = path.join(state, 'work');
  const logs = path.join(state, 'logs');
  mkdirSync(logs, { recursive: true });
  const results: ExampleResult[] = [];
  for (const ex of EXAMPLES.filter((e) => !only || e.dir === only)) results.push(await proveExample(engine, ex, work, logs));
  const bads = BAD_CASES.filter((b) => !only || b.context === only).map((b) => proveBad(engine, b, path.join(work, 'known-bad'), logs));
  engine.reset();
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(out, renderResults({ machine: machine(engine, load), standIns, results, bads, seconds, date: new Date().toISOString() }));
  log(`prove: wrote ${path.relative(REPO, out)} (${seconds.toFixed(0)} s in all)`);
  const broken = [
    ...results.flatMap((r) => r.variants.filter((v) => v.key !== 'naive' && (!v.built || !v.runs)).map((v) => `${r.example.dir}/${v.key}`)),
    ...bads.filter((b) => !b.afterFix.runs).map((b) => `known-bad/${b.bad.file} after lint --fix --unsafe-fixes`),
  ];
  const unproven = bads.filter((b) => !b.asClaimed).map((b) => b.bad.file);
  if (broken.length > 0) log(`prove: fixed or generated images that do not build or run: ${broken.join(', ')}`);
  if (unproven.length > 0) log(`prove: known-bad files that did not fail as their findings say: ${unproven.join(', ')}`);
  if (broken.length > 0 || unproven.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(`prove: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 2;
});
