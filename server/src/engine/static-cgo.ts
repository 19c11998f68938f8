// A fully static cgo link: what the GD001/GD013 fixes and the generator (--cgo-link static) add, and
// whether the workspace allows it. Static glibc cannot load NSS modules or other shared objects at
// run time, so the Go side gets netgo/osusergo (both always, as go-sqlite3's static recipe does: a
// later `import "net"` must not bring NSS back) and the C side must not need them (staticBlockers).
import type { StaticBlocker, WorkspaceFacts } from './facts';

/** The -ldflags words of a fully static cgo link. */
export const STATIC_CGO_LDFLAGS = '-linkmode external -extldflags "-static"';

/** The build tags of a static cgo link; go-sqlite3 also drops its extension loader (dlopen). */
export function staticCgoTags(facts: WorkspaceFacts | undefined): string[] {
  const tags = ['netgo', 'osusergo'];
  if (facts?.cgo.reasons.some((r) => r.module === 'github.com/mattn/go-sqlite3')) tags.push('sqlite_omit_load_extension');
  return tags;
}

/** The first thing in the workspace's C code that a static binary cannot do, if any. */
export function staticCgoBlocker(facts: WorkspaceFacts | undefined): StaticBlocker | undefined {
  return facts?.cgo.staticBlockers[0];
}
