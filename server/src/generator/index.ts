// "Generate Dockerfile for this Go project" (GENERATOR.md): pure, no I/O, no editor imports.
// generate(facts, options) → Dockerfile, .dockerignore, the decisions behind them and warnings.
import type { WorkspaceFacts } from '../engine/facts';
import { renderDockerignore } from './dockerignore';
import { buildPlan } from './plan';
import { renderRuntimeOnly } from './release';
import { renderDockerfile } from './render';
import { GenerateError, type GenerateOptions, type GenerateResult } from './types';

export { effectiveDockerignore } from './dockerignore';
export { blockingFindings, isAcceptedFinding, projectedFacts, selfCheck } from './selfcheck';
export { normalizeMainOption } from './mains';
export * from './types';

/** GoReleaser builds ./Dockerfile: the runtime-only variant applies (§4.8). */
export function goreleaserBuildsDockerfile(facts: WorkspaceFacts, dockerfilePath = 'Dockerfile'): boolean {
  return facts.release.goreleaser?.dockerfiles.includes(dockerfilePath) ?? false;
}

export function generate(facts: WorkspaceFacts, options: GenerateOptions = {}): GenerateResult {
  const module = facts.module;
  if (!module) throw new GenerateError(`no go.mod found in ${facts.root}: the generator needs a Go module (run \`go mod init\` first)`);
  const warnings: string[] = [];
  if (module.dir !== '') warnings.push(`go.mod is in ${module.dir}/, not at the build context root: run the generator in the module directory.`);
  if (facts.limits.capped) warnings.push(`The workspace scan stopped early (${facts.limits.reason ?? 'size limits'}): some facts may be missing.`);
  const existing = options.existingDockerignore;
  const dockerignoreFile = existing?.file ?? '.dockerignore';

  if ((options.mode ?? 'auto') === 'auto' && goreleaserBuildsDockerfile(facts)) {
    const r = renderRuntimeOnly(facts, options);
    return { dockerfile: r.dockerfile, dockerignore: '', dockerignoreFile, dockerignoreAppend: existing !== undefined, decisions: r.decisions, warnings: [...warnings, ...r.warnings] };
  }
  if (options.mode === 'build' && goreleaserBuildsDockerfile(facts)) {
    warnings.push(`${facts.release.goreleaser?.file} builds ./Dockerfile (dockers/dockers_v2) in a context that holds only the binaries: this Dockerfile, which compiles the source, fails there. Point GoReleaser at another Dockerfile, or generate the runtime-only variant (mode auto).`);
  }
  const { plan, decisions, warnings: planWarnings } = buildPlan(facts, module, options);
  const dockerfile = renderDockerfile(plan, facts);
  const di = renderDockerignore(plan, facts, existing);
  return {
    dockerfile,
    dockerignore: di.text,
    dockerignoreFile,
    dockerignoreAppend: existing !== undefined,
    decisions: [...decisions, ...di.decisions],
    warnings: [...warnings, ...planWarnings],
  };
}

