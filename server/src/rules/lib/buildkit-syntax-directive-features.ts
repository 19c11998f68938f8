// BuildKit-only Dockerfile syntax (GD037): which features an instruction uses, the Dockerfile
// frontend release each one needs (stable and labs channels, from the Dockerfile release notes),
// and what a `# syntax=` value selects.
import { parseImageRef } from '../../engine/imageref';
import type { InstructionNode } from '../../engine/instruction';
import { parseMount } from '../../engine/model/runs';
import type { Model } from '../../engine/model/types';
import type { Range } from '../../engine/types';

/** A frontend version as [major, minor]. */
export type Version = [number, number];

export interface Feature {
  label: string;
  stable: Version;
  labs: Version;
}

export const FEATURES = {
  mount: { label: 'RUN --mount', stable: [1, 2], labs: [1, 0] },
  secretEnv: { label: 'RUN --mount=type=secret,env=', stable: [1, 10], labs: [1, 10] },
  heredoc: { label: 'heredoc', stable: [1, 4], labs: [1, 3] },
  chmod: { label: '--chmod', stable: [1, 2], labs: [1, 2] },
  chmodSymbolic: { label: '--chmod with a non-octal mode', stable: [1, 14], labs: [1, 11] },
  link: { label: '--link', stable: [1, 4], labs: [1, 4] },
  checksum: { label: 'ADD --checksum', stable: [1, 6], labs: [1, 5] },
  exclude: { label: '--exclude', stable: [1, 19], labs: [1, 7] },
  parents: { label: 'COPY --parents', stable: [1, 20], labs: [1, 7] },
  onbuildFrom: { label: 'ONBUILD COPY --from', stable: [1, 11], labs: [1, 11] },
} satisfies Record<string, Feature>;

/** Features newer than this need a frontend that Docker Engines of the last years do not all bundle. */
export const BUNDLED_BASELINE: Version = [1, 11];

export interface Use {
  feature: Feature;
  range: Range;
  node: InstructionNode;
}

export function newer(a: Version, b: Version): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

export function fmt(v: Version): string {
  return `${v[0]}.${v[1]}`;
}

function nodeUses(node: InstructionNode, onbuild: boolean): Use[] {
  const out: Use[] = [];
  const add = (feature: Feature, range: Range) => out.push({ feature, range, node });
  for (const f of node.flags) {
    const name = f.name.toLowerCase();
    if (node.keyword === 'RUN' && name === 'mount') {
      add(FEATURES.mount, f.range);
      const m = parseMount(f);
      if (m.type === 'secret' && m.options.env !== undefined) add(FEATURES.secretEnv, f.range);
    }
    if (node.keyword !== 'COPY' && node.keyword !== 'ADD') continue;
    if (name === 'chmod') add(/^[0-7]+$/.test(f.value ?? '') || (f.value ?? '').includes('$') ? FEATURES.chmod : FEATURES.chmodSymbolic, f.range);
    if (name === 'link') add(FEATURES.link, f.range);
    if (name === 'exclude') add(FEATURES.exclude, f.range);
    if (name === 'parents' && node.keyword === 'COPY') add(FEATURES.parents, f.range);
    if (name === 'checksum' && node.keyword === 'ADD') add(FEATURES.checksum, f.range);
    if (name === 'from' && onbuild) add(FEATURES.onbuildFrom, f.range);
  }
  for (const h of node.heredocs) add(FEATURES.heredoc, h.markerRange);
  return out;
}

/** Every BuildKit-only feature the file uses, in document order. */
export function featureUses(model: Model): Use[] {
  const out: Use[] = [];
  for (const n of model.instructions) out.push(...nodeUses(n, false));
  for (const n of model.onbuild) out.push(...nodeUses(n, true));
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export interface Frontend {
  /** False for another frontend than docker/dockerfile (then the rule says nothing). */
  dockerfile: boolean;
  labs: boolean;
  /** Undefined for the newest 1.x (`:1`, `:latest`, `:labs`, `:master`, no tag). */
  version?: Version;
  /** The repository part as written (`docker/dockerfile`, `docker.io/docker/dockerfile`), and the tag and digest. */
  repo: string;
  tag?: string;
  digest?: string;
}

/** What `# syntax=<value>` selects. */
export function parseFrontend(value: string): Frontend {
  const ref = parseImageRef(value);
  const repo = ref ? (ref.registry ? `${ref.registry}/${ref.path}` : ref.path) : value.trim();
  const tag = ref?.tag;
  const digest = ref?.digest;
  const dockerfile = /^((docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?docker\/dockerfile(-upstream)?$/.test(repo);
  const t = (tag ?? 'latest').toLowerCase();
  const labs = /labs|experimental/.test(t);
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)?/.exec(t);
  let version: Version | undefined;
  if (m && m[2] !== undefined) version = [Number(m[1]), Number(m[2])];
  else if (m && Number(m[1]) !== 1) version = [Number(m[1]), 0];
  else if (t === 'experimental') version = [1, 2];
  return { dockerfile, labs, version, repo, tag, digest };
}

/** The first release that has the feature on the frontend's channel. */
export function needed(feature: Feature, labs: boolean): Version {
  return labs ? feature.labs : feature.stable;
}
