// Product constants: the version and where rule documentation lives.
import { PARSER_PROBLEMS } from './lint';
import { ruleByCodeOrName } from '../rules';

/** Kept in sync with package.json by a test. */
export const VERSION = '0.1.0';
export const REPOSITORY = 'https://github.com/go-dockerfile/go-dockerfile';

/** The documentation page of a rule, pinned to the installed version (markdownlint does the same). */
export function docUrl(codeOrName: string): string | undefined {
  const rule = ruleByCodeOrName(codeOrName);
  if (rule) return `${REPOSITORY}/blob/v${VERSION}/docs/rules/${rule.meta.name}.md`;
  const p = PARSER_PROBLEMS.find((x) => x.code === codeOrName.toUpperCase() || x.name === codeOrName);
  return p ? `${REPOSITORY}/blob/v${VERSION}/docs/rules/parser-problems.md#${p.code.toLowerCase()}-${p.name}` : undefined;
}

/** Workspace-relative doc path of a rule, for local opening. */
export function docFile(codeOrName: string): string | undefined {
  const rule = ruleByCodeOrName(codeOrName);
  if (rule) return `docs/rules/${rule.meta.name}.md`;
  return PARSER_PROBLEMS.some((x) => x.code === codeOrName.toUpperCase() || x.name === codeOrName) ? 'docs/rules/parser-problems.md' : undefined;
}
