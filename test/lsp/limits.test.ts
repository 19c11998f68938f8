// In-process tests of the server's lint limits: a failing rule is contained (the other rules still
// report, the failure is logged once, not per keystroke), and documents too large to analyse get one
// info diagnostic instead of a lint that would block the server.
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, type Rule } from '../../server/src/api';
import { Linter, MAX_LINT_BYTES, MAX_LINT_LINES, tooLarge } from '../../server/src/lsp/documents';
import { FactsProvider } from '../../server/src/lsp/facts';
import { SettingsStore } from '../../server/src/lsp/settings';
import { emptyFacts } from '../../server/src/workspace';
import { recorder, SAMPLE } from './helpers';

/** A rule that throws on every file, as a buggy rule would. */
const BROKEN: Rule = {
  meta: { code: 'GD999', name: 'always-throws', description: 'Throws.', defaultSeverity: 'warning', appliesTo: ['go-build', 'go-runtime-only', 'go-tooling'] },
  check: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'stage')");
  },
};

function setup(rules?: readonly Rule[]): { linter: Linter; logger: ReturnType<typeof recorder> } {
  const logger = recorder();
  const settings = new SettingsStore(logger, async () => ({}));
  const facts = new FactsProvider({ get: async () => emptyFacts('/ws'), invalidate: () => undefined, invalidateForFile: () => false }, async () => undefined, () => undefined, 0);
  return { linter: new Linter({ settings, facts, logger, onFactsArrived: () => undefined, rules }), logger };
}

describe('lsp units: lint limits', function () {
  it('contains a throwing rule: the other rules report, GD000 says which failed, the log has it once', async function () {
    const { linter, logger } = setup([...RULES, BROKEN]);
    const doc = TextDocument.create('untitled:a.Dockerfile', 'dockerfile', 1, SAMPLE);
    const first = await linter.get(doc);
    const healthy = await setup().linter.get(TextDocument.create('untitled:a.Dockerfile', 'dockerfile', 1, SAMPLE));
    assert.ok(healthy.findings.length >= 3);
    assert.deepEqual(first.findings.map((f) => f.code).sort(), [...healthy.findings.map((f) => f.code), 'GD000'].sort());
    const gd000 = first.findings.find((f) => f.code === 'GD000');
    assert.match(gd000?.message ?? '', /rule GD999 failed on this file \(Cannot read properties of undefined/);
    // Keystrokes and another document: the same failure is not logged again.
    for (let v = 2; v <= 6; v++) {
      TextDocument.update(doc, [{ text: `${SAMPLE}# edit ${v}\n` }], v);
      const r = await linter.get(doc);
      assert.ok(r.findings.some((f) => f.code === 'GD001'), `version ${v} still has the other findings`);
    }
    await linter.get(TextDocument.create('untitled:b.Dockerfile', 'dockerfile', 1, SAMPLE));
    assert.equal(logger.errors.length, 1, logger.errors.join('\n'));
    assert.match(logger.errors[0] as string, /rule GD999 failed.*first seen on untitled:a\.Dockerfile; logged once/);
  });

  it('does not log without a failing rule', async function () {
    const { linter, logger } = setup();
    const r = await linter.get(TextDocument.create('untitled:c.Dockerfile', 'dockerfile', 1, SAMPLE));
    assert.ok(['GD001', 'GD004', 'GD007'].every((c) => r.findings.some((f) => f.code === c)));
    assert.ok(!r.findings.some((f) => f.code === 'GD000'));
    assert.deepEqual(logger.errors, []);
  });

  it('measures size without counting past the limit', function () {
    const lines = (n: number) => `${'RUN echo x\n'.repeat(n)}`;
    assert.equal(tooLarge(lines(MAX_LINT_LINES)), undefined);
    assert.equal(tooLarge(lines(MAX_LINT_LINES - 1) + 'RUN echo no final newline'), undefined);
    assert.equal(tooLarge(lines(MAX_LINT_LINES + 1)), `more than ${MAX_LINT_LINES.toLocaleString('en')} lines`);
    assert.equal(tooLarge('x'.repeat(MAX_LINT_BYTES)), undefined);
    assert.match(tooLarge('x'.repeat(5 * 1024 * 1024)) ?? '', /^5\.0 MB, the limit is 1 MB$/);
  });

  it('answers a 5 MB and a 200,000-line document at once with one info diagnostic', async function () {
    const { linter } = setup();
    const huge = `FROM golang:latest\n${'RUN go build\n'.repeat(10)}${'# x\n'.repeat(200_000)}`;
    const wide = `FROM golang:latest\nRUN echo ${'x'.repeat(5 * 1024 * 1024)}\n`;
    for (const [name, text, reason] of [['lines', huge, /more than 10,000 lines/], ['bytes', wide, /5\.0 MB/]] as const) {
      const started = performance.now();
      const r = await linter.get(TextDocument.create(`untitled:${name}.Dockerfile`, 'dockerfile', 1, text));
      const ms = performance.now() - started;
      assert.equal(r.findings.length, 1);
      const f = r.findings[0]!;
      assert.equal(f.severity, 'info');
      assert.match(f.message, /file too large to analyse fully/);
      assert.match(f.message, reason);
      assert.equal(r.model, undefined);
      // No parse happened (no model); a parse of these texts takes seconds, so a loose bound cannot flake on a busy machine.
      assert.ok(ms < 2_000, `${name}: answered in ${ms.toFixed(0)} ms`);
    }
  });
});
