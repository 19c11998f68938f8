// Helpers for the CLI tests: they run the BUILT bundles in dist/ (npm run build first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const SWEEP = path.join(ROOT, 'dist', 'sweep.js');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Builds dist/ once when a bundle is missing, so `npx mocha test/cli/*.test.ts` also works alone. */
export function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(SWEEP)) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export function run(script: string, args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): RunResult {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: opts.cwd ?? ROOT,
    ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
    ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cli(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  return run(CLI, args, opts);
}

/** A temporary directory holding the given files (paths relative to it); removed by `cleanup`. */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-dockerfile-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The naive single-stage Dockerfile: GD001 (unsafe fix), GD004 (safe fix with facts), GD007 (unsafe fix). */
export const NAIVE = `# A naive single-stage Dockerfile
FROM golang:latest
WORKDIR /app
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /app/server ./cmd/server
EXPOSE 8080
CMD ["/app/server"]
USER 65532
`;

/** A clean multi-stage build. */
export const CLEAN = `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot
ARG VERSION=dev
ARG COMMIT=unknown
LABEL org.opencontainers.image.version="\${VERSION}" org.opencontainers.image.revision="\${COMMIT}"
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;

export const NODE = `FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "index.js"]
`;

export const GO_MOD = 'module example.com/app\n\ngo 1.22.3\n\nrequire github.com/google/uuid v1.6.0\n';

/**
 * Runs the CLI's main() in this process (the same code as dist/cli.js, without starting node):
 * standard input is `input`, stdout is a terminal only when `tty` is set.
 */
export async function runMain(args: string[], opts: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; tty?: boolean }): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdout: { write: (s: string) => (stdout += s), ...(opts.tty ? { isTTY: true } : {}) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: () => opts.input ?? '',
  });
  return { status, stdout, stderr };
}

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
