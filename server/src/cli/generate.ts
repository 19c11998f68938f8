// `go-dockerfile generate [DIR] …`: scan a Go module, generate its Dockerfile and .dockerignore
// (GENERATOR.md), self-check them with our own rules, then print or write them.
// Callable from other code: all output goes through `io`, and the exit code is returned.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../engine/facts';
import type { Finding } from '../engine/types';
import { effectiveDockerignore, generate, GenerateError, selfCheck, type GenerateOptions, type GenerateResult, type RuntimeKind } from '../generator';
import { scanWorkspace } from '../workspace';

export interface GenerateIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export const GENERATE_USAGE = `Usage: go-dockerfile generate [DIR] [options]

Generates a Dockerfile and .dockerignore for the Go module in DIR (default: the current directory).

Options:
  --runtime distroless|scratch|alpine   runtime base (default: distroless; cgo and run-time needs may override it)
  --main ./cmd/x                        the main package to build (default: the only one, or the one that listens)
  --all-mains                           build every main package, one runtime target per binary
  --dev / --no-dev                      add (or leave out) a dev target with delve
  --test / --no-test                    add (or leave out) a test target (docker build --target test .)
  --cgo-link dynamic|static             how a cgo binary is linked (default: dynamic, on a glibc runtime); static:
                                        -extldflags "-static" onto the static runtime, unless its C code needs
                                        shared libraries at run time (dlopen, NSS lookups)
  --cache auto|mounts|portable          module cache strategy (default: auto, from the CI found)
  --mode auto|build                     build: always compile in the Dockerfile, even when GoReleaser builds it
  --stdout                              print the Dockerfile only (default)
  --write                               write Dockerfile and .dockerignore into DIR (appends to an existing .dockerignore)
  --force                               with --write: overwrite an existing Dockerfile
  --explain                             print the decisions and the facts behind them to stderr
  -h, --help                            show this help
`;

interface ParsedGenerate {
  dir?: string;
  options: GenerateOptions;
  write: boolean;
  force: boolean;
  explain: boolean;
  help: boolean;
}

const RUNTIMES: readonly string[] = ['distroless', 'scratch', 'alpine'];

/** Parses the arguments after `generate`; a string is a usage error. */
export function parseGenerateArgs(argv: readonly string[]): ParsedGenerate | string {
  const out: ParsedGenerate = { options: {}, write: false, force: false, explain: false, help: false };
  let stdout = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string | undefined => (eq > 0 ? raw.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '-h':
      case '--help':
        out.help = true;
        break;
      case '--runtime': {
        const v = value();
        if (v === undefined || !RUNTIMES.includes(v)) return `--runtime expects one of ${RUNTIMES.join(', ')}${v === undefined ? '' : `, got "${v}"`}`;
        out.options.runtime = v as RuntimeKind;
        break;
      }
      case '--main': {
        const v = value();
        if (v === undefined || v === '') return '--main expects a package directory, e.g. ./cmd/server';
        out.options.main = v;
        break;
      }
      case '--cache': {
        const v = value();
        if (v !== 'auto' && v !== 'mounts' && v !== 'portable') return `--cache expects auto, mounts or portable${v === undefined ? '' : `, got "${v}"`}`;
        out.options.cacheStrategy = v;
        break;
      }
      case '--cgo-link': {
        const v = value();
        if (v !== 'dynamic' && v !== 'static') return `--cgo-link expects dynamic or static${v === undefined ? '' : `, got "${v}"`}`;
        out.options.cgoLink = v;
        break;
      }
      case '--mode': {
        const v = value();
        if (v !== 'auto' && v !== 'build') return `--mode expects auto or build${v === undefined ? '' : `, got "${v}"`}`;
        out.options.mode = v;
        break;
      }
      case '--all-mains':
        out.options.allMains = true;
        break;
      case '--dev':
      case '--no-dev':
        out.options.dev = name === '--dev';
        break;
      case '--test':
      case '--no-test':
        out.options.test = name === '--test';
        break;
      case '--stdout':
        stdout = true;
        break;
      case '--write':
        out.write = true;
        break;
      case '--force':
        out.force = true;
        break;
      case '--explain':
        out.explain = true;
        break;
      default:
        if (raw.startsWith('-') && raw !== '-') return `unknown option "${raw}"`;
        if (out.dir !== undefined) return `only one directory can be given (got "${out.dir}" and "${raw}")`;
        out.dir = raw;
    }
    if (eq > 0 && !['--runtime', '--main', '--cache', '--cgo-link', '--mode'].includes(name)) return `${name} takes no value`;
  }
  if (stdout && out.write) return '--stdout and --write cannot be combined';
  if (out.force && !out.write) return '--force only applies with --write';
  return out;
}

async function exists(p: string): Promise<'file' | 'dir' | undefined> {
  try {
    const st = await fs.stat(p);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

function describe(f: Finding, file: string): string {
  return `${f.file ?? file}:${f.range.start.line + 1}: ${f.severity} ${f.code} (${f.name}): ${f.message}`;
}

/** Runs `go-dockerfile generate`; returns the exit code (0 success, 2 usage or refusal, 1 failure). */
export async function runGenerate(argv: string[], io: GenerateIo): Promise<number> {
  const parsed = parseGenerateArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`go-dockerfile generate: ${parsed}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(GENERATE_USAGE);
    return 0;
  }
  const dir = path.resolve(io.cwd, parsed.dir ?? '.');
  const kind = await exists(dir);
  if (kind !== 'dir') {
    io.stderr(`go-dockerfile generate: ${dir} ${kind === 'file' ? 'is not a directory' : 'does not exist'}.\n`);
    return 2;
  }
  if ((await exists(path.join(dir, 'go.mod'))) !== 'file') {
    io.stderr(`go-dockerfile generate: no go.mod in ${dir}: run it in the directory of a Go module (the build context), or create one with \`go mod init\`.\n`);
    return 2;
  }
  const dockerfile = path.join(dir, 'Dockerfile');
  if (parsed.write && !parsed.force && (await exists(dockerfile)) !== undefined) {
    io.stderr(`go-dockerfile generate: ${dockerfile} already exists and was left unchanged. Use --force to overwrite it, or --stdout to print the new one and compare.\n`);
    return 2;
  }

  let result: GenerateResult;
  let facts: WorkspaceFacts;
  try {
    facts = await scanWorkspace(dir);
    result = generate(facts, { ...parsed.options, existingDockerignore: effectiveDockerignore(facts) });
  } catch (err) {
    io.stderr(`go-dockerfile generate: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof GenerateError ? 2 : 1;
  }

  for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
  if (parsed.explain) {
    io.stderr('decisions:\n');
    for (const d of result.decisions) io.stderr(`  ${d.topic}: ${d.choice}\n    because ${d.because}${d.fact ? ` (${d.fact.file}:${d.fact.line})` : ''}\n`);
  }
  // Self-check (GENERATOR §5.1): findings on the generated files are generator bugs; findings on other
  // files (go.mod, go.work) are project problems the generator could not solve.
  const findings = selfCheck(result, facts).filter((f) => f.severity === 'error' || f.severity === 'warning');
  for (const f of findings) io.stderr(`self-check: ${describe(f, 'Dockerfile')}\n`);

  if (!parsed.write) {
    io.stdout(result.dockerfile);
    return 0;
  }
  try {
    await fs.writeFile(dockerfile, result.dockerfile, 'utf8');
    io.stdout(`wrote ${path.relative(io.cwd, dockerfile) || 'Dockerfile'}\n`);
    const ignorePath = path.join(dir, result.dockerignoreFile);
    const rel = path.relative(io.cwd, ignorePath) || result.dockerignoreFile;
    if (result.dockerignore === '') {
      if (result.dockerignoreAppend) io.stdout(`${rel} already excludes what the template would: unchanged\n`);
    } else if (result.dockerignoreAppend) {
      await fs.appendFile(ignorePath, result.dockerignore, 'utf8');
      const n = result.dockerignore.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
      io.stdout(`appended ${n} line${n === 1 ? '' : 's'} to ${rel}\n`);
    } else {
      await fs.writeFile(ignorePath, result.dockerignore, { encoding: 'utf8', flag: 'wx' });
      io.stdout(`wrote ${rel}\n`);
    }
  } catch (err) {
    io.stderr(`go-dockerfile generate: cannot write: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return 0;
}
