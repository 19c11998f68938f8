// The rule registry: every rule, in code order. A rule is added here, with its doc page and test.
import binaryNotStatic from './binary-not-static';
import consecutiveRuntimeRuns from './consecutive-runtime-runs';
import devProdMixed from './dev-prod-mixed';
import heavyRuntimeBase from './heavy-runtime-base';
import moduleDownloadNotCached from './module-download-not-cached';
import toolchainInFinalImage from './toolchain-in-final-image';
import type { Rule } from './types';
import unpinnedBaseImage from './unpinned-base-image';

export const RULES: readonly Rule[] = [
  toolchainInFinalImage, // GD001
  heavyRuntimeBase, // GD002
  binaryNotStatic, // GD003
  moduleDownloadNotCached, // GD004
  consecutiveRuntimeRuns, // GD005
  devProdMixed, // GD006
  unpinnedBaseImage, // GD007
];

const byId = new Map<string, Rule>();
for (const r of RULES) {
  byId.set(r.meta.code.toLowerCase(), r);
  byId.set(r.meta.name.toLowerCase(), r);
}

/** A rule by code (any case) or kebab-case name. */
export function ruleByCodeOrName(id: string): Rule | undefined {
  return byId.get(id.trim().toLowerCase());
}
