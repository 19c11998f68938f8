// .pre-commit-hooks.yaml runs the CLI on the same files `go-dockerfile lint DIR` finds.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { isLintedDockerfileName } from '../../server/src/cli/discover';
import { ROOT } from './helpers';

interface Hook { id: string; entry: string; language: string; files: string; exclude: string; types: string[] }

const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

const NAMES = [
  'Dockerfile', 'dockerfile', 'Containerfile', 'Dockerfile.prod', 'Dockerfile.dev.alpine', 'api.Dockerfile', 'api.dockerfile',
  'Containerfile.prod', 'Containerfile-arm64', 'Dockerfile.md', 'Dockerfile.dockerignore', 'Dockerfile.yaml', 'main.go',
  'README.md', 'Dockerfiles', 'MyDockerfile', 'docker-compose.yml', '.dockerignore', 'x.Dockerfile.txt',
];

describe('.pre-commit-hooks.yaml', () => {
  it('declares the lint and fix hooks running the package binary with language node', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['go-dockerfile', 'go-dockerfile-fix']);
    assert.ok(pkg.bin['go-dockerfile'], 'package.json bin names go-dockerfile');
    assert.equal(pkg.scripts.prepare, 'node esbuild.mjs', 'the package builds dist/ when pre-commit installs it');
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      assert.match(h.entry, /^go-dockerfile lint( --fix)?$/);
    }
  });

  for (const dir of ['', 'deploy/', 'a/b/']) {
    it(`selects the files the directory search lints${dir ? ` (in ${dir})` : ''}`, () => {
      for (const h of hooks) {
        const files = new RegExp(h.files);
        const exclude = new RegExp(h.exclude);
        for (const name of NAMES) {
          const p = `${dir}${name}`;
          assert.equal(files.test(p) && !exclude.test(p), isLintedDockerfileName(name), `${h.id}: ${p}`);
        }
      }
    });
  }
});
