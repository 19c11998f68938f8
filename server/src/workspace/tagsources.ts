// GD007b: the files of a workspace that build and tag its images (Makefiles, scripts, compose,
// bake, CI workflows), found and linted with engine/tagsource. Bounded like the scan: known places
// only, regular files (no symlinks), at most MAX_BYTES each.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFacts } from '../engine/facts';
import type { EngineSettings } from '../engine/settings';
import { lintTagSource, tagSourceKind } from '../engine/tagsource';
import type { Finding } from '../engine/types';

const SCRIPT_DIRS = ['', 'scripts', 'hack', 'build', 'ci'];
const MAX_FILES = 200;
const MAX_BYTES = 1024 * 1024;

async function regularFiles(dir: string): Promise<string[]> {
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** Workspace-relative paths (forward slashes) of the tag sources under `root`, in a stable order. */
export async function findTagSources(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of SCRIPT_DIRS) {
    for (const name of await regularFiles(path.join(root, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      const kind = tagSourceKind(rel);
      // Makefiles, compose and bake files count at the root; scripts in the usual script directories.
      if (kind === 'shell' || (dir === '' && kind !== undefined && kind !== 'github')) out.push(rel);
    }
  }
  for (const name of await regularFiles(path.join(root, '.github', 'workflows'))) {
    if (tagSourceKind(`.github/workflows/${name}`) === 'github') out.push(`.github/workflows/${name}`);
  }
  return out.slice(0, MAX_FILES);
}

export interface TagSourceResult {
  /** Workspace-relative path. */
  file: string;
  text: string;
  findings: Finding[];
}

/** GD007b findings of every tag source of the workspace (files without findings are left out). */
export async function lintWorkspaceTagSources(
  root: string,
  options: { facts?: WorkspaceFacts; settings?: Partial<EngineSettings> } = {},
): Promise<TagSourceResult[]> {
  const out: TagSourceResult[] = [];
  for (const file of await findTagSources(root)) {
    const abs = path.join(root, ...file.split('/'));
    let text: string;
    try {
      if ((await fsp.stat(abs)).size > MAX_BYTES) continue;
      text = await fsp.readFile(abs, 'utf8');
    } catch {
      continue;
    }
    const findings = lintTagSource(file, text, options);
    if (findings.length > 0) out.push({ file, text, findings });
  }
  return out;
}
