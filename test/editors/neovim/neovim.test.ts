// A second real LSP client: Neovim (0.7, Debian's `neovim` package) headless, configured by
// init.lua next to this file, against the built server (dist/server.js --stdio). Not part of
// `npm test` (a fresh machine has no Neovim): run it with `npm run test:neovim`; it fails when
// nvim is missing, on a timeout, and when diagnostics or fixes break.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SERVER_JS } from '../../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from '../../lsp/helpers';

const INIT_LUA = path.resolve(__dirname, 'init.lua');
const TIMEOUT_MS = 60_000;

/** A naive Dockerfile of a Go program: toolchain image, :latest, COPY . . before the build, root. */
const NAIVE = ['FROM golang:latest', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server .', 'EXPOSE 8080', 'CMD ["/app/server"]', ''].join('\n');

const PROJECT: Record<string, string> = {
  'go.mod': 'module example.com/app\n\ngo 1.26.1\n\nrequire github.com/google/uuid v1.6.0\n',
  'go.sum':
    'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n' +
    'github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n',
  'main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/google/uuid"\n)\n\nfunc main() {\n\t_ = uuid.New()\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
  'Dockerfile': NAIVE,
};

/** What init.lua writes. */
interface Seen {
  nvim: string;
  filetype?: string;
  server?: 'push' | 'pull';
  error?: string;
  steps: string[];
  diagnostics?: { code: string; line: number; severity: number; source: string }[];
  codes?: string[];
  actions?: string[];
  applied?: string;
  text?: string;
  codesAfterFix?: string[];
  codesAfterSettings?: string[];
  fixAll?: { applied: boolean };
  textAfterFixAll?: string;
  codesAfterFixAll?: string[];
  generate?: { kind: string; uri?: string; dockerignoreUri?: string };
  generated?: string;
  generatedDockerignore?: string;
}

function nvimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) throw new Error(`nvim is not installed or does not run (${r.error?.message ?? r.stderr}): apt-get install -y neovim`);
  const m = /^NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`unexpected nvim --version output: ${r.stdout}`);
  if (Number(m[1]) === 0 && Number(m[2]) < 7) throw new Error(`Neovim ${m[0]} is too old: 0.7 or later is needed`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

function runNeovim(ws: TempWorkspace, out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${INIT_LUA}`], {
      cwd: ws.dir,
      env: { ...process.env, GD_SERVER: SERVER_JS, GD_FILE: path.join(ws.dir, 'Dockerfile'), GD_OUT: out, GD_TIMEOUT_MS: '15000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${TIMEOUT_MS} ms; output: ${output}`));
    }, TIMEOUT_MS);
    proc.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('Neovim as the LSP client (headless)', function () {
  this.timeout(TIMEOUT_MS + 10_000);
  let ws: TempWorkspace;
  let seen: Seen;
  let version: string;

  before(async function () {
    version = nvimVersion();
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run npm run build`);
    ws = tempWorkspace(PROJECT);
    const out = path.join(ws.dir, 'seen.json');
    const { code, output } = await runNeovim(ws, out);
    assert.ok(existsSync(out), `nvim wrote no ${out} (exit ${code}); output: ${output}`);
    seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
    assert.equal(seen.error, undefined, `init.lua failed after steps [${seen.steps.join(', ')}]: ${seen.error}`);
    assert.equal(code, 0, `nvim exit status; output: ${output}`);
  });

  after(function () {
    ws?.dispose();
  });

  it('starts the server for the dockerfile filetype and gets pushed diagnostics', function () {
    assert.equal(seen.nvim, version);
    assert.equal(seen.filetype, 'dockerfile');
    assert.equal(seen.server, 'push', 'no diagnosticProvider for a client without pull diagnostics');
    // GD022 (no .dockerignore) is off through initializationOptions; GD007b: the build stamps no version.
    assert.deepEqual(seen.codes, ['GD001', 'GD004', 'GD007', 'GD007b', 'GD018', 'GD025']);
    assert.ok(seen.diagnostics?.every((d) => d.source === 'go-dockerfile'));
    assert.deepEqual(
      seen.diagnostics?.filter((d) => d.code === 'GD004').map((d) => [d.line, d.severity]),
      [[2, 2]],
      'GD004 on COPY . . as a warning',
    );
  });

  it('offers the quick fixes of the line and applies the chosen one', function () {
    assert.deepEqual(seen.actions, ['Copy go.mod and go.sum and download modules first', 'Ignore GD004 for this instruction', 'Show documentation for GD004']);
    assert.equal(seen.applied, 'Copy go.mod and go.sum and download modules first');
    assert.equal(seen.text, ['FROM golang:latest', 'WORKDIR /app', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app/server .', 'EXPOSE 8080', 'CMD ["/app/server"]', ''].join('\n'));
    assert.deepEqual(seen.codesAfterFix, ['GD001', 'GD007', 'GD007b', 'GD018', 'GD025'], 'GD004 is gone from the next publication');
  });

  it('takes new settings from workspace/didChangeConfiguration', function () {
    assert.deepEqual(seen.codesAfterSettings, ['GD001', 'GD007', 'GD007b', 'GD018']);
  });

  it('applies goDockerfile.fixAll through workspace/applyEdit (unsafe fixes on)', function () {
    assert.deepEqual(seen.fixAll, { applied: true });
    const text = seen.textAfterFixAll ?? '';
    assert.match(text, /^FROM golang:1\.26 AS build$/m, 'pinned from go.mod and split into stages');
    assert.match(text, /^FROM gcr\.io\/distroless\/static/m);
    assert.match(text, /^COPY --from=build /m);
    assert.deepEqual(seen.codesAfterFixAll, []);
    assert.equal(readFileSync(path.join(ws.dir, 'Dockerfile'), 'utf8'), NAIVE, 'edits stay in the buffer: nothing was saved');
  });

  it('runs goDockerfile.generate: Neovim creates Dockerfile.generated and .dockerignore and fills them', function () {
    assert.deepEqual(seen.generate, { kind: 'applied', uri: ws.fileUri('Dockerfile.generated'), dockerignoreUri: ws.fileUri('.dockerignore') });
    const text = seen.generated ?? '';
    assert.match(text, /^# syntax=docker\/dockerfile:1\n/);
    assert.match(text, /^FROM --platform=\$BUILDPLATFORM golang:\$\{GO_VERSION\}-alpine AS build$/m);
    assert.match(text, /^RUN --mount=type=cache,target=\/go\/pkg\/mod \\\n {4}go mod download$/m);
    assert.match(seen.generatedDockerignore ?? '', /^\.git$/m);
  });
});
