// Edits that turn a Go builder stage into a native cross-compiling one (GD032 fixes, the GD011 recipe):
// ARG TARGETOS / ARG TARGETARCH after the FROM (two lines: dockerfile-ast misreads the one-line form,
// EDGE_CASES EC16), and GOOS=$TARGETOS GOARCH=$TARGETARCH on every go build of the stage.
import { insertAt, insertLinesAfter, kw } from '../../engine/edits';
import { buildsLocalCode } from '../../engine/model/gocmd';
import { cgoState, goEnv, referencesPlatformArg } from '../../engine/model/goenv';
import type { GoCommand, Model, Stage } from '../../engine/model/types';
import type { TextEdit } from '../../engine/types';

export function stageBuilds(stage: Stage): GoCommand[] {
  return stage.runs.flatMap((r) => r.goCommands.filter(buildsLocalCode));
}

/** A Go builder: the stage compiles code of the build context. */
export function isGoBuilder(stage: Stage): boolean {
  return stageBuilds(stage).length > 0;
}

/**
 * Edits so that every build of `stage` targets $TARGETOS/$TARGETARCH; undefined when a build cannot be
 * rewritten (exec form, GOARCH from ENV). With `cgoOff`, builds that leave CGO_ENABLED unset get
 * CGO_ENABLED=0 so that every platform gets the same static binary.
 */
export function crossCompileEdits(model: Model, stage: Stage, cgoOff: boolean): TextEdit[] | undefined {
  const builds = stageBuilds(stage);
  const edits: TextEdit[] = [];
  const needed = new Set<string>();
  for (const cmd of builds) {
    if (cmd.xx) {
      needed.add('TARGETPLATFORM');
      continue;
    }
    if (cmd.run.form === 'exec' || cmd.command.subshells.some((id) => id < 0)) return undefined;
    const arch = goEnv(model, cmd, 'GOARCH');
    const setCgo = cgoOff && cgoState(model, cmd).setting === undefined ? 'CGO_ENABLED=0 ' : '';
    if (!arch) {
      const os = goEnv(model, cmd, 'GOOS') ? '' : 'GOOS=$TARGETOS ';
      if (os) needed.add('TARGETOS');
      needed.add('TARGETARCH');
      edits.push(insertAt(cmd.goWord.range.start, `${setCgo}${os}GOARCH=$TARGETARCH `));
      continue;
    }
    if (referencesPlatformArg(model, cmd, 'GOARCH') === 'TARGETARCH') {
      needed.add('TARGETARCH');
      continue;
    }
    const inline = cmd.inline.get('GOARCH');
    if (arch.source !== 'inline' || !inline) return undefined;
    needed.add('TARGETARCH');
    edits.push({ range: inline.word.range, newText: 'GOARCH=$TARGETARCH' });
    if (setCgo) edits.push(insertAt(cmd.goWord.range.start, setCgo));
  }
  const first = builds[0]?.run.node.index ?? Number.POSITIVE_INFINITY;
  const lines = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH']
    .filter((n) => needed.has(n) && !stage.args.some((a) => a.name === n && a.node.index < first))
    .map((n) => `${kw(model, 'ARG')} ${n}`);
  if (lines.length > 0) edits.push(insertLinesAfter(model, stage.from, lines));
  return edits;
}
