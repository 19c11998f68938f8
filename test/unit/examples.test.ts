// The example projects and known-bad files that `npm run prove` builds (scripts/prove): the findings
// the harness relies on are there, and the fixes leave no error (the build itself needs a container
// engine and is not part of npm test).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyFixesDetailed, lint } from '../../server/src/api';
import type { WorkspaceFacts } from '../../server/src/engine/facts';
import { scanWorkspace } from '../../server/src/workspace';
import { BAD_CASES, EXAMPLES } from '../../scripts/prove/examples';

const ROOT = path.resolve(__dirname, '../../examples');

describe('examples (npm run prove)', function () {
  const facts = new Map<string, WorkspaceFacts>();
  before(async () => {
    for (const dir of new Set([...EXAMPLES.map((e) => e.dir), ...BAD_CASES.map((b) => b.context)])) facts.set(dir, await scanWorkspace(path.join(ROOT, dir)));
  });

  for (const ex of EXAMPLES) {
    describe(ex.dir, () => {
      const text = () => readFileSync(path.join(ROOT, ex.dir, 'Dockerfile'), 'utf8');
      it('the naive Dockerfile ships the toolchain (GD001)', () => {
        const codes = lint(text(), { facts: facts.get(ex.dir), dockerfilePath: 'Dockerfile' }).map((f) => f.code);
        assert.ok(codes.includes('GD001'), codes.join(', '));
      });
      it('safe and unsafe fixes leave no error or warning', () => {
        const options = { facts: facts.get(ex.dir), dockerfilePath: 'Dockerfile' };
        const fixed = applyFixesDetailed(text(), lint(text(), options), { safety: ['safe', 'unsafe'], lint: options });
        const left = lint(fixed.text, options).filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(left.map((f) => `${f.code} ${f.message}`), []);
        assert.match(fixed.text, /^FROM gcr\.io\/distroless\/(static|base)-debian\d+:nonroot$/m);
        // Fast rebuilds: the split builds like the generator, with BuildKit cache mounts (GENERATOR §3.6).
        assert.match(fixed.text, /^# syntax=docker\/dockerfile:1\r?\n/);
        assert.match(fixed.text, /^RUN --mount=type=cache,target=\/go\/pkg\/mod --mount=type=cache,target=\/root\/\.cache\/go-build .*go build /m);
        for (const download of fixed.text.match(/^RUN .*go mod download.*$/gm) ?? []) assert.match(download, /--mount=type=cache,target=\/go\/pkg\/mod /);
      });
      for (const pick of ex.picks ?? []) {
        it(`the picked suggestion (${pick.label}) is offered, and with it the fixed file runs on distroless static with no error or warning`, () => {
          const options = { facts: facts.get(ex.dir), dockerfilePath: 'Dockerfile' };
          const offered = lint(text(), options).flatMap((f) => f.fixes).filter((x) => pick.title.test(x.title));
          assert.equal(offered.length, 1, 'exactly one fix matches the pick');
          const [fix] = offered;
          assert.equal(fix?.safety, 'suggestion');
          const taken = applyEdits(text(), fix?.edits ?? []);
          const fixed = applyFixesDetailed(taken, lint(taken, options), { safety: ['safe', 'unsafe'], lint: options });
          assert.deepEqual(lint(fixed.text, options).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code} ${f.message}`), []);
          assert.match(fixed.text, /^FROM gcr\.io\/distroless\/static-debian\d+:nonroot$/m);
          assert.match(fixed.text, /go build .*-ldflags='-s -w -linkmode external -extldflags "-static"'/);
        });
      }
      it('the line the rebuild timing edits exists', () => {
        assert.match(readFileSync(path.join(ROOT, ex.dir, ex.touch.file), 'utf8'), ex.touch.pattern);
      });
    });
  }

  for (const bad of BAD_CASES) {
    describe(`known-bad/${bad.file}`, () => {
      const text = () => readFileSync(path.join(ROOT, 'known-bad', bad.file), 'utf8');
      const options = () => ({ facts: facts.get(bad.context), dockerfilePath: 'Dockerfile' });
      it(`reports the ${bad.fails}-time failure (${bad.codes.join(' or ')})`, () => {
        const hits = lint(text(), options()).filter((f) => bad.codes.includes(f.code) && f.severity === 'error');
        assert.ok(hits.length > 0, 'no error of the expected rules');
        assert.ok(hits.some((f) => /fails|cannot run/.test(f.message)), hits.map((f) => f.message).join('\n'));
      });
      it('safe and unsafe fixes remove every error', () => {
        const findings = lint(text(), options());
        const fixed = applyFixesDetailed(text(), findings, { safety: ['safe', 'unsafe'], lint: options() });
        assert.deepEqual(lint(fixed.text, options()).filter((f) => f.severity === 'error').map((f) => f.code), []);
      });
    });
  }

  // GD010 is shown failing by the http-service self-test, which verifies a real public chain against
  // the system CA certificates (examples/http-service/tlscheck.go).
  describe('known-bad/scratch-without-ca-certificates.Dockerfile', () => {
    const file = 'scratch-without-ca-certificates.Dockerfile';
    const text = () => readFileSync(path.join(ROOT, 'known-bad', file), 'utf8');
    const options = () => ({ facts: facts.get('http-service'), dockerfilePath: 'Dockerfile' });
    it('is a proved case whose only error is GD010, quoting the x509 error the run prints', () => {
      const bad = BAD_CASES.find((b) => b.file === file);
      assert.ok(bad, 'not in BAD_CASES');
      assert.equal(bad.context, 'http-service');
      const errors = lint(text(), options()).filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => f.code), ['GD010']);
      const quoted = /"(x509: [^"]+)"/.exec(errors[0]?.message ?? '')?.[1];
      assert.ok(quoted, errors[0]?.message);
      assert.ok(bad.expect.test(quoted), `${bad.expect} does not match the quoted error "${quoted}"`);
    });
    it('the self-test embeds a leaf and an intermediate and verifies them with the system roots', () => {
      const dir = path.join(ROOT, 'http-service');
      assert.equal(readFileSync(path.join(dir, 'chain.pem'), 'utf8').match(/-----BEGIN CERTIFICATE-----/g)?.length, 2);
      const go = readFileSync(path.join(dir, 'tlscheck.go'), 'utf8');
      assert.match(go, /^\/\/go:embed chain\.pem$/m);
      // Roots left unset: the system pool, as crypto/tls uses it for an HTTPS client.
      assert.match(go, /\.Verify\(x509\.VerifyOptions\{DNSName: "www\.google\.com", Intermediates: inter, CurrentTime: chainTime\}\)/);
    });
    it('the fix copies the CA bundle into the scratch stage', () => {
      const fixed = applyFixesDetailed(text(), lint(text(), options()), { safety: ['safe', 'unsafe'], lint: options() });
      assert.match(fixed.text, /^FROM scratch\r?\nCOPY --from=build \/etc\/ssl\/certs\/ca-certificates\.crt \/etc\/ssl\/certs\/$/m);
    });
  });
});
