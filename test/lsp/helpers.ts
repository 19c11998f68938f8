// Shared fixtures of the LSP tests: temporary workspaces and the sample Dockerfile.
import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { Logger } from '../../server/src/lsp/settings';

/**
 * The sample Dockerfile: GD001, GD004 and GD007 (the founding rules the protocol tests exercise);
 * the rest of it is written so that no other rule fires (build flags set, a version build argument
 * for GD007b, a non-root USER).
 */
export const SAMPLE = ['FROM golang:latest', 'WORKDIR /app', 'COPY . .', 'RUN go build -trimpath -ldflags="-s -w" -o /app/server ./cmd/server', 'ARG VERSION=dev', 'CMD ["/app/server"]', 'USER 65532', ''].join('\n');

/**
 * A small Go project: a module with a requirement and go.sum (so GD004 applies and its fix is
 * safe) and a main package at ./cmd/server.
 */
export const GO_PROJECT: Record<string, string> = {
  '.dockerignore': '.git\n',
  'go.mod': 'module example.com/app\n\ngo 1.26.1\n\nrequire github.com/google/uuid v1.6.0\n',
  'go.sum':
    'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n' +
    'github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n',
  'cmd/server/main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/google/uuid"\n)\n\nfunc main() {\n\t_ = uuid.New()\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
};

export interface TempWorkspace {
  dir: string;
  uri: string;
  fileUri(rel: string): string;
  write(rel: string, text: string): string;
  dispose(): void;
}

/** A temporary directory (real path) with the given files. */
export function tempWorkspace(files: Record<string, string> = {}): TempWorkspace {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'gd-lsp-')));
  const ws: TempWorkspace = {
    dir,
    uri: pathToFileURL(dir).href,
    fileUri: (rel) => pathToFileURL(path.join(dir, rel)).href,
    write(rel, text) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      return pathToFileURL(abs).href;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}

export function byCode(diags: Diagnostic[], code: string): Diagnostic {
  const d = diags.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} among ${codes(diags).join(', ')}`);
  return d;
}

/** The `data` our server attaches to a diagnostic. */
export interface Data {
  version: number;
  fixes: { title: string; safety: string; edits: unknown[] }[];
}

export function dataOf(d: Diagnostic): Data {
  return d.data as Data;
}

/** A logger that records the errors it is given (in-process tests of the server's logging). */
export function recorder(): Logger & { errors: string[] } {
  return {
    errors: [],
    error(m: string) {
      this.errors.push(m);
    },
    warn() {},
    info() {},
    log() {},
  };
}
