// GD007b on the files that tag a project's images (Makefiles, scripts, compose, bake, CI):
// pure functions on text; server/src/workspace finds the files.
export { lintTagSource, readTagSource, type TagSourceOptions, type TagSourceReading } from './lint';
export { tagSourceKind, type TagSourceKind } from './kinds';
export { parseHcl, type HclFile } from './hcl';
export { readMakefile, type MakefileReading } from './makefile';
export { imageTag, type ImageTag, type TagState } from './imagetag';
