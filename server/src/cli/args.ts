// Command-line parsing: argv in, a typed command out. No I/O here; errors are returned, not thrown.
import { resolveRuleId } from '../engine/lint';
import { RULE_LEVELS, type RuleLevel } from '../engine/settings';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'gitlab'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
/** `rules` prints a table or JSON. */
export type OutputFormat = 'text' | 'json';

/** The lowest severity that makes the run fail (exit 1); none never fails on findings. */
export type FailOn = 'error' | 'warning' | 'info' | 'hint' | 'none';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'none'];

export interface LintCommand {
  kind: 'lint';
  /** Files and directories as given on the command line (the current directory when none); "-" is standard input. */
  files: string[];
  format: LintFormat;
  /** --output FILE: the report goes there instead of standard output. */
  output?: string;
  failOn: FailOn;
  /** --config FILE: this configuration instead of the nearest .go-dockerfile.json. */
  config?: string;
  /** --stdin-filename: the name standard input is reported under, and where its workspace and configuration are looked for. */
  stdinFilename?: string;
  fix: boolean;
  unsafeFixes: boolean;
  diff: boolean;
  showFixes: boolean;
  /** --workspace DIR: one workspace for every file. */
  workspace?: string;
  noWorkspace: boolean;
  /** From --rule flags, keyed by rule code. */
  rules: Record<string, RuleLevel>;
  noColor: boolean;
}

export interface RulesCommand {
  kind: 'rules';
  format: OutputFormat;
}

export type Command =
  | LintCommand
  | RulesCommand
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

const VALUE_OPTIONS = new Set(['--format', '--workspace', '--rule', '--output', '-o', '--fail-on', '--config', '--stdin-filename']);

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

function parseFormat(v: string): LintFormat | undefined {
  return (LINT_FORMATS as readonly string[]).includes(v) ? (v as LintFormat) : undefined;
}

/** Parses `CODE=LEVEL` (code or rule name, any case) into [code, level]. */
export function parseRuleFlag(v: string): [string, RuleLevel] | string {
  const eq = v.lastIndexOf('=');
  if (eq <= 0) return `--rule expects CODE=LEVEL, got "${v}"`;
  const id = v.slice(0, eq).trim();
  const level = v.slice(eq + 1).trim().toLowerCase();
  const code = resolveRuleId(id);
  if (!code) return `--rule: unknown rule "${id}" (see "go-dockerfile rules")`;
  if (!(RULE_LEVELS as readonly string[]).includes(level)) return `--rule ${id}: level must be one of ${RULE_LEVELS.join(', ')}, got "${level}"`;
  return [code, level as RuleLevel];
}

/** Parses the arguments after the program name. */
export function parseArgs(argv: readonly string[]): Command {
  let command: 'lint' | 'rules' | undefined;
  const files: string[] = [];
  const lint: LintCommand = {
    kind: 'lint', files, format: 'text', fix: false, unsafeFixes: false, diff: false, showFixes: false,
    noWorkspace: false, rules: {}, noColor: false, failOn: 'warning',
  };
  let help = false;
  let version = false;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      if (command === undefined && !onlyFiles) {
        if (arg === 'lint' || arg === 'rules') {
          command = arg;
          continue;
        }
        return usageError(`unknown command "${arg}"`);
      }
      if (command === 'rules') return usageError(`"rules" takes no arguments, got "${arg}"`);
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      if (command !== 'lint') return usageError('"--" is only valid after "lint"');
      onlyFiles = true;
      continue;
    }
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    }
    if (VALUE_OPTIONS.has(name) && value === undefined) {
      value = argv[++i];
      if (value === undefined) return usageError(`${name} needs a value`);
    } else if (!VALUE_OPTIONS.has(name) && value !== undefined) {
      return usageError(`${name} takes no value`);
    }
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '-V':
      case '--version':
        version = true;
        break;
      case '--format': {
        const f = parseFormat(value as string);
        if (!f) return usageError(`--format must be one of ${LINT_FORMATS.join(', ')}, got "${value}"`);
        lint.format = f;
        break;
      }
      case '-o':
      case '--output':
        if (value === '') return usageError(`${name} needs a file name`);
        lint.output = value as string;
        break;
      case '--fail-on': {
        const level = (value as string).toLowerCase();
        if (!(FAIL_ON as readonly string[]).includes(level)) return usageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${value}"`);
        lint.failOn = level as FailOn;
        break;
      }
      case '--config':
        lint.config = value as string;
        break;
      case '--stdin-filename':
        if (value === '') return usageError('--stdin-filename needs a name');
        lint.stdinFilename = value as string;
        break;
      case '--workspace':
        lint.workspace = value as string;
        break;
      case '--rule': {
        const r = parseRuleFlag(value as string);
        if (typeof r === 'string') return usageError(r);
        lint.rules[r[0]] = r[1];
        break;
      }
      case '--fix':
        lint.fix = true;
        break;
      case '--unsafe-fixes':
        lint.unsafeFixes = true;
        break;
      case '--diff':
        lint.diff = true;
        break;
      case '--show-fixes':
        lint.showFixes = true;
        break;
      case '--no-workspace':
        lint.noWorkspace = true;
        break;
      case '--no-color':
        lint.noColor = true;
        break;
      case '--no-fail':
        lint.failOn = 'none';
        break;
      default:
        return usageError(`unknown option "${arg}"`);
    }
    if (command === 'rules' && !['-h', '--help', '-V', '--version', '--format'].includes(name)) {
      return usageError(`option ${name} is not valid for "rules"`);
    }
  }
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (command === undefined) return usageError('no command given');
  if (command === 'rules') {
    if (lint.format !== 'text' && lint.format !== 'json') return usageError('"rules" prints text or json');
    return { kind: 'rules', format: lint.format };
  }
  if (files.length === 0) files.push('.');
  if (lint.workspace !== undefined && lint.noWorkspace) return usageError('--workspace and --no-workspace exclude each other');
  if (lint.diff && lint.format !== 'text') return usageError(`--diff prints a text diff and cannot be combined with --format ${lint.format}`);
  if (lint.stdinFilename !== undefined && !files.includes('-')) return usageError('--stdin-filename names standard input: give "-" as a path too');
  if (lint.fix && !lint.diff && files.includes('-')) return usageError('--fix cannot write to standard input; use --diff to preview the fixes');
  if (files.filter((f) => f === '-').length > 1) return usageError('"-" (standard input) may be given only once');
  return lint;
}
