// go-dockerfile as a library (dist/api.js): the engine without any editor or CLI dependency.
export { lint, lintModel, resolveRuleId, PARSER_PROBLEMS, type LintOptions } from './engine/lint';
export { applyFixes, applyFixesDetailed, applyEdits, selectFixes, type ApplyOptions, type ApplyResult } from './engine/fix';
export { buildModel } from './engine/model';
export type { Model } from './engine/model/types';
export type { WorkspaceFacts } from './engine/facts';
export { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings, type RuleLevel } from './engine/settings';
export { VERSION, docUrl, docFile } from './engine/meta';
export { RULES, ruleByCodeOrName } from './rules';
export type { Rule, RuleMeta } from './rules/types';
export * from './engine/types';
export { lintTagSource, readTagSource, tagSourceKind, type TagSourceKind, type TagSourceOptions } from './engine/tagsource';
