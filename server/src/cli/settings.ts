// The engine settings for one Dockerfile. The single place where CLI flags (and, later, a
// .go-dockerfile.json found from the file or its workspace) become EngineSettings.
import { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings, type RuleLevel } from '../engine/settings';

export interface CliSettings {
  /** --rule flags, keyed by code. */
  rules: Record<string, RuleLevel>;
  /** --unsafe-fixes. */
  unsafeFixes: boolean;
}

export interface FileSettings {
  settings: EngineSettings;
  /** Problems with a settings source, as messages naming it; reported as warnings. */
  problems: string[];
}

/**
 * Settings for a Dockerfile: defaults, then (to come) the configuration file, then the command line,
 * which wins.
 * @param _dockerfile absolute path, or undefined for standard input
 * @param _workspaceRoot absolute workspace root, or undefined with --no-workspace
 */
export async function settingsForFile(_dockerfile: string | undefined, _workspaceRoot: string | undefined, cli: CliSettings): Promise<FileSettings> {
  const problems: string[] = [];
  const base: EngineSettings = DEFAULT_SETTINGS;
  const fromCli = normalizeSettings({ rules: cli.rules, ...(cli.unsafeFixes ? { unsafeFixes: true } : {}) }, base);
  for (const p of fromCli.problems) problems.push(`command line: ${p.key}: ${p.message}`);
  return { settings: fromCli.settings, problems };
}
