// The go-dockerfile language server (dist/server.js). The transport comes from argv
// (--stdio, --node-ipc, --socket=N). Nothing may write to stdout but the connection.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Session } from './lsp/session';

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
