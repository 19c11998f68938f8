// The engine settings for one Dockerfile: defaults, then the nearest .go-dockerfile.json above the
// Dockerfile, then the command line, which wins.
import * as path from 'node:path';
import { mergeSettings } from '../engine/config';
import { normalizeSettings, type EngineSettings, type RuleLevel } from '../engine/settings';
import { loadConfig } from '../workspace/config';

export interface CliSettings {
  /** --rule flags, keyed by code. */
  rules: Record<string, RuleLevel>;
  /** --unsafe-fixes. */
  unsafeFixes: boolean;
}

export interface FileSettings {
  settings: EngineSettings;
  /** Invalid settings, as messages naming the file and the key: the run exits with status 2. */
  errors: string[];
}

/**
 * @param dockerfile absolute path, or undefined for standard input (the configuration is then looked
 *   for from the current directory)
 */
export async function settingsForFile(dockerfile: string | undefined, cwd: string, cli: CliSettings): Promise<FileSettings> {
  const errors: string[] = [];
  const config = await loadConfig(dockerfile ? path.dirname(dockerfile) : cwd);
  if (config) {
    const rel = path.relative(cwd, config.file) || config.file;
    for (const p of config.problems) errors.push(`${rel}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
  }
  const fromCli = normalizeSettings({ rules: cli.rules });
  for (const p of fromCli.problems) errors.push(`command line: ${p.key}: ${p.message}`);
  const settings = mergeSettings(config?.settings ?? {}, { rules: fromCli.settings.rules }, cli.unsafeFixes ? { unsafeFixes: true } : {});
  return { settings, errors };
}
