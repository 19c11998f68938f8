// The engine settings for one Dockerfile: defaults, then the configuration (--config FILE, else the
// nearest .go-dockerfile.json above the Dockerfile), then the command line, which wins.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeSettings, parseConfig } from '../engine/config';
import { normalizeSettings, type EngineSettings, type RuleLevel } from '../engine/settings';
import { loadConfig, type LoadedConfig } from '../workspace/config';

export interface CliSettings {
  /** --rule flags, keyed by code. */
  rules: Record<string, RuleLevel>;
  /** --unsafe-fixes. */
  unsafeFixes: boolean;
  /** --config FILE (absolute): used instead of the nearest .go-dockerfile.json. */
  config?: string;
}

export interface FileSettings {
  settings: EngineSettings;
  /** Invalid settings, as messages naming the file and the key: the run exits with status 2. */
  errors: string[];
}

/** Reads the configuration named by --config; a string when it cannot be read. */
async function loadExplicitConfig(file: string): Promise<LoadedConfig | string> {
  try {
    if (!(await fs.stat(file)).isFile()) return 'not a file';
    return { file, ...parseConfig(await fs.readFile(file, 'utf8')) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : err instanceof Error ? err.message : String(err);
  }
}

/**
 * @param dockerfile absolute path, or undefined for standard input (the configuration is then looked
 *   for from the current directory)
 */
export async function settingsForFile(dockerfile: string | undefined, cwd: string, cli: CliSettings): Promise<FileSettings> {
  const errors: string[] = [];
  const loaded = cli.config !== undefined ? await loadExplicitConfig(cli.config) : await loadConfig(dockerfile ? path.dirname(dockerfile) : cwd);
  const config = typeof loaded === 'string' ? undefined : loaded;
  if (typeof loaded === 'string') errors.push(`--config ${path.relative(cwd, cli.config as string) || cli.config}: ${loaded}`);
  if (config) {
    const rel = path.relative(cwd, config.file) || config.file;
    for (const p of config.problems) errors.push(`${rel}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
  }
  const fromCli = normalizeSettings({ rules: cli.rules });
  for (const p of fromCli.problems) errors.push(`command line: ${p.key}: ${p.message}`);
  const settings = mergeSettings(config?.settings ?? {}, { rules: fromCli.settings.rules }, cli.unsafeFixes ? { unsafeFixes: true } : {});
  return { settings, errors };
}
