// Workspace facts: what the Go project next to a Dockerfile tells us (CATALOGUE.md §0.6).
// Produced by scanWorkspace() (server/src/workspace, the only I/O of the engine) and passed to
// lint() as plain, serialisable data. Rules never read files; they read these facts.
// Every path is relative to `root`, uses forward slashes and has no leading "./".

export interface SourceLocation {
  /** Workspace-relative file path. */
  file: string;
  /** 1-based line number. */
  line: number;
}

export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
}

export interface GoReplace {
  from: string;
  fromVersion?: string;
  /** Module path, or a filesystem path when `local` is true (as written in go.mod, e.g. "./lib" or "../x"). */
  to: string;
  toVersion?: string;
  local: boolean;
  /** For local replaces: the target normalised relative to the module root's directory, e.g. "lib". */
  dir?: string;
  /** For local replaces: true when the target lies outside the build context (root). */
  outsideContext?: boolean;
  loc: SourceLocation;
}

export interface GoModule {
  /** Directory of go.mod relative to root ("" for the root itself). */
  dir: string;
  /** The `module` path. */
  path: string;
  /** The `go` directive, e.g. "1.26.1" or "1.21". */
  goVersion?: string;
  goLoc?: SourceLocation;
  /** The `toolchain` directive without the "go" prefix, e.g. "1.26.3". */
  toolchain?: string;
  toolchainLoc?: SourceLocation;
  requires: GoRequire[];
  replaces: GoReplace[];
}

export interface GoWork {
  file: string;
  goVersion?: string;
  /** `use` directories as written, normalised relative to root where inside it. */
  use: { dir: string; outsideContext: boolean; loc: SourceLocation }[];
}

export interface MainPackage {
  /** Package directory relative to root: "" for the root, "cmd/app" otherwise. */
  dir: string;
  /** The executable name `go build` gives it (last non-major-version element of the import path). */
  binary: string;
  /** Import path when known (module path + dir). */
  importPath?: string;
  loc: SourceLocation;
}

export interface CgoReason {
  kind: 'import-c' | 'module';
  /** For import-c: the file; for module: go.mod. */
  loc: SourceLocation;
  /** The cgo-only module path for kind=module. */
  module?: string;
}

export interface StaticBlocker {
  /** The C function or the module. */
  what: string;
  /** Why it needs shared libraries at run time. */
  why: string;
  loc: SourceLocation;
}

export interface DockerignorePattern {
  /** Pattern as written, trimmed. */
  pattern: string;
  /** Leading "!" removed into this flag. */
  negate: boolean;
  /** 1-based line number in the .dockerignore file. */
  line: number;
}

export interface DockerignoreFile {
  /** Workspace-relative path: ".dockerignore" or "<Dockerfile>.dockerignore". */
  file: string;
  patterns: DockerignorePattern[];
  /** Total number of lines, for fixes that append. */
  lineCount: number;
  /** True when the file ends with a newline. */
  endsWithNewline: boolean;
}

export interface RuntimeRead {
  /** Relative path as written in the code, e.g. "web/templates/*.html". */
  path: string;
  /** The call that reads it, e.g. "template.ParseGlob". */
  call: string;
  loc: SourceLocation;
}

export interface EmbedPattern {
  /** Directory of the Go file holding the directive. */
  dir: string;
  pattern: string;
  loc: SourceLocation;
}

export interface ReleaseTooling {
  goreleaser?: {
    file: string;
    /** Dockerfiles named by dockers / dockers_v2 entries (default "Dockerfile"). */
    dockerfiles: string[];
    /** builds[].env contains CGO_ENABLED=0 for every build. */
    cgoDisabled: boolean;
  };
  ko?: { file: string };
  /** --target values and compose/bake targets found in CI, Makefiles, bake and compose files. */
  targets: { name: string; loc: SourceLocation }[];
  /** Platforms wanted (bake/compose/CI `platforms`). */
  platforms: string[];
  /** CI that uses ephemeral runners with exported layer cache (cache-to) was found. */
  ephemeralCi: boolean;
  /** Buildx / BuildKit use was found in CI or scripts. */
  buildx: boolean;
}

export interface ScanLimits {
  filesScanned: number;
  bytesRead: number;
  /** True when a cap on files or bytes stopped the scan early: rules lower their confidence. */
  capped: boolean;
  /** Why the scan stopped early, for messages. */
  reason?: string;
}

export interface MakeTarget {
  name: string;
  /** Recipe lines with make's leading tab removed. */
  recipe: string[];
  loc: SourceLocation;
}

export interface VersionVar {
  /** Directory of the main package declaring it ("" for the root). */
  dir: string;
  /** The variable, e.g. "version" or "commit": set with `-ldflags "-X main.<name>=…"`. */
  name: string;
  /** "version" or "commit" by its name. */
  role: 'version' | 'commit';
  loc: SourceLocation;
}

export interface WorkspaceFacts {
  /** Absolute path of the scanned directory (the build context). */
  root: string;
  /** The module at the root or the nearest enclosing one; undefined when there is no go.mod. */
  module?: GoModule;
  /** go.mod files below the root other than the main module. */
  nestedModules: { dir: string; path: string }[];
  goSum: boolean;
  goWork?: GoWork;
  goWorkSum: boolean;
  /** vendor/modules.txt exists next to go.mod. */
  vendor: boolean;
  mainPackages: MainPackage[];
  cgo: {
    required: boolean;
    reasons: CgoReason[];
    /** C++ sources or -lstdc++ seen: distroless/cc rather than base. */
    cxx: boolean;
    /**
     * What keeps the cgo program from running when linked fully statically on a libc-less image:
     * C calls that load shared objects at run time (dlopen, NSS lookups, iconv) in the cgo
     * preambles or C sources of reachable packages, and modules known to do so. Empty: a static
     * link (`-linkmode external -extldflags "-static"` with `-tags netgo,osusergo`) is an option.
     */
    staticBlockers: StaticBlocker[];
  };
  imports: {
    /** `net` (or net/http, …) in a main package's import closure. */
    net: boolean;
    osUser: boolean;
    /** Outbound TLS use: crypto/tls, HTTP clients, gRPC credentials, cloud SDKs. */
    tlsClient: boolean;
  };
  tz: {
    /** time.LoadLocation with a named zone (or a variable). */
    uses: SourceLocation[];
    /** `import _ "time/tzdata"` in a main package. */
    embedded: boolean;
  };
  /** `import _ "golang.org/x/crypto/x509roots/fallback"`. */
  x509Fallback: boolean;
  embeds: EmbedPattern[];
  runtimeReads: RuntimeRead[];
  ports: { port: number; loc: SourceLocation }[];
  /** A `-health` style flag or `healthcheck` subcommand in a main package. */
  healthProbe?: { arg: string; loc: SourceLocation };
  /** Package-level version/commit string variables of main packages (GD007b: -ldflags -X). */
  versionVars: VersionVar[];
  /** exec.Command("tool") literals. */
  execTools: { name: string; loc: SourceLocation }[];
  dockerignores: DockerignoreFile[];
  makeTargets: MakeTarget[];
  release: ReleaseTooling;
  /** Workspace-relative paths of the files and directories the scan saw (directories end with "/"). */
  entries: string[];
  limits: ScanLimits;
}
