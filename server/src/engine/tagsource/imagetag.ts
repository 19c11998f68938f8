// The tag of an image name as written in a build command or a config file: `app`, `app:latest`,
// `registry:5000/team/app:1.2`, `$(IMAGE):latest`, `app:${VERSION}`.

export type TagState =
  /** `name:latest` */
  | 'latest'
  /** `name` without a tag: Docker tags it `latest` */
  | 'none'
  /** a concrete tag or a digest */
  | 'pinned'
  /** the tag (or the whole reference) comes from a variable: unknown here */
  | 'unknown';

export interface ImageTag {
  /** The reference without its tag (may hold a variable). */
  name: string;
  tag?: string;
  state: TagState;
  /** Index in the reference where `:tag` starts (the colon), or the end when there is no tag. */
  tagStart: number;
}

/** True when `s` holds a shell, make, compose, bake or CI variable expansion. */
export function hasExpansion(s: string): boolean {
  return /\$[({A-Za-z_]/.test(s);
}

/** Index of the tag colon: the last `:` after the last `/`, outside `$(…)`, `${…}` and `${{ … }}`. */
function tagColon(ref: string): number {
  let depth = 0;
  let colon = -1;
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i];
    if (c === '$' && (ref[i + 1] === '(' || ref[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === '(' || c === '{') && depth > 0) depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && c === '/') colon = -1;
    else if (depth === 0 && c === ':') colon = i;
  }
  return colon;
}

export function imageTag(ref: string): ImageTag {
  if (ref.includes('@')) return { name: ref, state: 'pinned', tagStart: ref.length };
  const colon = tagColon(ref);
  if (colon < 0) {
    // `$(IMAGE)` may well carry its own tag.
    return { name: ref, state: hasExpansion(ref) ? 'unknown' : 'none', tagStart: ref.length };
  }
  const name = ref.slice(0, colon);
  const tag = ref.slice(colon + 1);
  const state: TagState = hasExpansion(tag) ? 'unknown' : tag === 'latest' ? 'latest' : 'pinned';
  return { name, tag, state, tagStart: colon };
}
