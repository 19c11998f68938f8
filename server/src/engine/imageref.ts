// Parsing of image references: [registry/]path[:tag][@digest].

export interface ImageRef {
  /** The reference as resolved (after ARG expansion). */
  text: string;
  registry?: string;
  /** Repository path as written without registry, tag or digest (e.g. "library/golang" stays as is). */
  path: string;
  /** Canonical name used by the knowledge base: docker.io and library/ prefixes removed. */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(text: string): ImageRef | null {
  const t = text.trim();
  if (t === '' || /\s/.test(t)) return null;
  let rest = t;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  if (rest === '' || !/^[a-z0-9][a-z0-9._\-/]*$/.test(rest)) return null;
  return { text: t, registry, path: rest, name: canonicalName(registry, rest), tag, digest };
}

function canonicalName(registry: string | undefined, path: string): string {
  const dockerHub = registry === undefined || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  let p = path;
  if (dockerHub) return p.startsWith('library/') ? p.slice('library/'.length) : p;
  // Mirrors of Docker Hub official images: mirror.gcr.io/library/golang, public.ecr.aws/docker/library/golang.
  const lib = p.lastIndexOf('library/');
  if (lib >= 0 && !p.slice(lib + 8).includes('/')) return p.slice(lib + 8);
  p = `${registry}/${p}`;
  return p;
}

/** Reference text with a new tag (keeps registry and path exactly as written, drops the digest only when asked). */
export function withTag(ref: ImageRef, tag: string): string {
  const base = ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  return `${base}:${tag}${ref.digest ? `@${ref.digest}` : ''}`;
}
