// The engine's promises for any text, checked by the fuzzer (test/unit/engine/fuzz.test.ts) and by the
// regression tests of the bugs it found.
import { strict as assert } from 'node:assert';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { SourceText } from '../../server/src/engine/text';
import type { Finding, Range } from '../../server/src/engine/types';

function assertInside(src: SourceText, r: Range, what: string): void {
  const ok = (p: Range['start']) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < src.lineCount && p.character >= 0 && p.character <= src.lineText(p.line).length;
  assert.ok(ok(r.start) && ok(r.end), `${what}: range ${JSON.stringify(r)} lies outside the document (${src.lineCount} lines)`);
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ${JSON.stringify(r)} ends before it starts`);
}

const errorCodes = (fs: Finding[]) => new Set(fs.filter((f) => f.severity === 'error').map((f) => f.code));

/** Everything the engine promises for any text. */
export function checkEngine(text: string): void {
  const findings = lint(text);
  const failed = findings.filter((f) => f.code === 'GD000');
  assert.deepEqual(failed.map((f) => f.message), [], 'no rule fails');
  const src = new SourceText(text);
  for (const f of findings) {
    if (f.file !== undefined) continue;
    assertInside(src, f.range, f.code);
    for (const r of f.related ?? []) if (r.file === undefined) assertInside(src, r.range, `${f.code} related`);
    for (const fix of f.fixes) {
      const own = fix.edits.filter((e) => e.file === undefined);
      for (const e of own) assertInside(src, e.range, `${f.code} fix "${fix.title}"`);
      // Each fix applies on its own (its edits do not overlap) and leaves a text that lints.
      const sorted = [...own].sort((a, b) => src.offsetAt(a.range.start) - src.offsetAt(b.range.start) || src.offsetAt(a.range.end) - src.offsetAt(b.range.end));
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(src.offsetAt((sorted[i - 1] as { range: Range }).range.end) <= src.offsetAt((sorted[i] as { range: Range }).range.start), `${f.code} fix "${fix.title}": overlapping edits`);
      }
      const after = lint(applyEdits(text, own));
      assert.deepEqual(after.filter((x) => x.code === 'GD000').map((x) => x.message), [], `${f.code} fix "${fix.title}": no rule fails on the fixed text`);
    }
  }
  const options = { safety: ['safe', 'unsafe'] as ('safe' | 'unsafe')[] };
  const once = applyFixes(text, findings, options);
  if (once !== text) {
    const before = errorCodes(findings);
    const fresh = [...errorCodes(lint(once))].filter((c) => !before.has(c));
    assert.deepEqual(fresh, [], `fixing introduced new errors:\n--- before\n${text}\n--- after\n${once}`);
  }
  const twice = applyFixes(once, lint(once), options);
  assert.equal(twice, once, 'fixing twice equals fixing once');
}

