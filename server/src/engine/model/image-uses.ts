// Every base image reference of a file (FROM and COPY --from=<image>) with where a fix may rewrite
// it: the FROM argument itself, or the default of the global ARG the whole reference is made of.
import type { ImageRef } from '../imageref';
import type { Range } from '../types';
import { namesMissingBuilder } from './classify';
import { globalArg } from './env';
import type { Model, Stage } from './types';

export interface ImageUse {
  ref: ImageRef;
  range: Range;
  /** The FROM of this stage; undefined for COPY --from=<image>. */
  stage?: Stage;
  /** The global ARG whose default gives the reference. */
  viaArg?: string;
  /** Where a rewritten reference goes; undefined when it cannot be rewritten in one place. */
  editRange?: Range;
}

const WHOLE_VAR = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

/** Where to write a new image for a stage: the FROM argument, or the default of the ARG it is made of. */
export function imageEditRange(model: Model, stage: Stage): Range | undefined {
  if (stage.imageVars.length === 0) return stage.imageRange;
  const name = stage.imageVars.find((v) => globalArg(model, v)?.value !== undefined);
  return WHOLE_VAR.test(stage.imageText) && name ? globalArg(model, name)?.valueRange : undefined;
}

const memo = new WeakMap<Model, ImageUse[]>();

/**
 * Image references after ARG substitution. Skipped: stage names, scratch, `${VAR}` without a default
 * (it comes from --build-arg), and a COPY --from naming a builder stage the snippet does not define.
 */
export function imageUses(model: Model): ImageUse[] {
  const cached = memo.get(model);
  if (cached) return cached;
  const out: ImageUse[] = [];
  for (const s of model.stages) {
    if (s.parent || !s.ref || s.ref.name === 'scratch' || s.imageUnknownVars.length > 0) continue;
    const viaArg = s.imageVars.find((v) => globalArg(model, v)?.value !== undefined);
    out.push({ ref: s.ref, range: s.imageRange, stage: s, viaArg, editRange: imageEditRange(model, s) });
  }
  for (const c of model.copies) {
    if (!c.from?.ref || c.from.stage || namesMissingBuilder(c.from.value)) continue;
    out.push({ ref: c.from.ref, range: c.from.range, editRange: c.from.raw === c.from.value ? c.from.range : undefined });
  }
  memo.set(model, out);
  return out;
}
