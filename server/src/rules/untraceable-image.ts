// GD007b untraceable-image (CATALOGUE GD007, "GD007b (workspace, info)"). Two halves, one code:
// - the tags of the images a project builds live in Makefiles, scripts, compose, bake and CI files:
//   engine/tagsource reports a tag that is only `latest` (or no tag) there, with this rule's meta;
// - inside the Dockerfile (this check): a Go build whose image records no version or commit
//   (no ARG VERSION/COMMIT, no org.opencontainers.image.version/revision label), with a fix that adds
//   them as the generator emits them and, when the code has a `version`/`commit` variable in its
//   main package (workspace fact), passes them to the binary with -ldflags "-X main.<name>=…".
import { fix, insertLinesAfter, insertLinesBefore, kw } from '../engine/edits';
import type { VersionVar } from '../engine/facts';
import { goFlags } from '../engine/model/gocmd';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import type { Fix, TextEdit } from '../engine/types';
import { BUILD_ONLY, defineRule, type Report } from './types';

/** Build arguments that carry a version or a commit into the build. */
const TRACE_ARGS = /^(VERSION|APP_VERSION|BUILD_VERSION|GIT_VERSION|RELEASE|TAG|IMAGE_TAG|COMMIT|GIT_COMMIT|COMMIT_SHA|GIT_SHA|GITHUB_SHA|VCS_REF|REVISION|GIT_REVISION|SOURCE_COMMIT)$/i;
const TRACE_LABEL = /org\.opencontainers\.image\.(version|revision)|org\.label-schema\.(version|vcs-ref)/;

function traced(model: Model): boolean {
  if (model.globalArgs.some((a) => TRACE_ARGS.test(a.name))) return true;
  return model.stages.some((s) => s.args.some((a) => TRACE_ARGS.test(a.name)) || s.instructions.some((n) => n.keyword === 'LABEL' && TRACE_LABEL.test(n.args.text)));
}

/** The package directory a go build argument names, relative to the module root ("" for "."). */
function pkgDir(arg: string): string {
  return arg.replace(/^\.\/?/, '').replace(/\/\.\.\.$/, '').replace(/\/$/, '');
}

function varsFor(cmd: GoCommand, vars: VersionVar[], mains: number): VersionVar[] {
  const dirs = cmd.packages.map((p) => pkgDir(p.value));
  const byDir = vars.filter((v) => (dirs.length === 0 ? v.dir === '' : dirs.includes(v.dir)));
  if (byDir.length > 0 || mains !== 1) return byDir;
  return vars; // one main package: the build builds it (the WORKDIR may differ from the module root)
}

/** -X assignments for the variables, and the edit that adds them to the go command. */
function ldflagsEdit(cmd: GoCommand, vars: VersionVar[]): TextEdit | undefined {
  const xs = vars.map((v) => `-X main.${v.name}=\${${v.role === 'commit' ? 'COMMIT' : 'VERSION'}}`).join(' ');
  const flags = goFlags(cmd, 'ldflags');
  if (flags.length > 1) return undefined;
  const flag = flags[0];
  if (!flag) {
    const after = (cmd.subWords[cmd.subWords.length - 1] ?? cmd.goWord).range.end;
    return { range: { start: after, end: after }, newText: ` -ldflags="${xs}"` };
  }
  const word = flag.valueWord ?? flag.words[flag.words.length - 1];
  // Only a double-quoted value on one line: the shell expands ${VERSION} there.
  if (!word || !word.raw.endsWith('"') || word.range.start.line !== word.range.end.line || !/"/.test(word.raw.slice(0, -1))) return undefined;
  const at = { line: word.range.end.line, character: word.range.end.character - 1 };
  return { range: { start: at, end: at }, newText: `${(flag.value ?? '').trim() === '' ? '' : ' '}${xs}` };
}

/** Indices of `stage` and every stage it reads from (FROM, COPY --from, mounts), transitively. */
function stagesBehind(model: Model, stage: Stage): Set<number> {
  const seen = new Set<number>();
  const todo = [stage.index];
  while (todo.length > 0) {
    const i = todo.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const d of model.stages[i]?.deps ?? []) todo.push(d);
  }
  return seen;
}

function labelLines(model: Model): string[] {
  return [
    `${kw(model, 'ARG')} VERSION=dev`,
    `${kw(model, 'ARG')} COMMIT=unknown`,
    // As the generator writes them: one label per line, continued with the file's escape character.
    `${kw(model, 'LABEL')} org.opencontainers.image.version="\${VERSION}" ${model.escape}`,
    `      org.opencontainers.image.revision="\${COMMIT}"`,
  ];
}

export default defineRule({
  meta: {
    code: 'GD007b',
    name: 'untraceable-image',
    description: 'The images the project builds cannot be traced to a version: tagged only latest (or untagged) in Makefiles, scripts, compose, bake or CI, or built with no version or commit inside.',
    defaultSeverity: 'info',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }): Report[] {
    if (model.onbuild.length > 0 || traced(model)) return [];
    const builds = model.goCommands.filter((c) => (c.sub === 'build' || c.sub === 'install') && !c.packages.some((p) => p.value.includes('@')));
    const final = model.stages[model.stages.length - 1] as Stage | undefined;
    // The build that feeds the final image: the last one in a stage the final stage depends on.
    const feeding = final ? stagesBehind(model, final) : new Set<number>();
    const build = builds.filter((c) => feeding.has(c.run.stage.index)).pop();
    if (!final || !build) return [];
    const labels = insertLinesAfter(model, final.from, labelLines(model));
    const fixes: Fix[] = [fix('Add ARG VERSION/COMMIT and the OCI version/revision labels to the final stage', 'unsafe', [labels])];
    const vars = facts ? varsFor(build, facts.versionVars, facts.mainPackages.length) : [];
    const ld = vars.length > 0 ? ldflagsEdit(build, vars) : undefined;
    if (ld) {
      const buildStage = build.run.stage;
      const needed = [...new Set(vars.map((v) => (v.role === 'commit' ? 'COMMIT=unknown' : 'VERSION=dev')))];
      const edits = [ld];
      if (buildStage === final) {
        edits.push(labels);
      } else {
        edits.push(insertLinesBefore(model, build.run.node, needed.map((a) => `${kw(model, 'ARG')} ${a}`)), labels);
      }
      const names = vars.map((v) => `main.${v.name}`).join(', ');
      fixes.push(fix(`Also set ${names} with -ldflags -X from those build arguments`, 'unsafe', edits));
    }
    const where = vars.length > 0
      ? ` The code has ${vars.map((v) => `${v.name} (${v.loc.file}:${v.loc.line})`).join(', ')}, which go build can set with -ldflags "-X main.${(vars[0] as VersionVar).name}=…".`
      : '';
    return [{
      range: { start: final.from.range.start, end: final.imageRange.end },
      message: `The image records no version or commit: no ARG VERSION/COMMIT and no org.opencontainers.image.version/revision label, so a running container cannot be traced back to its source.${where} Pass them with --build-arg VERSION=$(git describe --tags --always) --build-arg COMMIT=$(git rev-parse HEAD).`,
      fixes,
    }];
  },
});
