// Go version arithmetic for GD008: go.mod/go.work `go` and `toolchain` lines against golang image tags.
import { LATEST, type GoVersion } from '../../engine/images';

/** A full Go version (go.mod semantics: "1.21" means 1.21.0; rc/beta sort before the release). */
export interface FullVersion {
  major: number;
  minor: number;
  patch: number;
  /** "rc1", "beta2" */
  pre?: string;
  /** As written, without a "go" prefix. */
  text: string;
  /** The patch was written out. */
  hasPatch: boolean;
}

export function parseFullVersion(s: string | undefined): FullVersion | undefined {
  if (!s) return undefined;
  const t = s.trim().replace(/^go/, '');
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/.exec(t);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] !== undefined ? Number(m[3]) : 0, pre: m[4], text: t, hasPatch: m[3] !== undefined };
}

function preRank(pre: string | undefined): number {
  if (!pre) return Number.POSITIVE_INFINITY;
  const m = /^(beta|rc)(\d+)$/.exec(pre);
  if (!m) return 0;
  return (m[1] === 'rc' ? 1000 : 0) + Number(m[2]);
}

export function compareFull(a: FullVersion, b: FullVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || Math.sign(preRank(a.pre) - preRank(b.pre)) || 0;
}

export function maxVersion(vs: (FullVersion | undefined)[]): FullVersion | undefined {
  let best: FullVersion | undefined;
  for (const v of vs) if (v && (!best || compareFull(v, best) > 0)) best = v;
  return best;
}

export function minorText(v: { major: number; minor: number }): string {
  return `${v.major}.${v.minor}`;
}

/** How an image version compares with a required version. */
export type Verdict =
  /** Certainly older (minor, or the patch written in the tag, or a pre-release). */
  | 'older'
  /** The tag tracks the newest patch, and the newest patch go-dockerfile knows is older than required. */
  | 'older-known-patch'
  | 'ok'
  /** A newer minor than required. */
  | 'newer';

/**
 * Compares the version of a golang image tag with a required version. A tag without a patch
 * (`golang:1.26`) tracks the newest 1.26.x, so only major.minor count unless the required patch is
 * newer than the newest patch the knowledge base knows.
 */
export function compareImage(image: GoVersion, req: FullVersion): Verdict {
  if (image.major !== req.major) return image.major < req.major ? 'older' : 'newer';
  if (image.minor < 0) return 'ok';
  if (image.minor !== req.minor) return image.minor < req.minor ? 'older' : 'newer';
  if (image.pre) {
    if (!req.pre) return 'older';
    return preRank(image.pre) < preRank(req.pre) ? 'older' : 'ok';
  }
  if (image.patch !== undefined) return image.patch < req.patch ? 'older' : 'ok';
  const latest = LATEST.goPatches[minorText(req)];
  if (latest !== undefined && req.patch > latest) return 'older-known-patch';
  return 'ok';
}

/** Text of an image version for messages: "1.24", "1.26.1", "1.27rc1". */
export function imageVersionText(v: GoVersion): string {
  return `${v.major}${v.minor >= 0 ? `.${v.minor}` : ''}${v.patch !== undefined ? `.${v.patch}` : ''}${v.pre ?? ''}`;
}

/** The version to write into a tag that must satisfy `req`, keeping the precision of the old tag. */
export function replacementVersion(old: GoVersion, req: FullVersion, forcePatch: boolean): string {
  if ((old.patch !== undefined || forcePatch) && req.hasPatch) return `${minorText(req)}.${req.patch}${req.pre ?? ''}`;
  if (old.pre && req.pre) return `${minorText(req)}${req.pre}`;
  return minorText(req);
}

/** The version prefix of a tag ("1.24" in "1.24-alpine3.20"), as in images.parseGoVersion. */
export function tagVersionPrefix(tag: string): string | undefined {
  return /^(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:rc|beta)\d+)?(?=-|$)/.exec(tag)?.[0];
}

export type ToolchainMode = { kind: 'local'; value: string } | { kind: 'download'; value: string; version?: FullVersion };

/** What a GOTOOLCHAIN value does when the local Go is too old. */
export function toolchainMode(value: string | undefined): ToolchainMode {
  const v = (value ?? 'local').trim();
  if (v === '' || v === 'local' || v === 'path') return { kind: 'local', value: v || 'local' };
  const base = v.replace(/\+(auto|path)$/, '');
  if (v.endsWith('+path') && base === 'local') return { kind: 'local', value: v };
  return { kind: 'download', value: v, version: parseFullVersion(base) };
}
