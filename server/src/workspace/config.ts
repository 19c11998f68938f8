// Finds and reads .go-dockerfile.json upward from a Dockerfile (the only I/O of configuration).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, type ParsedConfig } from '../engine/config';

export interface LoadedConfig extends ParsedConfig {
  /** Absolute path of the configuration file. */
  file: string;
}

/** The nearest .go-dockerfile.json in `startDir` or above it, not above `stopAt` when given. */
export async function findConfigFile(startDir: string, stopAt?: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    try {
      const st = await fs.stat(candidate);
      if (st.isFile()) return candidate;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir || (stop !== undefined && dir === stop)) return undefined;
    dir = parent;
  }
}

export async function loadConfig(startDir: string, stopAt?: string): Promise<LoadedConfig | undefined> {
  const file = await findConfigFile(startDir, stopAt);
  if (!file) return undefined;
  const st = await fs.stat(file);
  if (st.size > 1024 * 1024) {
    return { file, settings: {}, problems: [{ key: '', message: 'configuration file larger than 1 MiB: ignored', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  return { file, ...parseConfig(await fs.readFile(file, 'utf8')) };
}
