// Workspace facts for tests. W0 is EDGE_CASES.md's default workspace: module example.com/app,
// go 1.26.1, go.sum present, one main package ./cmd/app importing net/http with outbound HTTPS.
import { join } from 'node:path';
import type { WorkspaceFacts } from '../../server/src/engine/facts';
import { emptyFacts as emptyWorkspaceFacts, scanWorkspace } from '../../server/src/workspace';

export function emptyFacts(): WorkspaceFacts {
  return emptyWorkspaceFacts('/ws');
}

type Overrides = { [K in keyof WorkspaceFacts]?: WorkspaceFacts[K] extends object ? Partial<WorkspaceFacts[K]> | WorkspaceFacts[K] : WorkspaceFacts[K] };

export function W0(overrides: Overrides = {}): WorkspaceFacts {
  const base: WorkspaceFacts = {
    ...emptyFacts(),
    module: { dir: '', path: 'example.com/app', goVersion: '1.26.1', goLoc: { file: 'go.mod', line: 3 }, requires: [{ path: 'github.com/google/uuid', version: 'v1.6.0', indirect: false }], replaces: [] },
    goSum: true,
    mainPackages: [{ dir: 'cmd/app', binary: 'app', importPath: 'example.com/app/cmd/app', loc: { file: 'cmd/app/main.go', line: 1 } }],
    imports: { net: true, osUser: false, tlsClient: true },
    dockerignores: [{ file: '.dockerignore', patterns: [{ pattern: '.git', negate: false, line: 1 }], lineCount: 1, endsWithNewline: true }],
    entries: ['go.mod', 'go.sum', '.dockerignore', 'cmd/', 'cmd/app/', 'cmd/app/main.go'],
  };
  return merge(base, overrides);
}

function merge(base: WorkspaceFacts, o: Overrides): WorkspaceFacts {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    const b = (base as unknown as Record<string, unknown>)[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' && !Array.isArray(b) ? { ...b, ...v } : v;
  }
  return out as unknown as WorkspaceFacts;
}

const scanned = new Map<string, Promise<WorkspaceFacts>>();

/** Facts of a fixture workspace under test/fixtures/workspaces, scanned once per test run. */
export function fixtureFacts(name: string): () => Promise<WorkspaceFacts> {
  return () => {
    let p = scanned.get(name);
    if (!p) {
      p = scanWorkspace(fixturePath(name));
      scanned.set(name, p);
    }
    return p;
  };
}

export function fixturePath(name: string): string {
  return join(__dirname, '..', 'fixtures', 'workspaces', name);
}
