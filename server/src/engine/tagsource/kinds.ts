// Which files GD007b reads for the tags of the images a project builds (CATALOGUE GD007b).
// Paths are workspace-relative with forward slashes (a bare file name works for root files).

export type TagSourceKind = 'makefile' | 'shell' | 'compose' | 'bake' | 'github' | 'gitlab';

const MAKEFILE = /^(GNUmakefile|makefile|Makefile|.+\.mk)$/;
const COMPOSE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/;
const BAKE = /^docker-bake(\.[\w-]+)*\.hcl$/;

/** The kind of a tag source by its (workspace-relative or absolute) path, or undefined. */
export function tagSourceKind(file: string): TagSourceKind | undefined {
  const p = file.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (MAKEFILE.test(base)) return 'makefile';
  if (base.endsWith('.sh')) return 'shell';
  if (COMPOSE.test(base)) return 'compose';
  if (BAKE.test(base)) return 'bake';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github';
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml') return 'gitlab';
  return undefined;
}
