// Fix helpers shared by several rules: which runtime image suits a binary (CATALOGUE GD002 matrix,
// GENERATOR §3.2), and the small edits on a go command (CGO_ENABLED=0, -o /out/<bin>).
import { insertAt, kw } from '../../engine/edits';
import { LATEST, RUNTIME_IMAGES } from '../../engine/images';
import { goFlag } from '../../engine/model/gocmd';
import type { GoCommand, Model, Stage } from '../../engine/model/types';
import type { EngineSettings } from '../../engine/settings';
import type { TextEdit } from '../../engine/types';

export interface RuntimeChoice {
  image: string;
  /** What the image offers, for fix titles: "distroless static", "scratch", "alpine". */
  label: string;
  libc: 'none' | 'glibc' | 'musl';
}

/**
 * The runtime image for a binary built in `builder`: static binaries go on distroless static (or the
 * preferred scratch/alpine), cgo binaries on a runtime with the builder's libc and Debian release.
 */
export function chooseRuntime(model: Model, builder: Stage, dynamic: boolean, settings: EngineSettings, needsShell: boolean): RuntimeChoice {
  if (dynamic) {
    if (builder.info.libc === 'musl') return { image: RUNTIME_IMAGES.alpine(builder.info.alpine ?? LATEST.alpine), label: `alpine ${builder.info.alpine ?? LATEST.alpine}, musl like the builder`, libc: 'musl' };
    const debian = builder.info.debian ?? LATEST.debian;
    if (needsShell) return { image: `debian:${debianName(debian)}-slim`, label: `debian ${debianName(debian)}-slim, glibc like the builder`, libc: 'glibc' };
    const cxx = model.facts?.cgo.cxx === true;
    return {
      image: cxx ? RUNTIME_IMAGES.distrolessCc(debian) : RUNTIME_IMAGES.distrolessBase(debian),
      label: `distroless ${cxx ? 'cc' : 'base'}-debian${debian}, glibc like the builder`,
      libc: 'glibc',
    };
  }
  if (needsShell || settings.runtime === 'alpine') return { image: RUNTIME_IMAGES.alpine(), label: 'alpine', libc: 'musl' };
  if (settings.runtime === 'scratch') return { image: RUNTIME_IMAGES.scratch(), label: 'scratch', libc: 'none' };
  return { image: RUNTIME_IMAGES.distrolessStatic(), label: 'distroless static', libc: 'none' };
}

function debianName(n: number): string {
  return ({ 11: 'bullseye', 12: 'bookworm', 13: 'trixie', 14: 'forky' } as Record<number, string>)[n] ?? 'trixie';
}

/** Sets CGO_ENABLED=0 on the command itself (inside heredocs and continuations too). */
export function cgoOffInline(cmd: GoCommand): TextEdit | undefined {
  if (cmd.run.form === 'exec') return undefined;
  const existing = cmd.inline.get('CGO_ENABLED');
  if (existing) return { range: existing.word.range, newText: 'CGO_ENABLED=0' };
  // Lead the other assignments (CGO_ENABLED=0 GOARCH=… go build), or go right before the go word.
  const at = cmd.command.assigns.length > 0 ? cmd.command.range.start : cmd.goWord.range.start;
  return insertAt(at, 'CGO_ENABLED=0 ');
}

/** `ENV CGO_ENABLED=0` on the line after the stage's FROM. */
export function cgoOffEnv(model: Model, stage: Stage): TextEdit {
  const from = stage.from;
  const line = from.range.end.line;
  const end = { line, character: model.src.lineText(line).length };
  const indent = model.src.indentOf(from.range.start.line).replace(/^\ufeff/, '');
  return insertAt(end, `${model.src.eol}${indent}${kw(model, 'ENV')} CGO_ENABLED=0`);
}

/** Makes a go build write to `path` (rewrites -o, adds it, or turns `go install` into `go build -o`). */
export function setOutput(cmd: GoCommand, path: string): TextEdit[] | undefined {
  if (cmd.run.form === 'exec') return undefined;
  const sub = cmd.subWords[cmd.subWords.length - 1];
  if (!sub) return undefined;
  if (cmd.sub === 'install') return [{ range: sub.range, newText: `build -o ${path}` }];
  const o = goFlag(cmd, 'o');
  if (o) return [{ range: o.range, newText: `-o ${path}` }];
  return [insertAt(sub.range.end, ` -o ${path}`)];
}
