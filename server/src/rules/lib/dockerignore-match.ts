// The .dockerignore that applies to the linted Dockerfile, and pattern-line ranges for findings
// reported in it. Matching is the workspace scanner's pure implementation of BuildKit's rules
// (imported from the submodule: the workspace index pulls in the file-system scanner).
import type { DockerignoreFile, DockerignorePattern, WorkspaceFacts } from '../../engine/facts';
import type { Model } from '../../engine/model/types';
import type { Range } from '../../engine/types';
import { ignoredBy } from '../../workspace/dockerignore';

/**
 * `<Dockerfile>.dockerignore` next to the Dockerfile wins over the context root's `.dockerignore`
 * (Docker "Build context → .dockerignore files"). Undefined when neither exists.
 */
export function effectiveDockerignore(facts: WorkspaceFacts, dockerfilePath: string | undefined): DockerignoreFile | undefined {
  if (dockerfilePath) {
    const own = facts.dockerignores.find((d) => d.file === `${dockerfilePath}.dockerignore`);
    if (own) return own;
  }
  return facts.dockerignores.find((d) => d.file === '.dockerignore');
}

/** The ignore file of the model, and a predicate over context paths. */
export interface IgnoreView {
  file?: DockerignoreFile;
  ignored: (path: string) => boolean;
  by: (path: string) => DockerignorePattern | undefined;
}

export function ignoreView(model: Model, facts: WorkspaceFacts | undefined): IgnoreView {
  const file = facts ? effectiveDockerignore(facts, model.dockerfilePath) : undefined;
  if (!file) return { ignored: () => false, by: () => undefined };
  return { file, ignored: (p) => ignoredBy(file, p) !== undefined, by: (p) => ignoredBy(file, p) };
}

/** The range of a pattern line in its .dockerignore (0-based; the pattern as written, "!" included). */
export function patternRange(p: DockerignorePattern): Range {
  const line = p.line - 1;
  return { start: { line, character: 0 }, end: { line, character: p.pattern.length + (p.negate ? 1 : 0) } };
}

/** A whole line of another file (go.mod, go.work), from a 1-based line number. */
export function lineRange(line1: number): Range {
  return { start: { line: line1 - 1, character: 0 }, end: { line: line1, character: 0 } };
}

/** The pattern as written, for messages. */
export function patternText(p: DockerignorePattern): string {
  return `${p.negate ? '!' : ''}${p.pattern}`;
}
