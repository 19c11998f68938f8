// Self-check (GENERATOR §5.1): lint the generated Dockerfile with the workspace facts as they will be once
// the files are written. Any error or warning is a generator bug; GD034(a) (no digest pin) is the only
// finding the generator accepts, as an explicit choice.
import type { WorkspaceFacts } from '../engine/facts';
import { lint } from '../engine/lint';
import type { Finding } from '../engine/types';
import { mergedDockerignore } from './dockerignore';
import type { GenerateResult } from './types';

/** The facts after writing Dockerfile and .dockerignore. */
export function projectedFacts(result: GenerateResult, facts: WorkspaceFacts): WorkspaceFacts {
  const file = result.dockerignoreFile;
  const existing = facts.dockerignores.find((d) => d.file === file);
  let dockerignores = facts.dockerignores;
  if (result.dockerignore !== '' || existing) {
    const merged = mergedDockerignore(result.dockerignoreAppend ? existing : undefined, result.dockerignore, file);
    dockerignores = [...facts.dockerignores.filter((d) => d.file !== file), merged];
  }
  const entries = [...facts.entries];
  for (const f of ['Dockerfile', file]) if (!entries.includes(f)) entries.push(f);
  return { ...facts, dockerignores, entries };
}

/** Findings of our own rules on the generated Dockerfile. */
export function selfCheck(result: GenerateResult, facts: WorkspaceFacts): Finding[] {
  return lint(result.dockerfile, { facts: projectedFacts(result, facts), dockerfilePath: 'Dockerfile' });
}

/** True for the one finding the generator accepts (GD034(a): base images not pinned by digest). */
export function isAcceptedFinding(f: Finding): boolean {
  return f.code === 'GD034' && /digest/i.test(f.message) && (f.severity === 'info' || f.severity === 'hint');
}

/** Errors and warnings: generator bugs. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}
