// Generates docs/rules/README.md from the rule registry (checked by test/meta/docs.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_PROBLEMS } from '../server/src/engine/lint';
import { RULES } from '../server/src/rules';

export function docsIndex(): string {
  const lines = [
    '# go-dockerfile rules',
    '',
    'Generated from the rule registry by `npm run docs`. Codes are stable; names are accepted wherever a code is.',
    '',
    '| code | name | default severity | fix | description |',
    '|---|---|---|---|---|',
    ...RULES.map((r) => `| ${r.meta.code} | [${r.meta.name}](${r.meta.name}.md) | ${r.meta.defaultSeverity} | ${r.meta.fixable ?? '-'} | ${r.meta.description} |`),
    '',
    '## Suppression',
    '',
    'Put `# go-dockerfile ignore=GD003,GD010 -- reason` on the line(s) right above an instruction, or',
    '`# go-dockerfile global ignore=GD018` anywhere in the file; codes and names are both accepted, and an unknown one',
    'is reported (P009) so that a typo does not silently suppress nothing. The suppressions of the tools go-dockerfile',
    "overlaps are honoured for the mapped rules: hadolint's `# hadolint ignore=` / `global ignore=` / `stage ignore=` and",
    "BuildKit's `# check=skip=` (the file-level directive and the comment above an instruction). They silence findings of",
    'warning severity or lower only: an error means the build or the container will fail, which the other tool does not',
    'know, so only our own comment silences it.',
    '',
    '| code | name | hadolint | BuildKit check |',
    '|---|---|---|---|',
    ...RULES.filter((r) => (r.meta.hadolint?.length ?? 0) + (r.meta.buildkit?.length ?? 0) > 0).map(
      (r) => `| ${r.meta.code} | ${r.meta.name} | ${(r.meta.hadolint ?? []).join(', ') || '-'} | ${(r.meta.buildkit ?? []).join(', ') || '-'} |`,
    ),
    '| P005 | empty-continuation-line | - | NoEmptyContinuation |',
    '',
    '## Parser problems',
    '',
    '| code | name | description |',
    '|---|---|---|',
    ...PARSER_PROBLEMS.map((p) => `| ${p.code} | [${p.name}](parser-problems.md#${p.code.toLowerCase()}-${p.name}) | ${p.description} |`),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules', 'README.md'), docsIndex());
}
