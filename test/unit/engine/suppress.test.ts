import { strict as assert } from 'node:assert';
import { lint } from '../../../server/src/engine/lint';
import { W0 } from '../../support/facts';

const BUILD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const RUNS = 'FROM alpine:3.24\nRUN apk add --no-cache tzdata\nRUN mkdir /data\nRUN chmod 700 /data\nCOPY --from=build /out/app /app\n';

function codesOf(text: string): string[] {
  return lint(text, { facts: W0() }).map((f) => `${f.code}@${f.range.start.line + 1}`);
}

describe('suppression comments', () => {
  it('the fixture shows the findings the tests suppress', () => {
    const found = codesOf(`FROM golang AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${RUNS}`);
    assert.ok(found.includes('GD007@1'));
    assert.ok(found.includes('GD005@5'));
  });

  it('# go-dockerfile ignore= on the lines above an instruction, by code or name, with a reason', () => {
    const text = `${BUILD}# keep separate layers for now\n# go-dockerfile ignore=GD005,unpinned-base-image -- layers are audited\nFROM alpine:3.24\nRUN apk add --no-cache tzdata\nRUN mkdir /data\nRUN chmod 700 /data\n`;
    // The comment belongs to the FROM: GD005 on the second RUN is still reported.
    assert.ok(codesOf(text).includes('GD005@11'));
    const onRun = `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache tzdata\n# go-dockerfile ignore=consecutive-runtime-runs -- merged later\nRUN mkdir /data\nRUN chmod 700 /data\n`;
    assert.ok(!codesOf(onRun).some((c) => c.startsWith('GD005@')));
  });

  it('a blank line between the comment and the instruction breaks the link', () => {
    assert.ok(codesOf('# go-dockerfile ignore=GD007\n\nFROM golang AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n').includes('GD007@3'));
    assert.ok(!codesOf('# go-dockerfile ignore=GD007\nFROM golang AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n').includes('GD007@2'));
  });

  it('# go-dockerfile global ignore= anywhere in the file', () => {
    const text = `${BUILD}${RUNS}# go-dockerfile global ignore=GD005\n`;
    assert.ok(!codesOf(text).some((c) => c.startsWith('GD005@')));
  });

  it('an unknown code in our comment is reported (P009 hint) at its exact place', () => {
    const f = lint(`# go-dockerfile global ignore=GD005,GD999,binary-not-statik\n${BUILD}`, { facts: W0() }).filter((x) => x.code === 'P009');
    assert.deepEqual(f.map((x) => [x.severity, x.range.start.character, x.range.end.character]), [['hint', 36, 41], ['hint', 42, 59]]);
  });

  it("hadolint's own comments silence the mapped rules (DL3006/DL3007 -> GD007, DL3059 -> GD005)", () => {
    const text = `# hadolint ignore=DL3007\nFROM golang:latest AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${RUNS.replace('RUN mkdir', '# hadolint ignore=DL3059\nRUN mkdir')}`;
    const found = codesOf(text);
    assert.ok(!found.some((c) => c.startsWith('GD007@')), found.join());
    assert.ok(!found.some((c) => c.startsWith('GD005@')), found.join());
    assert.ok(!found.some((c) => c.startsWith('P009')), 'hadolint codes are not ours to check');
  });

  it('# hadolint global ignore= and stage ignore=', () => {
    assert.ok(!codesOf(`# hadolint global ignore=DL3006\nFROM golang AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n`).some((c) => c.startsWith('GD007@')));
    const staged = `FROM golang AS build\n# hadolint stage ignore=DL3059\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n${RUNS}`;
    const found = codesOf(staged);
    // The stage pragma covers the build stage only, not the alpine stage after the next FROM.
    assert.ok(found.some((c) => c.startsWith('GD005@')), found.join());
  });

  it("BuildKit's # check=skip directive (file level) and per-instruction comment silence mapped findings", () => {
    const body = 'RUN go build \\\n\n    -o /out/app ./cmd/app\n';
    const plain = codesOf(`FROM golang:1.26 AS build\n${body}`);
    assert.ok(plain.includes('P005@3'));
    assert.ok(!codesOf(`# check=skip=NoEmptyContinuation\nFROM golang:1.26 AS build\n${body}`).includes('P005@4'));
    assert.ok(!codesOf(`FROM golang:1.26 AS build\n# check=skip=NoEmptyContinuation\n${body}`).includes('P005@4'));
    assert.ok(!codesOf(`# check=skip=all\nFROM golang:1.26 AS build\n${body}`).includes('P005@4'));
  });

  it('only the first check directive counts (BuildKit allows one); a later one is P008', () => {
    const text = '# check=skip=JSONArgsRecommended\n# check=skip=NoEmptyContinuation\nFROM golang:1.26 AS build\nRUN go build \\\n\n    -o /out/app ./cmd/app\n';
    const found = codesOf(text);
    assert.ok(found.includes('P008@2'));
    assert.ok(found.includes('P005@5'), found.join());
  });

  it('EC10: check names are PascalCase; a lower-case name is reported and skips nothing', () => {
    const found = lint('#check=skip=jsonargsrecommended\nFROM golang:1.26 AS build\nRUN go build -o /out/app ./cmd/app\n', { facts: W0() });
    const p = found.find((f) => f.code === 'P009');
    assert.ok(p);
    assert.match(p.message, /not a BuildKit check name/);
    assert.deepEqual([p.range.start.character, p.range.end.character], [12, 31]);
  });

  it("another tool's suppression never silences an error (EC35: a build or start that will fail)", () => {
    const text = 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\n# hadolint ignore=DL3006\nRUN go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
    // GD003 maps to no other tool, and our own comment is the only way to silence it.
    assert.ok(codesOf(text).includes('GD003@5'));
    assert.ok(!codesOf(text.replace('# hadolint ignore=DL3006', '# go-dockerfile ignore=GD003')).includes('GD003@5'));
  });

  it('settings turn rules off or change their severity, by code or name', () => {
    const text = `FROM golang AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n`;
    assert.ok(!lint(text, { settings: { rules: { 'unpinned-base-image': 'off' } } }).some((f) => f.code === 'GD007'));
    assert.deepEqual(lint(text, { settings: { rules: { GD007: 'error' } } }).filter((f) => f.code === 'GD007').map((f) => f.severity), ['error']);
  });
});
