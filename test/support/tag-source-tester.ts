// Table tests for GD007b on tag sources (Makefiles, scripts, compose, bake, workflows, GitLab CI),
// in the spirit of rule-tester.ts: exact 1-based ranges, message fragments, every fix's full
// output; each fix is applied and re-checked: the file still parses with the parser of its kind
// (yaml for YAML, the HCL reader for bake, the Makefile and shell readers) and the finding is gone.
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { applyEdits } from '../../server/src/engine/fix';
import type { WorkspaceFacts } from '../../server/src/engine/facts';
import { lintTagSource, parseHcl, readMakefile, readTagSource, tagSourceKind } from '../../server/src/engine/tagsource';
import type { Finding } from '../../server/src/engine/types';
import { fmtRange } from './rule-tester';

export interface TagSourceCase {
  name: string;
  /** Workspace-relative path: it decides the syntax. */
  file: string;
  code: string;
  facts?: WorkspaceFacts;
}

export interface TagSourceInvalid extends TagSourceCase {
  expect: { at: string; message?: (string | RegExp)[]; fixes?: { title: string; output: string }[] }[];
}

/** The file parses with the parser of its kind; returns what that parser says. */
export function assertParses(file: string, text: string): void {
  const kind = tagSourceKind(file);
  assert.ok(kind, `${file} is a tag source`);
  const reading = readTagSource(file, text);
  assert.deepEqual(reading?.problems, [], `${file} no longer parses`);
  if (kind === 'compose' || kind === 'github' || kind === 'gitlab') assert.deepEqual(parseDocument(text).errors.map((e) => e.message), []);
  if (kind === 'bake') assert.deepEqual(parseHcl(text).problems, []);
  if (kind === 'makefile') assert.deepEqual(readMakefile(text).problems, []);
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `  ${f.code} ${fmtRange(f.range)} ${f.message}`).join('\n') || '  (none)';
}

export function runTagSourceTests(title: string, cases: { valid: TagSourceCase[]; invalid: TagSourceInvalid[] }): void {
  describe(`GD007b tag sources: ${title}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        assertParses(c.file, c.code);
        const found = lintTagSource(c.file, c.code, { facts: c.facts });
        assert.equal(found.length, 0, `expected no GD007b, got:\n${describeFindings(found)}`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        assertParses(c.file, c.code);
        const found = lintTagSource(c.file, c.code, { facts: c.facts });
        assert.deepEqual(found.map((f) => fmtRange(f.range)), c.expect.map((e) => e.at), `ranges differ:\n${describeFindings(found)}`);
        c.expect.forEach((e, i) => {
          const f = found[i] as Finding;
          assert.equal(f.code, 'GD007b');
          assert.equal(f.name, 'untraceable-image');
          assert.equal(f.severity, 'info');
          for (const m of e.message ?? []) {
            if (typeof m === 'string') assert.ok(f.message.includes(m), `message "${f.message}" lacks "${m}"`);
            else assert.match(f.message, m);
          }
          if (!e.fixes) return;
          assert.deepEqual(f.fixes.map((x) => x.title), e.fixes.map((x) => x.title));
          e.fixes.forEach((ef, k) => {
            const fx = f.fixes[k];
            assert.ok(fx);
            assert.equal(fx.safety, 'unsafe', 'tag fixes change what a build produces');
            const output = applyEdits(c.code, fx.edits);
            assert.equal(output, ef.output, `output of "${fx.title}"`);
            assertParses(c.file, output);
            const after = lintTagSource(c.file, output, { facts: c.facts });
            assert.ok(after.length < found.length, `"${fx.title}" did not remove the finding:\n${describeFindings(after)}`);
            assert.ok(!after.some((a) => a.range.start.line === f.range.start.line && a.message === f.message), 'the same finding remains');
          });
        });
      });
    }
  });
}
