// The SARIF report validates against the official SARIF 2.1.0 JSON schema (vendored in
// test/fixtures/sarif, see its README), and carries exact regions and every fix.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { RULES } from '../../server/src/rules';
import { cleanup, FIXTURES, GO_MOD, NAIVE, ROOT, runMain, tempTree } from './helpers';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

// The schema uses the formats uri, uri-reference and date-time: check them rather than ignore them.
// unicodeRegExp: false because the schema's language pattern is not valid with the u flag (a stray "]").
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri', (s: string) => {
  try {
    return new URL(s).protocol.length > 1;
  } catch {
    return false;
  }
});
// RFC 3986 URI-reference: no spaces, quotes, angle brackets, braces, backslashes or bad % escapes.
ajv.addFormat('uri-reference', (s: string) => !/[\s"<>\\^`{|}]/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
}

describe('cli --format sarif', () => {
  it('the schema rejects what is not SARIF (the validation is real)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] }), true);
  });

  for (const name of ['naive', 'multi', 'unicode']) {
    it(`validates against the SARIF 2.1.0 schema: ${name}`, async () => {
      const r = await runMain(['lint', '--format', 'sarif', '.'], { cwd: path.join(FIXTURES, name, 'input') });
      assertValid(JSON.parse(r.stdout));
    });
  }

  it('has the rule catalogue, exact regions, relative artifacts and every fix', async () => {
    const cwd = path.join(FIXTURES, 'naive', 'input');
    const log = JSON.parse((await runMain(['lint', '--format', 'sarif', '--show-fixes', '.'], { cwd })).stdout) as Sarif.Log;
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'go-dockerfile');
    assert.ok(driver.informationUri?.startsWith('https://'));
    assert.ok(RULES.every((rule) => driver.rules!.some((d) => d.id === rule.meta.code && d.name === rule.meta.name)));
    const gd004 = driver.rules!.find((d) => d.id === 'GD004')!;
    assert.equal(gd004.defaultConfiguration?.level, 'warning');
    assert.match(gd004.helpUri!, /docs\/rules\/module-download-not-cached\.md$/);
    assert.equal(gd004.shortDescription?.text, RULES[3]!.meta.description);
    assert.deepEqual(run.originalUriBaseIds!.SRCROOT!.uri, `file://${cwd}/`);
    for (const res of run.results!) assert.equal(driver.rules![res.ruleIndex!]!.id, res.ruleId);
    // GD001 on "golang:latest", line 2, columns 6..19 (1-based, end exclusive).
    const gd001 = run.results!.find((x) => x.ruleId === 'GD001')!;
    assert.equal(gd001.level, 'warning');
    assert.deepEqual(gd001.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'Dockerfile', uriBaseId: 'SRCROOT' },
      region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 19 },
    });
    // GD004's safe fix inserts two lines before line 4; GD022's creates .dockerignore.
    const fix = run.results!.find((x) => x.ruleId === 'GD004')!.fixes![0]!;
    assert.deepEqual(fix.artifactChanges[0], {
      artifactLocation: { uri: 'Dockerfile', uriBaseId: 'SRCROOT' },
      replacements: [{ deletedRegion: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }, insertedContent: { text: 'COPY go.mod go.sum ./\nRUN go mod download\n' } }],
    });
    const ignore = run.results!.find((x) => x.ruleId === 'GD022')!.fixes![0]!;
    assert.deepEqual(ignore.artifactChanges[0]!.artifactLocation, { uri: '.dockerignore', uriBaseId: 'SRCROOT' });
    // Every fix of every finding (as in --format json) is there.
    const json = JSON.parse((await runMain(['lint', '--format', 'json', '.'], { cwd })).stdout) as { files: { findings: { fixes: { edits: unknown[] }[] }[] }[] };
    const jsonFixes = json.files.flatMap((f) => f.findings.flatMap((x) => x.fixes.filter((y) => y.edits.length > 0)));
    assert.equal(run.results!.flatMap((x) => x.fixes ?? []).length, jsonFixes.length);
  });

  it('counts columns in UTF-16 code units', async () => {
    const log = JSON.parse((await runMain(['lint', '--format', 'sarif', '.'], { cwd: path.join(FIXTURES, 'unicode', 'input') })).stdout) as Sarif.Log;
    const gd025 = log.runs[0]!.results!.find((x) => x.ruleId === 'GD025')!;
    // 'RUN echo "🚀 café" && go build': the rocket is 2 UTF-16 units, "go build" starts at unit 22.
    assert.deepEqual(gd025.locations![0]!.physicalLocation!.region, { startLine: 5, startColumn: 23, endLine: 5, endColumn: 31 });
  });

  it('reports unusable files as tool notifications, still valid', async () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'Dockerfile': NAIVE, 'bin.Dockerfile': 'FROM golang\0\n', 'empty/README': 'x' });
    try {
      const r = await runMain(['lint', '--format', 'sarif', '.', 'missing', 'empty'], { cwd: dir });
      assert.equal(r.status, 2);
      const log = JSON.parse(r.stdout) as Sarif.Log;
      assertValid(log);
      const inv = log.runs[0]!.invocations![0]!;
      assert.equal(inv.executionSuccessful, false);
      assert.equal(inv.toolExecutionNotifications!.length, 3, r.stderr);
      assert.ok(log.runs[0]!.results!.some((x) => x.ruleId === 'GD001'));
    } finally {
      cleanup(dir);
    }
  });

  it('a file outside the current directory gets an absolute file URI; standard input its --stdin-filename', async () => {
    const dir = tempTree({ 'a/go.mod': GO_MOD, 'a/Dockerfile': NAIVE, 'b/x': '' });
    try {
      const out = JSON.parse((await runMain(['lint', '--format', 'sarif', '../a/Dockerfile'], { cwd: path.join(dir, 'b') })).stdout) as Sarif.Log;
      assertValid(out);
      assert.deepEqual(out.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation, { uri: `file://${dir}/a/Dockerfile` });
      const stdin = JSON.parse((await runMain(['lint', '--format', 'sarif', '--stdin-filename', 'a/Dockerfile', '-'], { cwd: dir, input: NAIVE })).stdout) as Sarif.Log;
      assertValid(stdin);
      assert.deepEqual(stdin.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation, { uri: 'a/Dockerfile', uriBaseId: 'SRCROOT' });
      const bare = JSON.parse((await runMain(['lint', '--format', 'sarif', '-'], { cwd: dir, input: NAIVE })).stdout) as Sarif.Log;
      assertValid(bare);
      assert.equal(bare.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, '%3Cstdin%3E');
    } finally {
      cleanup(dir);
    }
  });
});
