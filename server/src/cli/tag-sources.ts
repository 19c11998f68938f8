// GD007b in the CLI (issue 12): files that tag the linted Dockerfiles' images (Makefiles, scripts,
// compose, bake, CI workflows) are linted with the tag-source linter. Kept apart from the rest of
// the lint command so that the directory mode of issue 7 can take it over.
import * as path from 'node:path';
import type { WorkspaceFacts } from '../engine/facts';
import type { EngineSettings } from '../engine/settings';
import { lintTagSource, tagSourceKind } from '../engine/tagsource';
import type { Finding } from '../engine/types';
import { findTagSources } from '../workspace';
import type { Input } from './inputs';

export interface TagSourceLinter {
  lint(text: string): Finding[];
}

/** The linter of a file given on the command line when it is a tag source (by its workspace path). */
export function tagSourceFor(
  file: string | undefined,
  workspacePath: string | undefined,
  options: { facts?: WorkspaceFacts; settings?: Partial<EngineSettings> },
): TagSourceLinter | undefined {
  // The workspace path decides, unless the root is the file's own directory (no go.mod above a
  // workflow): then the path as given still says `.github/workflows/…`.
  const p = [workspacePath, file === undefined ? undefined : file.split(path.sep).join('/')].find((x) => x !== undefined && tagSourceKind(x) !== undefined);
  if (p === undefined) return undefined;
  return { lint: (text) => lintTagSource(p, text, options) };
}

/**
 * The tag sources of the workspace roots, shown relative to `cwd`, that are not already listed
 * (a file given on the command line is linted once).
 */
export async function workspaceTagSources(roots: ReadonlySet<string>, listed: readonly Input[], cwd: string): Promise<Input[]> {
  const seen = new Set(listed.flatMap((i) => (i.stdin || i.abs === undefined ? [] : [i.abs])));
  const out: Input[] = [];
  for (const root of roots) {
    for (const rel of await findTagSources(root)) {
      const abs = path.join(root, ...rel.split('/'));
      if (seen.has(abs)) continue;
      seen.add(abs);
      out.push({ kind: 'tag-source', stdin: false, display: (path.relative(cwd, abs) || abs).split(path.sep).join('/'), abs });
    }
  }
  return out;
}
