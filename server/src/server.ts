// The go-dockerfile language server (dist/server.js, the go-dockerfile-language-server bin). The
// transport comes from argv (--stdio, the default, --node-ipc, --socket=PORT, --pipe=NAME).
// Nothing may write to stdout but the connection (and --help/--version, before any LSP traffic).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { answerWithoutServing, parseServerArgs } from './lsp/server-args';
import { Session } from './lsp/session';

const args = parseServerArgs(process.argv.slice(2));
if (args.kind !== 'run') process.exit(answerWithoutServing(args));
// createConnection() reads the transport from process.argv: stdio when nothing else was named.
process.argv = [...process.argv.slice(0, 2), ...args.argv];
const connection = createConnection(ProposedFeatures.all);

let reporting = false;
function report(kind: string, err: unknown): void {
  const text = `go-dockerfile: ${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  if (!reporting) {
    reporting = true;
    try {
      connection.console.error(text);
      return;
    } catch {
      // fall through to stderr
    } finally {
      reporting = false;
    }
  }
  process.stderr.write(`${text}\n`);
}

// A bug in one request must not take the server down with it.
process.on('unhandledRejection', (err) => report('unhandled rejection', err));
process.on('uncaughtException', (err) => report('uncaught exception', err));

new Session(connection).listen();
connection.listen();
