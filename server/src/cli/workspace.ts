// Which workspace a Dockerfile belongs to, and its facts, scanned once per workspace per run.
import * as path from 'node:path';
import type { WorkspaceFacts } from '../engine/facts';
import { findModuleRoot, scanWorkspace } from '../workspace';

export interface FileWorkspace {
  /** Absolute workspace root. */
  root: string;
  facts?: WorkspaceFacts;
  /** The Dockerfile relative to the root with forward slashes; undefined for stdin or outside the root. */
  dockerfilePath?: string;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export class WorkspaceResolver {
  private readonly facts = new Map<string, Promise<WorkspaceFacts | undefined>>();
  private readonly roots = new Map<string, Promise<string>>();

  /**
   * @param override --workspace DIR (absolute), used for every file.
   * @param warn reports a scan that failed; the file is then linted without facts.
   */
  constructor(private readonly override: string | undefined, private readonly warn: (message: string) => void) {}

  /** The nearest directory at or above `dir` holding go.mod, else `dir` itself. */
  private rootOf(dir: string): Promise<string> {
    let r = this.roots.get(dir);
    if (!r) {
      r = findModuleRoot(dir).then((found) => found ?? dir, () => dir);
      this.roots.set(dir, r);
    }
    return r;
  }

  private factsOf(root: string): Promise<WorkspaceFacts | undefined> {
    let f = this.facts.get(root);
    if (!f) {
      f = scanWorkspace(root).catch((err: unknown) => {
        this.warn(`cannot scan workspace ${root}: ${err instanceof Error ? err.message : String(err)}; linting without project facts`);
        return undefined;
      });
      this.facts.set(root, f);
    }
    return f;
  }

  /** Forgets the facts of a workspace whose files were just changed (a fix wrote .dockerignore). */
  invalidate(root: string): void {
    this.facts.delete(root);
  }

  /** Number of distinct workspaces scanned so far. */
  get scanned(): number {
    return this.facts.size;
  }

  /**
   * @param dockerfile absolute path of the Dockerfile, or undefined for standard input
   *   (whose workspace is found from the current directory).
   */
  async resolve(dockerfile: string | undefined, cwd: string): Promise<FileWorkspace> {
    const dir = dockerfile === undefined ? cwd : path.dirname(dockerfile);
    const root = this.override ?? (await this.rootOf(dir));
    const facts = await this.factsOf(root);
    let dockerfilePath: string | undefined;
    if (dockerfile !== undefined) {
      const rel = path.relative(root, dockerfile);
      if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) dockerfilePath = toPosix(rel);
    }
    return { root, ...(facts ? { facts } : {}), ...(dockerfilePath !== undefined ? { dockerfilePath } : {}) };
  }
}
