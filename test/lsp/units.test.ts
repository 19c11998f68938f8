// In-process tests of the server's building blocks (no child process): settings mapping, the
// facts provider's root search and late facts, the per-version lint cache, and edit helpers.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, type Finding, type WorkspaceFacts } from '../../server/src/api';
import { endOf, ignoreEdit, kindRequested } from '../../server/src/lsp/code-actions';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { Linter, type LintResult } from '../../server/src/lsp/documents';
import { FactsProvider, type FactsSource } from '../../server/src/lsp/facts';
import { SettingsStore, toDocumentSettings, type Logger } from '../../server/src/lsp/settings';
import { emptyFacts } from '../../server/src/workspace';
import { SAMPLE } from './helpers';

const ROOT = path.resolve('/ws');
const fileUri = (rel: string): string => pathToFileURL(path.join(ROOT, rel)).href;

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function factsWithGo(version: string): WorkspaceFacts {
  return { ...emptyFacts(ROOT), module: { dir: '', path: 'example.com/app', goVersion: version, requires: [], replaces: [] } };
}

class FakeCache implements FactsSource {
  scans = new Map<string, Promise<WorkspaceFacts>>();
  gets: string[] = [];
  constructor(public next: () => Promise<WorkspaceFacts>) {}
  get(root: string): Promise<WorkspaceFacts> {
    this.gets.push(root);
    let p = this.scans.get(root);
    if (!p) this.scans.set(root, (p = this.next()));
    return p;
  }
  invalidate(root?: string): void {
    if (root === undefined) this.scans.clear();
    else this.scans.delete(root);
  }
  invalidateForFile(): boolean {
    const had = this.scans.size > 0;
    this.scans.clear();
    return had;
  }
}

const silent: Logger & { warnings: string[] } = {
  warnings: [],
  error() {},
  warn(m: string) {
    this.warnings.push(m);
  },
  info() {},
  log() {},
};

describe('lsp units: settings', function () {
  it('maps the VS Code keys to engine settings', function () {
    const warnings: string[] = [];
    const s = toDocumentSettings(
      { enable: false, rules: { 'unpinned-base-image': 'off', gd001: 'error' }, fix: { unsafe: true }, runtime: 'scratch', trustedRegistries: ['r.example.com'], trace: { server: 'off' } },
      (k, m) => warnings.push(`${k} ${m}`),
    );
    assert.deepEqual(warnings, []);
    assert.equal(s.enable, false);
    assert.deepEqual(s.engine, { rules: { GD007: 'off', GD001: 'error' }, runtime: 'scratch', trustedRegistries: ['r.example.com'], unsafeFixes: true });
    assert.equal(toDocumentSettings({ 'fix.unsafe': true }, () => undefined).engine.unsafeFixes, true);
  });

  it('treats null and missing values as defaults, and names every invalid key', function () {
    const none: string[] = [];
    const d = toDocumentSettings({ enable: null, rules: null, runtime: null, fix: { unsafe: null } }, (k) => none.push(k));
    assert.deepEqual(none, []);
    assert.equal(d.enable, true);
    assert.equal(d.engine.unsafeFixes, false);
    const keys: string[] = [];
    toDocumentSettings({ enable: 'yes', rules: { GD004: 'loud', nope: 'off' }, runtime: 7, trustedRegistries: 'x', fix: { unsafe: 1 } }, (k) => keys.push(k));
    assert.deepEqual(keys.sort(), [
      'goDockerfile.enable',
      'goDockerfile.fix.unsafe',
      'goDockerfile.rules.GD004',
      'goDockerfile.rules.nope',
      'goDockerfile.runtime',
      'goDockerfile.trustedRegistries',
    ]);
    const top: string[] = [];
    assert.equal(toDocumentSettings('bogus', (k) => top.push(k)).enable, true);
    assert.deepEqual(top, ['goDockerfile']);
  });

  it('caches per document, and does not cache a failed read', async function () {
    let calls = 0;
    const store = new SettingsStore(silent, async () => {
      calls++;
      if (calls === 1) throw new Error('client busy');
      return { rules: { GD007: 'off' } };
    });
    assert.equal((await store.get('file:///a')).engine.rules.GD007, undefined);
    assert.equal((await store.get('file:///a')).engine.rules.GD007, 'off');
    await store.get('file:///a');
    assert.equal(calls, 2);
    store.clear();
    await store.get('file:///a');
    assert.equal(calls, 3);
  });

  it('takes initializationOptions (wrapped or bare) until didChangeConfiguration names the section', async function () {
    const rulesOf = async (store: SettingsStore): Promise<Record<string, string>> => (await store.get('file:///a')).engine.rules;
    const pushed = new SettingsStore(silent, undefined);
    pushed.setInitializationOptions({ goDockerfile: { rules: { GD007: 'off' } } });
    assert.deepEqual(await rulesOf(pushed), { GD007: 'off' });
    pushed.setInitializationOptions({ rules: { GD004: 'info' } });
    assert.deepEqual(await rulesOf(pushed), { GD004: 'info' });
    pushed.setFallback({ otherServer: { x: 1 } });
    assert.deepEqual(await rulesOf(pushed), { GD004: 'info' }, 'a payload without goDockerfile keeps the settings');
    pushed.setFallback(null);
    assert.deepEqual(await rulesOf(pushed), { GD004: 'info' });
    pushed.setFallback({ goDockerfile: { rules: { GD001: 'error' } } });
    assert.deepEqual(await rulesOf(pushed), { GD001: 'error' });
    pushed.setFallback({ goDockerfile: null });
    assert.deepEqual(await rulesOf(pushed), {}, 'null restores the defaults');

    // workspace/configuration wins; a null answer (no such section in the client) falls back to initializationOptions.
    let answer: unknown = { rules: { GD018: 'off' } };
    const pulled = new SettingsStore(silent, async () => answer);
    pulled.setInitializationOptions({ goDockerfile: { rules: { GD007: 'off' } } });
    assert.deepEqual(await rulesOf(pulled), { GD018: 'off' });
    answer = null;
    pulled.clear();
    assert.deepEqual(await rulesOf(pulled), { GD007: 'off' });
  });
});

describe('lsp units: facts provider', function () {
  it('roots a Dockerfile at the nearest go.mod, stopping at the workspace folder', async function () {
    const calls: [string, string | undefined][] = [];
    const cache = new FakeCache(async () => factsWithGo('1.26'));
    const p = new FactsProvider(cache, async (start, stop) => {
      calls.push([start, stop]);
      return ROOT;
    }, () => undefined);
    p.setWorkspaceFolders([pathToFileURL(ROOT).href]);
    const ctx = await p.resolve(fileUri('deploy/prod/Dockerfile'));
    assert.equal(ctx.root, ROOT);
    assert.equal(ctx.dockerfilePath, 'deploy/prod/Dockerfile');
    assert.equal(ctx.facts?.module?.goVersion, '1.26');
    assert.deepEqual(calls, [[path.join(ROOT, 'deploy', 'prod'), ROOT]]);
    // The root is cached per directory until a go.mod changes.
    await p.resolve(fileUri('deploy/prod/Dockerfile.dev'));
    assert.equal(calls.length, 1);
    assert.equal(p.fileChanged(fileUri('go.mod')), true);
    await p.resolve(fileUri('deploy/prod/Dockerfile'));
    assert.equal(calls.length, 2);
    assert.deepEqual(await p.resolve('untitled:Untitled-1'), {});
  });

  it('falls back to the Dockerfile directory without go.mod', async function () {
    const p = new FactsProvider(new FakeCache(async () => emptyFacts(ROOT)), async () => undefined, () => undefined);
    const ctx = await p.resolve(fileUri('svc/Dockerfile'));
    assert.equal(ctx.root, path.join(ROOT, 'svc'));
    assert.equal(ctx.dockerfilePath, 'Dockerfile');
  });

  it('does not wait for a slow scan: lints without facts, then announces them once', async function () {
    const scan = deferred<WorkspaceFacts>();
    const p = new FactsProvider(new FakeCache(() => scan.promise), async () => ROOT, () => undefined, 20);
    const first = await p.resolve(fileUri('Dockerfile'));
    assert.equal(first.facts, undefined);
    assert.ok(first.pending);
    const second = await p.resolve(fileUri('Dockerfile'));
    assert.equal(second.pending, first.pending, 'one pending promise per scan');
    scan.resolve(factsWithGo('1.25'));
    await first.pending;
    assert.equal((await p.resolve(fileUri('Dockerfile'))).facts?.module?.goVersion, '1.25');
  });

  it('lints without facts when the scan fails', async function () {
    const warnings: string[] = [];
    const p = new FactsProvider(new FakeCache(() => Promise.reject(new Error('EACCES'))), async () => ROOT, (m) => warnings.push(m));
    const ctx = await p.resolve(fileUri('Dockerfile'));
    assert.equal(ctx.facts, undefined);
    assert.equal(ctx.pending, undefined);
    assert.match(warnings[0] ?? '', /EACCES/);
  });
});

describe('lsp units: lint cache', function () {
  function setup(scan: () => Promise<WorkspaceFacts>, waitMs = 20): { linter: Linter; arrived: string[][] } {
    const arrived: string[][] = [];
    const settings = new SettingsStore(silent, async () => ({}));
    const facts = new FactsProvider(new FakeCache(scan), async () => ROOT, () => undefined, waitMs);
    const linter = new Linter({ settings, facts, logger: silent, onFactsArrived: (uris) => arrived.push(uris) });
    return { linter, arrived };
  }
  const pinTitle = (r: LintResult): string | undefined => r.findings.find((f) => f.code === 'GD007')?.fixes[0]?.title;

  it('lints a version once, and again after a change or an invalidation', async function () {
    const { linter } = setup(async () => factsWithGo('1.26.1'));
    const doc = TextDocument.create(fileUri('Dockerfile'), 'dockerfile', 1, SAMPLE);
    const a = await linter.get(doc);
    assert.equal(await linter.get(doc), a);
    assert.equal(pinTitle(a), 'Pin golang:1.26 (from go.mod)');
    assert.equal(a.lintOptions.dockerfilePath, 'Dockerfile');
    TextDocument.update(doc, [{ text: SAMPLE.replace('latest', '1.26') }], 2);
    const b = await linter.get(doc);
    assert.notEqual(b, a);
    assert.equal(b.version, 2);
    linter.drop(doc.uri);
    assert.notEqual(await linter.get(doc), b);
  });

  it('re-lints with facts that arrive late, and says which documents to refresh', async function () {
    const scan = deferred<WorkspaceFacts>();
    const { linter, arrived } = setup(() => scan.promise);
    const doc = TextDocument.create(fileUri('Dockerfile'), 'dockerfile', 1, SAMPLE);
    const early = await linter.get(doc);
    assert.equal(early.partial, true);
    assert.match(pinTitle(early) ?? '', /\(latest known release\)$/);
    scan.resolve(factsWithGo('1.25.3'));
    await scan.promise;
    await new Promise<void>((r) => setImmediate(r));
    assert.deepEqual(arrived, [[doc.uri]]);
    const late = await linter.get(doc);
    assert.equal(late.partial, false);
    assert.equal(pinTitle(late), 'Pin golang:1.25 (from go.mod)');
  });

  it('abandons a cancelled lint without caching it', async function () {
    const { linter } = setup(async () => factsWithGo('1.26'));
    const doc = TextDocument.create('untitled:x', 'dockerfile', 1, SAMPLE);
    await assert.rejects(linter.get(doc, () => {
      throw new Error('cancelled');
    }), /cancelled/);
    assert.equal(linter.peek(doc.uri, 1), undefined);
    assert.ok((await linter.get(doc)).findings.length > 0);
  });
});

describe('lsp units: diagnostics and edits', function () {
  it('resolves related information in other files against the root, and skips findings of other files', function () {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const findings: Finding[] = [
      { code: 'GD007', name: 'unpinned-base-image', severity: 'hint', message: 'm', range, fixes: [], related: [{ range, message: 'go directive', file: 'sub/go.mod' }, { range, message: 'here' }] },
      { code: 'GD004', name: 'module-download-not-cached', severity: 'info', message: 'other file', range, fixes: [], file: '.dockerignore' },
    ];
    const base = { uri: fileUri('Dockerfile'), version: 3, findings, enabled: true } as LintResult;
    const [d, ...rest] = toDiagnostics({ ...base, root: ROOT });
    assert.equal(rest.length, 0);
    assert.equal(d?.severity, 4);
    assert.deepEqual(d?.relatedInformation?.map((r) => r.location.uri), [fileUri('sub/go.mod'), fileUri('Dockerfile')]);
    assert.deepEqual(toDiagnostics({ ...base, root: undefined })[0]?.relatedInformation?.map((r) => r.message), ['here']);
    assert.deepEqual(toDiagnostics({ ...base, enabled: false }), []);
  });

  it('places the ignore comment above the first line of a continued instruction', function () {
    const text = 'FROM golang:1.26\n    RUN go build \\\n      -o /out/app .\n';
    const edit = ignoreEdit(buildModel(text), text, 'GD003', 2);
    assert.deepEqual(edit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '    # go-dockerfile ignore=GD003\n' });
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(ignoreEdit(buildModel(crlf), crlf, 'GD003', 1)?.newText, '    # go-dockerfile ignore=GD003\r\n');
    const bom = `\ufeff${text}`;
    assert.deepEqual(ignoreEdit(buildModel(bom), bom, 'GD007', 0)?.range.start, { line: 0, character: 1 });
    const global = `# go-dockerfile global ignore=GD005\n${text}`;
    assert.equal(ignoreEdit(buildModel(global), global, 'GD007', 1)?.newText, '# go-dockerfile ignore=GD007\n');
    const empty = '# go-dockerfile ignore=\nFROM golang\n';
    assert.equal(ignoreEdit(buildModel(empty), empty, 'GD007', 1)?.newText, 'GD007');
    assert.equal(ignoreEdit(buildModel('# just a comment\n'), '# just a comment\n', 'GD007', 0), undefined);
  });

  it('computes the end of a text and matches requested kinds by prefix', function () {
    assert.deepEqual(endOf(''), { line: 0, character: 0 });
    assert.deepEqual(endOf('abc'), { line: 0, character: 3 });
    assert.deepEqual(endOf('a\r\nb\rc\nd'), { line: 3, character: 1 });
    const k = 'source.fixAll.goDockerfile';
    assert.equal(kindRequested(undefined, k, false), false);
    assert.equal(kindRequested(['source'], k), true);
    assert.equal(kindRequested(['source.fixAll'], k), true);
    assert.equal(kindRequested([k], k), true);
    assert.equal(kindRequested(['quickfix'], k), false);
    assert.equal(kindRequested(['source.fix'], k), false);
    assert.equal(kindRequested(undefined, 'quickfix'), true);
  });
});
