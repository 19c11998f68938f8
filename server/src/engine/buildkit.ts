// BuildKit choices shared by the generator and the fixes: the syntax directive they write, and the Go
// module-cache strategy picked from the workspace's CI facts (GENERATOR §3.6).
import type { WorkspaceFacts } from './facts';

/** The parser directive the generator and the fixes write as line 1 (GD037). */
export const SYNTAX_DIRECTIVE = '# syntax=docker/dockerfile:1';

export type ModuleCacheStrategy = 'mounts' | 'portable';

/**
 * "portable" (modules in a layer, no module cache mount) when CI runs on ephemeral runners that export
 * the layer cache (cache-to): BuildKit does not export cache mounts (moby/buildkit#1474). Otherwise
 * "mounts": the module cache is mounted on the download and on the build.
 */
export function autoCacheStrategy(facts: WorkspaceFacts | undefined): { strategy: ModuleCacheStrategy; because: string } {
  return facts?.release.ephemeralCi
    ? { strategy: 'portable', because: 'CI runs on ephemeral runners with an exported layer cache (cache-to): BuildKit does not export cache mounts, so modules go in a layer' }
    : { strategy: 'mounts', because: 'no CI with exported layer cache was found: cache mounts persist on the builder' };
}
