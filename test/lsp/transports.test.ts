// Level-3 tests of the go-dockerfile-language-server command line: every transport does a real
// initialize + diagnostics round trip (push, as for a client without pull), and --version/--help
// answer on stdout before any LSP traffic.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../server/src/engine/meta';
import { parseServerArgs } from '../../server/src/lsp/server-args';
import { LspClient, nodeIpcChannel, SERVER_JS, socketChannel, stdioChannel, type ServerChannel } from '../support/lsp-client';
import { codes, GO_PROJECT, SAMPLE, tempWorkspace, type TempWorkspace } from './helpers';

const PACKAGE = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { bin: Record<string, string> };

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SERVER_JS, ...args], { encoding: 'utf8', input: '', timeout: 10_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('go-dockerfile-language-server command line', function () {
  let ws: TempWorkspace;

  before(function () {
    ws = tempWorkspace(GO_PROJECT);
  });

  after(function () {
    ws?.dispose();
  });

  it('is the package bin: dist/server.js, executable, with a node shebang', function () {
    assert.equal(PACKAGE.bin['go-dockerfile-language-server'], 'dist/server.js');
    assert.equal(PACKAGE.bin['go-dockerfile'], 'dist/cli.js');
    assert.equal(readFileSync(SERVER_JS, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    accessSync(SERVER_JS, constants.X_OK);
  });

  it('--version and --help print on stdout and exit 0', function () {
    for (const flag of ['--version', '-V']) assert.deepEqual(run([flag]), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.equal(help.stderr, '');
    assert.match(help.stdout, /^go-dockerfile-language-server \d+\.\d+\.\d+/);
    for (const t of ['--stdio', '--node-ipc', '--socket=PORT', '--pipe=NAME', 'goDockerfile', 'docs/editors.md']) assert.ok(help.stdout.includes(t), `--help names ${t}`);
    assert.equal(run(['--stdio', '-h']).stdout, help.stdout, 'even after a transport');
  });

  it('rejects unknown arguments, a bad port and two transports with status 2', function () {
    for (const [args, message] of [
      [['--tcp'], 'unknown argument "--tcp"'],
      [['--socket=http'], '--socket needs a port number (1-65535), got "http"'],
      [['--socket=70000'], '--socket needs a port number (1-65535), got "70000"'],
      [['--socket'], '--socket needs a value'],
      [['--stdio', '--node-ipc'], 'only one transport may be given'],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`go-dockerfile-language-server: ${message}`), r.stderr);
    }
  });

  it('hands createConnection one transport, --stdio when none is named', function () {
    assert.deepEqual(parseServerArgs([]), { kind: 'run', transport: 'stdio', argv: ['--stdio'] });
    assert.deepEqual(parseServerArgs(['--clientProcessId', '42']), { kind: 'run', transport: 'stdio', argv: ['--stdio', '--clientProcessId=42'] });
    assert.deepEqual(parseServerArgs(['--node-ipc', '--clientProcessId=42']), { kind: 'run', transport: 'node-ipc', argv: ['--node-ipc', '--clientProcessId=42'] });
    assert.deepEqual(parseServerArgs(['--socket', '5007']), { kind: 'run', transport: 'socket', argv: ['--socket=5007'] });
    assert.deepEqual(parseServerArgs(['--pipe=/tmp/x.sock']), { kind: 'run', transport: 'pipe', argv: ['--pipe=/tmp/x.sock'] });
    assert.deepEqual(parseServerArgs(['--socket=0']), { kind: 'error', message: '--socket needs a port number (1-65535), got "0"' });
    assert.deepEqual(parseServerArgs(['--clientProcessId=me']), { kind: 'error', message: '--clientProcessId needs a process id, got "me"' });
    assert.deepEqual(parseServerArgs(['--stdio=yes']), { kind: 'error', message: '--stdio takes no value' });
    assert.deepEqual(parseServerArgs(['--pipe=']), { kind: 'error', message: '--pipe needs a pipe name' });
  });

  const transports: [string, () => ServerChannel | Promise<ServerChannel>][] = [
    ['no arguments (stdio), run as an executable', () => stdioChannel([], true)],
    ['--stdio', () => stdioChannel(['--stdio'])],
    ['--stdio --clientProcessId PID', () => stdioChannel(['--stdio', '--clientProcessId', String(process.pid)])],
    ['--node-ipc (fork)', () => nodeIpcChannel()],
    ['--socket=PORT (the client listens on loopback)', () => socketChannel('socket')],
    ['--pipe=NAME', () => socketChannel('pipe')],
  ];
  for (const [name, open] of transports) {
    it(`serves over ${name}`, async function () {
      const client = new LspClient({ pull: false, capabilities: {}, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] }, await open());
      try {
        const init = await client.initialize();
        assert.equal(init.serverInfo?.name, 'go-dockerfile');
        const uri = ws.fileUri(`t${transports.findIndex((t) => t[0] === name)}.Dockerfile`);
        await client.open(uri, SAMPLE);
        const pub = await client.waitForPublication(uri, (p) => p.version === 1, 'publication');
        assert.deepEqual(codes(pub.diagnostics), ['GD001', 'GD004', 'GD007']);
        assert.deepEqual(client.protocolErrors, []);
        assert.equal(await client.shutdown(), 0);
      } finally {
        client.dispose();
      }
    });
  }
});
