// Suppression comments (CATALOGUE §0.7), ours and those of the tools go-dockerfile overlaps:
//   # go-dockerfile ignore=GD003,binary-not-static -- reason   the comment lines right above an instruction
//   # go-dockerfile global ignore=GD018                        anywhere: the whole file
//   # hadolint ignore=DL3006 / global ignore= / stage ignore=  for rules that map to a hadolint code
//   # check=skip=JSONArgsRecommended                           BuildKit: the file-level directive, or a
//                                                              comment right above an instruction
// Another tool's suppression silences our mapped findings of warning severity or lower only: an
// error (a build or start that will fail, which the other tool does not know) needs our own comment
// (EDGE_CASES EC35).
import type { Model } from './model/types';
import type { Range, Severity } from './types';

export type SuppressionTool = 'go-dockerfile' | 'hadolint' | 'buildkit';

export interface SuppressionEntry {
  text: string;
  range: Range;
}

export interface SuppressionComment {
  tool: SuppressionTool;
  line: number;
  scope: 'instruction' | 'global' | 'stage';
  entries: SuppressionEntry[];
}

/** What the linter needs to know about a rule to decide suppression. */
export interface RuleIds {
  code: string;
  name: string;
  hadolint: string[];
  buildkit: string[];
}

/** BuildKit's build check names (frontend/dockerfile/linter/ruleset.go). */
export const BUILDKIT_CHECKS = [
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName',
  'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath',
  'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'InvalidBaseImagePlatform',
  'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
];

const OURS = /^(\s*#\s*go-dockerfile\s+(global\s+)?ignore\s*=\s*)(\S*)/i;
const HADOLINT = /^(\s*#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*)(\S*)/i;
const CHECK = /^(\s*#\s*check\s*=\s*)(.*)$/i;

function entriesAt(line: number, col: number, list: string, sep: RegExp): SuppressionEntry[] {
  const out: SuppressionEntry[] = [];
  let c = col;
  for (const part of list.split(sep)) {
    if (part !== '') out.push({ text: part, range: { start: { line, character: c }, end: { line, character: c + part.length } } });
    c += part.length + 1;
  }
  return out;
}

export function readSuppressions(model: Model): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  const src = model.src;
  const checkDirective = model.directives.find((d) => d.name === 'check' && d.effective);
  for (let line = 0; line < src.lineCount; line++) {
    const raw = src.lineText(line);
    const text = raw.replace(/^\ufeff/, '');
    const bom = raw.length - text.length;
    let m = OURS.exec(text);
    if (m) {
      out.push({ tool: 'go-dockerfile', line, scope: m[2] ? 'global' : 'instruction', entries: entriesAt(line, bom + (m[1] as string).length, m[3] as string, /,/) });
      continue;
    }
    m = HADOLINT.exec(text);
    if (m) {
      const scope = m[2] === 'global' ? 'global' : m[2] === 'stage' ? 'stage' : 'instruction';
      out.push({ tool: 'hadolint', line, scope, entries: entriesAt(line, bom + (m[1] as string).length, m[3] as string, /,/) });
      continue;
    }
    m = CHECK.exec(text);
    if (m) {
      // `skip=A,B;error=true`: only the skip list matters here.
      const value = m[2] as string;
      const skip = /(^|;)\s*skip\s*=\s*([^;]*)/i.exec(value);
      if (!skip) continue;
      const col = bom + (m[1] as string).length + (skip.index ?? 0) + (skip[0] as string).length - (skip[2] as string).length;
      const isDirective = checkDirective?.line === line;
      out.push({ tool: 'buildkit', line, scope: isDirective ? 'global' : 'instruction', entries: entriesAt(line, col, (skip[2] as string).trim(), /,/) });
    }
  }
  return out;
}

export interface Suppressor {
  comments: SuppressionComment[];
  isSuppressed(rule: RuleIds, severity: Severity, line: number): boolean;
}

/** The comment lines directly above the instruction that starts at `firstLine`. */
function commentBlockAbove(model: Model, firstLine: number): Set<number> {
  const lines = new Set<number>();
  for (let l = firstLine - 1; l >= 0; l--) {
    if (!model.src.lineText(l).trim().startsWith('#')) break;
    lines.add(l);
  }
  return lines;
}

function matches(c: SuppressionComment, rule: RuleIds): boolean {
  return c.entries.some((e) => {
    const t = e.text.trim();
    switch (c.tool) {
      case 'go-dockerfile':
        return t.toUpperCase() === rule.code || t.toLowerCase() === rule.name;
      case 'hadolint':
        return rule.hadolint.includes(t.toUpperCase());
      case 'buildkit':
        return rule.buildkit.length > 0 && (t === 'all' || rule.buildkit.includes(t));
    }
  });
}

export function buildSuppressor(model: Model): Suppressor {
  const comments = readSuppressions(model);
  const globals = comments.filter((c) => c.scope === 'global');
  // For each line covered by an instruction, the suppression comments that apply to it.
  const byLine = new Map<number, SuppressionComment[]>();
  const local = comments.filter((c) => c.scope === 'instruction');
  const stageScoped = comments.filter((c) => c.scope === 'stage');
  if (local.length > 0 || stageScoped.length > 0) {
    for (const node of model.instructions) {
      const above = commentBlockAbove(model, node.range.start.line);
      const applies = local.filter((c) => above.has(c.line));
      // `# hadolint stage ignore=` applies from its line to the next FROM.
      const nextFrom = (line: number) => model.instructions.find((n) => n.keyword === 'FROM' && n.range.start.line > line)?.range.start.line ?? Number.POSITIVE_INFINITY;
      applies.push(...stageScoped.filter((c) => c.line < node.range.start.line && node.range.start.line < nextFrom(c.line)));
      if (applies.length === 0) continue;
      for (let l = node.range.start.line; l <= node.range.end.line; l++) byLine.set(l, applies);
    }
  }
  return {
    comments,
    isSuppressed(rule, severity, line) {
      const candidates = [...globals, ...(byLine.get(line) ?? [])];
      return candidates.some((c) => matches(c, rule) && (c.tool === 'go-dockerfile' || severity !== 'error'));
    },
  };
}

/** Entries of our own comments that name no rule, and BuildKit skip names that are no check. */
export function unknownEntries(comments: SuppressionComment[], isKnown: (id: string) => boolean): { entry: SuppressionEntry; tool: SuppressionTool }[] {
  const out: { entry: SuppressionEntry; tool: SuppressionTool }[] = [];
  for (const c of comments) {
    for (const e of c.entries) {
      const t = e.text.trim();
      if (c.tool === 'go-dockerfile' && !isKnown(t)) out.push({ entry: e, tool: c.tool });
      if (c.tool === 'buildkit' && t !== 'all' && !BUILDKIT_CHECKS.includes(t)) out.push({ entry: e, tool: c.tool });
    }
  }
  return out;
}
