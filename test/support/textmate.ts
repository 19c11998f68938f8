// Tokenizes Dockerfiles the way VS Code does: vscode-textmate + vscode-oniguruma, VS Code's built-in
// Dockerfile and shell grammars (vendored in test/fixtures/grammars) and the injection grammars that
// package.json contributes to source.dockerfile.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..');
const VENDORED = path.join(ROOT, 'test', 'fixtures', 'grammars');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** The grammars package.json contributes (read from the manifest, so the tests see what VS Code sees). */
export function contributedGrammars(): GrammarContribution[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
  return pkg.contributes.grammars;
}

function grammarFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ['source.dockerfile', path.join(VENDORED, 'docker.tmLanguage.json')],
    ['source.shell', path.join(VENDORED, 'shell-unix-bash.tmLanguage.json')],
  ]);
  for (const g of contributedGrammars()) files.set(g.scopeName, path.join(ROOT, g.path));
  return files;
}

let onigLoaded: Promise<void> | undefined;
function loadOnig(): Promise<void> {
  onigLoaded ??= oniguruma.loadWASM(readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer as ArrayBuffer);
  return onigLoaded;
}

/** The Dockerfile grammar with (inject = true) or without our injections: the built-in view for comparisons. */
export async function dockerfileGrammar(inject = true): Promise<IGrammar> {
  await loadOnig();
  const files = grammarFiles();
  const injections = inject ? contributedGrammars().filter((g) => g.injectTo?.includes('source.dockerfile')).map((g) => g.scopeName) : [];
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
      const file = files.get(scopeName);
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName: string) => (scopeName === 'source.dockerfile' ? injections : undefined),
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  if (!grammar) throw new Error('source.dockerfile did not load');
  return grammar;
}

export interface Token {
  /** 0-based line and start/end columns. */
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

export class Tokenized {
  constructor(
    readonly lines: string[],
    readonly tokens: Token[][],
  ) {}

  /** The token covering a 0-based column of a 0-based line. */
  at(line: number, column: number): Token {
    const t = this.tokens[line]?.find((k) => k.start <= column && column < k.end);
    if (!t) throw new Error(`no token at ${line}:${column} (${JSON.stringify(this.lines[line])})`);
    return t;
  }

  /**
   * The token at the `nth` (0-based) occurrence of `needle` in the line that `lineNeedle` identifies: the first
   * line containing it, or a 0-based line number.
   */
  find(lineNeedle: string | number, needle: string, nth = 0): Token {
    const line = typeof lineNeedle === 'number' ? lineNeedle : this.lines.findIndex((l) => l.includes(lineNeedle));
    if (line < 0) throw new Error(`no line contains ${JSON.stringify(lineNeedle)}`);
    const text = this.lines[line] ?? '';
    let column = -1;
    for (let i = 0; i <= nth; i++) {
      column = text.indexOf(needle, column + 1);
      if (column < 0) throw new Error(`line ${line} (${JSON.stringify(text)}) has no occurrence ${nth} of ${JSON.stringify(needle)}`);
    }
    return this.at(line, column);
  }

  /** The scopes of every token of a line, for messages. */
  dump(line: number): string {
    return (this.tokens[line] ?? []).map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n');
  }
}

export function tokenize(grammar: IGrammar, text: string): Tokenized {
  const lines = text.split(/\r?\n/);
  let state: StateStack = INITIAL;
  const tokens: Token[][] = [];
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    tokens.push(r.tokens.map((t) => ({ line: i, start: t.startIndex, end: Math.min(t.endIndex, line.length), text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  });
  return new Tokenized(lines, tokens);
}
