// The rule contract: one file per rule exporting `meta` and a pure `check(ctx)`.
import type { WorkspaceFacts } from '../engine/facts';
import type { EngineSettings } from '../engine/settings';
import type { GoClass, Model } from '../engine/model/types';
import type { Fix, FixSafety, Range, RelatedInfo, Severity } from '../engine/types';

export interface RuleMeta {
  /** Stable code from CATALOGUE.md, e.g. "GD001". */
  code: string;
  /** Kebab-case name, used for the doc page and accepted wherever a code is. */
  name: string;
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  /** The strongest safety a fix of this rule can have; absent when the rule has no fixes. */
  fixable?: FixSafety;
  /** Go-ness classes the rule runs on (CATALOGUE §0.1). */
  appliesTo: GoClass[];
  /** hadolint rules this one overlaps (their `# hadolint ignore=` also silences it). */
  hadolint?: string[];
  /** BuildKit checks this one overlaps. */
  buildkit?: string[];
}

export interface Report {
  range: Range;
  message: string;
  /** Per-instance severity; the rule's default when absent. */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Workspace-relative file the finding belongs to when it is not the Dockerfile (e.g. ".dockerignore"). */
  file?: string;
}

export interface RuleContext {
  model: Model;
  facts?: WorkspaceFacts;
  settings: EngineSettings;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Report[];
}

export const ALL_CLASSES: GoClass[] = ['go-build', 'go-runtime-only', 'go-tooling'];
export const BUILD_ONLY: GoClass[] = ['go-build'];
export const BUILD_AND_RUNTIME: GoClass[] = ['go-build', 'go-runtime-only'];

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function docPath(meta: RuleMeta): string {
  return `docs/rules/${meta.name}.md`;
}
