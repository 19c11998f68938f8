// Knowledge GD034 needs about image publication, kept as data (CATALOGUE §0.4, §S). Update it with
// each release of go-dockerfile; rules never look at the clock, so "past its support date" is the
// state as of KNOWLEDGE_DATE.

/** The date this table describes. */
export const KNOWLEDGE_DATE = '2026-11-27';

export interface DistrolessRelease {
  status: 'deprecated' | 'end-of-support' | 'current';
  /** Human wording of the end of support. */
  until?: string;
}

/**
 * distroless -debianNN releases (GoogleContainerTools/distroless README and SUPPORT_POLICY.md): -debian11 and older
 * "are considered deprecated and are no longer updated"; -debian12 is supported until about September 2026, which
 * is past at KNOWLEDGE_DATE; -debian13 is current.
 */
export const DISTROLESS_DEBIAN: Record<number, DistrolessRelease> = {
  9: { status: 'deprecated' },
  10: { status: 'deprecated' },
  11: { status: 'deprecated' },
  12: { status: 'end-of-support', until: 'about September 2026' },
  13: { status: 'current' },
};

export const DISTROLESS_CURRENT = 13;

/**
 * Alpine variants docker-library/golang publishes for each supported Go minor (versions.json). Older
 * alpine3.X tags of the same Go minor still exist but are frozen at the patch release of the day the
 * variant was dropped. Go minors not listed are not judged.
 */
export const GOLANG_ALPINE_VARIANTS: Record<string, string[]> = {
  '1.26': ['3.24', '3.23'],
  '1.27': ['3.24', '3.23'],
};

/** Tags the free Chainguard tier publishes. */
export const CHAINGUARD_FREE_TAGS = new Set(['latest', 'latest-dev']);

export function alpineOlder(a: string, b: string): boolean {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am < bm || (am === bm && an < bn);
}
