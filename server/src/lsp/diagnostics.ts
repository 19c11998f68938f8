// Finding -> LSP Diagnostic. The fixes travel in `data` (ruff, vscode-eslint): code actions read
// them back instead of re-linting, and drop them when the document version moved on.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { docUrl, type Finding, type Fix, type Range, type Severity, type TextEdit } from '../api';
import { SOURCE } from './commands';
import type { LintResult } from './documents';
import { pathToUri } from './facts';

export interface DiagnosticData {
  /** The document version the diagnostic was computed for. */
  version: number;
  fixes: Fix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, result: Pick<LintResult, 'uri' | 'version' | 'root'>): Diagnostic {
  const data: DiagnosticData = { version: result.version, fixes: finding.fixes };
  const d: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    source: SOURCE,
    message: finding.message,
    data,
  };
  const href = docUrl(finding.code);
  if (href !== undefined) d.codeDescription = { href };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    let uri = result.uri;
    if (r.file !== undefined) {
      // Another file of the workspace (go.mod, .dockerignore): only resolvable with a root.
      if (result.root === undefined) continue;
      uri = pathToUri(path.resolve(result.root, ...r.file.split('/')));
    }
    related.push({ location: { uri, range: r.range }, message: r.message });
  }
  if (related.length > 0) d.relatedInformation = related;
  return d;
}

export function toDiagnostics(result: LintResult): Diagnostic[] {
  if (!result.enabled) return [];
  return result.findings.filter((f) => f.file === undefined).map((f) => toDiagnostic(f, result));
}

// --- Reading `data` back: it comes from the client, so it is type-guarded. ---

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isPosition(x: unknown): boolean {
  return isObject(x) && Number.isInteger(x.line) && Number.isInteger(x.character) && (x.line as number) >= 0 && (x.character as number) >= 0;
}

export function isRange(x: unknown): x is Range {
  return isObject(x) && isPosition(x.start) && isPosition(x.end);
}

function isEdit(x: unknown): x is TextEdit {
  return isObject(x) && isRange(x.range) && typeof x.newText === 'string';
}

function isFix(x: unknown): x is Fix {
  return (
    isObject(x) &&
    typeof x.title === 'string' &&
    (x.safety === 'safe' || x.safety === 'unsafe' || x.safety === 'suggestion') &&
    Array.isArray(x.edits) &&
    x.edits.every(isEdit)
  );
}

/** The data of one of our diagnostics, or undefined when it is missing or malformed. */
export function readDiagnosticData(d: Diagnostic): DiagnosticData | undefined {
  const data: unknown = d.data;
  if (!isObject(data) || !Number.isInteger(data.version) || !Array.isArray(data.fixes) || !data.fixes.every(isFix)) return undefined;
  return { version: data.version as number, fixes: data.fixes as Fix[] };
}
