// Bounded, symlink-safe directory walk and a byte-budgeted file reader.
// Nothing here executes anything; every read goes through Budget so the caps hold globally.

import { constants as fsConstants, Dirent, promises as fsp } from 'node:fs';
import * as path from 'node:path';

export interface ScanOptions {
  /** Files and directories recorded by the walk (default 20,000). */
  maxFiles?: number;
  /** .go files parsed (default 5,000). */
  maxGoFiles?: number;
  /** Total bytes read (default 32 MiB). */
  maxBytes?: number;
  /** Bytes read from one file; larger files are read up to this size (default 1 MiB). */
  maxFileBytes?: number;
  /** Directory nesting below the root (default 32). */
  maxDepth?: number;
  /** Called before each file is opened or directory is listed (tests use it to prove confinement). */
  onRead?: (absPath: string, kind: 'file' | 'dir') => void;
}

export interface Limits {
  maxFiles: number;
  maxGoFiles: number;
  maxBytes: number;
  maxFileBytes: number;
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFiles: 20_000,
  maxGoFiles: 5_000,
  maxBytes: 32 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
  maxDepth: 32,
};

export function resolveLimits(options: ScanOptions = {}): Limits {
  const pick = (v: number | undefined, d: number): number =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : d;
  return {
    maxFiles: pick(options.maxFiles, DEFAULT_LIMITS.maxFiles),
    maxGoFiles: pick(options.maxGoFiles, DEFAULT_LIMITS.maxGoFiles),
    maxBytes: pick(options.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxFileBytes: pick(options.maxFileBytes, DEFAULT_LIMITS.maxFileBytes),
    maxDepth: pick(options.maxDepth, DEFAULT_LIMITS.maxDepth),
  };
}

/** True when `child` is `parent` or lies below it (both absolute, already resolved). */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel === '') return true;
  return !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

/** Tracks bytes and files read and the first cap that was hit; reads text with a BOM stripped. */
export class Budget {
  bytesRead = 0;
  filesRead = 0;
  capped = false;
  reason: string | undefined;

  constructor(
    readonly limits: Limits,
    readonly realRoot: string,
    private readonly onRead?: ScanOptions['onRead'],
  ) {}

  cap(reason: string): void {
    if (!this.capped) {
      this.capped = true;
      this.reason = reason;
    }
  }

  notifyDir(abs: string): void {
    this.onRead?.(abs, 'dir');
  }

  /** Reads a regular file (never a FIFO or device) up to maxFileBytes, within the total budget. */
  async readText(abs: string): Promise<string | undefined> {
    if (this.bytesRead >= this.limits.maxBytes) {
      this.cap(`read budget of ${this.limits.maxBytes} bytes exhausted`);
      return undefined;
    }
    this.onRead?.(abs, 'file');
    let fh: fsp.FileHandle;
    try {
      // O_NONBLOCK: opening a FIFO must not hang the scan; fstat below rejects it.
      fh = await fsp.open(abs, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    } catch {
      return undefined;
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) return undefined;
      const want = Math.min(st.size, this.limits.maxFileBytes);
      if (this.bytesRead + want > this.limits.maxBytes) {
        this.cap(`read budget of ${this.limits.maxBytes} bytes exhausted`);
        return undefined;
      }
      // Reserve before awaiting: concurrent reads must not all pass the check above.
      this.bytesRead += want;
      const buf = Buffer.alloc(want);
      let off = 0;
      try {
        while (off < want) {
          const { bytesRead } = await fh.read(buf, off, want - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
      } finally {
        this.bytesRead -= want - off;
      }
      this.filesRead++;
      const text = buf.toString('utf8', 0, off);
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /**
   * Resolves a path below the root, following symlinks only when they stay inside the root.
   * Returns the kind of what it points to, or undefined when missing or escaping.
   */
  async resolveInside(abs: string): Promise<'file' | 'dir' | 'other' | undefined> {
    try {
      const real = await fsp.realpath(abs);
      if (!isWithin(this.realRoot, real)) return undefined;
      const st = await fsp.stat(real);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
    } catch {
      return undefined;
    }
  }
}

export interface WalkFile {
  /** Workspace-relative path with forward slashes. */
  rel: string;
  abs: string;
  name: string;
  /** Relative directory ("" for the root). */
  dir: string;
}

export interface WalkResult {
  entries: string[];
  files: WalkFile[];
}

/** Directories Go tooling and Docker users never want scanned. Their entry is still recorded. */
export function isSkippedDir(name: string): boolean {
  return (
    name === 'node_modules' ||
    name === 'vendor' ||
    name === 'testdata' ||
    name.startsWith('.') ||
    name.startsWith('_')
  );
}

interface QueuedDir {
  rel: string;
  abs: string;
  real: string;
  depth: number;
}

/**
 * Breadth-first walk, so root-level files are always recorded first, in name order.
 * Symlinks are followed only when their real path lies inside the real root. Symlinked
 * directories are deferred until the plain tree is done and are entered only when their real
 * directory was not visited yet, so every real directory is scanned once (loops end there).
 */
export async function walk(absRoot: string, budget: Budget, slicer = new Slicer()): Promise<WalkResult> {
  const { maxFiles, maxDepth } = budget.limits;
  const entries: string[] = [];
  const files: WalkFile[] = [];
  const visited = new Set<string>([budget.realRoot]);
  let queue: QueuedDir[] = [{ rel: '', abs: absRoot, real: budget.realRoot, depth: 0 }];
  let deferred: QueuedDir[] = [];
  let head = 0;

  for (;;) {
    if (head >= queue.length) {
      const next: QueuedDir[] = [];
      for (const d of deferred) {
        if (visited.has(d.real)) continue;
        visited.add(d.real);
        next.push(d);
      }
      deferred = [];
      if (next.length === 0) break;
      queue = next;
      head = 0;
    }
    if (entries.length >= maxFiles) {
      budget.cap(`more than ${maxFiles} files and directories; only the first ${maxFiles} were scanned`);
      break;
    }
    const dir = queue[head++];
    await slicer.maybeYield();
    const listing = await listDir(dir.abs, maxFiles - entries.length + 1, budget);
    for (const dirent of listing) {
      if (entries.length >= maxFiles) {
        budget.cap(`more than ${maxFiles} files and directories; only the first ${maxFiles} were scanned`);
        return { entries, files };
      }
      const name = dirent.name;
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      const abs = path.join(dir.abs, name);
      let kind: 'file' | 'dir' | 'other';
      let real: string;
      let viaLink = false;
      if (dirent.isSymbolicLink()) {
        try {
          real = await fsp.realpath(abs);
        } catch {
          continue; // dangling
        }
        if (!isWithin(budget.realRoot, real)) continue; // never leave the root
        try {
          const st = await fsp.stat(real);
          kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
        } catch {
          continue;
        }
        viaLink = true;
      } else {
        kind = dirent.isDirectory() ? 'dir' : dirent.isFile() ? 'file' : 'other';
        real = path.join(dir.real, name);
      }
      if (kind !== 'dir') {
        entries.push(rel);
        if (kind === 'file') files.push({ rel, abs, name, dir: dir.rel });
        continue;
      }
      entries.push(`${rel}/`);
      if (isSkippedDir(name)) continue;
      if (dir.depth + 1 > maxDepth) {
        budget.cap(`directory nesting deeper than ${maxDepth} levels at ${rel}/`);
        continue;
      }
      const q: QueuedDir = { rel, abs, real, depth: dir.depth + 1 };
      if (viaLink) {
        deferred.push(q);
      } else if (!visited.has(real)) {
        visited.add(real);
        queue.push(q);
      }
    }
  }
  return { entries, files };
}

/** Lists at most `max` entries (so a huge directory cannot blow memory), sorted by name. */
async function listDir(abs: string, max: number, budget: Budget): Promise<Dirent[]> {
  const out: Dirent[] = [];
  budget.notifyDir(abs);
  try {
    const dir = await fsp.opendir(abs);
    for await (const d of dir) {
      out.push(d);
      if (out.length >= max) break; // breaking closes the handle
    }
  } catch {
    return out;
  }
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

/**
 * Cooperative time slicing for the scan, which shares the language server's only thread: after `sliceMs`
 * of work without a macrotask turn, `maybeYield()` waits for setImmediate, so pending requests (and I/O)
 * run before the scan goes on. Concurrent workers share one slicer.
 */
export class Slicer {
  private last = performance.now();

  constructor(private readonly sliceMs = 8) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

/** Runs `fn` over `items` with at most `limit` promises in flight, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
