// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues with
// description, check_name, fingerprint, severity and location.path/lines.begin, a subset of the
// Code Climate format. The fingerprint ignores the line number, so an issue keeps its identity when
// lines move; a counter keeps equal issues of one file apart.
import { createHash } from 'node:crypto';
import type { Severity } from '../../engine/types';
import type { FileReport } from '../output';
import { reportPath } from './location';

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

export function formatGitlab(files: FileReport[], cwd: string): string {
  const issues: object[] = [];
  for (const r of files) {
    const file = reportPath(cwd, r);
    const lines = r.text?.split('\n');
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const source = (lines?.[f.range.start.line] ?? '').replace(/\s+/g, '');
      const key = [file, f.code, f.message, source].join('\0');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      issues.push({
        type: 'issue',
        check_name: f.code,
        description: `${f.code} ${f.name}: ${f.message}`,
        severity: SEVERITY[f.severity],
        fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
        location: { path: file, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
