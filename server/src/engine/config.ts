// `.go-dockerfile.json`: the configuration shared by the editor and the CLI. Parsing is pure;
// finding and reading the file is the workspace module's job.
import { resolveRuleId } from './lint';
import { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings } from './settings';
import { SourceText } from './text';
import type { Range } from './types';

export const CONFIG_FILE = '.go-dockerfile.json';

const KEYS = ['$schema', 'rules', 'runtime', 'trustedRegistries', 'unsafeFixes'];

export interface ConfigProblem {
  /** The offending key ("rules.GD999"), or "" for the whole file. */
  key: string;
  message: string;
  /** Where in the config file (the key, or the JSON syntax error). */
  range: Range;
}

export interface ParsedConfig {
  /** Only the settings the file sets, validated. */
  settings: Partial<EngineSettings>;
  problems: ConfigProblem[];
}

function keyRange(src: SourceText, key: string): Range {
  const last = key.split('.').pop() ?? key;
  const at = src.text.indexOf(JSON.stringify(last));
  return at < 0 ? src.range(0, 0) : src.range(at, at + JSON.stringify(last).length);
}

export function parseConfig(text: string): ParsedConfig {
  const src = new SourceText(text);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? Number(pos[1]) : 0;
    return { settings: {}, problems: [{ key: '', message: `invalid JSON: ${msg}`, range: src.range(at, at + 1) }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: {}, problems: [{ key: '', message: 'the configuration must be a JSON object', range: src.range(0, 1) }] };
  }
  const problems: ConfigProblem[] = [];
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!KEYS.includes(k)) problems.push({ key: k, message: `unknown setting (known: ${KEYS.slice(1).join(', ')})`, range: keyRange(src, k) });
  }
  const rules = obj.rules;
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const id of Object.keys(rules as Record<string, unknown>)) {
      if (!resolveRuleId(id)) problems.push({ key: `rules.${id}`, message: 'not a go-dockerfile rule code or name', range: keyRange(src, `rules.${id}`) });
    }
  }
  const n = normalizeSettings(obj, DEFAULT_SETTINGS);
  for (const p of n.problems) problems.push({ key: p.key, message: p.message, range: keyRange(src, p.key) });
  const settings: Partial<EngineSettings> = {};
  if (obj.rules !== undefined) {
    // Keys by code, so that names and codes merge with editor settings predictably.
    settings.rules = {};
    for (const [id, level] of Object.entries(n.settings.rules)) {
      const code = resolveRuleId(id);
      if (code) settings.rules[code] = level;
    }
  }
  if (obj.runtime !== undefined && !n.problems.some((p) => p.key === 'runtime')) settings.runtime = n.settings.runtime;
  if (obj.trustedRegistries !== undefined && !n.problems.some((p) => p.key === 'trustedRegistries')) settings.trustedRegistries = n.settings.trustedRegistries;
  if (obj.unsafeFixes !== undefined && !n.problems.some((p) => p.key === 'unsafeFixes')) settings.unsafeFixes = n.settings.unsafeFixes;
  return { settings, problems };
}

/** Layers settings: later sources win; rule maps merge key by key (by code). */
export function mergeSettings(...layers: Partial<EngineSettings>[]): EngineSettings {
  const out: EngineSettings = { ...DEFAULT_SETTINGS, rules: {} };
  for (const l of layers) {
    const rules: Record<string, EngineSettings['rules'][string]> = {};
    for (const [id, level] of Object.entries(l.rules ?? {})) rules[resolveRuleId(id) ?? id] = level;
    Object.assign(out, { ...l, rules: { ...out.rules, ...rules } });
  }
  return out;
}
