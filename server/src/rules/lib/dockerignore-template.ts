// The .dockerignore GD022 proposes for a Go build (CATALOGUE GD022 quick-fix), adjusted to the
// workspace: never an entry that would drop what the build needs (go:embed files, go.mod/go.sum,
// vendor/ when vendoring, *_test.go), `.git` kept when the build stamps VCS data, go.work kept when
// the Dockerfile uses it on purpose. Pure text generation: the engine's Fix has no target-file
// field yet, so these functions produce the text; `appendEdit` is the edit a file-aware Fix would
// carry (see the GD022 report for the wiring).
import type { DockerignoreFile, DockerignorePattern, WorkspaceFacts } from '../../engine/facts';
import { globMatch, hasGlob } from '../../engine/paths';
import type { TextEdit } from '../../engine/types';
import { ignoredBy } from '../../workspace/dockerignore';

export interface TemplateOptions {
  /** The build needs `.git` (VCS stamping with -buildvcs=true, git commands): do not exclude it. */
  keepGit?: boolean;
  /** The Dockerfile copies go.work on purpose: do not exclude it. */
  keepGoWork?: boolean;
}

interface Entry {
  pattern: string;
  /** Paths that show whether an existing file already excludes what this entry excludes. */
  probes: string[];
}

const GROUPS: { comment: string; entries: Entry[] }[] = [
  { comment: '# VCS and tooling', entries: [{ pattern: '.git', probes: ['.git'] }, { pattern: '.github', probes: ['.github'] }, { pattern: '.vscode', probes: ['.vscode'] }, { pattern: '.idea', probes: ['.idea'] }] },
  { comment: '# build outputs', entries: [{ pattern: 'bin/', probes: ['bin'] }, { pattern: 'dist/', probes: ['dist'] }, { pattern: '**/*.test', probes: ['app.test', 'cmd/app/app.test'] }, { pattern: 'coverage.out', probes: ['coverage.out'] }] },
  { comment: '# local env / secrets', entries: [{ pattern: '.env*', probes: ['.env', '.env.local'] }, { pattern: '**/*.pem', probes: ['key.pem', 'certs/key.pem'] }] },
  { comment: '# docker', entries: [{ pattern: 'Dockerfile*', probes: ['Dockerfile'] }, { pattern: '.dockerignore', probes: ['.dockerignore'] }] },
  { comment: '# go workspace (see GD015)', entries: [{ pattern: 'go.work', probes: ['go.work'] }, { pattern: 'go.work.sum', probes: ['go.work.sum'] }] },
];

function pattern(p: string, line: number): DockerignorePattern {
  return { pattern: p, negate: false, line };
}

/** Workspace paths a Go build needs in its context. */
export function neededPaths(facts: WorkspaceFacts): string[] {
  const out = new Set<string>();
  if (facts.module?.dir === '') out.add('go.mod');
  if (facts.goSum) out.add('go.sum');
  if (facts.vendor) out.add('vendor/modules.txt');
  for (const p of embeddedPaths(facts)) out.add(p);
  for (const e of facts.entries) if (e.endsWith('.go')) out.add(e);
  return [...out];
}

/** The embed pattern as a workspace-relative glob ("all:" dropped). */
export function embedGlob(e: { dir: string; pattern: string }): string {
  const p = e.pattern.replace(/^all:/, '').replace(/\/+$/, '');
  return e.dir === '' ? p : `${e.dir}/${p}`;
}

/** embeddedFiles per facts object and glob: every file of a package names the same patterns. */
const embeddedMemo = new WeakMap<WorkspaceFacts, Map<string, string[]>>();

/** Workspace files a //go:embed pattern names (files below a matched directory included). */
export function embeddedFiles(facts: WorkspaceFacts, e: { dir: string; pattern: string }): string[] {
  const glob = embedGlob(e);
  let byGlob = embeddedMemo.get(facts);
  if (!byGlob) embeddedMemo.set(facts, (byGlob = new Map()));
  let files = byGlob.get(glob);
  if (!files) {
    files = matchEmbedGlob(facts, glob);
    byGlob.set(glob, files);
  }
  return files;
}

/** The workspace's files and, per depth, each file's leading path of that many segments (computed once). */
interface FileIndex {
  files: string[];
  parts: string[][];
  byDepth: Map<number, { prefixes: string[]; unique: string[] }>;
}

const fileIndexes = new WeakMap<WorkspaceFacts, FileIndex>();

function prefixesAt(facts: WorkspaceFacts, depth: number): { files: string[]; prefixes: string[]; unique: string[] } {
  let idx = fileIndexes.get(facts);
  if (!idx) {
    const files = facts.entries.filter((x) => !x.endsWith('/'));
    idx = { files, parts: files.map((f) => f.split('/')), byDepth: new Map() };
    fileIndexes.set(facts, idx);
  }
  let d = idx.byDepth.get(depth);
  if (!d) {
    const prefixes = idx.parts.map((p) => (p.length >= depth ? p.slice(0, depth).join('/') : ''));
    d = { prefixes, unique: [...new Set(prefixes)].filter((p) => p !== '') };
    idx.byDepth.set(depth, d);
  }
  return { files: idx.files, ...d };
}

function matchEmbedGlob(facts: WorkspaceFacts, glob: string): string[] {
  const test = (prefix: string): boolean => (hasGlob(glob) ? globMatch(glob, prefix) : prefix === glob);
  if (glob.includes('**')) {
    return facts.entries.filter((x) => !x.endsWith('/')).filter((f) => {
      const parts = f.split('/');
      for (let i = parts.length; i >= 1; i--) if (test(parts.slice(0, i).join('/'))) return true;
      return false;
    });
  }
  // `*`, `?` and `[…]` stay within a segment: only the leading path with as many segments as the glob can
  // match, so each distinct leading path is tested once.
  const { files, prefixes, unique } = prefixesAt(facts, glob.split('/').length);
  const matched = new Set(unique.filter(test));
  return matched.size === 0 ? [] : files.filter((_, i) => matched.has(prefixes[i] as string));
}

function embeddedPaths(facts: WorkspaceFacts): string[] {
  const out: string[] = [];
  for (const e of facts.embeds) {
    const files = embeddedFiles(facts, e);
    out.push(...(files.length > 0 ? files : hasGlob(embedGlob(e)) ? [] : [embedGlob(e)]));
  }
  return out;
}

function wanted(facts: WorkspaceFacts, opts: TemplateOptions): { comment: string; entries: Entry[] }[] {
  const needed = neededPaths(facts);
  return GROUPS.map((g) => ({
    comment: g.comment,
    entries: g.entries.filter((e) => {
      if (opts.keepGit && e.pattern === '.git') return false;
      if (opts.keepGoWork && e.pattern.startsWith('go.work')) return false;
      // Never an entry that would drop something the build needs (go:embed files, go.sum, …).
      return !needed.some((p) => ignoredBy([pattern(e.pattern, 1)], p) !== undefined);
    }),
  })).filter((g) => g.entries.length > 0);
}

/** The lines of a new .dockerignore for this workspace, with group comments. */
export function dockerignoreTemplate(facts: WorkspaceFacts, opts: TemplateOptions = {}): string[] {
  return wanted(facts, opts).flatMap((g) => [g.comment, ...g.entries.map((e) => e.pattern)]);
}

/**
 * The template entries an existing file does not already cover, to append (never reordering what
 * is there). An entry is dropped when appending it would leave out a path the build needs that the
 * file currently keeps (e.g. after a `!` re-include).
 */
export function missingEntries(facts: WorkspaceFacts, file: DockerignoreFile, opts: TemplateOptions = {}): string[] {
  const needed = neededPaths(facts).filter((p) => ignoredBy(file, p) === undefined);
  const out: string[] = [];
  for (const g of wanted(facts, opts)) {
    for (const e of g.entries) {
      if (e.probes.every((p) => ignoredBy(file, p) !== undefined)) continue;
      const after = [...file.patterns, pattern(e.pattern, file.lineCount + 1)];
      if (needed.some((p) => ignoredBy(after, p) !== undefined)) continue;
      out.push(e.pattern);
    }
  }
  return out;
}

/** The text of a new .dockerignore. */
export function createText(lines: string[], eol = '\n'): string {
  return lines.map((l) => l + eol).join('');
}

/**
 * The edit that appends lines to an existing .dockerignore (0-based positions in that file). A
 * character past the end of the last line is clamped to the line end by LSP clients and by
 * SourceText.offsetAt, so the edit does not need the last line's length.
 */
export function appendEdit(file: DockerignoreFile, lines: string[], eol = '\n'): TextEdit {
  if (file.lineCount === 0) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: createText(lines, eol) };
  if (file.endsWithNewline) {
    const pos = { line: file.lineCount, character: 0 };
    return { range: { start: pos, end: pos }, newText: createText(lines, eol) };
  }
  const pos = { line: file.lineCount - 1, character: Number.MAX_SAFE_INTEGER };
  return { range: { start: pos, end: pos }, newText: eol + createText(lines, eol) };
}
