import { strict as assert } from 'node:assert';
import { parseShell } from '../../../server/src/engine/shell';
import { SourceText } from '../../../server/src/engine/text';

function commands(script: string): { words: string[]; assigns: string[]; redirects: string[]; subshells: number; after: string }[] {
  const src = new SourceText(script);
  const offsets = Array.from({ length: script.length + 1 }, (_, i) => i);
  return parseShell(src, { text: script, offsets }).commands.map((c) => ({
    words: c.words.map((w) => w.value),
    assigns: c.assigns.map((a) => `${a.name}=${a.value}`),
    redirects: c.redirects.map((r) => `${r.op}${r.target?.value ?? ''}`),
    subshells: c.subshells.length,
    after: c.after,
  }));
}

describe('shell reader', () => {
  it('splits on operators and keeps leading assignments apart', () => {
    assert.deepEqual(commands('A=1 B="x y" go build -o /out/a . && echo done; ls | wc -l'), [
      { words: ['go', 'build', '-o', '/out/a', '.'], assigns: ['A=1', 'B=x y'], redirects: [], subshells: 0, after: '' },
      { words: ['echo', 'done'], assigns: [], redirects: [], subshells: 0, after: '&&' },
      { words: ['ls'], assigns: [], redirects: [], subshells: 0, after: ';' },
      { words: ['wc', '-l'], assigns: [], redirects: [], subshells: 0, after: '|' },
    ]);
  });

  it('records redirections with their targets, and fd duplications', () => {
    assert.deepEqual(commands('echo "machine x" > ~/.netrc 2>&1 && cat >> /tmp/log < in.txt'), [
      { words: ['echo', 'machine x'], assigns: [], redirects: ['>~/.netrc', '>&1'], subshells: 0, after: '' },
      { words: ['cat'], assigns: [], redirects: ['>>/tmp/log', '<in.txt'], subshells: 0, after: '&&' },
    ]);
  });

  it('skips shell heredoc bodies and comments; tracks subshells and reserved words', () => {
    const cmds = commands('cat <<EOF > /x\ngo build .\nEOF\n(cd sub && go build) # not run: go test\nif [ -n "$X" ]; then go vet ./...; fi');
    assert.deepEqual(cmds.map((c) => c.words.join(' ')), ['cat', 'cd sub', 'go build', '[ -n $X ]', 'go vet ./...']);
    assert.deepEqual(cmds.map((c) => c.subshells), [0, 1, 1, 0, 0]);
    assert.deepEqual(cmds[0]?.redirects, ['<<EOF', '>/x']);
  });

  it('keeps expansions as written and unquotes words', () => {
    const [c] = commands(`go build -ldflags "-X main.v=\${VERSION}" -o '/out/app x' $(go env GOPATH)/bin`);
    assert.deepEqual(c?.words, ['go', 'build', '-ldflags', '-X main.v=${VERSION}', '-o', '/out/app x', '$(go env GOPATH)/bin']);
  });

  it('reads case patterns as patterns, not subshells', () => {
    const cmds = commands('case "$TARGETARCH" in arm) export GOARM=7 ;; *) true ;; esac; go build .');
    assert.deepEqual(cmds.map((c) => c.words.join(' ')), ['export GOARM=7', 'true', 'go build .']);
  });

  it('never throws on malformed input', () => {
    for (const s of ['"unterminated', "'", '$(', '${', '((', ')))', '`', '<<', '>', '&&&', '\\']) assert.doesNotThrow(() => commands(s), s);
  });
});
