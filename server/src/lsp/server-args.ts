// Command line of the language server (dist/server.js, the `go-dockerfile-language-server` bin).
// vscode-languageserver's createConnection() reads the transport from process.argv itself; this
// module only validates the arguments, answers --help/--version before any LSP traffic, and
// makes stdio the default when no transport is named.
import { writeSync } from 'node:fs';
import { VERSION } from '../engine/meta';

export const SERVER_BIN = 'go-dockerfile-language-server';

export const SERVER_USAGE = `${SERVER_BIN} ${VERSION}: the go-dockerfile language server (LSP)

Usage: ${SERVER_BIN} [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--clientProcessId=PID]

Transports (one at most; --stdio when none is given):
  --stdio                JSON-RPC over stdin and stdout
  --node-ipc             the Node IPC channel (the client starts the server with fork())
  --socket=PORT          connect to 127.0.0.1:PORT, where the client listens
  --pipe=NAME            connect to the named pipe or Unix socket NAME, where the client listens
Options:
  --clientProcessId=PID  exit when the process PID ends
  -V, --version          print the version and exit
  -h, --help             print this help and exit

Settings come from the "goDockerfile" section (workspace/configuration, else initializationOptions
and workspace/didChangeConfiguration). Editor setups: docs/editors.md.
`;

export type Transport = 'stdio' | 'node-ipc' | 'socket' | 'pipe';

export type ServerArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }
  /** `argv` is what createConnection() should see (with --stdio added when no transport was named). */
  | { kind: 'run'; transport: Transport; argv: string[] };

const TRANSPORT_OF: Record<string, Transport> = { '--stdio': 'stdio', '--node-ipc': 'node-ipc', '--socket': 'socket', '--pipe': 'pipe' };
const WITH_VALUE = new Set(['--socket', '--pipe', '--clientProcessId']);

function isPort(v: string): boolean {
  return /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535;
}

/** Parses the server's arguments (process.argv without node and the script). */
export function parseServerArgs(args: readonly string[]): ServerArgs {
  let transport: Transport | undefined;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-V' || arg === '--version') return { kind: 'version' };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value = name === arg ? undefined : arg.slice(eq + 1);
    if (!(name in TRANSPORT_OF) && !WITH_VALUE.has(name)) return { kind: 'error', message: `unknown argument "${arg}"` };
    if (WITH_VALUE.has(name)) {
      if (value === undefined) {
        value = args[++i];
        if (value === undefined) return { kind: 'error', message: `${name} needs a value` };
      }
      if (name === '--socket' && !isPort(value)) return { kind: 'error', message: `--socket needs a port number (1-65535), got "${value}"` };
      if (name === '--clientProcessId' && !/^\d+$/.test(value)) return { kind: 'error', message: `--clientProcessId needs a process id, got "${value}"` };
      if (name === '--pipe' && value === '') return { kind: 'error', message: '--pipe needs a pipe name' };
    } else if (value !== undefined) {
      return { kind: 'error', message: `${name} takes no value` };
    }
    const t = TRANSPORT_OF[name];
    if (t !== undefined) {
      if (transport !== undefined) return { kind: 'error', message: `only one transport may be given (--${transport} and ${name})` };
      transport = t;
    }
    out.push(value === undefined ? name : `${name}=${value}`);
  }
  return transport === undefined ? { kind: 'run', transport: 'stdio', argv: ['--stdio', ...out] } : { kind: 'run', transport, argv: out };
}

/** --help, --version or a usage error: prints the answer (synchronously) and returns the exit code. */
export function answerWithoutServing(args: Exclude<ServerArgs, { kind: 'run' }>): number {
  if (args.kind === 'error') {
    writeSync(2, `${SERVER_BIN}: ${args.message} (see ${SERVER_BIN} --help)\n`);
    return 2;
  }
  writeSync(1, args.kind === 'help' ? SERVER_USAGE : `${VERSION}\n`);
  return 0;
}
