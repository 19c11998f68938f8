// GD037: BuildKit-only syntax without an effective `# syntax=` directive, a pinned frontend older
// than the features in use, or a syntax directive that is ignored because it is not at the top.
import { SYNTAX_DIRECTIVE } from '../engine/buildkit';
import { insertAtTop } from '../engine/edits';
import type { Directive, Model } from '../engine/model/types';
import type { Fix, Range, Severity, TextEdit } from '../engine/types';
import { BUNDLED_BASELINE, featureUses, fmt, needed, newer, parseFrontend, type Use } from './lib/buildkit-syntax-directive-features';
import { BUILD_ONLY, defineRule, type Report } from './types';

const DIRECTIVE = SYNTAX_DIRECTIVE;

function deleteLine(model: Model, line: number): TextEdit {
  const src = model.src;
  if (line + 1 < src.lineCount) return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  const prev = Math.max(0, line - 1);
  return { range: { start: { line: prev, character: src.lineText(prev).length }, end: { line, character: src.lineText(line).length } }, newText: '' };
}

/** The range of the directive's value inside its line. */
function valueRange(model: Model, d: Directive): Range {
  const text = model.src.slice(d.range);
  const at = text.lastIndexOf(d.value);
  if (at < 0) return d.range;
  return { start: { line: d.line, character: d.range.start.character + at }, end: { line: d.line, character: d.range.start.character + at + d.value.length } };
}

function others(uses: Use[], first: Use): string {
  const rest = uses.filter((u) => u !== first && u.feature !== first.feature);
  const labels = [...new Map(rest.map((u) => [u.feature.label, u.range.start.line + 1])).entries()].map(([l, n]) => `${l} (line ${n})`);
  return labels.length > 0 ? ` Also used: ${labels.join(', ')}.` : '';
}

/** The use that needs the newest frontend (the first one on ties). */
function mostDemanding(uses: Use[]): Use {
  return uses.reduce((best, u) => (newer(u.feature.stable, best.feature.stable) ? u : best));
}

function pinnedTooOld(model: Model, d: Directive, uses: Use[]): Report[] {
  const fe = parseFrontend(d.value);
  if (!fe.dockerfile || fe.version === undefined) return [];
  const pinned = fe.version;
  const reports: Report[] = [];
  const newValue = `${fe.repo}:1${fe.labs ? '-labs' : ''}`;
  for (const u of uses) {
    const need = needed(u.feature, fe.labs);
    if (!newer(need, pinned)) continue;
    const fix: Fix = {
      title: `Use # syntax=${newValue}`,
      safety: fe.digest ? 'unsafe' : 'safe',
      edits: [{ range: valueRange(model, d), newText: newValue }],
    };
    reports.push({
      range: u.range,
      severity: 'warning',
      message: `${u.feature.label} needs the Dockerfile frontend ${fmt(need)} or later${fe.labs ? ' (labs channel)' : ''}, but line ${d.line + 1} pins ${fe.repo}:${fe.tag ?? ''}: the build fails on this instruction. Use ${newValue}, which follows the newest 1.x release.`,
      fixes: [fix],
    });
  }
  return reports;
}

export default defineRule({
  meta: {
    code: 'GD037',
    name: 'buildkit-syntax-directive',
    description: 'BuildKit-only syntax (RUN --mount, heredocs, COPY --link/--parents/--exclude, …) without an effective # syntax= directive, or with one pinned too old.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const uses = featureUses(model);
    if (uses.length === 0) return [];
    const syntax = model.directives.filter((d) => d.name === 'syntax');
    const effective = syntax.find((d) => d.effective);
    if (effective) return pinnedTooOld(model, effective, uses);
    const demanding = mostDemanding(uses);
    const fresh = newer(demanding.feature.stable, BUNDLED_BASELINE);
    const top = fresh ? demanding : (uses[0] as Use);
    const severity: Severity = fresh ? 'warning' : 'info';
    const need = fresh ? ` ${top.feature.label} needs dockerfile ${fmt(top.feature.stable)} or later, newer than the frontend many Docker Engines bundle, so the build may fail with an unknown flag.` : '';
    const misplaced = syntax[0];
    if (misplaced) {
      const text = model.src.slice(misplaced.range);
      return [
        {
          range: misplaced.range,
          severity,
          message: `This "# syntax" directive is ignored because it is not at the top of the file (after a comment, blank line or instruction BuildKit stops looking for directives): the build uses the frontend bundled with the daemon's BuildKit, not ${misplaced.value}. This file uses ${top.feature.label} (line ${top.range.start.line + 1}).${need}${others(uses, top)} Move the directive to line 1.`,
          fixes: [{ title: 'Move the syntax directive to line 1', safety: 'safe', edits: [insertAtTop(model, [text]), deleteLine(model, misplaced.line)] }],
        },
      ];
    }
    return [
      {
        range: top.range,
        severity,
        message: `${top.feature.label} is BuildKit-only syntax and the file has no "# syntax=" directive: it builds only with the Dockerfile frontend bundled with the builder's BuildKit (the legacy builder rejects it).${need}${others(uses, top)} Add "${DIRECTIVE}" as the first line to get the current 1.x frontend.`,
        fixes: [{ title: `Add "${DIRECTIVE}" as line 1`, safety: 'safe', edits: [insertAtTop(model, [DIRECTIVE])] }],
      },
    ];
  },
});
