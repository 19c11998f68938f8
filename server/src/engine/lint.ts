// lint(): parse once, build the model, run every enabled rule that applies to the file's Go class,
// apply suppression comments and severity settings. Pure and synchronous.
import { RULES, ruleByCodeOrName } from '../rules';
import type { Rule, RuleContext } from '../rules/types';
import type { WorkspaceFacts } from './facts';
import { buildModel } from './model';
import type { Model } from './model/types';
import { DEFAULT_SETTINGS, type EngineSettings, type RuleLevel } from './settings';
import { buildSuppressor, unknownEntries, type RuleIds } from './suppress';
import { comparePositions } from './text';
import type { Finding, Fix, Position, Severity } from './types';

export interface LintOptions {
  facts?: WorkspaceFacts;
  /** Path of the Dockerfile relative to the workspace root (for <Dockerfile>.dockerignore, GoReleaser). */
  dockerfilePath?: string;
  settings?: Partial<EngineSettings>;
  /** Run only these rules (codes); parser problems are still reported unless `parserProblems` is false. */
  only?: string[];
  parserProblems?: boolean;
  /** The rules to run (default: every registered rule); the language server's tests inject a failing one. */
  rules?: readonly Rule[];
}

export interface ParserProblemInfo {
  code: string;
  name: string;
  description: string;
}

export const PARSER_PROBLEMS: ParserProblemInfo[] = [
  { code: 'P001', name: 'unterminated-heredoc', description: 'A heredoc has no terminator line.' },
  { code: 'P002', name: 'unknown-instruction', description: 'A line starts with something that is not a Dockerfile instruction.' },
  { code: 'P003', name: 'exec-form-not-strings', description: 'An exec-form JSON array holds something other than strings.' },
  { code: 'P004', name: 'invalid-escape-directive', description: 'The escape directive is neither \\ nor `.' },
  { code: 'P005', name: 'empty-continuation-line', description: 'A blank line inside a continued instruction.' },
  { code: 'P006', name: 'crlf-in-heredoc', description: 'A heredoc body has CR line endings that reach the shell.' },
  { code: 'P007', name: 'circular-stage-reference', description: 'A stage copies from itself or a later stage.' },
  { code: 'P008', name: 'ignored-parser-directive', description: 'A parser directive that BuildKit ignores because of where it is.' },
  { code: 'P009', name: 'unknown-suppression-code', description: 'An ignore comment names no go-dockerfile rule (or a check=skip names no BuildKit check).' },
];

/** BuildKit checks that report the same thing as a parser problem. */
const PARSER_BUILDKIT: Record<string, string[]> = { P005: ['NoEmptyContinuation'] };

/** Maps a code or a rule name (any case) to its code. */
export function resolveRuleId(id: string): string | undefined {
  const rule = ruleByCodeOrName(id);
  if (rule) return rule.meta.code;
  const p = PARSER_PROBLEMS.find((x) => x.code === id.toUpperCase() || x.name === id.toLowerCase());
  return p?.code;
}

function levelFor(settings: EngineSettings, code: string, name: string): RuleLevel | undefined {
  return settings.rules[code] ?? settings.rules[name] ?? settings.rules[code.toLowerCase()];
}

function internalError(code: string, err: unknown): Finding {
  const msg = err instanceof Error ? err.message : String(err);
  return {
    code: 'GD000',
    name: 'internal-error',
    severity: 'hint',
    message: `go-dockerfile: rule ${code} failed on this file (${msg}). The other rules still ran; please report this.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

/**
 * Where the body of the first unterminated heredoc starts: the heredoc runs to the end of the file, so
 * any text a fix would insert from there on becomes heredoc body instead of instructions.
 */
function unterminatedHeredocBody(model: Model): Position | undefined {
  let first: Position | undefined;
  for (const node of [...model.instructions, ...model.onbuild]) {
    for (const h of node.heredocs) {
      if (!h.terminated && (first === undefined || comparePositions(h.bodyRange.start, first) < 0)) first = h.bodyRange.start;
    }
  }
  return first;
}

/** Fixes whose text would land inside an unterminated heredoc's body are dropped (they could never take effect). */
function fixesOutside(fixes: Fix[], cutoff: Position | undefined): Fix[] {
  if (cutoff === undefined || fixes.length === 0) return fixes;
  return fixes.filter((fix) => fix.edits.every((e) => e.file !== undefined || e.newText === '' || comparePositions(e.range.end, cutoff) < 0));
}

export function lintModel(model: Model, options: LintOptions = {}): Finding[] {
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, ...options.settings, rules: { ...DEFAULT_SETTINGS.rules, ...options.settings?.rules } };
  const ctx: RuleContext = { model, facts: options.facts, settings };
  const out: Finding[] = [];
  const suppressor = buildSuppressor(model);
  const cutoff = unterminatedHeredocBody(model);
  const push = (f: Finding, ids: RuleIds): void => {
    const level = levelFor(settings, f.code, f.name);
    if (level === 'off') return;
    const severity = level ?? f.severity;
    if (f.file === undefined && suppressor.isSuppressed(ids, severity, f.range.start.line)) return;
    out.push(level ? { ...f, severity: level as Severity } : f);
  };
  const parserIds = (code: string, name: string): RuleIds => ({ code, name, hadolint: [], buildkit: PARSER_BUILDKIT[code] ?? [] });
  // A Dockerfile that neither builds nor packages Go is another tool's business (CATALOGUE §0.1).
  if (model.goClass === 'not-go') return out;
  if (options.parserProblems !== false) {
    for (const p of model.problems) {
      const name = PARSER_PROBLEMS.find((x) => x.code === p.code)?.name ?? p.code;
      push({ code: p.code, name, severity: p.severity, message: p.message, range: p.range, fixes: [] }, parserIds(p.code, name));
    }
    for (const { entry, tool } of unknownEntries(suppressor.comments, (id) => resolveRuleId(id) !== undefined)) {
      const message = tool === 'buildkit'
        ? `"${entry.text}" is not a BuildKit check name (names are PascalCase, e.g. JSONArgsRecommended): this skip does nothing.`
        : `"${entry.text}" is not a go-dockerfile rule code or name: this ignore comment suppresses nothing.`;
      push({ code: 'P009', name: 'unknown-suppression-code', severity: 'hint', message, range: entry.range, fixes: [] }, parserIds('P009', 'unknown-suppression-code'));
    }
  }
  for (const rule of options.rules ?? RULES) {
    if (options.only && !options.only.includes(rule.meta.code)) continue;
    if (!rule.meta.appliesTo.includes(model.goClass)) continue;
    if (levelFor(settings, rule.meta.code, rule.meta.name) === 'off') continue;
    let reports;
    try {
      reports = rule.check(ctx);
    } catch (err) {
      out.push(internalError(rule.meta.code, err));
      continue;
    }
    const ids: RuleIds = { code: rule.meta.code, name: rule.meta.name, hadolint: rule.meta.hadolint ?? [], buildkit: rule.meta.buildkit ?? [] };
    for (const r of reports) {
      push({
        code: rule.meta.code,
        name: rule.meta.name,
        severity: r.severity ?? rule.meta.defaultSeverity,
        message: r.message,
        range: r.range,
        fixes: fixesOutside(r.fixes ?? [], cutoff),
        related: r.related,
        file: r.file,
      }, ids);
    }
  }
  return sortFindings(out);
}

export function lint(text: string, options: LintOptions = {}): Finding[] {
  const model = buildModel(text, { facts: options.facts, dockerfilePath: options.dockerfilePath });
  return lintModel(model, options);
}

function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
}
