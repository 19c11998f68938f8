// The Dockerfile highlighting (syntaxes/dockerfile.injection.tmLanguage.json) tokenized the way VS Code does
// it: vscode-textmate + vscode-oniguruma, VS Code's built-in Dockerfile and shell grammars (vendored in
// test/fixtures/grammars) and the injections package.json contributes. Fixtures: test/fixtures/highlighting.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_FILE, grammarJson, SCOPE_NAME } from '../../../scripts/grammar';
import { contributedGrammars, dockerfileGrammar, tokenize, type Token, type Tokenized } from '../../support/textmate';

const FIXTURES = path.resolve(__dirname, '../../fixtures/highlighting');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function has(t: Token, scope: string): void {
  assert.ok(t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`) || s.split(' ').includes(scope)), `${JSON.stringify(t.text)} (line ${t.line + 1}) has ${scope}; it has ${t.scopes.join(' ')}`);
}
function lacks(t: Token, scope: string): void {
  assert.ok(!t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`)), `${JSON.stringify(t.text)} (line ${t.line + 1}) has no ${scope}; it has ${t.scopes.join(' ')}`);
}
/** The scopes below the root, i.e. what the line's text is, for lines that must be plain Dockerfile again. */
const inner = (t: Token): string[] => t.scopes.slice(1);

describe('grammar: the generated file and the manifest', function () {
  it('syntaxes/dockerfile.injection.tmLanguage.json is what scripts/grammar.ts generates (npm run generate:grammar)', function () {
    assert.equal(readFileSync(GRAMMAR_FILE, 'utf8'), grammarJson());
  });

  it('package.json contributes it as an injection into source.dockerfile, next to the suppression grammar', function () {
    const g = contributedGrammars().find((c) => c.scopeName === SCOPE_NAME);
    assert.ok(g, 'contributed');
    assert.equal(path.resolve(__dirname, '../../..', g.path), GRAMMAR_FILE);
    assert.deepEqual(g.injectTo, ['source.dockerfile']);
    const raw = JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, SCOPE_NAME);
    assert.match(raw.injectionSelector, /^L:source\.dockerfile /);
  });
});

describe('grammar: heredoc.Dockerfile', function () {
  let grammar: IGrammar;
  let t: Tokenized;
  before(async function () {
    grammar = await dockerfileGrammar();
    t = tokenize(grammar, fixture('heredoc.Dockerfile'));
  });

  it('parser directives at the top are directives, not comments', function () {
    has(t.find('# syntax=', 'syntax'), 'keyword.control.directive.dockerfile');
    has(t.find('# syntax=', 'docker/dockerfile'), 'string.unquoted.directive-value.dockerfile');
    has(t.find('# check=', 'check'), 'keyword.control.directive.dockerfile');
    lacks(t.find('# check=', 'check'), 'comment');
    has(t.find('# check=', '='), 'keyword.operator.assignment.dockerfile');
  });

  it('the suppression comment keeps its own highlighting (the other injection)', function () {
    has(t.find('# go-dockerfile ignore', 'go-dockerfile'), 'entity.name.tag.tool.go-dockerfile');
    has(t.find('# go-dockerfile ignore', 'GD018'), 'constant.language.rule-code.go-dockerfile');
  });

  it('FROM: the flag, the image reference parts, the variable with a default and the stage name', function () {
    const from = 'FROM --platform';
    has(t.find(from, '--'), 'variable.parameter.flag.dockerfile');
    has(t.find(from, 'platform'), 'variable.parameter.flag.dockerfile');
    has(t.find(from, 'BUILDPLATFORM'), 'variable.other.dockerfile');
    has(t.find(from, 'docker.io'), 'entity.name.namespace.registry.dockerfile');
    has(t.find(from, 'library'), 'entity.name.type.image.dockerfile');
    has(t.find(from, 'golang'), 'entity.name.type.image.dockerfile');
    has(t.find(from, 'GO_VERSION'), 'variable.other.dockerfile');
    has(t.find(from, ':-'), 'keyword.operator.expansion.dockerfile');
    has(t.find(from, '${'), 'punctuation.definition.variable.begin.dockerfile');
    has(t.find(from, '-alpine'), 'constant.other.tag.dockerfile');
    has(t.find(from, 'sha256:0123abcd'), 'constant.other.digest.dockerfile');
    has(t.find(from, 'AS'), 'keyword.other.special-method.dockerfile');
    has(t.find(from, 'build'), 'entity.name.type.stage.dockerfile');
    has(t.find('FROM gcr.io', 'gcr.io'), 'entity.name.namespace.registry.dockerfile');
    has(t.find('FROM gcr.io', 'nonroot'), 'constant.other.tag.dockerfile');
  });

  it('RUN --mount=type=cache,target=...: flag name, keys, values', function () {
    const run = 'RUN --mount=type=cache';
    has(t.find(run, 'mount'), 'variable.parameter.flag.dockerfile');
    has(t.find(run, 'type'), 'entity.other.attribute-name.dockerfile');
    has(t.find(run, 'cache'), 'string.unquoted.flag-value.dockerfile');
    has(t.find(run, 'target'), 'entity.other.attribute-name.dockerfile');
    has(t.find(run, '/go/pkg/mod'), 'string.unquoted.flag-value.dockerfile');
    has(t.find(run, '\\'), 'constant.character.escape.line-continuation.dockerfile');
    has(t.find('--mount=type=bind', 'source'), 'entity.other.attribute-name.dockerfile');
    has(t.find('COPY --from=build', 'from'), 'variable.parameter.flag.dockerfile');
    has(t.find('COPY --from=build', 'build'), 'string.unquoted.flag-value.dockerfile');
    has(t.find('COPY --from=build', 'chmod'), 'variable.parameter.flag.dockerfile');
    has(t.find('COPY --from=build', '0755'), 'string.unquoted.flag-value.dockerfile');
  });

  it('a shell-form RUN is embedded shell across continuation lines, comment lines included', function () {
    const first = t.find('go mod download', 'go');
    has(first, 'meta.embedded.line.shell.dockerfile');
    has(first, 'entity.name.command.shell');
    has(t.find('go mod download', '&&'), 'punctuation.separator.statement.and.shell');
    has(t.find('go mod download', '$'), 'variable.other.normal.shell');
    has(t.find('go mod download', 'GOMODCACHE'), 'variable.other.normal.shell');
    has(t.find('go mod download', 'GOMODCACHE'), 'string.quoted.double.shell');
    has(t.find('# a comment line inside', '#'), 'comment.line.number-sign.dockerfile');
    const last = t.find('&& go env GOPATH', 'go');
    has(last, 'meta.instruction.dockerfile');
    has(last, 'entity.name.command.shell');
    // ...and the instruction ends there.
    assert.deepEqual(inner(t.find('WORKDIR /src', 'WORKDIR')), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
    assert.deepEqual(inner(t.find('ENV CGO_ENABLED', 'ENV')), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
  });

  it('RUN <<EOF: marker, shell body, terminator; an unterminated quote in the body stops at the terminator', function () {
    const line = t.lines.indexOf('RUN <<EOF');
    has(t.find(line, '<<'), 'keyword.operator.heredoc.dockerfile');
    has(t.find(line, 'EOF'), 'keyword.control.heredoc-token.dockerfile');
    const set = t.find(line + 1, 'set');
    has(set, 'meta.embedded.block.shell.dockerfile');
    has(set, 'entity.name.command.shell');
    has(t.find(line + 2, 'if'), 'keyword.control.if.shell');
    has(t.find(line + 2, 'TARGETARCH'), 'variable.other.normal.shell');
    has(t.find(line + 2, 'unterminated'), 'string.quoted.double.shell');
    const end = t.at(line + 4, 0);
    assert.equal(end.text, 'EOF');
    has(end, 'keyword.control.heredoc-token.dockerfile');
    lacks(end, 'meta.embedded');
    lacks(end, 'string');
  });

  it('lines after a heredoc terminator are Dockerfile again', function () {
    const env = t.find('ENV CGO_ENABLED=0', 'ENV');
    assert.deepEqual(inner(env), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
    has(t.find('ENV CGO_ENABLED=0', 'CGO_ENABLED'), 'variable.other.definition.dockerfile');
    for (const after of ['RUN cat <<', 'FROM gcr.io', 'RUN <<-"SCRIPT"']) {
      assert.deepEqual(inner(t.find(after, after.slice(0, after.indexOf(' ')))), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile'], after);
    }
  });

  it('<<- with a quoted word: tab-indented body and terminator', function () {
    const line = t.lines.indexOf('RUN <<-"SCRIPT" sh');
    has(t.find(line, '<<-'), 'keyword.operator.heredoc.dockerfile');
    has(t.find(line, '"'), 'punctuation.definition.string.heredoc.quote.dockerfile');
    has(t.find(line, 'SCRIPT'), 'keyword.control.heredoc-token.dockerfile');
    has(t.find(line + 1, 'go'), 'entity.name.command.shell');
    has(t.find(line + 1, 'build'), 'meta.embedded.block.shell.dockerfile');
    const end = t.find(line + 2, 'SCRIPT');
    has(end, 'keyword.control.heredoc-token.dockerfile');
    lacks(end, 'meta.embedded');
  });

  it('RUN cmd <<CONF: the heredoc is the command\'s input, a string of the shell', function () {
    const line = t.lines.findIndex((l) => l.startsWith('RUN cat <<'));
    has(t.find(line, 'cat'), 'entity.name.command.shell');
    has(t.at(line + 1, 0), 'string.quoted.heredoc');
    has(t.at(line + 2, 0), 'punctuation.definition.string.heredoc.delimiter.shell');
    assert.deepEqual(inner(t.at(line + 3, 0)), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
  });

  it('COPY <<EOF: the body is text with build variables; the destination stays an argument', function () {
    const line = t.lines.indexOf('COPY <<EOF /etc/motd');
    has(t.find(line, 'EOF'), 'keyword.control.heredoc-token.dockerfile');
    const body = t.find(line + 1, 'built');
    has(body, 'string.unquoted.heredoc.dockerfile');
    lacks(body, 'meta.embedded');
    has(t.find(line + 1, 'GO_VERSION'), 'variable.other.dockerfile');
    has(t.at(line + 2, 0), 'keyword.control.heredoc-token.dockerfile');
  });

  it('RUN <<EOF with a #! for another interpreter: the body is text, not shell', function () {
    const line = t.lines.findIndex((l) => l.startsWith('#!/usr/bin/env python3'));
    has(t.at(line, 0), 'comment.line.shebang.dockerfile');
    const py = t.at(line + 1, 0);
    has(py, 'string.unquoted.heredoc.dockerfile');
    lacks(py, 'meta.embedded');
    has(t.at(line + 2, 0), 'keyword.control.heredoc-token.dockerfile');
  });

  it('exec form: a JSON array of strings', function () {
    const line = 'ENTRYPOINT ["/app"';
    has(t.find(line, '['), 'punctuation.definition.array.begin.dockerfile');
    has(t.find(line, '/app'), 'string.quoted.double.dockerfile');
    has(t.find(line, ','), 'punctuation.separator.array.dockerfile');
    has(t.find(line, '--listen'), 'string.quoted.double.dockerfile');
    lacks(t.find(line, '--listen'), 'variable.parameter.flag.dockerfile');
    has(t.find(line, ']'), 'punctuation.definition.array.end.dockerfile');
    lacks(t.find(line, '/app'), 'meta.embedded');
  });

  it('without our injection (the built-in grammar alone) the same heredoc body is not shell and swallows the terminator', async function () {
    const builtIn = tokenize(await dockerfileGrammar(false), fixture('heredoc.Dockerfile'));
    const line = builtIn.lines.indexOf('RUN <<EOF');
    lacks(builtIn.find(line + 1, 'set'), 'entity.name.command.shell');
    has(builtIn.at(line + 4, 0), 'string.quoted.double.dockerfile');
    has(builtIn.find('# syntax=', 'syntax'), 'comment.line.number-sign.dockerfile');
  });
});

describe('grammar: multi-heredoc.Dockerfile', function () {
  let t: Tokenized;
  before(async function () {
    t = tokenize(await dockerfileGrammar(), fixture('multi-heredoc.Dockerfile'));
  });

  it('COPY <<robots.txt <<-humans.txt: two bodies, each closed by its own word (the second with tabs)', function () {
    const line = t.lines.findIndex((l) => l.startsWith('COPY <<robots.txt'));
    has(t.find(line, 'robots.txt'), 'keyword.control.heredoc-token.dockerfile');
    has(t.find(line, '<<-'), 'keyword.operator.heredoc.dockerfile');
    has(t.find(line, 'humans.txt'), 'keyword.control.heredoc-token.dockerfile');
    has(t.at(line + 1, 0), 'string.unquoted.heredoc.dockerfile');
    const first = t.at(line + 2, 0);
    assert.equal(first.text, 'robots.txt');
    has(first, 'keyword.control.heredoc-token.dockerfile');
    has(t.find(line + 3, 'people'), 'string.unquoted.heredoc.dockerfile');
    has(t.find(line + 4, 'humans.txt'), 'keyword.control.heredoc-token.dockerfile');
    assert.deepEqual(inner(t.at(line + 5, 0)), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
  });

  it('RUN <<FILE1 cat > file1 && <<FILE2 cat > file2: both bodies are input text', function () {
    const line = t.lines.findIndex((l) => l.startsWith('RUN <<FILE1'));
    has(t.find(line, 'FILE2'), 'keyword.control.heredoc-token.dockerfile');
    has(t.at(line + 1, 0), 'string.unquoted.heredoc.dockerfile');
    lacks(t.at(line + 1, 0), 'meta.embedded');
    has(t.at(line + 2, 0), 'keyword.control.heredoc-token.dockerfile');
    has(t.at(line + 3, 0), 'string.unquoted.heredoc.dockerfile');
    has(t.at(line + 4, 0), 'keyword.control.heredoc-token.dockerfile');
    assert.deepEqual(inner(t.at(line + 5, 0)), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
  });

  it('RUN <<EOF python3: the body is the input of python3 (a heredoc string), not shell', function () {
    const line = t.lines.indexOf('RUN <<EOF python3');
    has(t.find(line, 'python3'), 'entity.name.command.shell');
    has(t.at(line + 1, 0), 'string.unquoted.heredoc.no-indent');
    lacks(t.at(line + 1, 0), 'meta.embedded.block.shell.dockerfile');
  });

  it('a marker after flags on a continuation line, followed by a shell: the body is the script', function () {
    const line = t.lines.indexOf('    <<EOF bash -e');
    has(t.find(line - 1, 'mount'), 'variable.parameter.flag.dockerfile');
    has(t.find(line, 'EOF'), 'keyword.control.heredoc-token.dockerfile');
    has(t.find(line + 1, 'go'), 'meta.embedded.block.shell.dockerfile');
    has(t.find(line + 1, 'go'), 'entity.name.command.shell');
    has(t.at(line + 2, 0), 'keyword.control.heredoc-token.dockerfile');
    assert.deepEqual(inner(t.find('USER nginx', 'USER')), ['meta.instruction.dockerfile', 'keyword.other.special-method.dockerfile']);
  });
});

describe('grammar: directives and the escape character', function () {
  let grammar: IGrammar;
  before(async function () {
    grammar = await dockerfileGrammar();
  });

  it('a directive after a comment is a comment (BuildKit ignores it)', function () {
    const t = tokenize(grammar, fixture('directives-late.Dockerfile'));
    has(t.find('# syntax=', 'syntax'), 'comment.line.number-sign.dockerfile');
    lacks(t.find('# syntax=', 'syntax'), 'keyword.control.directive.dockerfile');
    has(t.find('RUN echo a', '\\'), 'constant.character.escape.line-continuation');
    has(t.find('    b', 'b'), 'meta.instruction.dockerfile');
  });

  it('# escape=` makes the backtick the line continuation; a later directive line is a comment', function () {
    const t = tokenize(grammar, fixture('escape-backtick.Dockerfile'));
    has(t.find('# escape=`', 'escape'), 'keyword.control.directive.dockerfile');
    has(t.find('# escape=`', '`'), 'string.unquoted.directive-value.dockerfile');
    has(t.find('# syntax=', 'syntax'), 'keyword.control.directive.dockerfile');
    has(t.find('FROM mcr', 'mcr.microsoft.com'), 'entity.name.namespace.registry.dockerfile');
    lacks(t.find('# check=skip=all', 'check'), 'keyword.control.directive.dockerfile');
    has(t.find('# check=skip=all', 'check'), 'comment.line.number-sign.dockerfile');
    has(t.find('RUN powershell', '`'), 'constant.character.escape.line-continuation.dockerfile');
    has(t.find('Write-Host', 'PATH'), 'string.quoted.double.dockerfile');
    has(t.find('Write-Host', '`'), 'constant.character.escape.line-continuation.dockerfile');
    has(t.find('; echo done', 'echo'), 'meta.instruction.dockerfile');
    // The backslash is no escape any more: `C:\app\` ends the COPY, it does not continue it.
    lacks(t.find('COPY app.exe', 'C:'), 'constant.character.escape.line-continuation.dockerfile');
    assert.ok(!t.tokens[t.lines.findIndex((l) => l.startsWith('COPY app.exe'))]!.some((k) => k.scopes.some((s) => s.startsWith('constant.character.escape.line-continuation'))));
  });

  it('with the default escape the same backslash would continue the instruction', function () {
    const t = tokenize(grammar, 'FROM scratch\nCOPY app.exe C:\\app\\\nUSER 1\n');
    has(t.find('COPY app.exe', '\\', 1), 'constant.character.escape.line-continuation.dockerfile');
    has(t.find('USER 1', 'USER'), 'meta.instruction.dockerfile');
    lacks(t.find('USER 1', 'USER'), 'keyword.other.special-method.dockerfile');
  });
});
