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
