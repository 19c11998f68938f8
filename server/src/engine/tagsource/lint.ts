// GD007b on the files that build a project's images (CATALOGUE GD007b): Makefiles, shell scripts,
// compose files, docker-bake.hcl, GitHub Actions workflows and .gitlab-ci.yml. Each file is read
// with a parser for its syntax (yaml's Document API, the HCL reader, the Makefile reader and the
// shell reader); a tag that is only `latest`, or no tag (Docker then uses `latest`), is reported.
// Every fix is checked before it is offered: applied, the file re-read with the same parser, and
// the finding gone.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Scalar, type YAMLMap } from 'yaml';
import untraceableImage from '../../rules/untraceable-image';
import type { WorkspaceFacts } from '../facts';
import { applyEdits } from '../fix';
import { DEFAULT_SETTINGS, type EngineSettings } from '../settings';
import { SourceText } from '../text';
import type { Finding, Fix, FixSafety, Range, Severity, TextEdit } from '../types';
import { buildsIn, spanText, type BuildUse } from './commands';
import { hclResolve, hclVariableDefaults, parseHcl, type HclBlock, type HclString } from './hcl';
import { imageTag, type ImageTag } from './imagetag';
import { tagSourceKind, type TagSourceKind } from './kinds';
import { expandMake, readMakefile } from './makefile';
import { isBlockScalar, scalarText } from './yamltext';

export interface TagSourceOptions {
  facts?: WorkspaceFacts;
  settings?: Partial<EngineSettings>;
}

/** What one tag source tells: whether its parser read it, and the problems it found. */
export interface TagSourceReading {
  kind: TagSourceKind;
  /** Parse problems (a file with problems gets no findings). */
  problems: string[];
  sites: Site[];
}

interface Site {
  range: Range;
  message: string;
  fixes: Fix[];
}

export const VERSION_MAKE_LINE = 'VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)';
export const VERSION_SHELL = '${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}';
export const GITHUB_SHA = '${{ github.sha }}';
export const GITLAB_REF = '${CI_COMMIT_TAG:-$CI_COMMIT_SHORT_SHA}';
export const COMPOSE_VERSION = '${VERSION:-dev}';

const SAFETY: FixSafety = 'unsafe';
/** A variable assignment line: the VERSION line joins such a block without a blank line. */
const MAKE_ASSIGN = /^\s*(?:(?:override|export)\s+)*[A-Za-z_][\w.-]*\s*(?:\?|:|::|\+|!)?=/;

function problemText(t: ImageTag, shown: string): string {
  const why = 'a running container cannot be traced back to the version or commit it was built from, and every build overwrites the last one';
  return t.state === 'none'
    ? `The image ${shown} is built without a tag, so it is tagged "latest" only: ${why}. Tag it with a version or the commit hash (latest can stay as an alias).`
    : `The image ${shown} is tagged "latest" only: ${why}. Tag it with a version or the commit hash as well (latest can stay as an alias).`;
}

const needsTag = (t: ImageTag): boolean => t.state === 'latest' || t.state === 'none';

function edit(src: SourceText, start: number, end: number, newText: string): TextEdit {
  return { range: src.range(start, end), newText };
}

// ---------- shell text (scripts, Makefile recipes, CI run/script lines) ----------

interface ShellFlavour {
  /** The tag expression inserted as a new `-t name:<expr>`. */
  tagFor(name: string): string;
  title(name: string): string;
  /** Extra edits once per file (the Makefile's VERSION line). */
  extra?: TextEdit[];
  /** Expands the file's own variables in a tag value (the Makefile's `IMAGE := app`). */
  expand?: (value: string) => string | undefined;
  /** Show the expanded value in messages (not for placeholders). */
  showExpanded?: boolean;
}

/** The name a new tag goes on: as written when it carries its own tag colon or none at all, else as resolved. */
function nameFor(raw: ImageTag, resolved: ImageTag): string {
  return raw.tag !== undefined || resolved.tag === undefined ? raw.name : resolved.name;
}

function buildSites(builds: BuildUse[], flavour: ShellFlavour): Site[] {
  const sites: Site[] = [];
  for (const b of builds) {
    if (b.tags.length === 0) continue; // no -t at all: an untagged check build (e.g. in CI), not a release
    const read = b.tags.map((t) => {
      const resolved = flavour.expand?.(t.value) ?? t.value;
      return { t, resolved, tag: imageTag(resolved), raw: imageTag(t.value) };
    });
    if (!read.every((r) => needsTag(r.tag))) continue;
    const first = read[0] as (typeof read)[number];
    const names = [...new Set(read.map((r) => nameFor(r.raw, r.tag)))];
    const fixes: Fix[] = [];
    if (names.every((n) => n !== '' && !/[\s'"]/.test(n))) {
      const at = first.t.flag.range.start;
      const inserted = names.map((n) => `-t ${flavour.tagFor(n)} `).join('');
      fixes.push({ title: flavour.title(names.join(', ')), safety: SAFETY, edits: [{ range: { start: at, end: at }, newText: inserted }, ...(flavour.extra ?? [])] });
    }
    const shown = first.resolved === first.t.value || flavour.showExpanded === false ? first.t.value : `${first.t.value} (${first.resolved})`;
    sites.push({ range: first.t.valueRange, message: problemText(first.tag, shown), fixes });
  }
  return sites;
}

function readShell(doc: string, src: SourceText): TagSourceReading {
  const builds = buildsIn(src, spanText(doc, 0, doc.length));
  const flavour: ShellFlavour = {
    tagFor: (n) => `"${n}:${VERSION_SHELL}"`,
    title: (n) => `Also tag ${n} with $VERSION (default: git describe)`,
  };
  return { kind: 'shell', problems: [], sites: buildSites(builds, flavour) };
}

function readMake(doc: string, src: SourceText): TagSourceReading {
  const mk = readMakefile(doc);
  const builds = mk.recipes.flatMap((r) => buildsIn(src, r.text));
  const extra: TextEdit[] = [];
  if (!mk.variables.has('VERSION')) {
    const at = mk.headerEnd < src.lineCount ? mk.headerEnd : src.lineCount - 1;
    const nextLine = at < src.lineCount ? src.lineText(at) : '';
    const eol = doc.includes('\r\n') ? '\r\n' : '\n';
    const pos = { line: at, character: 0 };
    extra.push({ range: { start: pos, end: pos }, newText: `${VERSION_MAKE_LINE}${eol}${nextLine.trim() === '' || MAKE_ASSIGN.test(nextLine) ? '' : eol}` });
  }
  const flavour: ShellFlavour = {
    tagFor: (n) => `${n}:$(VERSION)`,
    title: (n) => `Also tag ${n}:$(VERSION)${extra.length ? ' (VERSION from git describe)' : ''}`,
    extra,
    expand: (v) => expandMake(v, mk.values),
  };
  return { kind: 'makefile', problems: mk.problems, sites: buildSites(builds, flavour) };
}

// ---------- YAML: compose, GitHub Actions, GitLab CI ----------

function yamlDoc(doc: string): { d: Document.Parsed; problems: string[] } {
  const d = parseDocument(doc, { uniqueKeys: false });
  return { d, problems: d.errors.map((e) => e.message) };
}

function pairs(node: unknown): { key: string; value: unknown }[] {
  if (!isMap(node)) return [];
  return (node as YAMLMap).items.map((p) => ({ key: isScalar(p.key) ? String((p.key as Scalar).value) : '', value: p.value }));
}

function get(node: unknown, key: string): unknown {
  return pairs(node).find((p) => p.key === key)?.value;
}

function stringScalar(node: unknown): Scalar | undefined {
  return isScalar(node) && typeof (node as Scalar).value === 'string' ? (node as Scalar) : undefined;
}

function readCompose(doc: string, src: SourceText): TagSourceReading {
  const { d, problems } = yamlDoc(doc);
  const sites: Site[] = [];
  for (const svc of pairs(d.contents && get(d.contents, 'services'))) {
    if (get(svc.value, 'build') === undefined) continue; // an image pulled, not built
    const image = stringScalar(get(svc.value, 'image'));
    if (!image?.range) continue;
    const value = image.value as string;
    const tag = imageTag(value);
    if (!needsTag(tag)) continue;
    const quote = image.type === 'QUOTE_DOUBLE' ? '"' : image.type === 'QUOTE_SINGLE' ? "'" : '';
    const fixes: Fix[] = [{
      title: `Tag ${tag.name} with ${COMPOSE_VERSION}`,
      safety: SAFETY,
      edits: [edit(src, image.range[0], image.range[1], `${quote}${tag.name}:${COMPOSE_VERSION}${quote}`)],
    }];
    sites.push({ range: src.range(image.range[0], image.range[1]), message: problemText(tag, value), fixes });
  }
  return { kind: 'compose', problems, sites };
}

/** Shell scalars of a YAML node: one scalar, or a sequence of them (nested sequences too). */
function shellScalars(node: unknown): Scalar[] {
  if (isSeq(node)) return node.items.flatMap(shellScalars);
  const s = stringScalar(node);
  return s ? [s] : [];
}

function yamlShellSites(doc: string, src: SourceText, scalars: Scalar[], flavour: ShellFlavour): Site[] {
  const sites: Site[] = [];
  for (const s of scalars) {
    const text = scalarText(doc, s);
    if (!text) continue;
    // A double-quoted scalar would need its own escaping: no fix there.
    const quoted = s.type === 'QUOTE_DOUBLE';
    for (const site of buildSites(buildsIn(src, text), flavour)) sites.push(quoted ? { ...site, fixes: [] } : site);
  }
  return sites;
}

/** Entries of a build-push-action `tags:` input (lines, then commas), with offsets. */
function listEntries(doc: string, node: Scalar): { value: string; start: number; end: number }[] {
  const text = scalarText(doc, node);
  if (!text) return [];
  const out: { value: string; start: number; end: number }[] = [];
  const re = /[^,\n]+/g;
  for (const m of text.text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value === '') continue;
    const a = (m.index ?? 0) + lead;
    out.push({ value, start: text.offsets[a] as number, end: (text.offsets[a + value.length - 1] as number) + 1 });
  }
  return out;
}

function readGithub(doc: string, src: SourceText): TagSourceReading {
  const { d, problems } = yamlDoc(doc);
  const sites: Site[] = [];
  const flavour: ShellFlavour = { tagFor: (n) => `${n}:${GITHUB_SHA}`, title: (n) => `Also tag ${n}:${GITHUB_SHA}` };
  for (const job of pairs(d.contents && get(d.contents, 'jobs'))) {
    const steps = get(job.value, 'steps');
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const uses = stringScalar(get(step, 'uses'))?.value as string | undefined;
      if (uses && /^docker\/build-push-action@/.test(uses)) {
        const tags = stringScalar(get(get(step, 'with'), 'tags'));
        if (tags) sites.push(...actionTagSites(doc, src, tags));
      }
      sites.push(...yamlShellSites(doc, src, shellScalars(get(step, 'run')), flavour));
    }
  }
  return { kind: 'github', problems, sites };
}

function actionTagSites(doc: string, src: SourceText, tags: Scalar): Site[] {
  const entries = listEntries(doc, tags).map((e) => ({ ...e, tag: imageTag(e.value) }));
  if (entries.length === 0 || !entries.every((e) => needsTag(e.tag))) return [];
  const names = [...new Set(entries.map((e) => e.tag.name))];
  const last = entries[entries.length - 1] as (typeof entries)[number];
  const first = entries[0] as (typeof entries)[number];
  const fixes: Fix[] = [];
  if (tags.type !== 'QUOTE_DOUBLE' || names.every((n) => !/["\\]/.test(n))) {
    let newText: string;
    if (isBlockScalar(tags)) {
      const line = src.positionAt(last.start);
      const indent = src.lineText(line.line).slice(0, line.character);
      newText = names.map((n) => `\n${/^\s*$/.test(indent) ? indent : ''}${n}:${GITHUB_SHA}`).join('');
    } else {
      newText = names.map((n) => `,${n}:${GITHUB_SHA}`).join('');
    }
    fixes.push({ title: `Also tag ${names.join(', ')}:${GITHUB_SHA}`, safety: SAFETY, edits: [edit(src, last.end, last.end, newText)] });
  }
  const message = `${problemText(first.tag, first.value)} docker/metadata-action can derive semver and sha tags (type=semver, type=sha).`;
  return [{ range: src.range(first.start, first.end), message, fixes }];
}

const SCRIPT_KEYS = new Set(['script', 'before_script', 'after_script']);

function readGitlab(doc: string, src: SourceText): TagSourceReading {
  const { d, problems } = yamlDoc(doc);
  const scalars: Scalar[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 3) return;
    for (const p of pairs(node)) {
      if (SCRIPT_KEYS.has(p.key)) scalars.push(...shellScalars(p.value));
      else if (isMap(p.value)) visit(p.value, depth + 1);
    }
  };
  visit(d.contents, 0);
  const flavour: ShellFlavour = {
    tagFor: (n) => `${n}:${GITLAB_REF}`,
    title: (n) => `Also tag ${n} with the Git tag or short commit SHA`,
    // GitLab's predefined registry image path carries no tag.
    expand: (v) => v.replace(/\$(\{CI_REGISTRY_IMAGE\}|CI_REGISTRY_IMAGE\b)/g, 'ci-registry-image'),
    showExpanded: false,
  };
  return { kind: 'gitlab', problems, sites: yamlShellSites(doc, src, scalars, flavour) };
}

// ---------- docker-bake.hcl ----------

function readBake(doc: string, src: SourceText): TagSourceReading {
  const file = parseHcl(doc);
  const vars = hclVariableDefaults(file.body);
  const sites: Site[] = [];
  const extra: TextEdit[] = [];
  if (!vars.has('VERSION')) {
    const lines = doc.split('\n');
    let at = 0;
    while (at < lines.length && /^\s*(#|\/\/)/.test(lines[at] as string)) at++;
    const eol = doc.includes('\r\n') ? '\r\n' : '\n';
    const blank = (lines[at] ?? '').trim() === '' ? '' : eol;
    const pos = { line: at, character: 0 };
    extra.push({ range: { start: pos, end: pos }, newText: `variable "VERSION" {${eol}  default = "dev"${eol}}${eol}${blank}` });
  }
  const targets = file.body.blocks.filter((b): b is HclBlock => b.type === 'target');
  for (const t of targets) {
    const tags = t.body.attributes.find((a) => a.name === 'tags')?.value;
    if (tags?.kind !== 'list' || tags.items.length === 0) continue;
    if (!tags.items.every((i): i is HclString => i.kind === 'string' && !i.heredoc)) continue;
    const read = tags.items.map((item) => {
      const resolved = hclResolve(item.raw, vars);
      return { item, resolved, tag: resolved === undefined ? undefined : imageTag(resolved) };
    });
    if (!read.every((r) => r.tag !== undefined && needsTag(r.tag))) continue;
    const first = read[0] as (typeof read)[number];
    const names: string[] = [];
    for (const r of read) {
      const name = nameFor(imageTag(r.item.raw), r.tag as ImageTag);
      if (!names.includes(name)) names.push(name);
    }
    const last = read[read.length - 1] as (typeof read)[number];
    const fixes: Fix[] = [{
      title: `Also tag ${names.join(', ')}:\${VERSION}${extra.length ? ' (a VERSION variable)' : ''}`,
      safety: SAFETY,
      edits: [edit(src, last.item.end, last.item.end, names.map((n) => `, "${n}:\${VERSION}"`).join('')), ...extra],
    }];
    const via = first.item.raw === first.resolved ? '' : ` ("${first.item.raw}" with the variable defaults)`;
    sites.push({ range: src.range(first.item.start, first.item.end), message: problemText(first.tag as ImageTag, `${first.resolved as string}${via} of bake target "${t.labels[0] ?? ''}"`), fixes });
  }
  return { kind: 'bake', problems: file.problems.map((p) => `${p.message} at offset ${p.offset}`), sites };
}

// ---------- entry points ----------

const READERS: Record<TagSourceKind, (doc: string, src: SourceText) => TagSourceReading> = {
  makefile: readMake,
  shell: readShell,
  compose: readCompose,
  bake: readBake,
  github: readGithub,
  gitlab: readGitlab,
};

/** Reads a tag source with its parser; undefined when the path is no tag source. */
export function readTagSource(file: string, text: string): TagSourceReading | undefined {
  const kind = tagSourceKind(file);
  if (!kind) return undefined;
  const src = new SourceText(text);
  const r = READERS[kind](text, src);
  return r.problems.length > 0 ? { ...r, sites: [] } : r;
}

/** A fix is offered only when the fixed file still parses and has fewer findings. */
function fixHolds(file: string, text: string, before: number, fix: Fix): boolean {
  const after = readTagSource(file, applyEdits(text, fix.edits));
  return after !== undefined && after.problems.length === 0 && after.sites.length < before;
}

const IGNORE = /#\s*go-dockerfile\s+ignore\s*=\s*(\S+)/i;

function suppressed(src: SourceText, line: number): boolean {
  const ids = [untraceableImage.meta.code.toLowerCase(), untraceableImage.meta.name];
  for (const l of [line, line - 1]) {
    if (l < 0) continue;
    const m = IGNORE.exec(src.lineText(l));
    if (m && (m[1] as string).split(',').some((e) => ids.includes(e.toLowerCase()))) return true;
  }
  return false;
}

/**
 * GD007b findings of one tag source (Makefile, *.sh, compose, bake, workflow, .gitlab-ci.yml):
 * `file` is its workspace-relative path (it decides the syntax). Same Finding shape as lint().
 */
export function lintTagSource(file: string, text: string, options: TagSourceOptions = {}): Finding[] {
  const { meta } = untraceableImage;
  const rules = { ...DEFAULT_SETTINGS.rules, ...options.settings?.rules };
  const level = rules[meta.code] ?? rules[meta.name];
  if (level === 'off') return [];
  const reading = readTagSource(file, text);
  if (!reading) return [];
  const src = new SourceText(text);
  const n = reading.sites.length;
  return reading.sites
    .filter((s) => !suppressed(src, s.range.start.line))
    .map((s) => ({
      code: meta.code,
      name: meta.name,
      severity: (level ?? meta.defaultSeverity) as Severity,
      message: s.message,
      range: s.range,
      fixes: s.fixes.filter((f) => fixHolds(file, text, n, f)),
    }));
}
