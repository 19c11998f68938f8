// Workspace facts per document. For a file: URI the workspace root is the nearest directory
// upward that holds go.mod (stopping at the enclosing LSP workspace folder, else at the
// filesystem root), else the Dockerfile's directory. Facts come from a shared cache; a scan that
// takes longer than `waitMs` does not block linting: the caller lints without facts and is told
// (through `pending`) when they arrive. Untitled and other non-file URIs get no facts.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFacts } from '../api';

/** The part of the workspace cache (server/src/workspace WorkspaceCache) the server uses. */
export interface FactsSource {
  get(root: string): Promise<WorkspaceFacts>;
  invalidate(root?: string): void;
  /** Drops the roots a changed file affects; true when any was dropped. */
  invalidateForFile(file: string): boolean;
}

export type ModuleRootFinder = (startDir: string, stopAt?: string) => Promise<string | undefined>;

export interface FactsContext {
  /** Absolute workspace root (the build context), for file: URIs only. */
  root?: string;
  /** The Dockerfile relative to the root, forward slashes. */
  dockerfilePath?: string;
  facts?: WorkspaceFacts;
  /** Set when the scan did not finish in time: settles when the facts are ready (or failed). */
  pending?: Promise<void>;
}

/** File names whose change can move a module root (go.mod appears or disappears). */
const ROOT_FILES = new Set(['go.mod']);

/** An absolute path for a file: URI, undefined for any other scheme or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class FactsProvider {
  private folders: string[] = [];
  /** Dockerfile directory -> workspace root. */
  private readonly roots = new Map<string, Promise<string>>();
  private readonly warned = new Set<string>();
  /** One `pending` promise per scan, so a late arrival is announced once. */
  private readonly pendings = new WeakMap<Promise<WorkspaceFacts>, Promise<void>>();

  constructor(
    private readonly cache: FactsSource,
    private readonly findModuleRoot: ModuleRootFinder,
    private readonly warn: (message: string) => void,
    private readonly waitMs = 1500,
  ) {}

  /** LSP workspace folders as absolute paths (non-file folders are ignored). */
  setWorkspaceFolders(uris: string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined).map((p) => path.resolve(p));
    this.roots.clear();
  }

  /** The deepest workspace folder containing `p`. */
  folderFor(p: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) if (isWithin(f, p) && (best === undefined || f.length > best.length)) best = f;
    return best;
  }

  async resolve(uri: string): Promise<FactsContext> {
    const file = uriToPath(uri);
    if (file === undefined) return {};
    const root = await this.rootFor(path.dirname(path.resolve(file)));
    const dockerfilePath = path.relative(root, file).split(path.sep).join('/');
    const scan = this.cache.get(root);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((res) => {
      timer = setTimeout(() => res('timeout'), this.waitMs);
    });
    try {
      const outcome = await Promise.race([scan.then((facts) => ({ facts }), (err: unknown) => ({ err })), timeout]);
      if (outcome === 'timeout') {
        let pending = this.pendings.get(scan);
        if (!pending) {
          pending = scan.then(() => undefined, () => undefined);
          this.pendings.set(scan, pending);
        }
        return { root, dockerfilePath, pending };
      }
      if ('err' in outcome) {
        this.warnOnce(root, `go-dockerfile: could not scan ${root} (${outcome.err instanceof Error ? outcome.err.message : String(outcome.err)}); linting without workspace facts.`);
        return { root, dockerfilePath };
      }
      return { root, dockerfilePath, facts: outcome.facts };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A watched file changed: drops the facts it affects (and cached roots when a go.mod moved).
   * True when cached facts were dropped.
   */
  fileChanged(uriOrPath: string): boolean {
    const p = uriToPath(uriOrPath) ?? (/^[a-z][a-z0-9+.-]+:/i.test(uriOrPath) && !path.isAbsolute(uriOrPath) ? undefined : uriOrPath);
    if (p === undefined) return false;
    if (ROOT_FILES.has(path.basename(p))) this.roots.clear();
    try {
      return this.cache.invalidateForFile(p);
    } catch (err) {
      this.warnOnce(`invalidate:${p}`, `go-dockerfile: could not invalidate facts for ${p}: ${err instanceof Error ? err.message : String(err)}`);
      this.cache.invalidate();
      return true;
    }
  }

  /** Drops every cached scan and root. */
  reset(): void {
    this.roots.clear();
    this.cache.invalidate();
  }

  private rootFor(dir: string): Promise<string> {
    const hit = this.roots.get(dir);
    if (hit) return hit;
    const promise = this.findModuleRoot(dir, this.folderFor(dir)).then(
      (found) => found ?? dir,
      () => dir,
    );
    this.roots.set(dir, promise);
    return promise;
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(message);
  }
}
