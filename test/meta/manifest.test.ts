// package.json as a VS Code manifest: the goDockerfile.rules schema is generated from the registry
// (`npm run generate:manifest`) and must not drift; settings, commands, menus, activation, the
// grammar, the icon and the packaging whitelist must agree with the code that uses them.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, PARSER_PROBLEMS, RULES } from '../../server/src/api';
import { RULE_LEVELS } from '../../server/src/engine/settings';
import { SECTION, SERVER_COMMANDS } from '../../server/src/lsp/commands';
import { toDocumentSettings } from '../../server/src/lsp/settings';
import { configurationProperties, PACKAGE_JSON, RULES_KEY, rulesSchema, updatedManifestText } from '../../scripts/manifest';

const ROOT = path.resolve(__dirname, '../..');
const text = readFileSync(PACKAGE_JSON, 'utf8');
const pkg = JSON.parse(text) as {
  main: string;
  icon: string;
  engines: { vscode: string };
  activationEvents: string[];
  categories: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown }; virtualWorkspaces: { supported: unknown; description?: string } };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; configuration?: string }[];
    grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
};
const props = configurationProperties(pkg as never) as Record<string, { scope?: string; type?: string; enum?: string[]; default?: unknown; description?: string; markdownDescription?: string }>;

/** Every client source file, concatenated: what the extension registers. */
const clientSource = readdirSync(path.join(ROOT, 'client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(ROOT, 'client/src', f), 'utf8'))
  .join('\n');

describe('package.json (VS Code manifest)', function () {
  it('goDockerfile.rules is the schema generated from the registry (run `npm run generate:manifest`)', function () {
    assert.deepEqual(props[RULES_KEY], rulesSchema());
    assert.equal(updatedManifestText(text), text, 'package.json is exactly what `npm run generate:manifest` writes');
  });

  it('goDockerfile.rules has one property per rule code and parser problem, with the levels, name and doc link', function () {
    const rules = rulesSchema().properties as Record<string, { enum: string[]; title: string; markdownDescription: string }>;
    assert.deepEqual(Object.keys(rules), [...RULES.map((r) => r.meta.code), ...PARSER_PROBLEMS.map((p) => p.code)]);
    for (const r of RULES) {
      const p = rules[r.meta.code]!;
      assert.deepEqual(p.enum, [...RULE_LEVELS]);
      assert.equal(p.title, r.meta.name);
      assert.ok(p.markdownDescription.includes(`[Documentation](`) && p.markdownDescription.includes(`/docs/rules/${r.meta.name}.md)`), `${r.meta.code} links its page`);
      assert.ok(existsSync(path.join(ROOT, 'docs/rules', `${r.meta.name}.md`)), `docs/rules/${r.meta.name}.md exists (it ships in the VSIX)`);
    }
  });

  it('contributes exactly the settings the server and the language client read, each with a scope and a description', function () {
    const keys = Object.keys(props).sort();
    assert.deepEqual(keys, ['goDockerfile.enable', 'goDockerfile.fix.unsafe', 'goDockerfile.rules', 'goDockerfile.runtime', 'goDockerfile.trace.server', 'goDockerfile.trustedRegistries']);
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.scope, `${key} has an explicit scope`);
      assert.ok(p.markdownDescription ?? p.description, `${key} is described`);
      assert.ok(key.startsWith(`${SECTION}.`));
    }
    assert.equal(props['goDockerfile.trace.server']!.scope, 'window');
    // The defaults of the manifest are what the server assumes when a setting is unset.
    const defaults: Record<string, unknown> = { fix: {} };
    for (const [key, p] of Object.entries(props)) {
      const parts = key.slice(SECTION.length + 1).split('.');
      if (parts[0] === 'trace') continue;
      if (parts.length === 2) (defaults[parts[0]!] as Record<string, unknown>)[parts[1]!] = p.default;
      else defaults[parts[0]!] = p.default;
    }
    const warnings: string[] = [];
    const fromDefaults = toDocumentSettings(defaults, (k, m) => warnings.push(`${k} ${m}`));
    assert.deepEqual(warnings, []);
    assert.deepEqual(fromDefaults, toDocumentSettings(undefined, () => undefined));
  });

  it('goDockerfile.runtime offers exactly the runtimes the engine accepts', function () {
    const runtime = props['goDockerfile.runtime']!;
    for (const v of runtime.enum ?? []) assert.deepEqual(normalizeSettings({ runtime: v }).problems, [], v);
    assert.deepEqual(runtime.enum, ['distroless', 'scratch', 'alpine']);
    assert.notDeepEqual(normalizeSettings({ runtime: 'ubuntu' }).problems, []);
  });

  it('commands: categorised, registered by the client, never a server command id, and menus only name them', function () {
    const ids = pkg.contributes.commands.map((c) => c.command);
    assert.deepEqual(ids.sort(), ['goDockerfile.fixAllActive', 'goDockerfile.generateDockerfile', 'goDockerfile.restartServer', 'goDockerfile.showRuleDocPicker']);
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Go Dockerfile', c.command);
      assert.ok(c.title.length > 0);
      // The language client registers the server's ids itself: the same id twice would fail activation.
      assert.ok(!SERVER_COMMANDS.includes(c.command), `${c.command} is a server command id`);
      assert.ok(clientSource.includes(`'${c.command}'`), `the client registers ${c.command}`);
    }
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) assert.ok(ids.includes(item.command), `${menu} names ${item.command}`);
    }
    assert.ok(pkg.contributes.menus['explorer/context']!.some((m) => m.command === 'goDockerfile.generateDockerfile' && /explorerResourceIsFolder/.test(m.when ?? '')));
  });

  it('activates on Dockerfiles (our language contribution has no configuration, so onLanguage is not implicit)', function () {
    assert.ok(pkg.activationEvents.includes('onLanguage:dockerfile'));
    assert.ok(!pkg.activationEvents.includes('*') && !pkg.activationEvents.includes('onStartupFinished'));
    const lang = pkg.contributes.languages.find((l) => l.id === 'dockerfile');
    assert.ok(lang?.filenamePatterns?.includes('*.Dockerfile') && lang.filenamePatterns.includes('Containerfile*'));
    assert.equal(lang?.configuration, undefined, 'VS Code keeps its own language configuration and grammar');
    assert.ok(!pkg.contributes.grammars.some((g) => g.language === 'dockerfile'), 'no replacement grammar for dockerfile');
  });

  it('the injection grammar exists and targets source.dockerfile', function () {
    const [g] = pkg.contributes.grammars;
    assert.ok(g);
    const grammar = JSON.parse(readFileSync(path.join(ROOT, g.path), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(grammar.scopeName, g.scopeName);
    assert.deepEqual(g.injectTo, ['source.dockerfile']);
    assert.match(grammar.injectionSelector, /^L:source\.dockerfile\b/);
  });

  it('main, engines, capabilities, categories and the 128x128 PNG icon', function () {
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.engines.vscode, '^1.91.0');
    assert.ok(pkg.devDependencies['@types/vscode']!.startsWith('1.91.'), '@types/vscode matches the oldest engine');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.virtualWorkspaces.description);
    assert.deepEqual(pkg.categories, ['Linters', 'Programming Languages']);
    const png = readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.equal(pkg.scripts['vscode:prepublish'], 'npm run check-types && node esbuild.mjs --production');
  });

  it('.vscodeignore ships a whitelist: the bundles, the grammar, the docs, the icon; no sources or maps', function () {
    const lines = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'everything is excluded first');
    for (const keep of ['!dist/extension.js', '!dist/server.js', '!dist/lint-worker.js', '!syntaxes/**', '!docs/rules/**', `!${pkg.icon}`, '!README.md', '!CHANGELOG.md', '!LICENSE', '!package.json']) {
      assert.ok(lines.includes(keep), `.vscodeignore keeps ${keep}`);
    }
    assert.ok(!lines.some((l) => /\.map|src|node_modules/.test(l) && l.startsWith('!')));
  });

  it('README images referenced by relative path exist', function () {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const m of readme.matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)) assert.ok(existsSync(path.join(ROOT, m[1]!)), m[1]);
  });
});
