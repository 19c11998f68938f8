import { strict as assert } from 'node:assert';
import type { DockerignoreFile } from '../../../server/src/engine/facts';
import { applyEdits } from '../../../server/src/engine/fix';
import { appendEdit, createText, dockerignoreTemplate, missingEntries } from '../../../server/src/rules/lib/dockerignore-template';
import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n';
const EC47 = `${HEAD}COPY . .\n${BUILD}`;
const VARIANTS = fixtureFacts('dockerignore-variants');

const ignore = (file: string, ...patterns: string[]): DockerignoreFile => ({
  file,
  patterns: patterns.map((p, i) => ({ pattern: p.replace(/^!/, ''), negate: p.startsWith('!'), line: i + 1 })),
  lineCount: patterns.length,
  endsWithNewline: true,
});
const ENTRIES = ['go.mod', 'go.sum', '.dockerignore', 'cmd/', 'cmd/app/', 'cmd/app/main.go'];
const EMBED = { dir: 'cmd/app', pattern: 'static', loc: { file: 'cmd/app/main.go', line: 9 } };
const STATIC = ['cmd/app/static/', 'cmd/app/static/app.css', 'cmd/app/static/logo.png'];

runRuleTests('GD022', {
  valid: [
    { name: 'W0: .dockerignore excludes .git, nothing else to exclude', facts: W0(), code: EC47 },
    { name: 'Dockerfile.dockerignore wins and re-includes the embedded templates', facts: VARIANTS, dockerfilePath: 'Dockerfile', code: EC47 },
    { name: 'only explicit sources copied: no whole-context copy', facts: W0({ dockerignores: [], entries: [...ENTRIES, '.git/'] }), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd/ cmd/\n${BUILD}` },
    { name: 'EC45: not a Go build', facts: W0({ dockerignores: [], module: undefined }), code: 'FROM node:22-alpine\nRUN apk add --no-cache go && go install github.com/acme/gen@latest\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n' },
    { name: 'vendor/ excluded is GD027', facts: W0({ vendor: true, dockerignores: [ignore('.dockerignore', '.git', 'vendor')], entries: [...ENTRIES, 'vendor/', 'vendor/modules.txt'] }), code: EC47 },
    { name: 'go.sum excluded is GD014', facts: W0({ dockerignores: [ignore('.dockerignore', '.git', 'go.sum')] }), code: EC47 },
    { name: 'the build stamps VCS data: .git stays', facts: W0({ dockerignores: [ignore('.dockerignore', 'bin/')], entries: [...ENTRIES, '.git/'] }), code: `${HEAD}COPY . .\nRUN go build -buildvcs=true -o /out/app ./cmd/app\n` },
    { name: 'test files excluded but no go test', facts: W0({ dockerignores: [ignore('.dockerignore', '.git', '**/*_test.go')], entries: [...ENTRIES, 'cmd/app/main_test.go'] }), code: EC47 },
    { name: 'embedded files kept by a later re-include', facts: W0({ embeds: [EMBED], dockerignores: [ignore('.dockerignore', '.git', '**/static', '!cmd/app/static')], entries: [...ENTRIES, ...STATIC] }), code: EC47 },
    { name: 'without workspace facts, a builder-only copy of the context is not judged', code: `${EC47}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'an example env file is not a secret', facts: W0({ entries: [...ENTRIES, '.env.example'] }), code: EC47 },
  ],
  invalid: [
    {
      name: 'EC47: go:embed templates excluded by **/templates, reported on the .dockerignore line',
      facts: VARIANTS,
      code: EC47,
      expect: [{
        at: '3:1-3:13',
        severity: 'error',
        message: ['`**/templates` leaves cmd/app/templates/index.html out of the build context', '//go:embed templates/*', 'pattern templates/*: no matching files found', '!cmd/app/templates'],
        fixes: [{ title: 'Re-include the embedded files: add `!cmd/app/templates` after this line', safety: 'safe', output: EC47, external: [{ file: '.dockerignore', newText: '!cmd/app/templates\n' }] }],
      }],
    },
    {
      name: 'go:embed directory partly excluded: warning',
      facts: W0({ embeds: [EMBED], dockerignores: [ignore('.dockerignore', '.git', '**/*.png')], entries: [...ENTRIES, ...STATIC] }),
      code: EC47,
      expect: [{ at: '2:1-2:9', severity: 'warning', message: ['cmd/app/static/logo.png', 'embeds only part of the files'] }],
    },
    {
      name: '(a) no .dockerignore, nothing sensitive in the workspace: info with the template',
      facts: fixtureFacts('templates'),
      code: EC47,
      expect: [{
        at: '3:1-3:9',
        severity: 'info',
        message: ['There is no .dockerignore', '.git, .github', 'bin/, dist/', '.env*, **/*.pem'],
        fixes: [{
          title: 'Create a .dockerignore for this Go project',
          safety: 'unsafe',
          output: EC47,
          external: [{ file: '.dockerignore', newText: '# VCS and tooling\n.git\n.github\n.vscode\n.idea\n# build outputs\nbin/\ndist/\n**/*.test\ncoverage.out\n# local env / secrets\n.env*\n**/*.pem\n# docker\nDockerfile*\n.dockerignore\n# go workspace (see GD015)\ngo.work\ngo.work.sum\n' }],
        }],
      }],
    },
    {
      name: '(a) no .dockerignore with .git and .env present: warning',
      facts: W0({ dockerignores: [], entries: [...ENTRIES, '.git/', '.env', 'bin/', 'bin/app'] }),
      dockerfilePath: 'build/Dockerfile',
      code: EC47,
      expect: [{ at: '3:1-3:9', severity: 'warning', message: ['`build/Dockerfile.dockerignore`', '.git (every commit invalidates this layer', 'secrets (.env)', 'local build outputs (bin/)'] }],
    },
    {
      name: '(b)(d) .dockerignore without .git, secrets and outputs: append the missing entries',
      facts: W0({ dockerignores: [ignore('.dockerignore', '*.md')], entries: [...ENTRIES, '.git/', 'certs/', 'certs/server.pem', 'dist/', 'app.test'] }),
      code: EC47,
      expect: [{ at: '3:1-3:9', severity: 'warning', message: ['.dockerignore does not exclude .git', 'secrets (certs/server.pem)', 'local build outputs (dist/, app.test)', 'Append: .git, .github, .vscode, .idea, bin/, dist/, **/*.test, coverage.out, .env*, **/*.pem, Dockerfile*, .dockerignore, go.work, go.work.sum.'] }],
    },
    {
      name: '(d) only build outputs exposed: info; embedded dist/ is never proposed',
      facts: W0({ embeds: [{ dir: '', pattern: 'dist', loc: { file: 'main.go', line: 7 } }], dockerignores: [ignore('.dockerignore', '.git')], entries: [...ENTRIES, 'dist/', 'dist/index.html', 'coverage.out'] }),
      code: EC47,
      expect: [{ at: '3:1-3:9', severity: 'info', message: ['local build outputs (coverage.out)', 'Append: .github, .vscode, .idea, bin/, **/*.test, coverage.out,'] }],
    },
    {
      name: '(c) go test with *_test.go excluded',
      facts: W0({ dockerignores: [ignore('.dockerignore', '.git', '**/*_test.go')], entries: [...ENTRIES, 'cmd/app/main_test.go'] }),
      code: `${HEAD}COPY . .\nRUN go test ./...\n${BUILD}`,
      expect: [{
        at: '2:1-2:13',
        severity: 'warning',
        message: ['every _test.go file', '`go test` (line 4)', 'no test files'],
        fixes: [{ title: 'Re-include the test files: add `!**/*_test.go` after this line', safety: 'safe', output: `${HEAD}COPY . .\nRUN go test ./...\n${BUILD}`, external: [{ file: '.dockerignore', newText: '!**/*_test.go\n' }] }],
      }],
    },
    {
      name: 'whole context through a bind mount',
      facts: W0({ dockerignores: [], entries: [...ENTRIES, '.git/'] }),
      code: `# syntax=docker/dockerfile:1\n${HEAD}RUN --mount=type=bind,target=. go build -o /out/app ./cmd/app\n`,
      expect: [{ at: '4:1-4:62', severity: 'warning', message: ['the bind mount of the context (line 4)'] }],
    },
    {
      name: 'without workspace facts: a hint when the whole context goes into the shipped image',
      code: `${EC47}CMD ["/out/app"]\n`,
      expect: [{ at: '3:1-3:9', severity: 'hint', message: ['copied into the image this Dockerfile ships', 'cannot see the workspace'] }],
    },
  ],
});

describe('GD022 dockerignore-template (fix text for a file-aware Fix)', () => {
  it('the full template for W0, with group comments', () => {
    assert.deepEqual(dockerignoreTemplate(W0()), [
      '# VCS and tooling', '.git', '.github', '.vscode', '.idea',
      '# build outputs', 'bin/', 'dist/', '**/*.test', 'coverage.out',
      '# local env / secrets', '.env*', '**/*.pem',
      '# docker', 'Dockerfile*', '.dockerignore',
      '# go workspace (see GD015)', 'go.work', 'go.work.sum',
    ]);
  });
  it('never an entry that matches a go:embed file; .git and go.work kept on request', () => {
    const facts = W0({ embeds: [{ dir: '', pattern: 'dist', loc: { file: 'main.go', line: 7 } }, { dir: 'certs', pattern: '*.pem', loc: { file: 'certs/certs.go', line: 3 } }], entries: [...ENTRIES, 'dist/', 'dist/index.html', 'certs/', 'certs/ca.pem'] });
    const lines = dockerignoreTemplate(facts, { keepGit: true, keepGoWork: true });
    for (const gone of ['dist/', '**/*.pem', '.git', 'go.work', 'go.work.sum', '# go workspace (see GD015)']) assert.ok(!lines.includes(gone), gone);
    assert.ok(lines.includes('bin/'));
  });
  it('missingEntries skips what the file already excludes and never undoes a re-include', () => {
    const file = ignore('.dockerignore', '.git', 'bin', '*.pem', '!server.pem');
    const facts = W0({ embeds: [{ dir: '', pattern: 'server.pem', loc: { file: 'main.go', line: 5 } }], entries: [...ENTRIES, 'server.pem'] });
    const add = missingEntries(facts, file);
    assert.ok(!add.includes('.git') && !add.includes('bin/') && !add.includes('**/*.pem'), add.join(' '));
    assert.ok(add.includes('.env*') && add.includes('dist/'));
  });
  it('an allowlist file (`*` then `!` rules) only misses what its re-includes let back in', () => {
    assert.deepEqual(missingEntries(W0(), ignore('Dockerfile.dockerignore', '*', '!go.mod', '!go.sum', '!cmd')), ['**/*.test']);
  });
  it('appendEdit appends after the last line, with or without a final newline', () => {
    assert.equal(applyEdits('.git\nbin\n', [appendEdit(ignore('.dockerignore', '.git', 'bin'), ['.env*'])]), '.git\nbin\n.env*\n');
    assert.equal(applyEdits('.git\nbin', [appendEdit({ ...ignore('.dockerignore', '.git', 'bin'), endsWithNewline: false }, ['.env*'])]), '.git\nbin\n.env*\n');
    assert.equal(applyEdits('', [appendEdit({ file: '.dockerignore', patterns: [], lineCount: 0, endsWithNewline: false }, ['.git'])]), '.git\n');
    assert.equal(createText(['.git', 'bin/'], '\r\n'), '.git\r\nbin/\r\n');
  });
});
