// Command-line parsing: argv in, a typed command out. No I/O here; errors are returned, not thrown.
import { resolveRuleId } from '../engine/lint';
import { RULE_LEVELS, type RuleLevel } from '../engine/settings';

export type OutputFormat = 'text' | 'json';

export interface LintCommand {
  kind: 'lint';
  /** As given on the command line; "-" is standard input. */
  files: string[];
  format: OutputFormat;
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
  noFail: boolean;
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

const VALUE_OPTIONS = new Set(['--format', '--workspace', '--rule']);

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

function parseFormat(v: string): OutputFormat | undefined {
  return v === 'text' || v === 'json' ? v : undefined;
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
    noWorkspace: false, rules: {}, noColor: false, noFail: false,
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
        if (!f) return usageError(`--format must be text or json, got "${value}"`);
        lint.format = f;
        break;
      }
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
        lint.noFail = true;
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
  if (command === 'rules') return { kind: 'rules', format: lint.format };
  if (files.length === 0) return usageError('lint needs at least one FILE ("-" reads standard input)');
  if (lint.workspace !== undefined && lint.noWorkspace) return usageError('--workspace and --no-workspace exclude each other');
  if (lint.diff && lint.format === 'json') return usageError('--diff prints a text diff and cannot be combined with --format json');
  if (lint.fix && !lint.diff && files.includes('-')) return usageError('--fix cannot write to standard input; use --diff to preview the fixes');
  if (files.filter((f) => f === '-').length > 1) return usageError('"-" (standard input) may be given only once');
  return lint;
}
