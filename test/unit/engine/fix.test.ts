import { strict as assert } from 'node:assert';
import { applyEdits, applyFixesDetailed, selectFixes } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import type { Finding } from '../../../server/src/engine/types';
import { W0 } from '../../support/facts';

const NAIVE = 'FROM golang:latest\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server ./cmd/app\nEXPOSE 8080\nCMD ["/app/server"]\n';

describe('applying fixes', () => {
  it('applies non-overlapping edits from the end, keeping insertion order at one position', () => {
    const text = 'abc\ndef\n';
    const at = (line: number, character: number) => ({ line, character });
    const out = applyEdits(text, [
      { range: { start: at(0, 1), end: at(0, 2) }, newText: 'B' },
      { range: { start: at(1, 0), end: at(1, 0) }, newText: '1' },
      { range: { start: at(1, 0), end: at(1, 0) }, newText: '2' },
      { range: { start: at(1, 0), end: at(1, 0) }, newText: 'x', file: '.dockerignore' },
    ]);
    assert.equal(out, 'aBc\n12def\n');
  });

  it('selects at most one fix per finding, never suggestions, and skips overlapping edits', () => {
    const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const f = (code: string, safety: 'safe' | 'unsafe' | 'suggestion'): Finding => ({ code, name: code, severity: 'warning', message: '', range: r, fixes: [{ title: code, safety, edits: [{ range: r, newText: code }] }] });
    const chosen = selectFixes([f('A', 'safe'), f('B', 'safe'), f('C', 'suggestion')], ['safe', 'unsafe', 'suggestion']);
    assert.deepEqual(chosen.map((c) => c.fix.title), ['A']);
  });

  it('a structural fix (split into stages) goes first and alone, then the rest is re-linted against it', () => {
    const facts = W0();
    const result = applyFixesDetailed(NAIVE, lint(NAIVE, { facts }), { safety: ['safe', 'unsafe'], lint: { facts } });
    assert.equal(result.applied[0]?.code, 'GD001');
    // The runtime stage is distroless :nonroot, so no user is added to the build stage (GD018 is gone).
    assert.ok(!/useradd|USER/.test(result.text), result.text);
    const serious = lint(result.text, { facts }).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(serious.map((f) => `${f.code} ${f.message}`), []);
    assert.ok(result.passes <= 10);
  });

  it('converges within 10 passes and keeps the file parseable on every founding example', () => {
    const facts = W0();
    for (const text of [NAIVE, NAIVE.replace('golang:latest', 'golang:1.26-alpine'), NAIVE.toLowerCase().replace('cmd ["/app/server"]', 'cmd ["/app/server"]')]) {
      const r = applyFixesDetailed(text, lint(text, { facts }), { safety: ['safe', 'unsafe'], lint: { facts } });
      assert.ok(r.passes < 10, `did not converge:\n${r.text}`);
      assert.deepEqual(lint(r.text, { facts }).filter((f) => /^P\d{3}$/.test(f.code)).map((f) => f.code), []);
    }
  });

  it('edits of other files reach the callback once and never the text', () => {
    const facts = W0({ dockerignores: [], entries: ['go.mod', 'go.sum', '.git/', 'cmd/', 'cmd/app/', 'cmd/app/main.go'] });
    const text = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app\n';
    const external: string[] = [];
    const r = applyFixesDetailed(text, lint(text, { facts }), { safety: ['safe', 'unsafe'], lint: { facts }, externalEdits: (e) => external.push(...e.map((x) => `${x.file}:${x.newText.split('\n')[1]}`)) });
    assert.deepEqual(external, ['.dockerignore:.git']);
    assert.ok(!r.text.includes('.git'));
    // Without the callback, such a fix is not applied at all.
    assert.equal(applyFixesDetailed(text, lint(text, { facts }), { safety: ['safe', 'unsafe'], lint: { facts }, codes: ['GD022'] }).applied.length, 0);
  });
});
