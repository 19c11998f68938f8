// Public types of the Dockerfile generator (GENERATOR.md). Plain, serialisable data.
import type { DockerignoreFile, SourceLocation } from '../engine/facts';

export type RuntimeKind = 'distroless' | 'scratch' | 'alpine';
export type CacheStrategy = 'auto' | 'mounts' | 'portable';

export interface GenerateOptions {
  /** Runtime base on request; distroless (static, or base/cc for cgo) by default (GENERATOR §3.2). */
  runtime?: RuntimeKind;
  /** Main package to build: './cmd/x', 'cmd/x' or '.'. */
  main?: string;
  /** One build of every main package into /out/ and one named runtime target per binary (§4.3). */
  allMains?: boolean;
  /** Dev target with delve (§4.5). Undefined: added when the workspace builds a `dev` target (compose). */
  dev?: boolean;
  /** `test` target that the final stage does not depend on. Undefined: added when CI builds `--target test`. */
  test?: boolean;
  /**
   * How a cgo binary is linked: 'dynamic' (default, GENERATOR §4.2: glibc builder and a glibc runtime of
   * the same Debian release) or 'static' (`-linkmode external -extldflags "-static"` with netgo/osusergo,
   * onto the static runtime), taken only when the workspace's C code needs no shared library at run
   * time (facts.cgo.staticBlockers); otherwise a warning says why the link stayed dynamic.
   */
  cgoLink?: 'dynamic' | 'static';
  /** Module cache strategy (§3.6); 'auto' picks 'portable' for ephemeral CI with exported layer cache. */
  cacheStrategy?: CacheStrategy;
  /** The .dockerignore that already applies to ./Dockerfile: only the lines to append are returned. */
  existingDockerignore?: DockerignoreFile;
  /**
   * 'auto' (default): when GoReleaser builds ./Dockerfile (dockers/dockers_v2), generate the runtime-only
   * Dockerfile it expects (§4.8); 'build': always a Dockerfile that builds the Go code.
   */
  mode?: 'auto' | 'build';
}

export interface Decision {
  /** What was decided: "builder image", "runtime image", "main package", … */
  topic: string;
  /** The choice, as it appears in the Dockerfile. */
  choice: string;
  /** Why, naming the workspace fact. */
  because: string;
  /** Where the fact was found. */
  fact?: SourceLocation;
}

export interface GenerateResult {
  /** The Dockerfile (LF line endings, ends with a newline). */
  dockerfile: string;
  /**
   * The .dockerignore: the whole file, or (with `existingDockerignore`) only the text to append to it,
   * ready to append as is (it starts with a newline when the existing file does not end with one).
   * Empty when nothing needs appending.
   */
  dockerignore: string;
  /** Which .dockerignore the text is for: ".dockerignore" or "Dockerfile.dockerignore". */
  dockerignoreFile: string;
  /** True when `dockerignore` is to be appended to `dockerignoreFile` rather than written as a new file. */
  dockerignoreAppend: boolean;
  decisions: Decision[];
  /** Things the user must know or do (several mains, refused runtime, unbuildable layout, …). */
  warnings: string[];
}

/** The project cannot get a Dockerfile (no go.mod). */
export class GenerateError extends Error {
  override readonly name = 'GenerateError';
}
