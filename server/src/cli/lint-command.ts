// `go-dockerfile lint`: read each file, find its workspace, lint, fix or preview fixes, report.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyFixesDetailed, type ApplyResult } from '../engine/fix';
import { lint, type LintOptions } from '../engine/lint';
import type { Finding, FixSafety, TextEdit } from '../engine/types';
import type { LintCommand } from './args';
import { colorEnabled, palette, type Palette } from './color';
import { unifiedDiff } from './diff';
import { countSeverities, fixableCounts, formatFindingText, formatJson, plural, summaryLine, type FileReport } from './output';
import { settingsForFile } from './settings';
import { tagSourceFor, workspaceTagSources } from './tag-sources';
import { WorkspaceResolver } from './workspace';

export const STDIN_PATH = '<stdin>';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin(): string;
}

/** The outcome of one Dockerfile given on the command line. */
/** Configuration errors already printed in this run (one config file serves many Dockerfiles). */
const reportedConfigErrors = new Set<string>();

interface FileResult {
  /** The Dockerfile's own report first, then reports of other files (e.g. .dockerignore). */
  reports: FileReport[];
  applied: ApplyResult['applied'];
  diff?: string;
  /** Unsafe fixes left out of --fix/--diff because --unsafe-fixes was not given. */
  skippedUnsafe: number;
  /** The workspace root the file was linted in. */
  root?: string;
}

function readInput(file: string, io: CliIo): string {
  if (file === '-') return io.readStdin();
  if (statSync(file).isDirectory()) throw new Error('is a directory (give the Dockerfiles themselves)');
  return readFileSync(file, 'utf8');
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return err.message;
  }
  return String(err);
}

/** Splits findings by the file they belong to; another file's path is made relative to cwd. */
function groupByFile(displayPath: string, findings: Finding[], root: string | undefined, cwd: string): FileReport[] {
  const own: FileReport = { path: displayPath, findings: [] };
  const others = new Map<string, FileReport>();
  for (const f of findings) {
    if (f.file === undefined) {
      own.findings.push(f);
      continue;
    }
    const abs = path.resolve(root ?? cwd, f.file);
    const rel = path.relative(cwd, abs) || f.file;
    let r = others.get(rel);
    if (!r) others.set(rel, (r = { path: rel, findings: [] }));
    r.findings.push(f);
  }
  return [own, ...others.values()];
}

async function lintOne(file: string, cmd: LintCommand, io: CliIo, workspaces: WorkspaceResolver | undefined): Promise<FileResult> {
  const text = readInput(file, io);
  const isStdin = file === '-';
  const displayPath = isStdin ? STDIN_PATH : file;
  const abs = isStdin ? undefined : path.resolve(io.cwd, file);
  const ws = workspaces ? await workspaces.resolve(abs, io.cwd) : undefined;
  const { settings, errors } = await settingsForFile(abs, io.cwd, { rules: cmd.rules, unsafeFixes: cmd.unsafeFixes });
  for (const e of errors) if (!reportedConfigErrors.has(e)) {
    reportedConfigErrors.add(e);
    io.stderr.write(`go-dockerfile: error: ${e}\n`);
  }
  const options: LintOptions = {
    settings,
    ...(ws?.facts ? { facts: ws.facts } : {}),
    ...(ws?.dockerfilePath !== undefined ? { dockerfilePath: ws.dockerfilePath } : {}),
  };
  // --- GD007b (issue 12): a Makefile, script, compose, bake or CI file is a tag source, not a Dockerfile. ---
  const tagSource = tagSourceFor(isStdin ? undefined : file, ws?.dockerfilePath, { settings, ...(ws?.facts ? { facts: ws.facts } : {}) });
  const relint = tagSource ? { relint: tagSource.lint } : {};
  // --- end GD007b ---
  let findings = tagSource ? tagSource.lint(text) : lint(text, options);
  const result: FileResult = { reports: [], applied: [], skippedUnsafe: 0, ...(ws?.root ? { root: ws.root } : {}) };
  if (cmd.fix || cmd.diff) {
    const safety: FixSafety[] = cmd.unsafeFixes ? ['safe', 'unsafe'] : ['safe'];
    // Fixes may also edit other files of the workspace (e.g. append to .dockerignore).
    const external = new Map<string, TextEdit[]>();
    const collect = (edits: TextEdit[]): void => {
      for (const e of edits) external.set(e.file as string, [...(external.get(e.file as string) ?? []), { range: e.range, newText: e.newText }]);
    };
    const fixed = applyFixesDetailed(text, findings, { safety, lint: options, ...relint, ...(ws?.root && abs ? { externalEdits: collect } : {}) });
    const after = fixed.text === text ? findings : tagSource ? tagSource.lint(fixed.text) : lint(fixed.text, options);
    if (!cmd.unsafeFixes) result.skippedUnsafe = fixableCounts(after).unsafe;
    const others = [...external].map(([rel, edits]) => {
      const target = path.resolve(ws?.root ?? io.cwd, rel);
      const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
      return { target, display: path.relative(io.cwd, target) || rel, before, after: applyEdits(before, edits) };
    });
    if (cmd.diff) {
      result.diff = [unifiedDiff(displayPath, displayPath, text, fixed.text), ...others.map((o) => unifiedDiff(o.display, o.display, o.before, o.after))].join('');
    } else if ((fixed.text !== text || others.length > 0) && abs !== undefined) {
      if (fixed.text !== text) writeFileSync(abs, fixed.text, 'utf8');
      for (const o of others) writeFileSync(o.target, o.after, 'utf8');
      result.applied = fixed.applied;
      findings = after;
    }
  }
  result.reports = groupByFile(displayPath, findings, ws?.root, io.cwd);
  return result;
}

function colorDiff(diff: string, c: Palette): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('---') || l.startsWith('+++') ? c.bold(l) : l.startsWith('@@') ? c.cyan(l) : l.startsWith('-') ? c.red(l) : l.startsWith('+') ? c.green(l) : l))
    .join('\n');
}

/** Runs the lint command; returns the exit status. */
export async function runLint(cmd: LintCommand, io: CliIo): Promise<number> {
  reportedConfigErrors.clear();
  const c = palette(cmd.format === 'text' && colorEnabled(cmd.noColor, io.stdout, io.env));
  const warn = (m: string): void => void io.stderr.write(`go-dockerfile: warning: ${m}\n`);
  // Notes (what --fix did, hints, the summary) go with the text report, or to stderr beside JSON.
  const note = (m: string): void => void (cmd.format === 'text' ? io.stdout : io.stderr).write(`${m}\n`);
  let workspaces: WorkspaceResolver | undefined;
  if (!cmd.noWorkspace) {
    let override: string | undefined;
    if (cmd.workspace !== undefined) {
      override = path.resolve(io.cwd, cmd.workspace);
      let isDir = false;
      try {
        isDir = statSync(override).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) {
        io.stderr.write(`go-dockerfile: --workspace ${cmd.workspace}: not a directory\n`);
        return 2;
      }
    }
    workspaces = new WorkspaceResolver(override, warn);
  }

  let failedFiles = 0;
  let lintedFiles = 0;
  const all: Finding[] = [];
  const json: FileReport[] = [];
  let skippedUnsafe = 0;
  const queue = [...cmd.files];
  const roots = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string;
    let result: FileResult;
    try {
      result = await lintOne(file, cmd, io, workspaces);
    } catch (err) {
      failedFiles++;
      io.stderr.write(`go-dockerfile: cannot lint ${file === '-' ? STDIN_PATH : file}: ${describe(err)}\n`);
      continue;
    }
    lintedFiles++;
    if (result.root !== undefined) roots.add(result.root);
    // --- GD007b (issue 12): after the files given, the tag sources of their workspaces (once). ---
    if (i === cmd.files.length - 1) queue.push(...(await workspaceTagSources(roots, queue, io.cwd)));
    // --- end GD007b ---
    skippedUnsafe += result.skippedUnsafe;
    for (const r of result.reports) all.push(...r.findings);
    if (cmd.format === 'json') {
      for (const r of result.reports) {
        const same = json.find((j) => j.path === r.path && r !== result.reports[0]);
        if (same) same.findings.push(...r.findings.filter((f) => !same.findings.some((g) => JSON.stringify(g) === JSON.stringify(f))));
        else json.push({ path: r.path, findings: [...r.findings] });
      }
    } else {
      for (const r of result.reports) for (const f of r.findings) io.stdout.write(formatFindingText(r.path, f, cmd.showFixes, c));
    }
    const own = result.reports[0] as FileReport;
    if (result.applied.length > 0) {
      note(`${own.path}: applied ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'}: ${result.applied.map((a) => `${a.code} ${a.title}`).join('; ')}`);
    }
    if (result.diff !== undefined) {
      if (result.diff === '') note(`${own.path}: --diff: nothing to change`);
      else io.stdout.write(colorDiff(result.diff, c));
    }
  }

  if (cmd.format === 'json') io.stdout.write(formatJson(json));
  const fixable = fixableCounts(all);
  if (cmd.format === 'text') {
    const hints: string[] = [];
    if (!cmd.fix && !cmd.diff && fixable.safe > 0) hints.push(`${plural(fixable.safe, 'problem')} fixable with --fix`);
    const unsafe = cmd.fix || cmd.diff ? skippedUnsafe : fixable.unsafe;
    if (!cmd.unsafeFixes && unsafe > 0) hints.push(`${plural(unsafe, 'problem')} more with --unsafe-fixes (review the result)`);
    if (hints.length > 0) note(c.dim(hints.join('; ')));
  }
  note(summaryLine(countSeverities(all), lintedFiles));
  if (failedFiles > 0 || reportedConfigErrors.size > 0) return 2;
  const failing = all.some((f) => f.severity === 'error' || f.severity === 'warning');
  return failing && !cmd.noFail ? 1 : 0;
}
