// What `npm run prove` builds: the example projects, the one-line source change that times a
// rebuild, and the known-bad Dockerfiles whose findings claim a build or run failure.

export interface Example {
  /** Directory under examples/. */
  dir: string;
  title: string;
  /** The file and the line changed before each rebuild (the capture group gets a prefix). */
  touch: { file: string; pattern: RegExp };
  /**
   * Suggestions the user of this example picks in the editor instead of the default fix (matched by
   * title), the generator options that make the same choice, and why. The example is then also
   * built with the default choices, so both show.
   */
  picks?: { title: RegExp; label: string; why: string; generateArgs: string[] }[];
}

export const EXAMPLES: Example[] = [
  { dir: 'http-service', title: 'pure-Go HTTP service (main package at the root, go get + go install)', touch: { file: 'main.go', pattern: /(const banner = ")/ } },
  {
    dir: 'sqlite-service',
    title: 'cgo service linking SQLite through a small C wrapper',
    touch: { file: 'main.go', pattern: /(const banner = ")/ },
    picks: [
      {
        title: /cgo linked statically/,
        label: 'static cgo link',
        why: 'its C side (SQLite, no extension loading) calls nothing that needs a shared library at run time, so GD001 also offers a fully static link onto distroless static (`generate --cgo-link static` for the generated file)',
        generateArgs: ['--cgo-link', 'static'],
      },
    ],
  },
  { dir: 'cmd-layout', title: 'cmd/ layout (cmd/server, cmd/hello, internal/greet); the `npm start` example', touch: { file: 'internal/greet/greet.go', pattern: /(const Greeting = ")/ } },
];

export interface BadCase {
  /** File under examples/known-bad/. */
  file: string;
  /** Build context (a directory under examples/). */
  context: string;
  /** Rule codes of which one must report the failure. */
  codes: string[];
  /** Where the linter says it fails. */
  fails: 'build' | 'run';
  /** The error text the engine must print. */
  expect: RegExp;
  what: string;
}

export const BAD_CASES: BadCase[] = [
  { file: 'cgo-binary-on-scratch.Dockerfile', context: 'sqlite-service', codes: ['GD003', 'GD013'], fails: 'run', expect: /no such file or directory/, what: 'cgo-linked binary on scratch (no libc)' },
  { file: 'cgo-binary-on-alpine.Dockerfile', context: 'sqlite-service', codes: ['GD003', 'GD013'], fails: 'run', expect: /no such file or directory|not found/, what: 'glibc-linked cgo binary on an alpine (busybox, no glibc) runtime' },
  { file: 'shell-form-cmd-on-distroless.Dockerfile', context: 'http-service', codes: ['GD009'], fails: 'run', expect: /\/bin\/sh.*no such file or directory|no such file or directory.*\/bin\/sh/, what: 'shell-form CMD on distroless (no /bin/sh)' },
  { file: 'user-name-on-scratch.Dockerfile', context: 'cmd-layout', codes: ['GD017'], fails: 'run', expect: /unable to find user app|no matching entries in passwd file/, what: 'USER by name on scratch (no /etc/passwd)' },
  { file: 'cgo-disabled-for-cgo-program.Dockerfile', context: 'sqlite-service', codes: ['GD013'], fails: 'build', expect: /build constraints exclude all Go files|undefined: /, what: 'CGO_ENABLED=0 for a program that imports "C"' },
  { file: 'go-sum-not-in-workspace.Dockerfile', context: 'http-service', codes: ['GD014'], fails: 'build', expect: /go\.sum.*no such file or directory|no such file or directory.*go\.sum|"\/go\.sum": not found/, what: 'COPY go.mod go.sum when the module has no go.sum' },
  { file: 'scratch-without-ca-certificates.Dockerfile', context: 'http-service', codes: ['GD010'], fails: 'run', expect: /x509: certificate signed by unknown authority/, what: 'static binary with an HTTPS client on scratch (no CA certificates)' },
  { file: 'copy-from-wrong-path.Dockerfile', context: 'cmd-layout', codes: ['GD012'], fails: 'build', expect: /no such file or directory|not found/, what: 'COPY --from a path the build never writes' },
];
