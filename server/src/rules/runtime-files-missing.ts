// GD023: files the program reads at run time (relative paths resolve against WORKDIR) are not in
// the runtime image: templates, static assets, migrations, config files. From workspace facts
// (runtime reads not covered by //go:embed) and, without them, from config-like arguments of the
// entry command.
import type { RuntimeRead, WorkspaceFacts } from '../engine/facts';
import { insertLinesAfter, insertLinesBefore, kw } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { copyFlows, entryBuiltInChain, entryCommand, goOutput, type EntryCommand } from '../engine/model/artifacts';
import { contextView, landings } from '../engine/model/context-files';
import { hasWorkdir, stageChain, workdirAt } from '../engine/model/env';
import { lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { CopyNode, GoCommand, Model, Stage } from '../engine/model/types';
import { basename, hasGlob, isWithin, resolvePath } from '../engine/paths';
import type { Fix, Range, Severity } from '../engine/types';
import { lineRange } from './lib/dockerignore-match';
import { BUILD_ONLY, defineRule, type Report } from './types';

/** The part of a read path before its first glob segment: "web/templates/*.html" → "web/templates". */
export function staticPrefix(p: string): string {
  const segs = p.replace(/^\.\/+/, '').replace(/\/+$/, '').split('/');
  const k = segs.findIndex((s) => hasGlob(s));
  return (k < 0 ? segs : segs.slice(0, k)).join('/');
}

interface Program {
  stage: Stage;
  lower: number;
  /** The COPY that brings the binary in (multi-stage), or undefined when it is built in the chain. */
  binCopy?: CopyNode;
  build?: GoCommand;
  entry?: EntryCommand;
  wd: string;
}

function program(model: Model, stage: Stage, lower: number): Program | undefined {
  const entry = entryCommand(stage);
  const wd = workdirAt(model, stage, Number.POSITIVE_INFINITY);
  for (const s of stageChain(stage)) {
    for (const c of s.copies) {
      const flow = copyFlows(model, c)[0];
      if (flow) return { stage, lower, binCopy: c, build: flow.output.cmd, entry, wd };
    }
  }
  const built = entryBuiltInChain(model, stage);
  if (built) return { stage, lower, build: built.output.cmd, entry, wd };
  return undefined;
}

/** Something in the stage chain provides `target` (an absolute path): a COPY, or a VOLUME. */
function provided(model: Model, p: Program, target: string, ctx: string): boolean {
  for (const s of stageChain(p.stage)) {
    for (const node of s.instructions) {
      if (node.keyword !== 'VOLUME') continue;
      const vols = node.form.kind === 'exec' ? node.form.elements.map((e) => e.value) : node.words.map((w) => w.value);
      if (vols.some((v) => isWithin(resolvePath(workdirAt(model, s, node.index), v), target))) return true;
    }
    for (const c of s.copies) {
      if (!c.dest || c.heredoc) continue;
      if (!c.from) continue;
      const flows = copyFlows(model, c);
      const dest = resolvePath(workdirAt(model, s, c.node.index), c.dest.value);
      const destIsDir = c.dest.value.endsWith('/') || c.sources.length > 1;
      for (const src of c.sources) {
        if (flows.some((f) => f.source.value === src.value)) continue; // the binary itself
        const placed = destIsDir && /\.[A-Za-z0-9]+$/.test(basename(src.value)) ? resolvePath(dest, basename(src.value)) : dest;
        if (isWithin(placed, target) || isWithin(target, placed)) return true;
      }
    }
  }
  // Copies from the context: exact landing.
  const view = contextView(model, p.stage, Number.POSITIVE_INFINITY);
  return landings(view, ctx, { isDir: true }).some((l) => isWithin(l.path, target) || isWithin(target, l.path));
}

/** Does changing WORKDIR keep the entry command's meaning (absolute executable, no relative arguments)? */
function workdirFree(p: Program): boolean {
  const argv = p.entry?.argv ?? [];
  if (argv.length === 0) return true;
  const exe = argv[0] ?? '';
  return (exe.startsWith('/') || !exe.includes('/')) && argv.slice(1).every((a) => a.startsWith('-') || a.startsWith('/') || !a.includes('/') && !/\.[a-z]+$/i.test(a));
}

function fileAt(model: Model, s: Stage, path: string): boolean {
  return stageChain(s).some((x) => x.copies.some((c) => copyFlows(model, c).some((f) => f.destPath !== undefined && isWithin(f.destPath, path))));
}

function runtimeDir(model: Model, p: Program): { dir: string; line?: string } {
  if (hasWorkdir(p.stage) || !workdirFree(p)) return { dir: p.wd };
  const dir = ['/app', '/srv/app', '/opt/app'].find((d) => !fileAt(model, p.stage, d)) ?? '/opt/app';
  return { dir, line: `${kw(model, 'WORKDIR')} ${dir}` };
}

function fixFor(model: Model, facts: WorkspaceFacts, p: Program, paths: string[]): Fix[] {
  const rt = runtimeDir(model, p);
  const lines = rt.line ? [rt.line] : [];
  for (const ctx of paths) {
    const isDir = facts.entries.includes(`${ctx}/`);
    if (!isDir && !facts.entries.includes(ctx)) return [];
    const dest = resolvePath(rt.dir, ctx);
    const builder = p.build?.run.stage;
    const landed = builder && builder !== p.stage ? landings(contextView(model, builder, p.build?.run.node.index ?? Number.POSITIVE_INFINITY), ctx, { isDir })[0] : undefined;
    if (landed && builder) lines.push(`${kw(model, 'COPY')} --from=${builder.name ?? builder.index} ${landed.path} ${dest}`);
    else lines.push(`${kw(model, 'COPY')} ${ctx} ${dest}`);
  }
  const anchor: InstructionNode | undefined = p.binCopy?.node;
  const edit = anchor ? insertLinesAfter(model, anchor, lines) : p.entry && p.entry.stage === p.stage ? insertLinesBefore(model, p.entry.node, lines) : insertLinesAfter(model, p.stage.instructions[p.stage.instructions.length - 1] ?? p.stage.from, lines);
  return [{ title: `Copy ${paths.join(', ')} into the runtime image${rt.line ? ` and set ${rt.line}` : ''}`, safety: 'unsafe', edits: [edit] }];
}

function wdNote(p: Program): string {
  if (hasWorkdir(p.stage)) return `WORKDIR ${p.wd}`;
  return p.wd === '/' ? 'no WORKDIR, so /' : `WORKDIR ${p.wd}, the ${p.stage.info.family ?? 'base image'} default`;
}

/** The directory of the main package the stage runs, when it can be told. */
function mainDir(model: Model, facts: WorkspaceFacts, p: Program): string | undefined {
  const build = p.build;
  if (!build) return undefined;
  const pkg = build.packages.length === 1 ? (build.packages[0]?.value ?? '') : '';
  const rel = pkg.replace(/^\.\/?/, '').replace(/\/+$/, '');
  if (!pkg.includes('...') && facts.mainPackages.some((m) => m.dir === rel)) return rel;
  const bin = goOutput(model, build).binaries;
  if (bin?.length === 1) return facts.mainPackages.find((m) => m.binary === bin[0])?.dir;
  // One build of several mains (`-o /out/ ./cmd/...`): the binary this stage copies tells which.
  const copied = p.binCopy ? copyFlows(model, p.binCopy).map((f) => basename(f.source.value)) : [];
  return facts.mainPackages.find((m) => copied.includes(m.binary))?.dir;
}

/** A read in another main package's directory belongs to that program, not to this one. */
function readsOf(model: Model, facts: WorkspaceFacts, p: Program): RuntimeRead[] {
  const own = mainDir(model, facts, p);
  if (own === undefined) return facts.runtimeReads;
  const mains = new Set(facts.mainPackages.map((m) => m.dir));
  return facts.runtimeReads.filter((r) => {
    const d = r.loc.file.includes('/') ? r.loc.file.slice(0, r.loc.file.lastIndexOf('/')) : '';
    return !mains.has(d) || d === own;
  });
}

function factFindings(model: Model, facts: WorkspaceFacts, p: Program): Report | undefined {
  const missing: { read: RuntimeRead; ctx: string; target: string }[] = [];
  for (const read of readsOf(model, facts, p)) {
    if (read.path.startsWith('/') || read.path.includes('$') || read.path.includes('://')) continue;
    const ctx = staticPrefix(read.path);
    if (ctx === '' || ctx.startsWith('..')) continue;
    const target = resolvePath(p.wd, ctx);
    if (provided(model, p, target, ctx)) continue;
    if (!missing.some((m) => m.ctx === ctx)) missing.push({ read, ctx, target });
  }
  if (missing.length === 0) return undefined;
  const first = missing[0] as (typeof missing)[number];
  const severity: Severity = lowerSeverity('warning', p.lower);
  const range: Range = (p.binCopy?.node ?? p.entry?.node ?? p.stage.from).range;
  return {
    range,
    severity,
    message: `The program reads ${missing.map((m) => `${m.read.path} (${m.read.call}, ${m.read.loc.file}:${m.read.loc.line})`).join(', ')} at run time, relative to its working directory, but nothing puts ${missing.length === 1 ? 'it' : 'them'} at ${missing.map((m) => m.target).join(', ')} in stage ${stageLabel(p.stage)} (${wdNote(p)}): it fails with ${failure(first.read)}. Copy the files into the runtime image, or embed them with //go:embed.`,
    fixes: fixFor(model, facts, p, missing.map((m) => m.ctx)),
    related: missing.map((m) => ({ file: m.read.loc.file, range: lineRange(m.read.loc.line), message: `${m.read.call}("${m.read.path}")` })),
  };
}

function failure(r: RuntimeRead): string {
  if (/ParseGlob$/.test(r.call)) return `\`pattern matches no files: ${r.path}\``;
  return `\`open ${r.path}: no such file or directory\``;
}

const CONFIG_FLAG = /^--?[\w.-]*(config|conf|cfg|template|static|asset|migration|schema|views|www|public|web)[\w.-]*$/i;
const INPUT_FILE = /\.(ya?ml|json|toml|ini|conf|cfg|hcl|properties|html|gohtml|tmpl|tpl|sql)$/i;

/** Entry-command arguments that name a relative input file (`-config config.yaml`, `--templates=web/`). */
function argReads(p: Program): { value: string; range: Range; flag: string }[] {
  const e = p.entry;
  if (!e || e.stage !== p.stage && !stageChain(p.stage).includes(e.stage)) return [];
  const elems = e.node.form.kind === 'exec' ? e.node.form.elements.map((x) => ({ value: x.value, range: x.range })) : e.node.words.map((w) => ({ value: w.value, range: w.range }));
  const out: { value: string; range: Range; flag: string }[] = [];
  for (let i = 1; i < elems.length; i++) {
    const el = elems[i] as { value: string; range: Range };
    const eq = el.value.indexOf('=');
    const flag = eq > 0 ? el.value.slice(0, eq) : el.value;
    if (!CONFIG_FLAG.test(flag)) continue;
    const value = eq > 0 ? el.value.slice(eq + 1) : elems[i + 1]?.value;
    if (value === undefined || value.startsWith('-') || value.startsWith('/') || /[$`:]/.test(value)) continue;
    if (!INPUT_FILE.test(value) && !value.endsWith('/')) continue;
    out.push({ value, range: eq > 0 ? el.range : (elems[i + 1] as { range: Range }).range, flag });
  }
  return out;
}

function argFindings(model: Model, facts: WorkspaceFacts | undefined, p: Program, known: Set<string>): Report[] {
  const reports: Report[] = [];
  for (const a of argReads(p)) {
    const ctx = staticPrefix(a.value);
    const target = resolvePath(p.wd, ctx);
    if (known.has(ctx) || provided(model, p, target, ctx)) continue;
    const inWorkspace = facts ? facts.entries.includes(ctx) || facts.entries.includes(`${ctx}/`) : false;
    reports.push({
      range: a.range,
      severity: lowerSeverity(inWorkspace ? 'warning' : 'info', p.lower),
      message: `The entry command passes \`${a.flag} ${a.value}\`, a path relative to the working directory (${wdNote(p)}), but nothing puts ${target} into stage ${stageLabel(p.stage)}: unless it is mounted at run time, the program cannot open it. Copy it into the image, or pass an absolute path where it is mounted.`,
      fixes: facts && inWorkspace ? fixFor(model, facts, p, [ctx]) : [],
    });
  }
  return reports;
}

export default defineRule({
  meta: {
    code: 'GD023',
    name: 'runtime-files-missing',
    description: 'Files the program reads at run time (templates, static assets, migrations, config) are not in the runtime image.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const anchors = new Set<InstructionNode>();
    // Output stages before candidate outputs: a COPY shared through FROM <stage> is reported once, at the higher level.
    for (const { stage, lower } of [...runtimeTargets(model)].sort((a, b) => a.lower - b.lower)) {
      if (stage.os === 'windows') continue;
      const p = program(model, stage, lower);
      if (!p) continue;
      const anchor = p.binCopy?.node ?? p.entry?.node ?? stage.from;
      if (anchors.has(anchor)) continue;
      anchors.add(anchor);
      const known = new Set<string>();
      if (facts) {
        const r = factFindings(model, facts, p);
        if (r) reports.push(r);
        for (const read of facts.runtimeReads) known.add(staticPrefix(read.path));
      }
      reports.push(...argFindings(model, facts, p, known));
    }
    return reports;
  },
});
