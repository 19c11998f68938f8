// Golden tests: the report of each format on the fixtures in test/fixtures/cli (see its README for
// UPDATE_GOLDEN=1, which rewrites the expected files for review).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, runMain } from './helpers';

const FORMATS: [format: string, file: string][] = [
  ['text', 'text.txt'],
  ['json', 'json.json'],
  ['sarif', 'sarif.json'],
  ['github', 'github.txt'],
  ['checkstyle', 'checkstyle.xml'],
  ['gitlab', 'gitlab.json'],
];
const CASES = ['naive', 'multi', 'unicode'];
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The SRCROOT of SARIF is the absolute directory: the one machine-dependent part of a report. */
function normalize(out: string, cwd: string): string {
  return out.split(`${pathToFileURL(cwd).href}/`).join('file:///SRCROOT/');
}

describe('cli golden reports', () => {
  for (const name of CASES) {
    describe(name, () => {
      const cwd = path.join(FIXTURES, name, 'input');
      for (const [format, file] of FORMATS) {
        it(`--format ${format}`, async () => {
          const r = await runMain(['lint', '--format', format, '.'], { cwd });
          assert.equal(r.status, 1, r.stderr);
          const actual = normalize(r.stdout, cwd);
          const expectedFile = path.join(FIXTURES, name, 'expected', file);
          if (UPDATE) {
            mkdirSync(path.dirname(expectedFile), { recursive: true });
            writeFileSync(expectedFile, actual);
          }
          assert.ok(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_GOLDEN=1 and review it`);
          assert.equal(actual, readFileSync(expectedFile, 'utf8'));
        });
      }
    });
  }
});
