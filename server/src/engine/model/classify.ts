// Is this a Go Dockerfile? (CATALOGUE §0.1) The Dockerfile's own signals come first, workspace
// facts second; a file that neither builds nor packages Go gets no finding at all.
import { basename } from '../paths';
import { buildsLocalCode } from './gocmd';
import type { GoClass, Model } from './types';

const GO_MODULE_FILES = /(^|\/)go\.(mod|sum|work)(\*)?$|(^|\/)go\.\*$/;

function hasBuildSignal(model: Model): boolean {
  if (model.stages.some((s) => !s.parent && s.info.go === true)) return true;
  for (const g of model.goCommands) {
    if (g.xx || buildsLocalCode(g) || g.sub === 'mod download' || g.sub === 'mod vendor' || g.sub === 'test' || g.sub === 'vet' || g.sub === 'generate') return true;
  }
  for (const c of model.copies) {
    if (!c.from && c.sources.some((s) => GO_MODULE_FILES.test(s.value))) return true;
  }
  for (const r of model.runs) {
    for (const m of r.mounts) {
      if (m.type === 'cache' && m.target && (/^\/go\/pkg\/mod\/?$/.test(m.target) || /go-build\/?$/.test(m.target))) return true;
      if (m.type === 'bind' && m.source && GO_MODULE_FILES.test(m.source)) return true;
    }
  }
  return false;
}

/**
 * A snippet that copies from a builder stage it does not define (`COPY --from=build /out/app /app`
 * with no `build` stage): the runtime part of a multi-stage Go build (EDGE_CASES "partial snippets").
 * A complete file cannot do this: BuildKit would try to pull an image named "build".
 */
export function namesMissingBuilder(from: string): boolean {
  return /^(build|builder|go-?build(er)?|compiler?)$/i.test(from);
}

function copiesFromMissingBuilder(model: Model): boolean {
  return model.copies.some((c) => c.from && !c.from.stage && namesMissingBuilder(c.from.value));
}

function isRuntimeOnly(model: Model): boolean {
  if (copiesFromMissingBuilder(model)) return true;
  const facts = model.facts;
  if (!facts) return false;
  const file = model.dockerfilePath ?? 'Dockerfile';
  if (facts.release.goreleaser?.dockerfiles.includes(file)) return true;
  if (facts.release.ko) return true;
  if (!facts.module || facts.module.dir !== '') return false;
  const last = model.stages[model.stages.length - 1];
  if (!last) return false;
  const binaries = new Set(facts.mainPackages.map((m) => m.binary));
  return last.copies.some((c) => !c.from && c.sources.some((s) => binaries.has(basename(s.value))));
}

export function classify(model: Model): GoClass {
  if (hasBuildSignal(model)) return 'go-build';
  if (isRuntimeOnly(model)) return 'go-runtime-only';
  if (model.goCommands.length > 0 || model.onbuildRuns.some((r) => r.goCommands.length > 0)) return 'go-tooling';
  return 'not-go';
}
