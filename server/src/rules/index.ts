// The rule registry: every rule, in code order. A rule is added here, with its doc page and test.
import addInsteadOfCopy from './add-instead-of-copy';
import artifactPathMismatch from './artifact-path-mismatch';
import binaryNotStatic from './binary-not-static';
import buildProducesNoBinary from './build-produces-no-binary';
import builderGoTooOld from './builder-go-too-old';
import buildkitSyntaxDirective from './buildkit-syntax-directive';
import cgoNeedsUnmet from './cgo-needs-unmet';
import checksumProtectionDisabled from './checksum-protection-disabled';
import consecutiveRuntimeRuns from './consecutive-runtime-runs';
import crossCompileWrongArch from './cross-compile-wrong-arch';
import devProdMixed from './dev-prod-mixed';
import dockerignoreMismatch from './dockerignore-mismatch';
import goCacheMounts from './go-cache-mounts';
import goModRewriteInBuild from './go-mod-rewrite-in-build';
import goStageWithoutWorkdir from './go-stage-without-workdir';
import goSumCopyMismatch from './go-sum-copy-mismatch';
import healthcheckCannotRun from './healthcheck-cannot-run';
import heavyRuntimeBase from './heavy-runtime-base';
import moduleDownloadNotCached from './module-download-not-cached';
import moduleLayoutOutsideContext from './module-layout-outside-context';
import obsoleteGoFlags from './obsolete-go-flags';
import packageManagerHygiene from './package-manager-hygiene';
import platformFlagMisuse from './platform-flag-misuse';
import privateModuleSecrets from './private-module-secrets';
import productionBuildFlags from './production-build-flags';
import runsAsRoot from './runs-as-root';
import runtimeFilesMissing from './runtime-files-missing';
import scratchWithoutCaCertificates from './scratch-without-ca-certificates';
import shellFormWithoutShell from './shell-form-without-shell';
import supplyChainHygiene from './supply-chain-hygiene';
import testStageNeverBuilt from './test-stage-never-built';
import toolchainInFinalImage from './toolchain-in-final-image';
import type { Rule } from './types';
import tzdataMissing from './tzdata-missing';
import unpinnedBaseImage from './unpinned-base-image';
import unpinnedGoInstall from './unpinned-go-install';
import untraceableImage from './untraceable-image';
import userNotResolvable from './user-not-resolvable';
import vendorMishandled from './vendor-mishandled';

export const RULES: readonly Rule[] = [
  toolchainInFinalImage, // GD001
  heavyRuntimeBase, // GD002
  binaryNotStatic, // GD003
  moduleDownloadNotCached, // GD004
  consecutiveRuntimeRuns, // GD005
  devProdMixed, // GD006
  unpinnedBaseImage, // GD007
  untraceableImage, // GD007b
  builderGoTooOld, // GD008
  shellFormWithoutShell, // GD009
  scratchWithoutCaCertificates, // GD010
  crossCompileWrongArch, // GD011
  artifactPathMismatch, // GD012
  cgoNeedsUnmet, // GD013
  goSumCopyMismatch, // GD014
  moduleLayoutOutsideContext, // GD015
  tzdataMissing, // GD016
  userNotResolvable, // GD017
  runsAsRoot, // GD018
  goStageWithoutWorkdir, // GD019
  goCacheMounts, // GD020
  testStageNeverBuilt, // GD021
  dockerignoreMismatch, // GD022
  runtimeFilesMissing, // GD023
  healthcheckCannotRun, // GD024
  productionBuildFlags, // GD025
  buildProducesNoBinary, // GD026
  vendorMishandled, // GD027
  goModRewriteInBuild, // GD028
  unpinnedGoInstall, // GD029
  privateModuleSecrets, // GD030
  checksumProtectionDisabled, // GD031
  platformFlagMisuse, // GD032
  obsoleteGoFlags, // GD033
  supplyChainHygiene, // GD034
  addInsteadOfCopy, // GD035
  packageManagerHygiene, // GD036
  buildkitSyntaxDirective, // GD037
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
