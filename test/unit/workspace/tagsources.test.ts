// GD007b's workspace side: version/commit variables of main packages (a workspace fact from the
// token-level Go scan), the tag sources a workspace has, and linting them all.
import { strict as assert } from 'node:assert';
import { applyFixes } from '../../../server/src/engine/fix';
import { lint } from '../../../server/src/engine/lint';
import { lintTagSource } from '../../../server/src/engine/tagsource';
import { findTagSources, lintWorkspaceTagSources, scanGoSource } from '../../../server/src/workspace';
import { fixtureFacts, fixturePath } from '../../support/facts';
import { assertParses } from '../../support/tag-source-tester';

describe('workspace: version variables (GD007b)', () => {
  it('scanGoSource finds package-level version/commit string variables a -X can set', () => {
    const src = [
      'package main',
      'import "fmt"',
      'var version = "dev"',
      'var Commit string',
      'var (',
      '\tgitCommit, buildVersion = "none", "0"',
      '\trevision = fmt.Sprint("x")',
      '\tsha int',
      '\tname = "app"',
      ')',
      'var appVersion string = "1"',
      'func main() {',
      '\tvar version = "inner"',
      '\t_ = version',
      '}',
      'var commit = "late" // after a function',
    ].join('\n');
    assert.deepEqual(scanGoSource(src, 'main.go').versionVars, [
      { name: 'version', line: 3 },
      { name: 'Commit', line: 4 },
      { name: 'gitCommit', line: 6 },
      { name: 'buildVersion', line: 6 },
      { name: 'appVersion', line: 11 },
      { name: 'commit', line: 16 },
    ]);
  });

  it('facts.versionVars: main packages only, with their role', async () => {
    const facts = await fixtureFacts('tag-sources')();
    assert.deepEqual(facts.versionVars, [
      { dir: 'cmd/app', name: 'version', role: 'version', loc: { file: 'cmd/app/main.go', line: 7 } },
      { dir: 'cmd/app', name: 'commit', role: 'commit', loc: { file: 'cmd/app/main.go', line: 8 } },
    ]);
  });
});

describe('workspace: tag sources (GD007b)', () => {
  const root = fixturePath('tag-sources');

  it('findTagSources lists every kind, in the known places only', async () => {
    assert.deepEqual(await findTagSources(root), [
      '.gitlab-ci.yml',
      'Makefile',
      'compose.yaml',
      'docker-bake.hcl',
      'scripts/release.sh',
      '.github/workflows/release.yml',
    ]);
  });

  it('lintWorkspaceTagSources reports each file kind once per build, with its fixes', async () => {
    const facts = await fixtureFacts('tag-sources')();
    const results = await lintWorkspaceTagSources(root, { facts });
    const summary = results.map((r) => [r.file, r.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.fixes.length}`)]);
    assert.deepEqual(summary, [
      ['.gitlab-ci.yml', ['3:23 1']],
      ['Makefile', ['7:6 1']],
      ['compose.yaml', ['4:12 1']],
      ['docker-bake.hcl', ['2:11 1']],
      ['scripts/release.sh', ['3:17 1']],
      ['.github/workflows/release.yml', ['13:17 1', '14:30 1']],
    ]);
    // Fix all (unsafe allowed), re-linting with the tag-source linter: every file ends clean and still parses.
    for (const r of results) {
      const relint = (t: string) => lintTagSource(r.file, t, { facts });
      const fixed = applyFixes(r.text, r.findings, { safety: ['safe', 'unsafe'], relint });
      assertParses(r.file, fixed);
      assert.deepEqual(relint(fixed), [], r.file);
    }
    assert.deepEqual(await lintWorkspaceTagSources(root, { facts, settings: { rules: { GD007b: 'off' } } }), []);
  });

  it('the fixture Dockerfile: GD007b offers the labels, and -X main.version/main.commit from the facts', async () => {
    const facts = await fixtureFacts('tag-sources')();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${root}/Dockerfile`, 'utf8');
    const [f] = lint(text, { facts, dockerfilePath: 'Dockerfile' }).filter((x) => x.code === 'GD007b');
    assert.ok(f);
    assert.deepEqual(f.fixes.map((x) => x.title), [
      'Add ARG VERSION/COMMIT and the OCI version/revision labels to the final stage',
      'Also set main.version, main.commit with -ldflags -X from those build arguments',
    ]);
    assert.match(f.message, /version \(cmd\/app\/main\.go:7\), commit \(cmd\/app\/main\.go:8\)/);
  });
});
