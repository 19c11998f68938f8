// .dockerignore parsing and matching, following moby/patternmatcher (ignorefile.ReadAll and
// PatternMatcher.MatchesOrParentMatches) as used by BuildKit:
// - a line is a comment only when "#" is its very first character;
// - patterns are trimmed, cleaned like filepath.Clean and anchored at the context root
//   (a leading "/" is dropped);
// - "*" and "?" stay within one path segment, "[...]" is a character class, "\" escapes,
//   "**" spans any number of segments;
// - "!" re-includes; the last matching pattern wins;
// - a pattern that matches a parent directory matches everything below it.

import * as path from 'node:path';
import type { DockerignoreFile, DockerignorePattern } from '../engine/facts';

export function parseDockerignore(text: string, file = '.dockerignore'): DockerignoreFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  const endsWithNewline = body.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const patterns: DockerignorePattern[] = [];
  lines.forEach((raw, idx) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#')) return;
    let p = line.trim();
    if (p === '') return;
    let negate = false;
    if (p.startsWith('!')) {
      negate = true;
      p = p.slice(1).trim();
    }
    patterns.push({ pattern: p, negate, line: idx + 1 });
  });
  return { file, patterns, lineCount: body === '' ? 0 : lines.length, endsWithNewline };
}

/** filepath.Clean for slash paths: no "." or empty segments, ".." folded, no trailing "/". */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  let n = path.posix.normalize(p);
  if (n.length > 1 && n.endsWith('/')) n = n.slice(0, -1);
  return n;
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp' | 'bad';

interface Compiled {
  source: DockerignorePattern;
  negate: boolean;
  cleaned: string;
  type: MatchType;
  re?: RegExp;
}

const ESCAPE = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** Cleaned pattern as BuildKit stores it (ReadAll then New). */
export function cleanPattern(pattern: string): string {
  let p = cleanPath(pattern);
  if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
  return p;
}

function compile(source: DockerignorePattern): Compiled {
  const cleaned = cleanPattern(source.pattern);
  const chars = Array.from(cleaned);
  let re = '^';
  let type: MatchType = 'exact';
  let i = 0;
  for (let iter = 0; i < chars.length; iter++) {
    const ch = chars[i++];
    if (ch === '*') {
      if (chars[i] === '*') {
        i++;
        if (chars[i] === '/') i++;
        if (i >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (iter === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (ESCAPE.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (i < chars.length) {
        re += `\\${chars[i++]}`;
        type = 'regexp';
      } else {
        re += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else {
      re += ch; // like BuildKit, other regexp metacharacters (e.g. ^) pass through
    }
  }
  const out: Compiled = { source, negate: source.negate, cleaned, type };
  if (!validGlob(cleaned)) {
    out.type = 'bad'; // BuildKit rejects the whole file; we just never match this line
  } else if (type === 'regexp') {
    try {
      out.re = new RegExp(`${re}$`);
    } catch {
      out.type = 'bad';
    }
  }
  return out;
}

/** filepath.Match syntax check: character classes must be closed and non-empty. */
function validGlob(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      if (i >= p.length) return false;
    } else if (p[i] === '[') {
      let j = i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') return false;
      while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
      if (j >= p.length) return false;
      i = j;
    }
  }
  return true;
}

function matchOne(c: Compiled, file: string): boolean {
  switch (c.type) {
    case 'exact':
      return file === c.cleaned;
    case 'prefix':
      return file.startsWith(c.cleaned.slice(0, -2));
    case 'suffix': {
      const suffix = c.cleaned.slice(2);
      if (file.endsWith(suffix)) return true;
      return suffix.startsWith('/') && file === suffix.slice(1);
    }
    case 'regexp':
      return c.re !== undefined && c.re.test(file);
    default:
      return false;
  }
}

const compiledCache = new WeakMap<readonly DockerignorePattern[], Compiled[]>();

function compiledFor(patterns: readonly DockerignorePattern[]): Compiled[] {
  let c = compiledCache.get(patterns);
  if (!c) {
    c = patterns.filter((p) => p.pattern !== '').map(compile);
    compiledCache.set(patterns, c);
  }
  return c;
}

/**
 * The pattern that decides `relPath` (the last one that matched it or a parent), when the
 * result is "ignored"; undefined when the path is sent to the builder. Useful for diagnostics
 * that point at the .dockerignore line.
 */
export function ignoredBy(file: DockerignoreFile | readonly DockerignorePattern[], relPath: string): DockerignorePattern | undefined {
  const patterns = Array.isArray(file) ? (file as readonly DockerignorePattern[]) : (file as DockerignoreFile).patterns;
  const target = cleanPath(relPath.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/^\/+/, ''));
  if (target === '.' || target === '' || target.startsWith('../')) return undefined;
  const parent = path.posix.dirname(target);
  const parentDirs = parent === '.' ? [] : parent.split('/');
  let matched = false;
  let decider: DockerignorePattern | undefined;
  for (const c of compiledFor(patterns)) {
    // Inclusion patterns only matter while unmatched, exclusions only once matched.
    if (c.negate !== matched) continue;
    let m = matchOne(c, target);
    for (let i = 1; !m && i <= parentDirs.length; i++) m = matchOne(c, parentDirs.slice(0, i).join('/'));
    if (m) {
      matched = !c.negate;
      decider = c.source;
    }
  }
  return matched ? decider : undefined;
}

/** True when Docker leaves `relPath` (file or directory, relative to the context) out of the context. */
export function isIgnored(file: DockerignoreFile | readonly DockerignorePattern[], relPath: string): boolean {
  return ignoredBy(file, relPath) !== undefined;
}
