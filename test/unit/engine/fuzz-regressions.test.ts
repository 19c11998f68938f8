// Regressions for the bugs the fuzzer (fuzz.test.ts) found: each input is the shrunk counterexample,
// and each test checks the concrete behaviour that was wrong as well as the fuzzer's properties.
import { strict as assert } from 'node:assert';
import { applyFixes } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import { checkEngine } from '../../support/engine-properties';

const BOTH = { safety: ['safe', 'unsafe'] as ('safe' | 'unsafe')[] };

describe('fuzzer regressions', function () {
  it('offers no fix that inserts into an unterminated heredoc (it became body text, and fix-all looped)', function () {
    const text = [
      'FROM golang:1.26 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
      '',
      'FROM debian:bookworm-slim',
      'COPY --from=build /out/app /app',
      'RUN <<EOF',
      'echo never terminated',
      '',
    ].join('\n');
    const findings = lint(text);
    assert.ok(findings.some((f) => f.code === 'P001'), 'the unterminated heredoc is reported');
    const gd018 = findings.find((f) => f.code === 'GD018');
    assert.ok(gd018, 'runs-as-root still reports');
    assert.deepEqual(gd018.fixes, [], 'but offers no fix that would land in the heredoc body');
    const once = applyFixes(text, findings, BOTH);
    assert.equal(applyFixes(once, lint(once), BOTH), once);
    checkEngine(text);
  });

  it('quotes a destination with a blank in the COPY go.mod line GD004 inserts (it split into two words and fix-all looped)', function () {
    const text = 'FROM golang:1.26\nCOPY app "quoted path"\nRUN go build -o /out/app .\nFROM golang:1.26\n';
    const gd004 = lint(text).find((f) => f.code === 'GD004');
    assert.ok(gd004);
    assert.equal(gd004.fixes[0]?.edits[0]?.newText, 'COPY go.mod go.sum "quoted path/"\nRUN go mod download\n');
    const once = applyFixes(text, lint(text), BOTH);
    assert.ok(once.includes('COPY go.mod go.sum "quoted path/"\n'), once);
    assert.equal(applyFixes(once, lint(once), BOTH), once, 'fixing twice equals fixing once');
    checkEngine(text);
  });

  it('GD027 without facts blames a download only when a build after it uses -mod=vendor (GD004 and GD027 undid each other)', function () {
    const text = 'FROM ubuntu\nCOPY app app\nRUN <<EOF bash\ngo build -o /out/app .\nEOF\nFROM golang:1.26\nENV GOFLAGS="-mod=vendor -trimpath"\nRUN go build -o /out/app .\n';
    const once = applyFixes(text, lint(text), BOTH);
    assert.ok(once.includes('go mod download'), 'the download GD004 adds to stage #0 stays');
    assert.ok(!lint(once).some((f) => f.code === 'GD027' && f.range.start.line < once.split('\n').indexOf('FROM golang:1.26')), 'GD027 does not blame stage #0, whose build does not use vendor/');
    assert.equal(applyFixes(once, lint(once), BOTH), once, 'fixing twice equals fixing once');
    // A download followed by a -mod=vendor build in the same stage is still reported.
    const vendored = 'FROM golang:1.26\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -mod=vendor -o /app .\n';
    assert.ok(lint(vendored).some((f) => f.code === 'GD027' && /fetches modules nothing uses/.test(f.message)));
    checkEngine(text);
  });
});
