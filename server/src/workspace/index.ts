// Public surface of the workspace scanner: the only code in the repo that reads files for facts.

export { scanWorkspace, findModuleRoot, emptyFacts } from './scan';
export type { ScanOptions } from './scan';
export { WorkspaceCache } from './cache';
export type { Scanner } from './cache';
export { isIgnored, ignoredBy, parseDockerignore } from './dockerignore';
export { parseGoMod, parseGoWork } from './gomod';
export type { GoRequireWithLoc, ParsedGoModule, ParseGoModOptions } from './gomod';
export { scanGoSource } from './gosource';
export type { GoSourceInfo, GoImport } from './gosource';
export { DEFAULT_LIMITS } from './walk';
export { binaryName, coveredByEmbed } from './analyze';
export { findTagSources, lintWorkspaceTagSources } from './tagsources';
export type { TagSourceResult } from './tagsources';
