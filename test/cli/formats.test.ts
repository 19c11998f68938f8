// The github, checkstyle, gitlab and text formats, checked against the JSON report line by line.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/types';
import { palette } from '../../server/src/cli/color';
import { escapeData, escapeProperty, githubLine } from '../../server/src/cli/formats/github';
import { xmlAttr } from '../../server/src/cli/formats/checkstyle';
import { codeFrame } from '../../server/src/cli/output';
import { FIXTURES, runMain } from './helpers';

interface JsonReport { files: { path: string; findings: (Pick<Finding, 'code' | 'name' | 'severity' | 'message' | 'range'>)[] }[] }

function finding(over: Partial<Finding>): Finding {
  return {
    code: 'GD003', name: 'binary-not-static', severity: 'error', message: 'm',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, fixes: [], ...over,
  };
}

/** Reverses GitHub's escaping. */
function unescape(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

const GITHUB = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/;

describe('cli --format github', () => {
  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('dir:a,b%/Dockerfile\n'), 'dir%3Aa%2Cb%25/Dockerfile%0A');
    const line = githubLine('a,b:c.Dockerfile', finding({ message: 'line one\nline two: 50%, maybe' }));
    assert.equal(line, '::error file=a%2Cb%3Ac.Dockerfile,line=1,col=1,endLine=1,endColumn=5,title=GD003 binary-not-static::line one%0Aline two: 50%25, maybe\n');
  });

  it('maps severities to error, warning and notice; a range over lines has no columns', () => {
    assert.match(githubLine('D', finding({ severity: 'warning' })), /^::warning /);
    assert.match(githubLine('D', finding({ severity: 'info' })), /^::notice /);
    assert.match(githubLine('D', finding({ severity: 'hint' })), /^::notice /);
    const multi = finding({ range: { start: { line: 2, character: 3 }, end: { line: 4, character: 1 } } });
    assert.equal(githubLine('D', multi), '::error file=D,line=3,endLine=5,title=GD003 binary-not-static::m\n');
  });

  for (const name of ['naive', 'multi', 'unicode']) {
    it(`has one line per finding of the JSON report, same file, position and message: ${name}`, async () => {
      const cwd = path.join(FIXTURES, name, 'input');
      const gh = await runMain(['lint', '--format', 'github', '.'], { cwd });
      const json = JSON.parse((await runMain(['lint', '--format', 'json', '.'], { cwd })).stdout) as JsonReport;
      const expected = json.files.flatMap((f) => f.findings.map((x) => ({ file: f.path, ...x })));
      const lines = gh.stdout.split('\n');
      assert.equal(lines.pop(), '', 'ends with a newline');
      assert.equal(lines.length, expected.length);
      lines.forEach((line, i) => {
        const m = GITHUB.exec(line);
        assert.ok(m, line);
        const want = expected[i]!;
        const props = Object.fromEntries(m[2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
        assert.equal(m[1], want.severity === 'error' ? 'error' : want.severity === 'warning' ? 'warning' : 'notice');
        assert.equal(props.file, want.file);
        assert.equal(Number(props.line), want.range.start.line + 1);
        assert.equal(Number(props.endLine), want.range.end.line + 1);
        if (want.range.start.line === want.range.end.line) {
          assert.equal(Number(props.col), want.range.start.character + 1);
          assert.equal(Number(props.endColumn), want.range.end.character + 1);
        }
        assert.equal(props.title, `${want.code} ${want.name}`);
        assert.equal(unescape(m[3]!), want.message);
      });
      // The summary goes to stderr, never between the commands.
      assert.match(gh.stderr, /problems? \(/);
    });
  }
});

describe('cli --format checkstyle', () => {
  it('escapes markup, quotes, newlines and characters XML cannot carry', () => {
    assert.equal(xmlAttr(`a<b>&"c'\nd\te\u0001`), 'a&lt;b&gt;&amp;&quot;c&apos;&#10;d&#9;e\ufffd');
  });

  it('lists each linted file with its findings', async () => {
    const r = await runMain(['lint', '--format', 'checkstyle', '.'], { cwd: path.join(FIXTURES, 'multi', 'input') });
    assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="4\.3">\n/);
    assert.match(r.stdout, /<file name="deploy\/a,b&amp;c\.dockerfile">\n(?: {4}<error [^\n]*\n)* {4}<error line="1" column="6" severity="warning" message="The final image is golang:1\.23: [^"]*\(toolchain-in-final-image\)" source="go-dockerfile\.GD001"\/>/);
    assert.match(r.stdout, /<file name="cmd\/api\/Dockerfile">\n {2}<\/file>/, 'a clean file is listed');
    assert.doesNotMatch(r.stdout, /vendor|node_modules|\.git\/|Dockerfile\.md/);
  });
});

describe('cli --format gitlab', () => {
  it('is a Code Quality array with unique fingerprints and 1-based lines', async () => {
    const cwd = path.join(FIXTURES, 'multi', 'input');
    const issues = JSON.parse((await runMain(['lint', '--format', 'gitlab', '.'], { cwd })).stdout) as {
      description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } };
    }[];
    assert.ok(issues.length > 0);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    for (const i of issues) {
      assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
      assert.match(i.check_name, /^GD\d{3}[a-z]?$/);
      assert.ok(i.location.lines.begin >= 1);
    }
    // The two GD036 findings of build/Containerfile are distinct issues.
    assert.equal(issues.filter((i) => i.check_name === 'GD036' && i.location.path === 'build/Containerfile').length, 2);
  });
});

describe('cli --format text', () => {
  const plain = palette(false);
  it('shows the source line with a caret under the exact range', () => {
    const text = 'FROM golang:latest\nRUN\tgo build .\n';
    assert.deepEqual(codeFrame(text, { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } }, plain, 'warning'), [
      ' 1 | FROM golang:latest',
      '   |      ^^^^^^^^^^^^^',
    ]);
    // A tab is shown as four spaces, the caret follows; a range going on past the line is underlined to its end.
    assert.deepEqual(codeFrame(text, { start: { line: 1, character: 4 }, end: { line: 2, character: 0 } }, plain, 'info'), [
      ' 2 | RUN    go build .',
      '   |        ^^^^^^^^^^',
    ]);
    // An empty range still gets one caret.
    assert.deepEqual(codeFrame(text, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, plain, 'hint')[1], '   | ^');
  });

  it('uses colours only on a terminal without NO_COLOR or --no-color', async () => {
    const cwd = path.join(FIXTURES, 'naive', 'input');
    const tty = await runMain(['lint', '.'], { cwd, tty: true });
    assert.match(tty.stdout, /\u001b\[33m\^+\u001b\[39m/, 'a yellow caret under a warning');
    for (const run of [
      runMain(['lint', '.'], { cwd }),
      runMain(['lint', '.'], { cwd, tty: true, env: { NO_COLOR: '1' } }),
      runMain(['lint', '--no-color', '.'], { cwd, tty: true }),
    ]) {
      assert.doesNotMatch((await run).stdout, /\u001b\[/);
    }
  });
});
