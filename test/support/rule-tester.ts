// A table-driven rule tester in the spirit of ESLint's RuleTester and stylelint's testRule:
// every invalid case states the exact findings (code, 1-based range, severity, message fragment)
// and every fix it expects, and each fix is applied and re-linted: the finding is gone, the text
// still parses, and no new error appears.
import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/engine/fix';
import type { WorkspaceFacts } from '../../server/src/engine/facts';
import { lint } from '../../server/src/engine/lint';
import type { EngineSettings } from '../../server/src/engine/settings';
import type { Finding, FixSafety, Range, Severity } from '../../server/src/engine/types';
import { ruleByCodeOrName } from '../../server/src/rules';
import { SAFETY_ORDER } from '../../server/src/engine/types';

export interface ExpectedFinding {
  /** 1-based "line:col-line:col", end column exclusive, as an editor shows it. */
  at: string;
  severity?: Severity;
  /** Substrings (or patterns) the message must contain. */
  message?: (string | RegExp)[];
  /** The fixes of this finding, in order. Omit to not check; [] asserts there is none. */
  fixes?: ExpectedFix[];
}

export interface ExpectedFix {
  title: string | RegExp;
  safety: FixSafety;
  /** The whole file after applying this fix alone. */
  output: string;
  /** Error codes the fix may legitimately introduce (a documented cascade, e.g. scratch without certs). */
  allowNewErrors?: string[];
  /** The finding may remain after this fix (e.g. a fix that only narrows the problem). */
  findingMayRemain?: boolean;
  /**
   * Edits of other files (e.g. .dockerignore), as file and inserted text. The re-lint cannot see
   * them (the workspace facts are not rescanned), so the finding may remain.
   */
  external?: { file: string; newText: string }[];
}

/** Facts, or a loader such as fixtureFacts('http-service') that scans a fixture workspace. */
export type FactsSource = WorkspaceFacts | (() => Promise<WorkspaceFacts>);

export interface ValidCase {
  name: string;
  code: string;
  facts?: FactsSource;
  settings?: Partial<EngineSettings>;
  dockerfilePath?: string;
}

export interface InvalidCase extends ValidCase {
  expect: ExpectedFinding[];
}

export function fmtRange(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

async function resolveFacts(c: ValidCase): Promise<WorkspaceFacts | undefined> {
  return typeof c.facts === 'function' ? c.facts() : c.facts;
}

function lintCase(c: ValidCase, facts: WorkspaceFacts | undefined, text = c.code): Finding[] {
  return lint(text, { facts, settings: c.settings, dockerfilePath: c.dockerfilePath });
}

function describeFindings(fs: Finding[]): string {
  return fs.map((f) => `  ${f.code} ${f.severity} ${fmtRange(f.range)} ${f.message}`).join('\n') || '  (none)';
}

export function runRuleTests(code: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ruleByCodeOrName(code);
  describe(`${code} ${rule?.meta.name ?? '(unknown rule)'}`, () => {
    it('is registered', () => assert.ok(rule, `rule ${code} is not in the registry`));
    const names = new Set<string>();
    for (const c of [...cases.valid, ...cases.invalid]) {
      assert.ok(!names.has(c.name), `duplicate case name ${c.name}`);
      names.add(c.name);
    }
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const found = lintCase(c, await resolveFacts(c)).filter((f) => f.code === code);
        assert.equal(found.length, 0, `expected no ${code}, got:\n${describeFindings(found)}`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const facts = await resolveFacts(c);
        const all = lintCase(c, facts);
        const found = all.filter((f) => f.code === code);
        assert.deepEqual(
          found.map((f) => fmtRange(f.range)),
          c.expect.map((e) => e.at),
          `ranges of ${code} differ; all findings:\n${describeFindings(all)}`,
        );
        c.expect.forEach((e, i) => {
          const f = found[i] as Finding;
          if (e.severity) assert.equal(f.severity, e.severity, `severity of finding ${i + 1}: ${f.message}`);
          for (const m of e.message ?? []) {
            if (typeof m === 'string') assert.ok(f.message.includes(m), `message "${f.message}" lacks "${m}"`);
            else assert.match(f.message, m);
          }
          const strongest = rule?.meta.fixable;
          for (const fx of f.fixes) {
            assert.ok(strongest !== undefined, `${code} emitted a fix but meta.fixable is not set`);
            assert.ok(SAFETY_ORDER.indexOf(fx.safety) >= SAFETY_ORDER.indexOf(strongest), `fix "${fx.title}" is ${fx.safety}, stronger than meta.fixable=${strongest}`);
          }
          if (!e.fixes) return;
          assert.deepEqual(f.fixes.map((x) => x.title).length, e.fixes.length, `fix count for finding ${i + 1}: ${f.fixes.map((x) => x.title).join(' | ')}`);
          e.fixes.forEach((ef, k) => {
            const fx = f.fixes[k];
            assert.ok(fx);
            if (typeof ef.title === 'string') assert.equal(fx.title, ef.title);
            else assert.match(fx.title, ef.title);
            assert.equal(fx.safety, ef.safety, `safety of "${fx.title}"`);
            const output = applyEdits(c.code, fx.edits);
            assert.equal(output, ef.output, `output of fix "${fx.title}"`);
            const external = fx.edits.filter((e) => e.file !== undefined).map((e) => ({ file: e.file as string, newText: e.newText }));
            assert.deepEqual(external, ef.external ?? [], `edits of other files by fix "${fx.title}"`);
            checkRelint(c, facts, code, all, f, output, external.length > 0 ? { ...ef, findingMayRemain: true } : ef);
          });
        });
      });
    }
  });
}

const PARSER = /^P\d{3}$/;

function checkRelint(c: ValidCase, facts: WorkspaceFacts | undefined, code: string, before: Finding[], finding: Finding, output: string, ef: ExpectedFix): void {
  const after = lintCase(c, facts, output);
  const newParser = after.filter((f) => PARSER.test(f.code) && !before.some((b) => b.code === f.code));
  assert.equal(newParser.length, 0, `fix "${ef.title}" broke parsing:\n${describeFindings(newParser)}`);
  const beforeErrors = new Map<string, number>();
  for (const f of before) if (f.severity === 'error') beforeErrors.set(f.code, (beforeErrors.get(f.code) ?? 0) + 1);
  const afterErrors = new Map<string, number>();
  for (const f of after) if (f.severity === 'error') afterErrors.set(f.code, (afterErrors.get(f.code) ?? 0) + 1);
  for (const [k, n] of afterErrors) {
    if ((ef.allowNewErrors ?? []).includes(k)) continue;
    assert.ok(n <= (beforeErrors.get(k) ?? 0), `fix "${ef.title}" introduced a new ${k} error:\n${describeFindings(after.filter((f) => f.code === k))}`);
  }
  if (!ef.findingMayRemain) {
    const same = after.filter((f) => f.code === code);
    const countBefore = before.filter((f) => f.code === code).length;
    assert.ok(same.length < countBefore, `fix "${ef.title}" did not remove the ${code} finding "${finding.message}":\n${describeFindings(same)}`);
  }
}
