// `npm run generate:manifest`: writes the goDockerfile.rules settings schema of package.json from
// the rule registry (server/src/rules) and the parser problems, so the settings UI, completion in
// settings.json and the "Show rule documentation" picker always list every code with its name,
// description and documentation link. test/meta/manifest.test.ts fails when package.json drifts.
// `--check` exits 1 instead of writing.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { docUrl, PARSER_PROBLEMS, RULES } from '../server/src/api';
import { RULE_LEVELS } from '../server/src/engine/settings';
import { REPOSITORY, VERSION } from '../server/src/engine/meta';

export const PACKAGE_JSON = path.resolve(__dirname, '..', 'package.json');
export const RULES_KEY = 'goDockerfile.rules';

export interface RuleLevelSchema {
  type: 'string';
  enum: string[];
  title: string;
  description: string;
  markdownDescription: string;
}

const FIX_LABEL: Record<string, string> = { safe: 'safe fix', unsafe: 'unsafe fix', suggestion: 'suggested fix' };

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

function link(code: string): string {
  const url = docUrl(code);
  if (!url) throw new Error(`no documentation URL for ${code}`);
  return url;
}

/** The schema of the goDockerfile.rules setting: one property per rule code and parser problem. */
export function rulesSchema(): Record<string, unknown> {
  const levels = [...RULE_LEVELS];
  const properties: Record<string, RuleLevelSchema> = {};
  for (const { meta } of RULES) {
    const facts = [`default \`${meta.defaultSeverity}\``, meta.fixable ? FIX_LABEL[meta.fixable] : undefined].filter(Boolean).join(', ');
    properties[meta.code] = {
      type: 'string',
      enum: levels,
      title: meta.name,
      description: `${meta.name}: ${meta.description}`,
      markdownDescription: `**${meta.name}**: ${escapeMd(meta.description)} (${facts}) [Documentation](${link(meta.code)})`,
    };
  }
  for (const p of PARSER_PROBLEMS) {
    properties[p.code] = {
      type: 'string',
      enum: levels,
      title: p.name,
      description: `${p.name}: ${p.description}`,
      markdownDescription: `**${p.name}** (parser problem): ${escapeMd(p.description)} [Documentation](${link(p.code)})`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    markdownDescription:
      'Level of each rule: `off`, `error`, `warning`, `info` or `hint`, keyed by code (`GD018`) or name (`runs-as-root`); unset rules keep their default level. ' +
      `These settings override the \`rules\` of \`.go-dockerfile.json\`. See the [rule list](${REPOSITORY}/blob/v${VERSION}/docs/rules/README.md).`,
    properties,
    additionalProperties: { type: 'string', enum: levels, markdownDescription: 'A rule name (kebab-case) with its level.' },
  };
}

interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[] };
}

/** The properties object holding goDockerfile.rules in a manifest. */
export function configurationProperties(manifest: Manifest): Record<string, unknown> {
  const config = manifest.contributes?.configuration;
  const list = Array.isArray(config) ? config : config ? [config] : [];
  const owner = list.find((c) => c.properties && RULES_KEY in c.properties) ?? list[0];
  if (!owner?.properties) throw new Error('package.json has no contributes.configuration.properties');
  return owner.properties;
}

/** package.json text with the generated rules schema (same formatting as npm writes). */
export function updatedManifestText(text: string): string {
  const manifest = JSON.parse(text) as Manifest;
  configurationProperties(manifest)[RULES_KEY] = rulesSchema();
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function main(): void {
  const text = readFileSync(PACKAGE_JSON, 'utf8');
  const next = updatedManifestText(text);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      process.stderr.write('package.json: the goDockerfile.rules schema is out of date: run `npm run generate:manifest`\n');
      process.exit(1);
    }
    return;
  }
  if (next !== text) writeFileSync(PACKAGE_JSON, next);
  process.stdout.write(`package.json: ${RULES_KEY} lists ${RULES.length} rules and ${PARSER_PROBLEMS.length} parser problems${next === text ? ' (unchanged)' : ''}\n`);
}

if (require.main === module) main();
