import { strict as assert } from 'node:assert';
import { ignoredBy, isIgnored, parseDockerignore } from '../../../server/src/workspace';

function ignores(lines: string[], p: string): boolean {
  return isIgnored(parseDockerignore(`${lines.join('\n')}\n`), p);
}

describe('workspace/dockerignore: parseDockerignore', () => {
  it('skips comments and blank lines, keeps 1-based line numbers and the ! flag', () => {
    const f = parseDockerignore('# comment\n.git\n\n  !keep  \n*.md', 'Dockerfile.dockerignore');
    assert.equal(f.file, 'Dockerfile.dockerignore');
    assert.deepEqual(f.patterns, [
      { pattern: '.git', negate: false, line: 2 },
      { pattern: 'keep', negate: true, line: 4 },
      { pattern: '*.md', negate: false, line: 5 },
    ]);
    assert.equal(f.lineCount, 5);
    assert.equal(f.endsWithNewline, false);
  });

  it('treats "#" as a comment only in the first column (BuildKit ReadAll)', () => {
    const f = parseDockerignore(' # not a comment\n#comment\n');
    assert.deepEqual(f.patterns.map((p) => p.pattern), ['# not a comment']);
    assert.equal(f.lineCount, 2);
    assert.equal(f.endsWithNewline, true);
  });

  it('handles CRLF, a BOM and an empty file', () => {
    const f = parseDockerignore('\uFEFF.git\r\nbin/\r\n');
    assert.deepEqual(f.patterns.map((p) => p.pattern), ['.git', 'bin/']);
    assert.equal(f.lineCount, 2);
    const empty = parseDockerignore('');
    assert.equal(empty.lineCount, 0);
    assert.deepEqual(empty.patterns, []);
  });
});

describe('workspace/dockerignore: isIgnored (table)', () => {
  const table: [string[], string, boolean, string][] = [
    [['*.md'], 'README.md', true, '*.md at the root'],
    [['*.md'], 'docs/x.md', false, 'anchored: *.md does not match docs/x.md'],
    [['**/*.md'], 'docs/x.md', true, '**/*.md matches at any depth'],
    [['**/*.md'], 'README.md', true, '**/ matches zero directories'],
    [['*.md', '!README.md'], 'README.md', false, '! re-includes'],
    [['*.md', '!README.md'], 'CHANGES.md', true, 're-include is specific'],
    [['!README.md', '*.md'], 'README.md', true, 'last match wins'],
    [['docs', '!docs/keep.md', 'docs'], 'docs/keep.md', true, 'last match wins again'],
    [['bin'], 'bin/app', true, 'a directory pattern excludes its children'],
    [['bin/'], 'bin/sub/app', true, 'trailing slash is cleaned away'],
    [['/bin'], 'bin/app', true, 'leading / is ignored'],
    [['./bin'], 'bin', true, 'patterns are cleaned like filepath.Clean'],
    [['bin'], 'cmd/bin', false, 'not anchored elsewhere'],
    [['**/templates'], 'cmd/app/templates/x.html', true, '**/templates matches a nested directory'],
    [['**/templates'], 'templates', true, '**/templates matches at the root'],
    [['**/templates'], 'cmd/mytemplates/x', false, 'suffix match respects the segment boundary'],
    [['*'], 'go.mod', true, '* excludes everything at the root'],
    [['*', '!go.mod'], 'go.mod', false, 're-include after *'],
    [['*', '!cmd'], 'cmd/app/main.go', false, 're-including a directory re-includes its children'],
    [['cmd/*/testdata'], 'cmd/app/testdata/x', true, '* within one segment'],
    [['cmd/*/testdata'], 'cmd/a/b/testdata/x', false, '* does not cross /'],
    [['cmd/**/testdata'], 'cmd/a/b/testdata/x', true, '** spans segments'],
    [['file?.txt'], 'file1.txt', true, '? matches one char'],
    [['file?.txt'], 'file10.txt', false, '? matches exactly one char'],
    [['file[0-9].txt'], 'file7.txt', true, 'character class'],
    [['file[^0-9].txt'], 'file7.txt', false, 'negated class'],
    [['file[0-9.txt'], 'file7.txt', false, 'a bad pattern never matches'],
    [['a+b(c)'], 'a+b(c)', true, 'regexp metacharacters are literal'],
    [['.git'], '.git/HEAD', true, 'hidden directories'],
    [['vendor/**'], 'vendor/x/y.go', true, 'trailing ** is a prefix match'],
    [['vendor/**'], 'vendor', false, 'trailing ** needs something below'],
    [['**'], 'anything/at/all', true, '** alone'],
    [['.git'], '.', false, 'the context root itself is never ignored'],
    [['go.sum'], './go.sum', true, 'paths are cleaned too'],
    [['keep'], 'keep/', true, 'a directory path with a trailing slash'],
  ];
  for (const [patterns, p, want, why] of table) {
    it(`${why}: [${patterns.join(', ')}] ${p} → ${want ? 'ignored' : 'kept'}`, () => {
      assert.equal(ignores(patterns, p), want);
    });
  }

  it('reports which pattern decided (for diagnostics on the .dockerignore line)', () => {
    const f = parseDockerignore('.git\n**/templates\n*.md\n!keep\n');
    assert.deepEqual(ignoredBy(f, 'cmd/app/templates/index.html'), { pattern: '**/templates', negate: false, line: 2 });
    assert.equal(ignoredBy(f, 'keep/notes.md'), undefined);
    assert.equal(ignoredBy(f, 'main.go'), undefined);
  });

  it('accepts a plain pattern array', () => {
    assert.equal(isIgnored([{ pattern: 'bin', negate: false, line: 1 }], 'bin/x'), true);
  });
});
