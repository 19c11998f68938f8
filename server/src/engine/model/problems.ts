// Parser diagnostics (EDGE_CASES "P-codes"): what BuildKit's parser or frontend rejects, reported
// instead of guessing. They come from the model, not from rules.
import type { SourceText } from '../text';
import type { Directive, Model, ParserProblem } from './types';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Parser directives: `# key=value` lines at the very top (a BOM allowed). Once a comment, blank
 * line or instruction has been seen, later look-alikes are ignored (kept with effective=false).
 */
export function readDirectives(src: SourceText): Directive[] {
  const out: Directive[] = [];
  let top = true;
  for (let line = 0; line < src.lineCount; line++) {
    let text = src.lineText(line);
    let col = 0;
    if (line === 0 && text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      col = 1;
    }
    const m = DIRECTIVE.exec(text);
    const name = m?.[1]?.toLowerCase();
    if (m && name && KNOWN_DIRECTIVES.has(name)) {
      const dup = out.some((d) => d.effective && d.name === name);
      out.push({ name, value: m[2] ?? '', line, range: { start: { line, character: col }, end: { line, character: col + text.length } }, effective: top && !dup });
      continue;
    }
    // Anything else (a comment, an unknown directive, a blank line, an instruction) ends the directive block.
    top = false;
  }
  return out;
}

export function findProblems(model: Model): ParserProblem[] {
  const problems: ParserProblem[] = [];
  const src = model.src;
  for (const d of model.directives) {
    if (d.name === 'escape' && d.effective && d.value !== '\\' && d.value !== '`') {
      problems.push({ code: 'P004', severity: 'error', message: `Invalid escape directive value "${d.value}": it must be \\ or \`.`, range: d.range });
    }
    if (!d.effective) {
      // A repeat of a directive that is already in effect changes nothing: info; a lone ignored one: warning.
      const repeat = model.directives.some((x) => x.effective && x.name === d.name);
      problems.push({
        code: 'P008',
        severity: repeat ? 'info' : 'warning',
        message: repeat
          ? `This "${d.name}" parser directive is ignored: only the one at the top of the file counts.`
          : `This "${d.name}" parser directive is ignored: directives must come before any comment, blank line or instruction.`,
        range: d.range,
      });
    }
  }
  for (const node of [...model.instructions, ...model.onbuild]) {
    if (!KEYWORDS.has(node.keyword)) {
      problems.push({ code: 'P002', severity: 'error', message: `Unknown instruction "${node.keywordText}": the build will fail.`, range: node.keywordRange });
    }
    if (node.form.kind === 'invalid-exec') {
      problems.push({ code: 'P003', severity: 'error', message: `${node.keyword} exec form must be a JSON array of strings; BuildKit rejects this line.`, range: node.argsRange });
    }
    for (const h of node.heredocs) {
      if (!h.terminated) {
        problems.push({ code: 'P001', severity: 'error', message: `Unterminated heredoc: no line equal to "${h.name}" ends it${h.stripTabs ? ' (<<- strips only tabs)' : ''}.`, range: h.markerRange });
      } else if (h.body.text.includes('\r')) {
        problems.push({ code: 'P006', severity: 'error', message: 'Heredoc body has CR line endings: BuildKit keeps the \\r and the shell sees it (e.g. "set: illegal option -"). Convert the file to LF.', range: h.bodyRange });
      }
    }
    emptyContinuations(src, model, node.range.start.line, node.heredocs.length > 0 ? node.heredocs[0]!.bodyRange.start.line - 1 : node.range.end.line, problems);
  }
  for (const stage of model.stages) {
    for (const c of stage.copies) {
      if (c.from && !c.from.stage && !c.from.ref && /^\d+$/.test(c.from.value) && Number(c.from.value) >= stage.index) {
        problems.push({ code: 'P007', severity: 'error', message: `COPY --from=${c.from.value} refers to ${Number(c.from.value) === stage.index ? 'the current stage' : 'a later stage'}: BuildKit fails with "circular dependency detected on stage".`, range: c.from.range });
      } else if (c.from?.stage === stage) {
        problems.push({ code: 'P007', severity: 'error', message: `COPY --from=${c.from.value} refers to the current stage: BuildKit fails with "circular dependency detected on stage".`, range: c.from.range });
      }
    }
  }
  return problems;
}

function emptyContinuations(src: SourceText, model: Model, first: number, last: number, out: ParserProblem[]): void {
  for (let line = first + 1; line <= last && line < src.lineCount; line++) {
    if (src.lineText(line).trim() !== '') continue;
    const prev = src.lineText(line - 1).trimEnd();
    // Only blank lines inside a continuation (the instruction continues below them).
    if (line < last || prev.endsWith(model.escape)) {
      out.push({ code: 'P005', severity: 'hint', message: 'Empty continuation line: BuildKit warns (NoEmptyContinuation) and a future release may reject it.', range: { start: { line, character: 0 }, end: { line, character: src.lineText(line).length } } });
    }
  }
}
