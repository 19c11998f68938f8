// `go-dockerfile lint`: collect the files (directories are searched), read each, find its workspace,
// lint, fix or preview fixes, and report in the chosen format; the exit status follows --fail-on.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyFixesDetailed, type ApplyResult } from '../engine/fix';
import { lint, type LintOptions } from '../engine/lint';
import { SEVERITY_ORDER, type Finding, type FixSafety, type TextEdit } from '../engine/types';
import type { FailOn, LintCommand } from './args';
import { colorEnabled, palette, type Palette } from './color';
import { unifiedDiff } from './diff';
import { formatCheckstyle } from './formats/checkstyle';
import { formatGithub } from './formats/github';
import { formatGitlab } from './formats/gitlab';
import { formatSarif } from './formats/sarif';
import { collectInputs, InputError, MAX_FILE_BYTES, readInput, type Input } from './inputs';
import { countSeverities, fixableCounts, formatFindingText, formatJson, plural, summaryLine, type FileReport, type Located } from './output';
import { settingsForFile } from './settings';
import { tagSourceFor, workspaceTagSources } from './tag-sources';
import { WorkspaceResolver } from './workspace';

export { STDIN_PATH } from './inputs';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin(): string;
}

/** The outcome of one Dockerfile. */
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

/** The text of a file another file's findings point at (for code frames), when it can be read. */
function readSide(abs: string): string | undefined {
  try {
    const st = statSync(abs);
    return st.isFile() && st.size <= MAX_FILE_BYTES ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Splits findings by the file they belong to; another file's path is made relative to cwd. */
function groupByFile(own: Located, text: string, findings: Finding[], root: string | undefined, cwd: string): FileReport[] {
  const locate = (file: string | undefined): Located => {
    if (file === undefined) return own;
    const abs = path.resolve(root ?? cwd, file);
    return { path: path.relative(cwd, abs) || file, abs };
  };
  const ownReport: FileReport = { ...own, text, findings: [], locate };
  const others = new Map<string, FileReport>();
  for (const f of findings) {
    if (f.file === undefined) {
      ownReport.findings.push(f);
      continue;
    }
    const at = locate(f.file);
    let r = others.get(at.path);
    if (!r) {
      const side = at.abs !== undefined ? readSide(at.abs) : undefined;
      others.set(at.path, (r = { ...at, findings: [], locate, ...(side !== undefined ? { text: side } : {}) }));
    }
    r.findings.push(f);
  }
  return [ownReport, ...others.values()];
}

interface RunContext {
  cmd: LintCommand;
  io: CliIo;
  workspaces?: WorkspaceResolver;
  /** Reports a configuration problem once per run (one configuration serves many Dockerfiles). */
  configError(message: string): void;
}

async function lintOne(input: Input, text: string, ctx: RunContext): Promise<FileResult> {
  const { cmd, io } = ctx;
  const ws = ctx.workspaces ? await ctx.workspaces.resolve(input.abs, io.cwd) : undefined;
  const config = cmd.config !== undefined ? path.resolve(io.cwd, cmd.config) : undefined;
  const { settings, errors } = await settingsForFile(input.abs, io.cwd, { rules: cmd.rules, unsafeFixes: cmd.unsafeFixes, ...(config ? { config } : {}) });
  for (const e of errors) ctx.configError(e);
  const options: LintOptions = {
    settings,
    ...(ws?.facts ? { facts: ws.facts } : {}),
    ...(ws?.dockerfilePath !== undefined ? { dockerfilePath: ws.dockerfilePath } : {}),
  };
  // A Makefile, script, compose, bake or CI file is a tag source (GD007b), not a Dockerfile.
  const tagSource = tagSourceFor(input.stdin && input.abs === undefined ? undefined : input.display, ws?.dockerfilePath, { settings, ...(ws?.facts ? { facts: ws.facts } : {}) });
  const relint = (t: string): Finding[] => (tagSource ? tagSource.lint(t) : lint(t, options));
  let findings = relint(text);
  let shown = text;
  const result: FileResult = { reports: [], applied: [], skippedUnsafe: 0, ...(ws?.root ? { root: ws.root } : {}) };
  if (cmd.fix || cmd.diff) {
    const safety: FixSafety[] = cmd.unsafeFixes ? ['safe', 'unsafe'] : ['safe'];
    // Fixes may also edit other files of the workspace (e.g. append to .dockerignore).
    const external = new Map<string, TextEdit[]>();
    const collect = (edits: TextEdit[]): void => {
      for (const e of edits) external.set(e.file as string, [...(external.get(e.file as string) ?? []), { range: e.range, newText: e.newText }]);
    };
    const canEditOthers = ws?.root !== undefined && !input.stdin;
    const fixed = applyFixesDetailed(text, findings, { safety, lint: options, ...(tagSource ? { relint: tagSource.lint } : {}), ...(canEditOthers ? { externalEdits: collect } : {}) });
    const after = fixed.text === text ? findings : relint(fixed.text);
    if (!cmd.unsafeFixes) result.skippedUnsafe = fixableCounts(after).unsafe;
    const others = [...external].map(([rel, edits]) => {
      const target = path.resolve(ws?.root ?? io.cwd, rel);
      const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
      return { target, display: path.relative(io.cwd, target) || rel, before, after: applyEdits(before, edits) };
    });
    if (cmd.diff) {
      result.diff = [unifiedDiff(input.display, input.display, text, fixed.text), ...others.map((o) => unifiedDiff(o.display, o.display, o.before, o.after))].join('');
    } else if ((fixed.text !== text || others.length > 0) && !input.stdin && input.abs !== undefined) {
      if (fixed.text !== text) writeFileSync(input.abs, fixed.text, 'utf8');
      for (const o of others) writeFileSync(o.target, o.after, 'utf8');
      result.applied = fixed.applied;
      findings = after;
      shown = fixed.text;
      if (others.length > 0 && ctx.workspaces && ws) {
        // The fix changed the workspace itself (e.g. created .dockerignore): report against the new facts.
        ctx.workspaces.invalidate(ws.root);
        const fresh = await ctx.workspaces.resolve(input.abs, io.cwd);
        findings = lint(fixed.text, { ...options, ...(fresh.facts ? { facts: fresh.facts } : {}) });
        if (!cmd.unsafeFixes) result.skippedUnsafe = fixableCounts(findings).unsafe;
      }
    }
  }
  result.reports = groupByFile({ path: input.display, ...(input.abs !== undefined ? { abs: input.abs } : {}) }, shown, findings, ws?.root, io.cwd);
  return result;
}

function colorDiff(diff: string, c: Palette): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('---') || l.startsWith('+++') ? c.bold(l) : l.startsWith('@@') ? c.cyan(l) : l.startsWith('-') ? c.red(l) : l.startsWith('+') ? c.green(l) : l))
    .join('\n');
}

/** Whether the findings make the run fail: any of severity `failOn` or more severe. */
export function failsOn(failOn: FailOn, findings: Iterable<Finding>): boolean {
  if (failOn === 'none') return false;
  const limit = SEVERITY_ORDER.indexOf(failOn);
  for (const f of findings) if (SEVERITY_ORDER.indexOf(f.severity) <= limit) return true;
  return false;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs the lint command; returns the exit status (0 clean, 1 findings at --fail-on or above, 2 a file or the configuration could not be used). */
export async function runLint(cmd: LintCommand, io: CliIo): Promise<number> {
  /** Problems that make the exit status 2, one line each on stderr (and in SARIF's invocation). */
  const errors: string[] = [];
  const error = (m: string): void => {
    errors.push(m);
    io.stderr.write(`go-dockerfile: ${m}\n`);
  };
  const toFile = cmd.output !== undefined;
  const c = palette(cmd.format === 'text' && !toFile && colorEnabled(cmd.noColor, io.stdout, io.env));
  const buffered: string[] = [];
  const emit = (s: string): void => void (toFile ? buffered.push(s) : io.stdout.write(s));
  // Notes (what --fix did, hints, the summary) go with the text report, or to stderr beside the machine formats.
  const note = (m: string): void => (cmd.format === 'text' ? emit(`${m}\n`) : void io.stderr.write(`${m}\n`));
  const warn = (m: string): void => void io.stderr.write(`go-dockerfile: warning: ${m}\n`);

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
  const reportedConfig = new Set<string>();
  const ctx: RunContext = {
    cmd,
    io,
    ...(workspaces ? { workspaces } : {}),
    configError(m) {
      if (reportedConfig.has(m)) return;
      reportedConfig.add(m);
      error(`error: ${m}`);
    },
  };

  const { inputs, errors: pathErrors } = collectInputs(cmd.files, io.cwd, cmd.stdinFilename);
  for (const e of pathErrors) error(`cannot lint ${e}`);

  let lintedFiles = 0;
  // Reports by path, in the order met; a finding another Dockerfile already reported (in a shared .dockerignore) is kept once.
  const merged = new Map<string, FileReport>();
  let skippedUnsafe = 0;
  const roots = new Set<string>();
  const lintInput = async (input: Input): Promise<void> => {
    let result: FileResult;
    try {
      const text = readInput(input, io.readStdin);
      result = await lintOne(input, text, ctx);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      error(`cannot lint ${input.display}: ${err.message}`);
      return;
    }
    lintedFiles++;
    if (result.root !== undefined) roots.add(result.root);
    skippedUnsafe += result.skippedUnsafe;
    for (const r of result.reports) {
      const same = merged.get(r.path);
      const fresh = same ? r.findings.filter((f) => !same.findings.some((g) => sameFinding(f, g))) : r.findings;
      if (same) same.findings.push(...fresh);
      else merged.set(r.path, { ...r, findings: [...r.findings] });
      if (cmd.format === 'text') for (const f of fresh) emit(formatFindingText(r.path, f, cmd.showFixes, c, r.text));
    }
    const own = result.reports[0] as FileReport;
    if (result.applied.length > 0) {
      note(`${own.path}: applied ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'}: ${result.applied.map((a) => `${a.code} ${a.title}`).join('; ')}`);
    }
    if (result.diff !== undefined) {
      if (result.diff === '') note(`${own.path}: --diff: nothing to change`);
      else emit(colorDiff(result.diff, c));
    }
  };
  for (const input of inputs) await lintInput(input);
  // After the files given, the tag sources (GD007b: Makefiles, scripts, compose, bake, CI) of their workspaces, each once.
  for (const input of await workspaceTagSources(roots, inputs, io.cwd)) await lintInput(input);

  const files = [...merged.values()];
  const all = files.flatMap((f) => f.findings);
  switch (cmd.format) {
    case 'json':
      emit(formatJson(files));
      break;
    case 'sarif':
      emit(formatSarif({ files, cwd: io.cwd, errors }));
      break;
    case 'github':
      emit(formatGithub(files, io.cwd));
      break;
    case 'checkstyle':
      emit(formatCheckstyle(files, io.cwd));
      break;
    case 'gitlab':
      emit(formatGitlab(files, io.cwd));
      break;
    case 'text': {
      const fixable = fixableCounts(all);
      const hints: string[] = [];
      if (!cmd.fix && !cmd.diff && fixable.safe > 0) hints.push(`${plural(fixable.safe, 'problem')} fixable with --fix`);
      const unsafe = cmd.fix || cmd.diff ? skippedUnsafe : fixable.unsafe;
      if (!cmd.unsafeFixes && unsafe > 0) hints.push(`${plural(unsafe, 'problem')} more with --unsafe-fixes (review the result)`);
      if (hints.length > 0) note(c.dim(hints.join('; ')));
      break;
    }
  }
  note(summaryLine(countSeverities(all), lintedFiles));
  if (toFile) {
    try {
      writeFileSync(path.resolve(io.cwd, cmd.output as string), buffered.join(''), 'utf8');
    } catch (err) {
      error(`cannot write --output ${cmd.output}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (errors.length > 0) return 2;
  return failsOn(cmd.failOn, all) ? 1 : 0;
}
