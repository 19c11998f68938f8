// GD022: the .dockerignore is missing or wrong for a Go build: the whole context goes in with .git,
// secrets and local build outputs, or patterns drop files //go:embed or `go test` need. go.mod /
// go.sum exclusions belong to GD014 and vendor/ to GD027; explicit COPY sources that are ignored
// are BuildKit's CopyIgnoredFile.
import type { DockerignorePattern, EmbedPattern, WorkspaceFacts } from '../engine/facts';
import { contextPlacements, isWholeContext, landing, type Placement } from '../engine/model/context-files';
import { goFlag } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import { stageChain } from '../engine/model/env';
import { runtimeTargets } from '../engine/model/queries';
import type { Model } from '../engine/model/types';
import { hasGlob } from '../engine/paths';
import type { DockerignoreFile } from '../engine/facts';
import type { Fix, RelatedInfo, Severity, TextEdit } from '../engine/types';
import { ignoreView, lineRange, patternRange, patternText, type IgnoreView } from './lib/dockerignore-match';
import { appendEdit, createText, dockerignoreTemplate, embedGlob, embeddedFiles, missingEntries, neededPaths, type TemplateOptions } from './lib/dockerignore-template';

/** Inserts a line right after a pattern line of the ignore file. */
function insertAfterLine(file: DockerignoreFile, line: number, text: string): TextEdit {
  if (line >= file.lineCount && !file.endsWithNewline) {
    const pos = { line: line - 1, character: Number.MAX_SAFE_INTEGER };
    return { file: file.file, range: { start: pos, end: pos }, newText: `\n${text}` };
  }
  const pos = { line, character: 0 };
  return { file: file.file, range: { start: pos, end: pos }, newText: `${text}\n` };
}
import { BUILD_ONLY, defineRule, type Report } from './types';

/** The build reads VCS data: -buildvcs=true, or git commands after the source copy. */
function needsVcs(model: Model): boolean {
  for (const g of model.goCommands) {
    const v = goFlag(g, 'buildvcs')?.value ?? /(?:^|\s)-buildvcs=(\S+)/.exec(goEnv(model, g, 'GOFLAGS')?.value ?? '')?.[1];
    if (v === 'true') return true;
  }
  return model.runs.some((r) => r.commands.some((c) => c.words[0]?.value === 'git' && ['describe', 'rev-parse', 'log', 'status', 'show'].includes(c.words[1]?.value ?? '')));
}

function options(model: Model, all: Placement[]): TemplateOptions {
  const keepGoWork = all.some((p) => p.sources.some((s) => s.path === 'go.work')) || model.goCommands.some((g) => {
    const v = goEnv(model, g, 'GOWORK')?.value;
    return v !== undefined && v !== '' && v !== 'off' && v !== 'auto';
  });
  return { keepGit: needsVcs(model), keepGoWork };
}

const SECRET = /(^|\/)\.env($|[.-])|\.(pem|key|p12|pfx)$|(^|\/)id_(rsa|ed25519|ecdsa)$/;
const ARTIFACT = /^(bin|dist)\/$|(^|\/)[^/]+\.test$|(^|\/)coverage\.(out|txt|html)$/;

interface Exposure {
  git: boolean;
  secrets: string[];
  artifacts: string[];
}

function exposure(facts: WorkspaceFacts, ign: IgnoreView, opts: TemplateOptions): Exposure {
  const needed = neededPaths(facts);
  const kept = (e: string): boolean => !ign.ignored(e.replace(/\/$/, '')) && !needed.some((n) => n === e || (e.endsWith('/') && n.startsWith(e)));
  const git = !opts.keepGit && facts.entries.some((e) => e === '.git/' || e === '.git') && kept('.git');
  const secrets = facts.entries.filter((e) => !e.endsWith('/') && SECRET.test(e) && !/\.(example|sample|template|dist)$/.test(e) && kept(e));
  const artifacts = facts.entries.filter((e) => ARTIFACT.test(e) && kept(e));
  return { git, secrets, artifacts };
}

function list(xs: string[], max = 4): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;
}

function contextFindings(model: Model, facts: WorkspaceFacts, ign: IgnoreView, whole: Placement, opts: TemplateOptions): Report[] {
  const ex = exposure(facts, ign, opts);
  const parts: string[] = [];
  if (ex.git) parts.push('.git (every commit invalidates this layer, the history ships in the builder, and VCS stamping can fail with `error obtaining VCS status`)');
  if (ex.secrets.length > 0) parts.push(`secrets (${list(ex.secrets)})`);
  if (ex.artifacts.length > 0) parts.push(`local build outputs (${list(ex.artifacts)})`);
  const severity: Severity = ex.git || ex.secrets.length > 0 ? 'warning' : 'info';
  const copy = `the ${whole.kind === 'bind' ? 'bind mount of the context' : `${whole.copy?.keyword ?? 'COPY'} of the whole context`} (line ${whole.node.range.start.line + 1})`;
  if (!ign.file) {
    const lines = dockerignoreTemplate(facts, opts).filter((l) => !l.startsWith('#'));
    const why = parts.length > 0 ? `, including ${parts.join('; ')}` : '';
    const create: Fix = {
      title: 'Create a .dockerignore for this Go project',
      safety: 'unsafe',
      edits: [{ file: '.dockerignore', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: createText(dockerignoreTemplate(facts, opts)) }],
    };
    return [{
      range: whole.node.range,
      severity,
      message: `There is no .dockerignore (neither at the context root nor ${model.dockerfilePath ? `\`${model.dockerfilePath}.dockerignore\`` : '`<Dockerfile>.dockerignore`'}), so ${copy} sends the whole directory${why}. Create one, e.g. with: ${lines.join(', ')}.`,
      fixes: [create],
    }];
  }
  if (parts.length === 0) return [];
  const add = missingEntries(facts, ign.file, opts);
  const fixes: Fix[] = add.length > 0 ? [{ title: `Append ${list(add)} to ${ign.file.file}`, safety: 'unsafe', edits: [{ ...appendEdit(ign.file, add), file: ign.file.file }] }] : [];
  return [{
    range: whole.node.range,
    severity,
    message: `${ign.file.file} does not exclude ${parts.join('; ')}, and ${copy} copies them into the build.${add.length > 0 ? ` Append: ${add.join(', ')}.` : ''}`,
    related: [{ file: ign.file.file, range: lineRange(1), message: 'the ignore file in effect' }],
    fixes,
  }];
}

/** The re-include line that brings an embed pattern's files back. */
function reinclude(e: EmbedPattern): string {
  const glob = embedGlob(e);
  const segs = glob.split('/');
  const k = segs.findIndex((s) => hasGlob(s));
  const literal = k < 0 ? glob : segs.slice(0, k).join('/');
  return `!${literal !== '' && literal !== e.dir ? literal : glob}`;
}

function embedFindings(facts: WorkspaceFacts, ign: IgnoreView, all: Placement[]): Report[] {
  const file = ign.file;
  if (!file) return [];
  const reports: Report[] = [];
  const seen = new Set<string>();
  for (const e of facts.embeds) {
    if (e.loc.file.endsWith('_test.go')) continue;
    const files = embeddedFiles(facts, e);
    const brought = files.filter((f) => all.some((p) => landing(p, f) !== undefined));
    const user = all.find((p) => brought.some((f) => landing(p, f) !== undefined));
    if (!user || brought.length === 0) continue;
    const dropped = brought.filter((f) => ign.ignored(f));
    if (dropped.length === 0) continue;
    const by = ign.by(dropped[0] as string) as DockerignorePattern;
    const key = `${by.line}:${e.loc.file}:${e.pattern}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const allGone = dropped.length === brought.length;
    const where = `${e.loc.file}:${e.loc.line}`;
    const related: RelatedInfo[] = [{ range: user.node.range, message: 'the context is copied here' }, { file: e.loc.file, range: lineRange(e.loc.line), message: `//go:embed ${e.pattern}` }];
    reports.push({
      file: file.file,
      range: patternRange(by),
      severity: allGone ? 'error' : 'warning',
      message: `\`${patternText(by)}\` leaves ${list(dropped, 3)} out of the build context, but \`//go:embed ${e.pattern}\` (${where}) needs ${dropped.length === 1 ? 'it' : 'them'}: ${allGone ? `\`go build\` fails with \`pattern ${e.pattern}: no matching files found\`` : 'the binary silently embeds only part of the files'}. Add \`${reinclude(e)}\` after this line, or remove the pattern.`,
      related,
      fixes: [{ title: `Re-include the embedded files: add \`${reinclude(e)}\` after this line`, safety: 'safe', edits: [insertAfterLine(file, by.line, reinclude(e))] }],
    });
  }
  return reports;
}

function testFindings(model: Model, facts: WorkspaceFacts, ign: IgnoreView, all: Placement[]): Report[] {
  const file = ign.file;
  const test = model.goCommands.find((g) => g.sub === 'test');
  if (!file || !test) return [];
  const tests = facts.entries.filter((e) => e.endsWith('_test.go') && all.some((p) => p.node.index < test.run.node.index && landing(p, e) !== undefined));
  const dropped = tests.filter((t) => ign.ignored(t));
  if (tests.length === 0 || dropped.length === 0) return [];
  const by = ign.by(dropped[0] as string) as DockerignorePattern;
  const allGone = dropped.length === tests.length;
  return [{
    file: file.file,
    range: patternRange(by),
    severity: 'warning',
    message: `\`${patternText(by)}\` leaves ${allGone ? 'every' : `${dropped.length} of ${tests.length}`} _test.go file${dropped.length === 1 ? '' : 's'} out of the build context, but the Dockerfile runs \`go test\` (line ${test.run.node.range.start.line + 1}): ${allGone ? 'it reports "no test files" and passes without testing anything' : 'those tests silently do not run'}. Remove the pattern, or add \`!**/*_test.go\` after it.`,
    related: [{ range: test.command.range, message: 'go test runs here' }],
    fixes: [{ title: 'Re-include the test files: add `!**/*_test.go` after this line', safety: 'safe', edits: [insertAfterLine(file, by.line, '!**/*_test.go')] }],
  }];
}

export default defineRule({
  meta: {
    code: 'GD022',
    name: 'dockerignore-mismatch',
    description: 'The .dockerignore is missing or wrong for a Go build: .git, secrets or build outputs sent, go:embed or test files dropped.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    buildkit: ['CopyIgnoredFile'],
  },
  check({ model, facts }) {
    const all = contextPlacements(model);
    const whole = all.find((p) => isWholeContext(p));
    if (!facts) {
      // Without the workspace the ignore file is unknown: only say something when the context is
      // copied into an image that ships (single-stage builds), where .git and secrets would end up.
      const shipped = runtimeTargets(model).filter((t) => t.lower === 0).flatMap((t) => stageChain(t.stage));
      const inImage = all.find((p) => isWholeContext(p) && p.kind === 'copy' && p.copy !== undefined && shipped.includes(p.copy.stage));
      if (!inImage) return [];
      return [{
        range: inImage.node.range,
        severity: 'hint',
        message: 'The whole build context is copied into the image this Dockerfile ships. go-dockerfile cannot see the workspace here: make sure a .dockerignore keeps .git, secrets (.env*, *.pem) and build outputs (bin/, dist/) out of it, or copy only what the build needs.',
      }];
    }
    const ign = ignoreView(model, facts);
    const opts = options(model, all);
    const reports: Report[] = [];
    if (whole) reports.push(...contextFindings(model, facts, ign, whole, opts));
    reports.push(...embedFindings(facts, ign, all));
    reports.push(...testFindings(model, facts, ign, all));
    return reports;
  },
});
