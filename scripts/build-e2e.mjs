// Compiles the in-editor suite (test/e2e/suite) into dist-test/suite: index.js (the
// extensionTestsPath entry) and one bundle per *.test.ts; and the VSIX probe's test entry
// (test/e2e/probe/index.ts) into dist-test/probe/index.js. `vscode` comes from the extension host and
// `mocha` from node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const dir = 'test/e2e/suite';
const tests = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
rmSync('dist-test', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
};
await esbuild.build({ ...common, entryPoints: [`${dir}/index.ts`, ...tests.map((f) => `${dir}/${f}`)], outdir: 'dist-test/suite' });
await esbuild.build({ ...common, entryPoints: ['test/e2e/probe/index.ts'], outfile: 'dist-test/probe/index.js' });
