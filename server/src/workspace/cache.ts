// Per-root cache of WorkspaceFacts. Concurrent get() calls for one root share one scan; the
// language server drops entries when watched files change (go.mod, go.sum, go.work, *.go,
// .dockerignore, vendor/modules.txt, Makefile, CI files).

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceFacts } from '../engine/facts';
import { scanWorkspace, ScanOptions } from './scan';
import { isWithin } from './walk';

export type Scanner = (root: string, options?: ScanOptions) => Promise<WorkspaceFacts>;

interface Entry {
  promise: Promise<WorkspaceFacts>;
}

/** Files outside a root that still change its facts: an enclosing module's go.mod / go.sum. */
const ANCESTOR_FILES = new Set(['go.mod', 'go.sum']);

export class WorkspaceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ScanOptions = {},
    private readonly scanner: Scanner = scanWorkspace,
    /** Most roots kept; the least recently scanned one is dropped first. */
    private readonly maxRoots = 32,
  ) {}

  get(root: string): Promise<WorkspaceFacts> {
    const key = path.resolve(root);
    const hit = this.entries.get(key);
    if (hit) return hit.promise;
    const entry: Entry = { promise: this.scanner(key, this.options) };
    this.entries.set(key, entry);
    // A failed scan is not cached; only drop it if it was not replaced meanwhile.
    entry.promise.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxRoots) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry.promise;
  }

  /** Drops one root, or every root when called without an argument. */
  invalidate(root?: string): void {
    if (root === undefined) this.entries.clear();
    else this.entries.delete(path.resolve(root));
  }

  /**
   * Drops every cached root that contains `file` (an absolute path or a file: URI), and roots
   * below the directory of a changed go.mod/go.sum (an enclosing module). True when any was dropped.
   */
  invalidateForFile(file: string): boolean {
    const abs = path.resolve(file.startsWith('file:') ? fileURLToPath(file) : file);
    const dir = path.dirname(abs);
    const base = path.basename(abs);
    let dropped = false;
    for (const root of [...this.entries.keys()]) {
      if (isWithin(root, abs) || (ANCESTOR_FILES.has(base) && isWithin(dir, root))) {
        this.entries.delete(root);
        dropped = true;
      }
    }
    return dropped;
  }

  /** Roots currently cached (scanned or being scanned). */
  roots(): string[] {
    return [...this.entries.keys()];
  }
}
