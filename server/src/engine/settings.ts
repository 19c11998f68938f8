// Settings the engine understands, shared by the editor and the CLI, with a normaliser that
// type-guards untrusted input (VS Code settings, .go-dockerfile.json) and reports what it rejected.
import { SEVERITY_ORDER, type Severity } from './types';

export type RuleLevel = Severity | 'off';
export type RuntimeChoice = 'distroless' | 'scratch' | 'alpine';

export interface EngineSettings {
  /** Per-rule level, keyed by code (names are mapped to codes by the linter). */
  rules: Record<string, RuleLevel>;
  /** Preferred runtime image family for fixes and the generator. */
  runtime: RuntimeChoice;
  /** Registries the project trusts for base images (empty: no restriction). */
  trustedRegistries: string[];
  /** Unsafe fixes may run in "fix all" and on save. */
  unsafeFixes: boolean;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  runtime: 'distroless',
  trustedRegistries: [],
  unsafeFixes: false,
};

export const RULE_LEVELS: readonly RuleLevel[] = ['off', ...SEVERITY_ORDER];

export interface SettingsProblem {
  key: string;
  message: string;
}

/** Type-guards raw settings; every rejected value is reported, never silently replaced. */
export function normalizeSettings(raw: unknown, base: EngineSettings = DEFAULT_SETTINGS): { settings: EngineSettings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const settings: EngineSettings = { ...base, rules: { ...base.rules }, trustedRegistries: [...base.trustedRegistries] };
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ key: '', message: 'settings must be an object' });
    return { settings, problems };
  }
  const r = raw as Record<string, unknown>;
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) {
      problems.push({ key: 'rules', message: 'must be an object mapping rule codes or names to off/error/warning/info/hint' });
    } else {
      for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
        const level = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>).severity : v;
        if (typeof level === 'string' && (RULE_LEVELS as string[]).includes(level)) settings.rules[k] = level as RuleLevel;
        else problems.push({ key: `rules.${k}`, message: `must be one of ${RULE_LEVELS.join(', ')}` });
      }
    }
  }
  if (r.runtime !== undefined) {
    if (r.runtime === 'distroless' || r.runtime === 'scratch' || r.runtime === 'alpine') settings.runtime = r.runtime;
    else problems.push({ key: 'runtime', message: 'must be one of distroless, scratch, alpine' });
  }
  if (r.trustedRegistries !== undefined) {
    if (Array.isArray(r.trustedRegistries) && r.trustedRegistries.every((x) => typeof x === 'string')) settings.trustedRegistries = r.trustedRegistries as string[];
    else problems.push({ key: 'trustedRegistries', message: 'must be an array of strings' });
  }
  if (r.unsafeFixes !== undefined) {
    if (typeof r.unsafeFixes === 'boolean') settings.unsafeFixes = r.unsafeFixes;
    else problems.push({ key: 'unsafeFixes', message: 'must be true or false' });
  }
  return { settings, problems };
}
