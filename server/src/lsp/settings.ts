// Per-document settings: a per-URI promise cache over workspace/configuration (section
// "goDockerfile"), mapped from the VS Code keys to the engine's settings and type-guarded by
// normalizeSettings. Invalid values are logged once (naming the key) and replaced by defaults.
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, resolveRuleId, type EngineSettings } from '../api';
import { mergeSettings, type ConfigProblem } from '../engine/config';
import type { LoadedConfig } from '../workspace/config';
import { SECTION } from './commands';

export interface DocumentSettings {
  /** goDockerfile.enable: false means no diagnostics and no code actions. */
  enable: boolean;
  engine: EngineSettings;
}

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = { enable: true, engine: DEFAULT_SETTINGS };

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

/** Reads the raw "goDockerfile" section for a document (workspace/configuration). */
export type ConfigurationSource = (scopeUri: string) => Promise<unknown>;

/** Finds and parses the .go-dockerfile.json that applies to a directory. */
export type ConfigFileLoader = (dir: string) => Promise<LoadedConfig | undefined>;

/** Receives the problems of a configuration file (reported as diagnostics on that file). */
export type ConfigProblemSink = (file: string, problems: ConfigProblem[]) => void;

/** Editor values that differ from their defaults: only those override .go-dockerfile.json. */
function explicitEditorSettings(e: EngineSettings): Partial<EngineSettings> {
  const out: Partial<EngineSettings> = { rules: e.rules };
  if (e.runtime !== DEFAULT_SETTINGS.runtime) out.runtime = e.runtime;
  if (e.unsafeFixes !== DEFAULT_SETTINGS.unsafeFixes) out.unsafeFixes = e.unsafeFixes;
  if (e.trustedRegistries.length > 0) out.trustedRegistries = e.trustedRegistries;
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `fix.unsafe` may arrive nested ({fix: {unsafe}}) or flat ({"fix.unsafe": …}). */
function readPath(raw: Record<string, unknown>, dotted: string): unknown {
  if (raw[dotted] !== undefined) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * Maps the VS Code settings section to DocumentSettings. `warn` gets the full setting key
 * (e.g. "goDockerfile.rules.GD099") and what is wrong with it.
 */
export function toDocumentSettings(raw: unknown, warn: (key: string, message: string) => void): DocumentSettings {
  if (raw === undefined || raw === null) return DEFAULT_DOCUMENT_SETTINGS;
  if (!isRecord(raw)) {
    warn(SECTION, 'must be an object');
    return DEFAULT_DOCUMENT_SETTINGS;
  }
  let enable = true;
  const rawEnable = raw.enable;
  if (typeof rawEnable === 'boolean') enable = rawEnable;
  else if (rawEnable !== undefined && rawEnable !== null) warn(`${SECTION}.enable`, 'must be true or false');

  // Only the keys the engine knows; null means "not set" (VS Code sends null for unset values).
  const engineRaw: Record<string, unknown> = {};
  const keys: [string, string][] = [
    ['rules', 'rules'],
    ['runtime', 'runtime'],
    ['trustedRegistries', 'trustedRegistries'],
    ['fix.unsafe', 'unsafeFixes'],
  ];
  const vscodeKeyOf = new Map<string, string>();
  for (const [vscodeKey, engineKey] of keys) {
    const v = readPath(raw, vscodeKey);
    if (v !== undefined && v !== null) engineRaw[engineKey] = v;
    vscodeKeyOf.set(engineKey, vscodeKey);
  }
  const { settings, problems } = normalizeSettings(engineRaw);
  for (const p of problems) {
    const [head, ...rest] = p.key.split('.');
    const vscodeKey = [vscodeKeyOf.get(head ?? '') ?? head, ...rest].filter((x) => x !== '').join('.');
    warn(vscodeKey ? `${SECTION}.${vscodeKey}` : SECTION, p.message);
  }
  // Rule keys may be codes or names in any case: store them by code, report unknown ones.
  const rules: EngineSettings['rules'] = {};
  for (const [key, level] of Object.entries(settings.rules)) {
    const code = resolveRuleId(key);
    if (code === undefined) warn(`${SECTION}.rules.${key}`, 'is not a go-dockerfile rule code or name');
    else rules[code] = level;
  }
  return { enable, engine: { ...settings, rules } };
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private readonly warned = new Set<string>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private fallback: unknown;

  constructor(
    private readonly logger: Logger,
    private source: ConfigurationSource | undefined,
    private readonly configFiles?: { load: ConfigFileLoader; report: ConfigProblemSink },
  ) {}

  /** Switches between pulling (workspace/configuration) and the pushed fallback. */
  setSource(source: ConfigurationSource | undefined): void {
    this.source = source;
    this.clear();
  }

  /**
   * For clients without workspace/configuration: the `settings` of didChangeConfiguration. Only a
   * `goDockerfile` key changes them (null resets to the defaults); other payloads keep the current ones.
   */
  setFallback(changeSettings: unknown): void {
    if (isRecord(changeSettings) && SECTION in changeSettings) this.fallback = changeSettings[SECTION];
    this.clear();
  }

  /**
   * initializationOptions: `{goDockerfile: {...}}` or the section itself. The settings until a
   * didChangeConfiguration changes them, and whenever workspace/configuration has none (null).
   */
  setInitializationOptions(options: unknown): void {
    this.fallback = isRecord(options) && SECTION in options ? options[SECTION] : options;
    this.clear();
  }

  get(uri: string): Promise<DocumentSettings> {
    const hit = this.cache.get(uri);
    if (hit) return hit;
    const promise: Promise<DocumentSettings> = this.load(uri).then(({ settings, transient }) => {
      // A failed read is not cached: the next request asks again.
      if (transient && this.cache.get(uri) === promise) this.cache.delete(uri);
      return settings;
    });
    this.cache.set(uri, promise);
    return promise;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private async load(uri: string): Promise<{ settings: DocumentSettings; transient: boolean }> {
    let raw: unknown = this.fallback;
    if (this.source) {
      try {
        raw = (await this.source(uri)) ?? this.fallback;
      } catch (err) {
        this.warnOnce('workspace/configuration', `go-dockerfile: could not read the settings (${err instanceof Error ? err.message : String(err)}); using the defaults.`);
        return { settings: DEFAULT_DOCUMENT_SETTINGS, transient: true };
      }
    }
    const settings = toDocumentSettings(raw, (key, message) => this.warnOnce(`${key}: ${message}`, `go-dockerfile: setting ${key} ${message}; using the default.`));
    const config = await this.configFor(uri);
    if (!config) return { settings, transient: false };
    // .go-dockerfile.json first, then what the user set in the editor.
    return { settings: { ...settings, engine: mergeSettings(config.settings, explicitEditorSettings(settings.engine)) }, transient: false };
  }

  private async configFor(uri: string): Promise<LoadedConfig | undefined> {
    if (!this.configFiles || !uri.startsWith('file:')) return undefined;
    try {
      const config = await this.configFiles.load(path.dirname(fileURLToPath(uri)));
      if (config) this.configFiles.report(config.file, config.problems);
      return config;
    } catch (err) {
      this.warnOnce(`config:${uri}`, `go-dockerfile: could not read .go-dockerfile.json (${err instanceof Error ? err.message : String(err)}).`);
      return undefined;
    }
  }

  private warnOnce(id: string, message: string): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.logger.warn(message);
  }
}
