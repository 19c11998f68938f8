// Is a built binary statically or dynamically linked? (CATALOGUE GD003 detection step 2)
import type { Libc } from '../images';
import { cgoState, forcesStaticLink, type CgoState } from './goenv';
import type { GoCommand, Model } from './types';

export interface Linkage {
  kind: 'static' | 'dynamic' | 'unknown';
  /** False when "dynamic" rests on an assumption (no workspace facts: most Go programs import net). */
  certain: boolean;
  cgo: CgoState;
  builderLibc?: Libc;
  /** Why, for messages: "gcc is installed and the program imports net". */
  reason: string;
}

export function linkage(model: Model, cmd: GoCommand): Linkage {
  const cgo = cgoState(model, cmd);
  const builderLibc = cmd.run.stage.info.libc;
  if (cgo.mode === 'off') return { kind: 'static', certain: true, cgo, builderLibc, reason: 'cgo is off' };
  if (cgo.mode === 'unknown') return { kind: 'unknown', certain: false, cgo, builderLibc, reason: 'the builder image is unknown' };
  if (forcesStaticLink(model, cmd)) return { kind: 'static', certain: true, cgo, builderLibc, reason: 'the build links statically' };
  const why = cgo.setting?.value === '1' ? 'CGO_ENABLED=1' : cgo.mode === 'mixed' ? 'cgo is on for the native platform' : `cgo is on by default (${cgo.cc ? 'a C compiler is installed' : 'CGO_ENABLED is set'})`;
  const facts = model.facts;
  if (facts) {
    if (facts.cgo.required) return { kind: 'dynamic', certain: true, cgo, builderLibc, reason: `${why} and the program requires cgo` };
    if (facts.imports.net || facts.imports.osUser) {
      return { kind: 'dynamic', certain: true, cgo, builderLibc, reason: `${why} and the program imports ${facts.imports.net ? 'net' : 'os/user'}` };
    }
    // net may still come in through a dependency the scan cannot see.
    if (facts.module && facts.module.requires.length > 0) {
      return { kind: 'dynamic', certain: false, cgo, builderLibc, reason: `${why}, and the program's dependencies may import net (net/http does), which links libc dynamically` };
    }
    return { kind: 'static', certain: !facts.limits.capped, cgo, builderLibc, reason: 'nothing in the program links libc' };
  }
  return { kind: 'dynamic', certain: false, cgo, builderLibc, reason: `${why}, so a program that imports net (net/http does) links libc dynamically` };
}
