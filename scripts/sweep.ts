// Sweep: lint every Dockerfile under a directory (text only, no workspace facts) and check the engine
// holds up: no exception, no internal-error finding (GD000), no finding on a file the manifest marks
// is_go=no, and applying every safe and unsafe fix neither throws, nor adds a parser problem, nor
// adds errors.
//   npm run sweep -- DIR [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixesDetailed, lint, type Finding, type Severity } from '../server/src/api';
import { findDockerfiles, readManifest } from '../server/src/cli/discover';

const PARSER_CODE = /^P00[1-8]$/;

interface Failure {
  file: string;
  reason: string;
}

interface FileReport {
  file: string;
  isGo: string;
  lines: number;
  ms: number;
  findings: { code: string; name: string; severity: Severity; line: number; message: string; fixes: string[] }[];
  fix?: { applied: { code: string; title: string }[]; passes: number; errorsBefore: number; errorsAfter: number; newParserProblems: string[] };
  failures: string[];
}

function usage(message?: string): never {
  if (message) console.error(`sweep: ${message}`);
  console.error('usage: npm run sweep -- DIR [--json FILE]');
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; json?: string } {
  let dir: string | undefined;
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') {
      json = argv[++i];
      if (!json) usage('--json needs a file name');
    } else if (a.startsWith('--json=')) json = a.slice('--json='.length);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (dir === undefined) dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!dir) usage('DIR is required');
  return { dir: path.resolve(dir), ...(json ? { json } : {}) };
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function errors(findings: Finding[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}

function sweepFile(abs: string, display: string, isGo: string, failures: Failure[]): FileReport {
  const report: FileReport = { file: display, isGo, lines: 0, ms: 0, findings: [], failures: [] };
  const fail = (reason: string): void => {
    report.failures.push(reason);
    failures.push({ file: display, reason });
  };
  const start = process.hrtime.bigint();
  let text: string;
  let findings: Finding[];
  try {
    text = readFileSync(abs, 'utf8');
    report.lines = text.split('\n').length;
    findings = lint(text);
  } catch (err) {
    fail(`lint threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return report;
  } finally {
    report.ms = msSince(start);
  }
  report.findings = findings.map((f) => ({
    code: f.code, name: f.name, severity: f.severity, line: f.range.start.line + 1, message: f.message, fixes: f.fixes.map((x) => `${x.safety}: ${x.title}`),
  }));
  for (const f of findings.filter((x) => x.code === 'GD000')) fail(`internal error finding: ${f.message}`);
  if (isGo === 'no' && findings.length > 0) fail(`is_go=no but got ${findings.map((f) => `${f.code}@${f.range.start.line + 1}`).join(', ')}`);
  try {
    const fixed = applyFixesDetailed(text, findings, { safety: ['safe', 'unsafe'] });
    if (fixed.text !== text) {
      const after = lint(fixed.text);
      const before = new Set(findings.filter((f) => PARSER_CODE.test(f.code)).map((f) => f.code));
      const added = [...new Set(after.filter((f) => PARSER_CODE.test(f.code) && !before.has(f.code)).map((f) => f.code))];
      report.fix = { applied: fixed.applied, passes: fixed.passes, errorsBefore: errors(findings), errorsAfter: errors(after), newParserProblems: added };
      if (added.length > 0) fail(`fixes introduced parser problems ${added.join(', ')} (applied: ${fixed.applied.map((a) => a.code).join(', ')})`);
      if (errors(after) > errors(findings)) {
        fail(`fixes raised error findings from ${errors(findings)} to ${errors(after)} (${after.filter((f) => f.severity === 'error').map((f) => f.code).join(', ')})`);
      }
      for (const f of after.filter((x) => x.code === 'GD000')) fail(`internal error finding after fixes: ${f.message}`);
    }
  } catch (err) {
    fail(`applying fixes threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  return report;
}

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const manifest = readManifest(args.dir);
  const failures: Failure[] = [];
  const targets: { abs?: string; display: string; isGo: string }[] = manifest
    ? manifest.map((m) => ({ ...(m.path ? { abs: m.path } : {}), display: m.filename, isGo: m.isGo || 'unknown' }))
    : findDockerfiles(args.dir).map((abs) => ({ abs, display: path.relative(args.dir, abs), isGo: 'n/a' }));
  const reports: FileReport[] = [];
  const start = process.hrtime.bigint();
  for (const t of targets) {
    if (!t.abs) {
      failures.push({ file: t.display, reason: 'listed in manifest.tsv but found neither in files/ nor in the directory' });
      continue;
    }
    reports.push(sweepFile(t.abs, t.display, t.isGo, failures));
  }
  const totalMs = msSince(start);
  const lintMs = reports.reduce((n, r) => n + r.ms, 0);

  const byCode = new Map<string, { name: string; findings: number; files: Set<string> }>();
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byGo = new Map<string, { files: number; withFindings: number; findings: number }>();
  let fixedFiles = 0;
  let fixesApplied = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      const e = byCode.get(f.code) ?? { name: f.name, findings: 0, files: new Set<string>() };
      e.findings++;
      e.files.add(r.file);
      byCode.set(f.code, e);
      bySeverity[f.severity]++;
    }
    const g = byGo.get(r.isGo) ?? { files: 0, withFindings: 0, findings: 0 };
    g.files++;
    g.findings += r.findings.length;
    if (r.findings.length > 0) g.withFindings++;
    byGo.set(r.isGo, g);
    if (r.fix) {
      fixedFiles++;
      fixesApplied += r.fix.applied.length;
    }
  }

  console.log(`go-dockerfile sweep of ${args.dir}${manifest ? ` (file list from manifest.tsv: ${manifest.length} entries)` : ''}`);
  console.log(`Files linted: ${reports.length} in ${totalMs.toFixed(0)} ms (lint ${lintMs.toFixed(0)} ms, fix checks ${(totalMs - lintMs).toFixed(0)} ms)`);
  const total = [...byCode.values()].reduce((n, e) => n + e.findings, 0);
  console.log(`\nFindings by rule (${total} in ${reports.filter((r) => r.findings.length > 0).length} files):`);
  for (const code of [...byCode.keys()].sort()) {
    const e = byCode.get(code)!;
    console.log(`  ${pad(code, 6)} ${pad(e.name, 28)} ${String(e.findings).padStart(5)} findings in ${String(e.files.size).padStart(4)} files`);
  }
  console.log(`\nFindings by severity: ${(Object.keys(bySeverity) as Severity[]).map((s) => `${s} ${bySeverity[s]}`).join(', ')}`);
  console.log('\nBy is_go:');
  for (const key of [...byGo.keys()].sort()) {
    const g = byGo.get(key)!;
    console.log(`  ${pad(key, 8)} ${String(g.files).padStart(4)} files, ${String(g.withFindings).padStart(4)} with findings, ${String(g.findings).padStart(5)} findings`);
  }
  console.log(`\nFix check: safe+unsafe fixes changed ${fixedFiles} files (${fixesApplied} fixes applied)`);
  console.log(`\nFailures: ${failures.length}`);
  for (const f of failures) console.log(`  ${f.file}: ${f.reason}`);

  if (args.json) {
    const summary = {
      dir: args.dir,
      manifest: manifest !== undefined,
      files: reports.length,
      ms: Math.round(totalMs),
      byCode: Object.fromEntries([...byCode.keys()].sort().map((k) => [k, { name: byCode.get(k)!.name, findings: byCode.get(k)!.findings, files: byCode.get(k)!.files.size }])),
      bySeverity,
      byIsGo: Object.fromEntries(byGo),
      failures,
    };
    writeFileSync(args.json, `${JSON.stringify({ summary, files: reports }, null, 2)}\n`);
    console.log(`\nFull report written to ${args.json}`);
  }
  return failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`sweep: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
