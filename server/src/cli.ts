// go-dockerfile command-line entry point (bundled to dist/cli.js). Never executes anything it lints.
import { readFileSync } from 'node:fs';
import { parseArgs } from './cli/args';
import { runGenerate } from './cli/generate';
import { runLint, type CliIo } from './cli/lint-command';
import { formatRules } from './cli/rules-command';
import { USAGE } from './cli/usage';
import { VERSION } from './engine/meta';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // `generate` has its own options (server/src/cli/generate.ts).
  if (argv[0] === 'generate') {
    return runGenerate(argv.slice(1), { stdout: (s) => void io.stdout.write(s), stderr: (s) => void io.stderr.write(s), cwd: io.cwd });
  }
  const cmd = parseArgs(argv);
  switch (cmd.kind) {
    case 'help':
      io.stdout.write(USAGE);
      return 0;
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return 0;
    case 'usage-error':
      io.stderr.write(`go-dockerfile: ${cmd.message}\n\n${USAGE}`);
      return 2;
    case 'rules':
      io.stdout.write(formatRules(cmd.format));
      return 0;
    case 'lint':
      return runLint(cmd, io);
  }
}

if (require.main === module) {
  // A closed pipe (`go-dockerfile lint … | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIo = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readFileSync(0, 'utf8'),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`go-dockerfile: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
