// Applying fixes: pick at most one allowed fix per finding, drop fixes whose edits overlap edits
// already taken (the first wins), apply, re-lint and repeat (at most 10 passes, as ESLint does).
import { lint, type LintOptions } from './lint';
import { SourceText, rangesOverlap } from './text';
import type { Finding, Fix, FixSafety, TextEdit } from './types';

export interface ApplyOptions {
  /** Safeties that may be applied: ['safe'] by default; suggestions are never applied automatically. */
  safety?: FixSafety[];
  /** Options for re-linting between passes. */
  lint?: LintOptions;
  /** Re-lints another kind of file between passes (a GD007b tag source); replaces `lint`. */
  relint?: (text: string) => Finding[];
  maxPasses?: number;
  /** Apply only findings of these codes. */
  codes?: string[];
  /**
   * Receives the edits that target other files (e.g. .dockerignore). Without it, fixes that touch
   * another file are skipped, since only the Dockerfile text is at hand.
   */
  externalEdits?: (edits: TextEdit[]) => void;
}

export interface ApplyResult {
  text: string;
  passes: number;
  applied: { code: string; title: string }[];
}

/** Applies non-overlapping edits to a text (edits for other files are ignored). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const src = new SourceText(text);
  const withOffsets = edits.filter((e) => e.file === undefined).map((e, i) => ({ e, i, a: src.offsetAt(e.range.start), b: src.offsetAt(e.range.end) }));
  // Apply from the end; for equal positions keep the original order of insertion.
  withOffsets.sort((x, y) => y.a - x.a || y.b - x.b || y.i - x.i);
  let out = text;
  for (const { e, a, b } of withOffsets) out = out.slice(0, a) + e.newText + out.slice(b);
  return out;
}

/** One pass: the fixes that would be applied, without overlaps. */
export function selectFixes(findings: Finding[], safety: FixSafety[], codes?: string[], external = false): { finding: Finding; fix: Fix }[] {
  const chosen: { finding: Finding; fix: Fix }[] = [];
  const taken: TextEdit[] = [];
  const allowed = (finding: Finding): Fix | undefined => {
    if (codes && !codes.includes(finding.code)) return undefined;
    const fix = finding.fixes.find((f) => safety.includes(f.safety) && f.safety !== 'suggestion' && (external || f.edits.every((e) => e.file === undefined)));
    return fix && fix.edits.length > 0 ? fix : undefined;
  };
  // A structural rewrite goes first and alone; the others are re-linted against its result.
  for (const finding of findings) {
    const fix = allowed(finding);
    if (fix?.isolated) return [{ finding, fix }];
  }
  for (const finding of findings) {
    const fix = allowed(finding);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => t.file === e.file && rangesOverlap(e.range, t.range)))) continue;
    chosen.push({ finding, fix });
    taken.push(...fix.edits);
  }
  return chosen;
}

export function applyFixesDetailed(text: string, findings: Finding[], options: ApplyOptions = {}): ApplyResult {
  const safety = options.safety ?? ['safe'];
  const maxPasses = options.maxPasses ?? 10;
  let current = text;
  let currentFindings = findings;
  const applied: ApplyResult['applied'] = [];
  let passes = 0;
  const touched = new Set<string>();
  while (passes < maxPasses) {
    // An edit to another file is applied once: re-linting sees the old workspace facts.
    const chosen = selectFixes(currentFindings, safety, options.codes, options.externalEdits !== undefined).filter(
      (c) => !c.fix.edits.some((e) => e.file !== undefined && touched.has(e.file)),
    );
    if (chosen.length === 0) break;
    const edits = chosen.flatMap((c) => c.fix.edits);
    const external = edits.filter((e) => e.file !== undefined);
    if (external.length > 0) {
      options.externalEdits?.(external);
      for (const e of external) touched.add(e.file as string);
    }
    const next = applyEdits(current, edits);
    passes++;
    if (next === current && external.length === 0) break;
    applied.push(...chosen.map((c) => ({ code: c.finding.code, title: c.fix.title })));
    current = next;
    currentFindings = options.relint ? options.relint(current) : lint(current, options.lint);
  }
  return { text: current, passes, applied };
}

/** Applies the allowed fixes of `findings` to `text`, re-linting between passes; returns the fixed text. */
export function applyFixes(text: string, findings: Finding[], options: ApplyOptions = {}): string {
  return applyFixesDetailed(text, findings, options).text;
}
