// "Must stay clean": well-written multi-stage Go Dockerfiles get no error and no warning from the
// whole rule set, with the default workspace facts (EDGE_CASES W0) and without facts.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../server/src/engine/lint';
import { W0 } from '../../support/facts';
import { fmtRange } from '../../support/rule-tester';

const DIR = join(__dirname, '..', '..', 'fixtures', 'clean');

describe('well-written Go Dockerfiles stay clean', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.Dockerfile'))) {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const [label, facts] of [['with workspace facts', W0()], ['without workspace facts', undefined]] as const) {
      it(`${file} (${label})`, () => {
        const serious = lint(text, { facts, dockerfilePath: 'Dockerfile' }).filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(serious.map((f) => `${f.code} ${f.severity} ${fmtRange(f.range)} ${f.message}`), []);
      });
    }
  }
});
