// go.mod and go.work parsers: pure functions on text, following the lexical rules of
// golang.org/x/mod/modfile (line comments, quoted tokens, `verb ( ... )` blocks).

import * as path from 'node:path';
import type { GoModule, GoRequire, GoWork, SourceLocation } from '../engine/facts';

/** A require with the line it was declared on (an extra, serialisable field beyond GoRequire). */
export interface GoRequireWithLoc extends GoRequire {
  loc: SourceLocation;
}

export interface ParsedGoModule extends GoModule {
  requires: GoRequireWithLoc[];
}

export interface ParseGoModOptions {
  /** Directory of this go.mod relative to the scan root ("" for the root; may start with "../"). */
  dir?: string;
  /** Workspace-relative path used in locations (default: dir + "/go.mod"). */
  file?: string;
}

interface Statement {
  verb: string;
  args: string[];
  comment: string;
  line: number;
}

/** Splits one line into tokens and its trailing `//` comment. */
function lexLine(raw: string): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && raw[i + 1] === '/') {
      return { tokens, comment: raw.slice(i).trim() };
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '=' && raw[i + 1] === '>') {
      tokens.push('=>');
      i += 2;
    } else if (c === '"') {
      let j = i + 1;
      let val = '';
      while (j < n && raw[j] !== '"') {
        if (raw[j] === '\\' && j + 1 < n) j++;
        val += raw[j];
        j++;
      }
      tokens.push(val);
      i = j + 1;
    } else if (c === '`') {
      const j = raw.indexOf('`', i + 1);
      const end = j < 0 ? n : j;
      tokens.push(raw.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < n && !/[\s()"`]/.test(raw[j]) && !(raw[j] === '=' && raw[j + 1] === '>') && !(raw[j] === '/' && raw[j + 1] === '/')) j++;
      tokens.push(raw.slice(i, j));
      i = j;
    }
  }
  return { tokens, comment: '' };
}

function statements(text: string): Statement[] {
  const out: Statement[] = [];
  let block: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, idx) => {
    const { tokens, comment } = lexLine(raw);
    const line = idx + 1;
    if (tokens.length === 0) return;
    if (block !== undefined) {
      if (tokens[0] === ')') {
        block = undefined;
      } else {
        out.push({ verb: block, args: tokens, comment, line });
      }
      return;
    }
    if (tokens[1] === '(') {
      if (tokens[2] !== ')') block = tokens[0];
      return;
    }
    out.push({ verb: tokens[0], args: tokens.slice(1), comment, line });
  });
  return out;
}

/** modfile.IsDirectoryPath: every path syntax, Unix and Windows, since go.mod files travel. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' || p === '..' ||
    p.startsWith('./') || p.startsWith('.\\') || p.startsWith('../') || p.startsWith('..\\') ||
    isAbsoluteModPath(p)
  );
}

function isAbsoluteModPath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}

/** Normalises a relative path: forward slashes, no "./", no trailing "/", "" for the root itself. */
export function normalizeRel(p: string): string {
  let n = path.posix.normalize(p.replace(/\\/g, '/'));
  if (n.length > 1 && n.endsWith('/')) n = n.slice(0, -1);
  if (n === '.' || n === './') return '';
  return n.startsWith('./') ? n.slice(2) : n;
}

export function isOutside(relDir: string): boolean {
  return relDir === '..' || relDir.startsWith('../');
}

/** Resolves a directory named in go.mod/go.work (relative to `baseDir`) against the scan root. */
export function resolveLocalDir(baseDir: string, target: string): { dir: string; outsideContext: boolean } {
  if (isAbsoluteModPath(target)) {
    // A host path can never exist inside the image's build context.
    return { dir: target.replace(/\\/g, '/'), outsideContext: true };
  }
  const dir = normalizeRel(path.posix.join(baseDir || '.', target.replace(/\\/g, '/')));
  return { dir, outsideContext: isOutside(dir) };
}

function isIndirect(comment: string): boolean {
  return /^\/\/\s*indirect\s*(;|$)/.test(comment);
}

export function parseGoMod(text: string, options: ParseGoModOptions = {}): ParsedGoModule {
  const dir = options.dir ?? '';
  const file = options.file ?? (dir ? `${dir}/go.mod` : 'go.mod');
  const mod: ParsedGoModule = { dir, path: '', requires: [], replaces: [] };
  for (const st of statements(text)) {
    const loc = { file, line: st.line };
    switch (st.verb) {
      case 'module':
        if (st.args[0] !== undefined) mod.path = st.args[0];
        break;
      case 'go':
        if (st.args[0] !== undefined) {
          mod.goVersion = st.args[0];
          mod.goLoc = loc;
        }
        break;
      case 'toolchain':
        if (st.args[0] !== undefined) {
          mod.toolchain = st.args[0].replace(/^go/, '');
          mod.toolchainLoc = loc;
        }
        break;
      case 'require':
        if (st.args.length >= 2) {
          mod.requires.push({ path: st.args[0], version: st.args[1], indirect: isIndirect(st.comment), loc });
        }
        break;
      case 'replace': {
        const arrow = st.args.indexOf('=>');
        if (arrow < 1 || arrow + 1 >= st.args.length) break;
        const from = st.args[0];
        const to = st.args[arrow + 1];
        const local = isDirectoryPath(to);
        mod.replaces.push({
          from,
          ...(arrow >= 2 ? { fromVersion: st.args[1] } : {}),
          to,
          ...(!local && st.args[arrow + 2] !== undefined ? { toVersion: st.args[arrow + 2] } : {}),
          local,
          ...(local ? resolveLocalDir(dir, to) : {}),
          loc,
        });
        break;
      }
      default:
        break;
    }
  }
  return mod;
}

/**
 * Parses go.work. `use` directories are resolved relative to the go.work file's directory and
 * then expressed relative to the scan root ("" for the root itself, "../x" outside it).
 */
export function parseGoWork(text: string, file = 'go.work'): GoWork {
  const baseDir = normalizeRel(path.posix.dirname(file));
  const work: GoWork = { file, use: [] };
  for (const st of statements(text)) {
    if (st.verb === 'go' && st.args[0] !== undefined) {
      work.goVersion = st.args[0];
    } else if (st.verb === 'use' && st.args[0] !== undefined) {
      const { dir, outsideContext } = resolveLocalDir(baseDir, st.args[0]);
      work.use.push({ dir, outsideContext, loc: { file, line: st.line } });
    }
  }
  return work;
}
