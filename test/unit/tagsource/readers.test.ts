// The readers behind GD007b: image tags, the HCL reader, the Makefile reader, YAML scalar
// mapping, and the rule's behaviour on files its parser cannot read.
import { strict as assert } from 'node:assert';
import { parseDocument, type Scalar } from 'yaml';
import { imageTag, lintTagSource, parseHcl, readMakefile, readTagSource, tagSourceKind } from '../../../server/src/engine/tagsource';
import { hclResolve, hclVariableDefaults } from '../../../server/src/engine/tagsource/hcl';
import { expandMake } from '../../../server/src/engine/tagsource/makefile';
import { scalarText } from '../../../server/src/engine/tagsource/yamltext';

describe('GD007b readers', () => {
  it('tagSourceKind by path', () => {
    const table: [string, string | undefined][] = [
      ['Makefile', 'makefile'], ['GNUmakefile', 'makefile'], ['build/docker.mk', 'makefile'], ['scripts/release.sh', 'shell'],
      ['compose.yaml', 'compose'], ['docker-compose.prod.yml', 'compose'], ['docker-bake.hcl', 'bake'], ['docker-bake.override.hcl', 'bake'],
      ['.github/workflows/ci.yml', 'github'], ['/abs/repo/.github/workflows/release.yaml', 'github'], ['.gitlab-ci.yml', 'gitlab'],
      ['Dockerfile', undefined], ['config.yml', undefined], ['.github/dependabot.yml', undefined], ['main.hcl', undefined],
    ];
    for (const [p, kind] of table) assert.equal(tagSourceKind(p), kind, p);
  });

  it('imageTag: the tag colon is the last one after the last slash, outside variables', () => {
    const table: [string, string, string | undefined, string][] = [
      ['app', 'app', undefined, 'none'],
      ['app:latest', 'app', 'latest', 'latest'],
      ['localhost:5000/app', 'localhost:5000/app', undefined, 'none'],
      ['localhost:5000/app:latest', 'localhost:5000/app', 'latest', 'latest'],
      ['app:1.2', 'app', '1.2', 'pinned'],
      ['app@sha256:abc', 'app@sha256:abc', undefined, 'pinned'],
      ['$(IMAGE)', '$(IMAGE)', undefined, 'unknown'],
      ['$(IMAGE):latest', '$(IMAGE)', 'latest', 'latest'],
      ['app:${VERSION:-dev}', 'app', '${VERSION:-dev}', 'unknown'],
      ['${REG:-r:5000}/app', '${REG:-r:5000}/app', undefined, 'unknown'],
      ['app:${{ github.sha }}', 'app', '${{ github.sha }}', 'unknown'],
    ];
    for (const [ref, name, tag, state] of table) assert.deepEqual([imageTag(ref).name, imageTag(ref).tag, imageTag(ref).state], [name, tag, state], ref);
  });

  it('the HCL reader: blocks, labels, attributes, lists, heredocs, comments, and problems', () => {
    const src = '/* c */ variable "A" { default = "x" }\n// l\ntarget "t" {\n  tags = [ "a:${A}", <<EOT\nb\nEOT\n  ]\n  labels = { "k" = "v" }\n}\n';
    const f = parseHcl(src);
    assert.deepEqual(f.problems, []);
    assert.deepEqual(f.body.blocks.map((b) => [b.type, b.labels]), [['variable', ['A']], ['target', ['t']]]);
    const tags = f.body.blocks[1]!.body.attributes[0]!;
    assert.equal(tags.value.kind, 'list');
    if (tags.value.kind !== 'list') return;
    assert.deepEqual(tags.value.items.map((i) => (i.kind === 'string' ? [i.raw, i.heredoc, src.slice(i.start, i.end).slice(0, 3)] : i.kind)), [['a:${A}', false, '"a:'], ['b\n', true, '<<E']]);
    assert.equal(hclResolve('a:${A}', hclVariableDefaults(f.body)), 'a:x');
    assert.equal(hclResolve('a:${B}', hclVariableDefaults(f.body)), undefined);
    for (const bad of ['target "t" {\n', 'target "t" {\n  tags = ["a"\n}\n', 'x = "unterminated\n', 'target { ] }\n']) {
      assert.notDeepEqual(parseHcl(bad).problems, [], JSON.stringify(bad));
    }
  });

  it('the Makefile reader: recipes with continuations, prefixes and offsets; variables and values', () => {
    const src = '# top\nA := x\nB = $(A)/y\nC += z\nrule: dep\n\t@-echo one \\\n\t  two\n\n\techo three\nD ?= d\n';
    const m = readMakefile(src);
    assert.equal(m.headerEnd, 1);
    assert.deepEqual([...m.variables].sort(), ['A', 'B', 'C', 'D']);
    assert.deepEqual([...m.values], [['A', 'x'], ['B', '$(A)/y'], ['D', 'd']]);
    assert.equal(expandMake('$(B):latest', m.values), 'x/y:latest');
    assert.equal(expandMake('$(C)', m.values), undefined);
    assert.deepEqual(m.recipes.map((r) => r.text.text), ['echo one \\\n  two', 'echo three']);
    const first = m.recipes[0]!.text;
    // every character maps back to the same character of the file
    for (let i = 0; i < first.text.length; i++) assert.equal(src[first.offsets[i]!], first.text[i], `offset ${i}`);
    assert.deepEqual(readMakefile('define X\n\tdocker build .\n').problems, ['unterminated define']);
  });

  it('YAML scalars map back to the document: literal, folded, quoted and multi-line plain', () => {
    const src = 'a: |\n  one\n    two\nb: >\n  x\n  y\nc: "q r"\nd: p\n  q\n';
    const doc = parseDocument(src);
    const text = (k: string): string => scalarText(src, doc.get(k, true) as Scalar)!.text;
    assert.deepEqual(['a', 'b', 'c', 'd'].map(text), ['one\n  two', 'x y', 'q r', 'p q']);
    const a = scalarText(src, doc.get('a', true) as Scalar)!;
    for (let i = 0; i < a.text.length; i++) if (a.text[i] !== '\n') assert.equal(src[a.offsets[i]!], a.text[i]);
  });

  it('a file its parser cannot read gets no findings (and the parse problems are told)', () => {
    const broken: [string, string][] = [
      ['compose.yaml', 'services:\n  app:\n    build: .\n    image: app:latest\n   bad: [\n'],
      ['.github/workflows/ci.yml', 'jobs:\n  b:\n    steps:\n      - run: docker build -t app:latest .\n    - oops\n'],
      ['docker-bake.hcl', 'target "app" {\n  tags = ["app:latest"]\n'],
      ['Makefile', 'define X\nimage:\n\tdocker build -t app:latest .\n'],
    ];
    for (const [file, text] of broken) {
      assert.notDeepEqual(readTagSource(file, text)?.problems, [], file);
      assert.deepEqual(lintTagSource(file, text), [], file);
    }
  });

  it('settings: off silences, a level overrides the severity; an ignore comment at the end of the line', () => {
    const mk = 'image:\n\tdocker build -t app:latest .\n';
    assert.deepEqual(lintTagSource('Makefile', mk, { settings: { rules: { GD007b: 'off' } } }), []);
    assert.deepEqual(lintTagSource('Makefile', mk, { settings: { rules: { 'untraceable-image': 'off' } } }), []);
    assert.equal(lintTagSource('Makefile', mk, { settings: { rules: { GD007b: 'warning' } } })[0]?.severity, 'warning');
    assert.deepEqual(lintTagSource('Makefile', 'image:\n\tdocker build -t app:latest . # go-dockerfile ignore=untraceable-image\n'), []);
    assert.equal(lintTagSource('Makefile', 'image:\n\tdocker build -t app:latest . # go-dockerfile ignore=GD007\n').length, 1, 'GD007 is another rule');
  });
});
