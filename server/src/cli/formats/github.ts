// GitHub Actions workflow commands: one `::error|warning|notice file=…::message` line per finding,
// which the runner turns into annotations on the pull request.
import type { Finding } from '../../engine/types';
import type { FileReport } from '../output';
import { oneBased, reportPath } from './location';

/** Escapes a command's message (GitHub's escapeData): %, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (GitHub's escapeProperty): also : and , which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(f: Finding): 'error' | 'warning' | 'notice' {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
}

/**
 * One annotation. GitHub takes col/endColumn only for a range within one line, so a range over
 * several lines is given by its lines alone.
 */
export function githubLine(file: string, f: Finding): string {
  const r = oneBased(f.range);
  const props: [string, string][] = [['file', file], ['line', String(r.startLine)]];
  if (r.startLine === r.endLine) props.push(['col', String(r.startColumn)], ['endLine', String(r.endLine)], ['endColumn', String(r.endColumn)]);
  else props.push(['endLine', String(r.endLine)]);
  props.push(['title', `${f.code} ${f.name}`]);
  return `::${command(f)} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(f.message)}\n`;
}

export function formatGithub(files: FileReport[], cwd: string): string {
  return files.map((r) => r.findings.map((f) => githubLine(reportPath(cwd, r), f)).join('')).join('');
}
