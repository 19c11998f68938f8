// `npm run generate:grammar`: writes syntaxes/dockerfile.injection.tmLanguage.json, the Dockerfile
// highlighting that go-dockerfile injects into VS Code's built-in `source.dockerfile` grammar. The grammar
// is generated because every instruction rule exists twice: once for the default escape character `\`
// and once for `# escape=\``. test/unit/grammar/ fails when the JSON drifts from this script.
// `--check` exits 1 instead of writing. Design notes: syntaxes/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const GRAMMAR_FILE = path.resolve(__dirname, '..', 'syntaxes', 'dockerfile.injection.tmLanguage.json');
export const SCOPE_NAME = 'go-dockerfile.dockerfile.injection';

type Captures = Record<string, { name?: string; patterns?: Rule[] }>;
interface Rule {
  comment?: string;
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  whileCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
}

/** Our outermost regions: the injection selector leaves them alone (their own patterns tokenize them). */
const OWN_REGIONS = ['meta.instruction', 'meta.directives', 'meta.escape-backtick'];
const KEYWORD = 'keyword.other.special-method.dockerfile';
const DIRECTIVE_NAMES = '(?i:syntax|escape|check)';
const DIRECTIVE_LINE = `\\x{FEFF}?[ \\t]*#[ \\t]*${DIRECTIVE_NAMES}[ \\t]*=`;
/** BuildKit's heredoc word (the engine's HEREDOC_MARKER, server/src/engine/instruction.ts). */
const WORD = '[A-Za-z0-9_.-]+';
const NEVER = '(?!)';
const SHELL_KEYWORDS = '(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|function|select|time|coproc|in)';

const inc = (name: string): Rule => ({ include: `#${name}` });

interface Escape {
  /** The escape character as a regex. */
  esc: string;
  /** Appended to the repository names of rules that depend on the escape character. */
  sfx: string;
  /** Shell-form bodies are embedded source.shell (only with `\`: see syntaxes/README.md). */
  shell: boolean;
}

const BACKSLASH: Escape = { esc: '\\\\', sfx: '', shell: true };
const BACKTICK: Escape = { esc: '`', sfx: '-backtick', shell: false };

function directiveLine(): Rule {
  return {
    match: `^(\\x{FEFF}?[ \\t]*)(#)[ \\t]*(${DIRECTIVE_NAMES})[ \\t]*(=)[ \\t]*(.*?)[ \\t]*$`,
    name: 'meta.directive.dockerfile',
    captures: {
      2: { name: 'punctuation.definition.directive.dockerfile' },
      3: { name: 'keyword.control.directive.dockerfile' },
      4: { name: 'keyword.operator.assignment.dockerfile' },
      5: { name: 'string.unquoted.directive-value.dockerfile' },
    },
  };
}

/** A block of directive lines, closed (zero width) by the first line that is not one. */
function directiveBlock(begin: string, inner: Rule[]): Rule {
  return { name: 'meta.directives.dockerfile', begin, end: `^(?!${DIRECTIVE_LINE})`, patterns: [...inner, inc('directive-line')] };
}

/** The rules that depend on the escape character, keyed by repository name (already suffixed). */
function escapeRules(e: Escape): Record<string, Rule> {
  const { esc, sfx } = e;
  const r = (name: string): Rule => inc(name + sfx);
  /** The end of an instruction: a line end that no escape character continues. */
  const END = `(?<!${esc}[ \\t]*)(?=\\n)`;
  const instruction = (keywords: string, patterns: Rule[], lookahead = ''): Rule => ({
    name: `meta.instruction.dockerfile`,
    begin: `^[ \\t]*(?i:(ONBUILD)[ \\t]+)?(?i:(${keywords}))(?=[ \\t\\n]|${esc})${lookahead}`,
    beginCaptures: { 1: { name: 'keyword.control.dockerfile' }, 2: { name: KEYWORD } },
    end: END,
    patterns,
  });
  const common = [r('continuation'), r('comment-line'), r('blank-line')];
  const words = [r('variable'), r('string-double'), r('string-single'), r('escape')];
  /** Where an argument starts: after a blank, not a flag, not a continuation. */
  const argStart = `(?<![^ \\t])(?!--[A-Za-z])(?!${esc}[ \\t]*\\n)(?=[^ \\t\\n])`;
  const shellBody: Rule = e.shell
    ? {
        comment: 'a shell-form body: embedded shell up to the end of the instruction',
        contentName: 'meta.embedded.line.shell.dockerfile',
        begin: argStart,
        end: `(?=${END})`,
        patterns: [
          r('continuation'),
          r('comment-line'),
          r('blank-line'),
          {
            comment: "the first command: source.shell starts a statement only at a line start or after ; & | ( {, and the body starts after `RUN `",
            name: 'meta.statement.shell',
            begin: `\\G(?!${SHELL_KEYWORDS}(?:[ \\t\\n;&|]|$))(?=[^ \\t\\n;&|(){}\\[#])`,
            end: '(?=;|\\||&|\\n|\\)|\\`|\\{|\\}|[ \\t]*#|\\])(?<!\\\\)',
            patterns: [r('continuation'), { include: 'source.shell#typical_statements' }],
          },
          { include: 'source.shell' },
        ],
      }
    : { comment: 'with the backtick escape, a shell-form body keeps the Dockerfile word rules', begin: argStart, end: `(?=${END})`, patterns: [...common, ...words] };
  const heredocs = (kind: 'shell' | 'text'): Rule[] => {
    const out: Rule[] = [];
    for (const dash of [true, false]) {
      for (const quoted of kind === 'text' ? [true, false] : [undefined]) out.push(heredoc(e, kind, dash, quoted));
    }
    return out;
  };
  const heredocPairs = (): Rule[] => [true, false].flatMap((d1) => [true, false].map((d2) => heredocPair(e, d1, d2)));
  const twoMarkers = `(?=[^\\n]*<<-?[ \\t]*["']?${WORD}["']?[^\\n]*?[ \\t]<<-?[ \\t]*["']?${WORD})`;

  return {
    [`continuation${sfx}`]: {
      comment: 'the escape character at a line end continues the instruction (the newline is consumed, so the instruction does not end there)',
      match: `(${esc})[ \\t]*\\n`,
      captures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
    },
    [`escape${sfx}`]: { match: `${esc}.`, name: 'constant.character.escape.dockerfile' },
    [`string-double${sfx}`]: {
      name: 'string.quoted.double.dockerfile',
      begin: '"',
      end: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
      patterns: [r('continuation'), r('escape'), r('variable')],
    },
    [`string-single${sfx}`]: {
      name: 'string.quoted.single.dockerfile',
      begin: "'",
      end: "'",
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
      patterns: [r('continuation')],
    },
    [`variable${sfx}`]: {
      patterns: [
        {
          match: '(\\$)([A-Za-z_][A-Za-z0-9_]*)',
          name: 'variable.other.dockerfile',
          captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } },
        },
        {
          name: 'meta.interpolation.variable.dockerfile',
          begin: '(\\$\\{)([A-Za-z_][A-Za-z0-9_]*)',
          end: '\\}',
          beginCaptures: { 1: { name: 'punctuation.definition.variable.begin.dockerfile' }, 2: { name: 'variable.other.dockerfile' } },
          endCaptures: { 0: { name: 'punctuation.definition.variable.end.dockerfile' } },
          patterns: [{ match: '\\G(?::?[-+?]|##?|%%?)', name: 'keyword.operator.expansion.dockerfile' }, r('variable'), r('escape')],
        },
      ],
    },
    [`flag${sfx}`]: {
      comment: '--mount=type=cache,target=/root/.cache/go-build, --from=build, --platform=$BUILDPLATFORM, --chmod=0755, --link',
      name: 'meta.flag.dockerfile',
      begin: '(?<![^ \\t])(--)([A-Za-z][A-Za-z0-9-]*)(=)?',
      beginCaptures: {
        0: { name: 'variable.parameter.flag.dockerfile' },
        1: { name: 'punctuation.definition.flag.dockerfile' },
        3: { name: 'keyword.operator.assignment.dockerfile' },
      },
      end: `(?=[ \\t\\n]|${esc}[ \\t]*\\n)`,
      patterns: [
        { match: '(?<=[=,])([A-Za-z][A-Za-z0-9_-]*)(=)', captures: { 1: { name: 'entity.other.attribute-name.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
        { match: ',', name: 'punctuation.separator.dockerfile' },
        ...words,
        { match: `[^ \\t\\n,=$"'${esc}]+`, name: 'string.unquoted.flag-value.dockerfile' },
      ],
    },
    [`exec-form${sfx}`]: {
      comment: 'a JSON array: the exec form (no shell, no variable substitution)',
      name: 'meta.exec-form.dockerfile',
      begin: `(?<![^ \\t])(\\[)(?=[ \\t]*(?:"|\\]|${esc}[ \\t]*\\n))`,
      end: `(\\])|(?=${END})`,
      beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
      endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
      patterns: [
        r('continuation'),
        {
          name: 'string.quoted.double.dockerfile',
          begin: '"',
          end: '"|(?=\\n)',
          beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
          endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
          patterns: [{ match: '\\\\(?:["\\\\/bfnrt]|u[0-9A-Fa-f]{4})', name: 'constant.character.escape.dockerfile' }],
        },
        { match: ',', name: 'punctuation.separator.array.dockerfile' },
        { match: '[^ \\t\\n,\\]]+', name: 'invalid.illegal.exec-form.dockerfile' },
      ],
    },
    [`image-reference${sfx}`]: {
      comment: 'registry/name:tag@digest, variables allowed anywhere',
      name: 'meta.image-reference.dockerfile',
      contentName: 'entity.name.type.image.dockerfile',
      begin: `${argStart}(?!(?i:as)(?:[ \\t]|$))`,
      end: `(?=[ \\t\\n]|${esc}[ \\t]*\\n)`,
      patterns: [
        {
          match: '\\G((?:[A-Za-z0-9-]+\\.)+[A-Za-z0-9-]+(?::[0-9]+)?|[A-Za-z0-9.-]+:[0-9]+|localhost)(?=/)',
          name: 'entity.name.namespace.registry.dockerfile',
        },
        { match: '(@)([A-Za-z0-9]+:[0-9A-Fa-f]+|[^ \\t\\n]+)', captures: { 1: { name: 'punctuation.separator.digest.dockerfile' }, 2: { name: 'constant.other.digest.dockerfile' } } },
        {
          contentName: 'constant.other.tag.dockerfile',
          begin: '(:)(?=(?:\\$\\{[^}\\n]*\\}|[^ \\t\\n/@:])*(?:@|[ \\t\\n]|$))',
          end: `(?=[@ \\t\\n]|${esc}[ \\t]*\\n)`,
          beginCaptures: { 1: { name: 'punctuation.separator.tag.dockerfile' } },
          patterns: words,
        },
        { match: '/', name: 'punctuation.separator.path.dockerfile' },
        ...words,
      ],
    },
    [`stage-name${sfx}`]: {
      match: '(?<![^ \\t])((?i:AS))[ \\t]+([^ \\t\\n]+)',
      captures: { 1: { name: KEYWORD }, 2: { name: 'entity.name.type.stage.dockerfile' } },
    },
    [`key-value${sfx}`]: {
      comment: 'ENV/ARG/LABEL keys',
      match: '(?<![^ \\t])([A-Za-z_][A-Za-z0-9_.-]*)(=)',
      captures: { 1: { name: 'variable.other.definition.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } },
    },
    [`heredoc-args${sfx}`]: {
      comment: 'the rest of a heredoc marker line (a second marker is coloured here; heredocPair tracks its body)',
      patterns: [
        {
          match: `(<<-?)[ \\t]*(["']?)(${WORD})(\\2)`,
          captures: {
            1: { name: 'keyword.operator.heredoc.dockerfile' },
            2: { name: 'punctuation.definition.string.heredoc.quote.dockerfile' },
            3: { name: 'keyword.control.heredoc-token.dockerfile' },
            4: { name: 'punctuation.definition.string.heredoc.quote.dockerfile' },
          },
        },
        r('flag'),
        ...words,
      ],
    },
    [`heredoc-shell${sfx}`]: { patterns: heredocs('shell') },
    [`heredoc-text${sfx}`]: { patterns: [...heredocPairs(), ...heredocs('text')] },
    [`instruction${sfx}`]: {
      patterns: [
        instruction('RUN', [...common, r('flag'), r('heredoc-text'), ...words], twoMarkers),
        instruction('RUN', [...common, r('flag'), r('exec-form'), r('heredoc-shell'), shellBody]),
        instruction('CMD|ENTRYPOINT', [...common, r('exec-form'), shellBody]),
        instruction('HEALTHCHECK', [...common, r('flag'), { match: '(?i)(?<![^ \\t])(CMD|NONE)(?=[ \\t\\n]|$)', name: KEYWORD }, r('exec-form'), shellBody]),
        instruction('SHELL', [...common, r('exec-form'), ...words]),
        instruction('FROM', [...common, r('flag'), r('stage-name'), r('image-reference'), ...words]),
        instruction('COPY|ADD', [...common, r('flag'), r('heredoc-text'), r('exec-form'), ...words]),
        instruction('ENV|ARG|LABEL', [...common, r('key-value'), ...words]),
        instruction('EXPOSE|USER|WORKDIR|VOLUME|STOPSIGNAL|MAINTAINER', [...common, r('exec-form'), ...words]),
      ],
    },
  };
}

/**
 * A heredoc: an outer begin/end region whose end is the terminator line (a back-reference to the word), and
 * inside it a begin/while region for the marker line and the body: VS Code checks `while` at the start of each
 * line before anything else, so no unbalanced quote or `if` in the body can run past the terminator. Both
 * regions start with the same zero-width look-ahead so that each captures the word.
 */
function heredoc(e: Escape, kind: 'shell' | 'text', dash: boolean, quoted: boolean | undefined): Rule {
  const quote = quoted === undefined ? `["']?` : quoted ? `["']` : '';
  // A shell heredoc is the script: the first thing of the RUN body (the rule is tried only there), alone on
  // its line or followed by a shell (`RUN <<EOF bash -e`); `RUN <<EOF python3` is python3's input.
  const tail = kind === 'shell' ? `(?:[ \\t]+(?:/usr)?(?:/bin/)?(?:ba|da|a|k|z)?sh\\b[^\\n<]*)?[ \\t]*$` : '';
  const marker = `(?=<<${dash ? '-' : '(?!-)'}[ \\t]*(${quote})(${WORD})\\1${tail})`;
  const tabs = dash ? '\\t*' : '';
  const text = textBody(quoted === false ? [inc(`variable${e.sfx}`)] : []);
  const body: Rule[] =
    kind === 'text' || !e.shell
      ? [text]
      : [
          {
            comment: 'a script with a shebang for another interpreter (python, node...) is not shell',
            contentName: 'string.unquoted.heredoc.dockerfile',
            begin: '^(?=#!(?![^\\n]*\\b(?:ba|da|k|z|a)?sh\\b))',
            end: NEVER,
            patterns: [{ match: '\\G#!.*', name: 'comment.line.shebang.dockerfile' }],
          },
          { contentName: 'meta.embedded.block.shell.dockerfile', begin: '^', end: NEVER, patterns: [{ include: 'source.shell' }] },
        ];
  return {
    comment: `${kind} heredoc, ${dash ? '<<- (leading tabs before the terminator)' : '<<'}${quoted === undefined ? '' : quoted ? ', quoted word (no expansion)' : ', unquoted word'}`,
    name: 'meta.heredoc.dockerfile',
    begin: marker,
    end: `^${tabs}(\\2)$`,
    endCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
    patterns: [
      {
        begin: marker,
        while: `^(?!${tabs}\\2$)`,
        patterns: [
          markerLine(e),
          ...body,
        ],
      },
    ],
  };
}

const markerLine = (e: Escape): Rule => ({
  comment: 'the marker and the rest of its line (consumed with the newline, so the body starts on the next line)',
  match: `\\G(<<-?)[ \\t]*(["']?)(${WORD})(\\2)(.*\\n)`,
  captures: {
    1: { name: 'keyword.operator.heredoc.dockerfile' },
    2: { name: 'punctuation.definition.string.heredoc.quote.dockerfile' },
    3: { name: 'keyword.control.heredoc-token.dockerfile' },
    4: { name: 'punctuation.definition.string.heredoc.quote.dockerfile' },
    5: { patterns: [inc(`heredoc-args${e.sfx}`)] },
  },
});

const textBody = (patterns: Rule[] = []): Rule => ({
  comment: 'plain text (COPY/ADD content, a command\'s input, or a script for another interpreter)',
  contentName: 'string.unquoted.heredoc.dockerfile',
  begin: '^',
  end: NEVER,
  patterns,
});

/**
 * Two heredocs on one line (`COPY <<a.txt <<b.txt /dest/`, `RUN <<A cat >a && <<B cat >b`): the bodies follow
 * each other. The outer regions end at the second word; inside, the first body is a while region on the first
 * word (all three regions start at the first marker with look-aheads that capture the words); the line that
 * ends the first body is its terminator and opens the second body. Bodies are text.
 */
function heredocPair(e: Escape, dash1: boolean, dash2: boolean): Rule {
  const m = (dash: boolean, q: number): string => `<<${dash ? '-' : '(?!-)'}[ \\t]*(["']?)(${WORD})\\${q}`;
  const both = `(?=${m(dash1, 1)}[^\\n]*?[ \\t]${m(dash2, 3)})`;
  const tabs1 = dash1 ? '\\t*' : '';
  const tabs2 = dash2 ? '\\t*' : '';
  return {
    comment: `two heredocs: ${dash1 ? '<<-' : '<<'} then ${dash2 ? '<<-' : '<<'}`,
    name: 'meta.heredoc.dockerfile',
    begin: both,
    end: `^${tabs2}(\\4)$`,
    endCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
    patterns: [
      {
        begin: both,
        while: `^(?!${tabs2}\\4$)`,
        patterns: [
          { begin: both, while: `^(?!${tabs1}\\2$)`, patterns: [markerLine(e), textBody()] },
          {
            comment: 'the first terminator (the first line after the first body), then the second body',
            begin: `^${tabs1}(${WORD})\\n`,
            beginCaptures: { 1: { name: 'keyword.control.heredoc-token.dockerfile' } },
            contentName: 'string.unquoted.heredoc.dockerfile',
            end: NEVER,
          },
        ],
      },
    ],
  };
}

export function buildGrammar(): Record<string, unknown> {
  const escapeBacktick: Rule = {
    comment: '# escape=` in the directive block: the rest of the file uses the backtick rules',
    name: 'meta.escape-backtick.dockerfile',
    begin: '^(\\x{FEFF}?[ \\t]*)(#)[ \\t]*((?i:escape))[ \\t]*(=)[ \\t]*(`)[ \\t]*$',
    beginCaptures: {
      0: { name: 'meta.directive.dockerfile' },
      2: { name: 'punctuation.definition.directive.dockerfile' },
      3: { name: 'keyword.control.directive.dockerfile' },
      4: { name: 'keyword.operator.assignment.dockerfile' },
      5: { name: 'string.unquoted.directive-value.dockerfile' },
    },
    end: NEVER,
    patterns: [
      // The rest of the directive block: a region that starts at the end of the escape line (\\G only matches
      // there) and closes at the first line that is not a directive.
      directiveBlock('\\G(?=\\n)', []),
      inc('instruction-backtick'),
      { include: 'source.dockerfile' },
    ],
  };
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'go-dockerfile Dockerfile highlighting',
    scopeName: SCOPE_NAME,
    comment: 'GENERATED by scripts/grammar.ts (npm run generate:grammar): do not edit. Injected into source.dockerfile ahead of its own rules (L:); see syntaxes/README.md.',
    injectionSelector: `L:source.dockerfile -comment -string ${OWN_REGIONS.map((s) => `-${s}`).join(' ')}`,
    patterns: [directiveBlock(`\\A(?=${DIRECTIVE_LINE})`, [escapeBacktick]), inc('instruction')],
    repository: {
      'directive-line': directiveLine(),
      'comment-line': { comment: 'a comment line inside a continued instruction (BuildKit drops it)', match: '^[ \\t]*(#).*\\n', name: 'comment.line.number-sign.dockerfile', captures: { 1: { name: 'punctuation.definition.comment.dockerfile' } } },
      'blank-line': { comment: 'a blank line inside a continued instruction (BuildKit skips it)', match: '^[ \\t]*\\n' },
      ...escapeRules(BACKSLASH),
      ...escapeRules(BACKTICK),
    },
  };
}

export function grammarJson(): string {
  return `${JSON.stringify(buildGrammar(), null, 2)}\n`;
}

if (require.main === module) {
  const json = grammarJson();
  const current = (() => {
    try {
      return readFileSync(GRAMMAR_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (current !== json) {
      process.stderr.write(`${path.relative(process.cwd(), GRAMMAR_FILE)} is out of date: run npm run generate:grammar\n`);
      process.exit(1);
    }
  } else if (current !== json) {
    writeFileSync(GRAMMAR_FILE, json);
    process.stdout.write(`wrote ${path.relative(process.cwd(), GRAMMAR_FILE)}\n`);
  }
}
