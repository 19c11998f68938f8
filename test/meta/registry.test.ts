// Consistency of the rule registry with its files, docs, tests and the package manifest
// (ESLint's checkRuleFiles, stylelint's meta-tests).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { lintTagSource, tagSourceKind } from '../../server/src/engine/tagsource';
import { VERSION, docFile, docUrl } from '../../server/src/engine/meta';
import { RULES } from '../../server/src/rules';
import { docsIndex } from '../../scripts/docs-index';

const ROOT = join(__dirname, '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('rule registry', () => {
  it('codes are GDnnn (a letter suffix for a companion rule), sorted and unique; names are kebab-case and unique', () => {
    const codes = RULES.map((r) => r.meta.code);
    assert.deepEqual([...codes].sort(), codes);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(RULES.map((r) => r.meta.name)).size, RULES.length);
    for (const r of RULES) {
      // A letter suffix names a companion of the catalogue rule it extends (GD007b next to GD007).
      assert.match(r.meta.code, /^GD\d{3}[a-z]?$/);
      assert.match(r.meta.name, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      assert.ok(r.meta.description.length > 20 && !r.meta.description.includes('\n'), r.meta.code);
      assert.ok(r.meta.appliesTo.length > 0, r.meta.code);
    }
  });

  it('every rule has its own file named after it, a test table and a doc page', () => {
    const files = readdirSync(join(ROOT, 'server/src/rules')).filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f));
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), RULES.map((r) => r.meta.name).sort());
    for (const r of RULES) {
      const test = `test/unit/rules/${r.meta.name}.test.ts`;
      assert.ok(existsSync(join(ROOT, test)), `missing ${test}`);
      assert.ok(read(test).includes(`'${r.meta.code}'`), `${test} does not test ${r.meta.code}`);
      assert.equal(docFile(r.meta.code), `docs/rules/${r.meta.name}.md`);
      assert.equal(docUrl(r.meta.name), `https://github.com/go-dockerfile/go-dockerfile/blob/v${VERSION}/docs/rules/${r.meta.name}.md`);
    }
  });

  it('package.json version matches the engine VERSION', () => {
    assert.equal((JSON.parse(read('package.json')) as { version: string }).version, VERSION);
  });

  it('docs/rules/README.md is generated from the registry (npm run docs)', () => {
    assert.equal(read('docs/rules/README.md'), docsIndex());
  });
});

const HEADINGS = ['Rule details', 'Examples', 'Options', 'Fix safety', 'When not to use it', 'Related rules'];

describe('rule docs', () => {
  for (const r of RULES) {
    describe(`${r.meta.code} docs/rules/${r.meta.name}.md`, () => {
      const path = `docs/rules/${r.meta.name}.md`;
      const text = existsSync(join(ROOT, path)) ? read(path) : '';
      it('front-matter matches meta', () => {
        const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
        const get = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(fm)?.[1];
        assert.equal(get('id'), r.meta.code);
        assert.equal(get('name'), r.meta.name);
        assert.equal(get('severity'), r.meta.defaultSeverity);
        assert.equal(get('fixable'), r.meta.fixable);
        assert.ok(text.includes(`\n# ${r.meta.code} ${r.meta.name}\n`), 'title');
      });
      it('has the known sections in order', () => {
        const h2 = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
        assert.deepEqual(h2, HEADINGS.filter((h) => h !== 'Fix safety' || r.meta.fixable !== undefined));
      });
      it('incorrect examples trigger the rule, correct ones do not', () => {
        // ```dockerfile incorrect, or ```<lang> incorrect <path> for a file the rule reads by its path
        // (a Makefile, a workflow: GD007b's tag sources).
        const blocks = [...text.matchAll(/```(\w+) (incorrect|correct)(?: (\S+))?\n([\s\S]*?)```/g)];
        assert.ok(blocks.some((b) => b[2] === 'incorrect') && blocks.some((b) => b[2] === 'correct'));
        for (const [, lang, kind, file, body] of blocks) {
          assert.ok(lang === 'dockerfile' || (file !== undefined && tagSourceKind(file) !== undefined), `${lang} example needs a tag source path`);
          const findings = lang === 'dockerfile' ? lint(body as string) : lintTagSource(file as string, body as string);
          const hits = findings.filter((f) => f.code === r.meta.code);
          if (kind === 'incorrect') assert.ok(hits.length > 0, `incorrect example does not trigger ${r.meta.code}`);
          else assert.equal(hits.length, 0, `correct example triggers ${r.meta.code}: ${hits.map((h) => h.message).join('; ')}`);
        }
      });
    });
  }
});

describe('layering', () => {
  const engineDirs = ['server/src/engine', 'server/src/rules'];
  it('the engine and the rules import no editor package and do no I/O', () => {
    for (const dir of engineDirs) {
      for (const f of walk(join(ROOT, dir))) {
        const src = readFileSync(f, 'utf8');
        const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
        for (const i of imports) {
          assert.ok(!/^vscode/.test(i), `${relative(ROOT, f)} imports ${i}`);
          assert.ok(!/^(node:)?(fs|child_process|net|http|https|os)(\/|$)/.test(i), `${relative(ROOT, f)} imports ${i}`);
        }
      }
    }
  });
  it('nothing in the server writes to stdout with console.log', () => {
    for (const f of walk(join(ROOT, 'server/src'))) {
      if (/server\/src\/cli/.test(f)) continue;
      assert.ok(!/console\.log\(/.test(readFileSync(f, 'utf8')), `${relative(ROOT, f)} uses console.log`);
    }
  });
  it('no source file executes other programs', () => {
    for (const f of walk(join(ROOT, 'server/src'))) assert.ok(!/child_process/.test(readFileSync(f, 'utf8')), relative(ROOT, f));
  });
});
