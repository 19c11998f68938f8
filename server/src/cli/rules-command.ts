// `go-dockerfile rules`: the rule registry as a table or as JSON.
import { PARSER_PROBLEMS } from '../engine/lint';
import { docUrl } from '../engine/meta';
import { RULES } from '../rules';
import type { RulesCommand } from './args';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  '))
    .join('\n');
}

export function formatRules(format: RulesCommand['format']): string {
  if (format === 'json') {
    return `${JSON.stringify({
      version: 1,
      rules: RULES.map((r) => ({
        code: r.meta.code,
        name: r.meta.name,
        defaultSeverity: r.meta.defaultSeverity,
        fixable: r.meta.fixable ?? null,
        description: r.meta.description,
        docUrl: docUrl(r.meta.code) ?? null,
      })),
      parserProblems: PARSER_PROBLEMS.map((p) => ({ code: p.code, name: p.name, description: p.description, docUrl: docUrl(p.code) ?? null })),
    })}\n`;
  }
  const rules = table([
    ['CODE', 'NAME', 'SEVERITY', 'FIXABLE', 'DESCRIPTION'],
    ...RULES.map((r) => [r.meta.code, r.meta.name, r.meta.defaultSeverity, r.meta.fixable ?? '-', r.meta.description]),
  ]);
  const parser = table([['CODE', 'NAME', 'DESCRIPTION'], ...PARSER_PROBLEMS.map((p) => [p.code, p.name, p.description])]);
  return `${rules}\n\nParser problems (reported on every Go Dockerfile; severity depends on the problem):\n${parser}\n\n` +
    'FIXABLE is the strongest fix a rule offers: safe (--fix), unsafe (--fix --unsafe-fixes) or suggestion (editor only).\n';
}
