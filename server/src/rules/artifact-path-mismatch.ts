// GD012: a path between stages does not match: COPY --from a file the stage never produces, a
// cross-compiled `go install` copied from /go/bin, `go build ./...` that writes nothing, or an
// ENTRYPOINT/CMD that is not where the binary was copied.
import { insertAt } from '../engine/edits';
import { copyFlows, stageGoOutputs, type GoOutput } from '../engine/model/artifacts';
import { stageLookup, workdirAt } from '../engine/model/env';
import { goFlag } from '../engine/model/gocmd';
import { crossCompiles, goEnv } from '../engine/model/goenv';
import { runtimeTargets, stageLabel } from '../engine/model/queries';
import type { CopyNode, GoCommand, Model } from '../engine/model/types';
import { basename, dirname, hasGlob, isWithin, resolvePath } from '../engine/paths';
import type { Fix, FixSafety, Range, Severity, TextEdit } from '../engine/types';
import { expand } from '../engine/vars';
import { checkEntry } from './lib/artifact-path-mismatch-entry';
import { otherProducers } from './lib/artifact-path-mismatch-producers';
import { setOutput } from './fixes/runtime';
import { BUILD_ONLY, defineRule, type Report } from './types';

type Source = CopyNode['sources'][number];

const SYSTEM_DIRS = ['/etc', '/usr', '/lib', '/lib64', '/var', '/bin', '/sbin', '/opt', '/proc', '/sys', '/tmp', '/root', '/home', '/go/pkg', '/usr/local/go'];

function sourceEdit(copy: CopyNode, s: Source, path: string): TextEdit {
  return { range: s.word.range, newText: copy.node.form.kind === 'exec' ? JSON.stringify(path) : path };
}

/** `${X}` → `$X`, so that two spellings of the same path compare equal. */
function plainVars(p: string): string {
  return p.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1');
}

function cmdText(cmd: GoCommand): string {
  return `go ${cmd.sub}${cmd.packages.length > 0 ? ` ${cmd.packages.map((p) => p.value).join(' ')}` : ''}`;
}

/** (b) `go install` while cross-compiling: the binary is not in $GOBIN / $GOPATH/bin for the other platforms. */
function crossInstall(model: Model, copy: CopyNode, s: Source, o: GoOutput): Report | undefined {
  const cmd = o.cmd;
  if (cmd.sub !== 'install' || crossCompiles(model, cmd) === 'no') return undefined;
  const name = o.binaries?.[0] ?? basename(s.value);
  const gobin = goEnv(model, cmd, 'GOBIN');
  const withGobin = gobin?.value !== undefined && gobin.value !== '';
  const out = `/out/${name}`;
  const edits = setOutput(cmd, out);
  const fixes: Fix[] = edits
    ? [{ title: `Build with go build -o ${out} and copy ${out}`, safety: 'safe', edits: [...edits, ...(resolvePath('/', s.value) === out ? [] : [sourceEdit(copy, s, out)])] }]
    : [];
  const what = withGobin
    ? `go install fails: "cannot install cross-compiled binaries when GOBIN is set" (GOBIN=${gobin?.value})`
    : `go install puts a cross-compiled binary in $GOPATH/bin/$GOOS_$GOARCH/ (e.g. /go/bin/linux_arm64/${name}), so this COPY fails for every platform other than the build machine's`;
  return {
    range: s.word.range,
    severity: 'error',
    message: `Stage ${stageLabel(cmd.run.stage)} cross-compiles with ${cmdText(cmd)}: ${what}. Use go build -o with a fixed path instead.`,
    fixes,
    related: [{ range: cmd.goWord.range, message: 'go install runs here' }],
  };
}

/** Is the missing path one the build was expected to produce (not a file of the base image)? */
function expectedFromBuild(model: Model, src: string, outputs: GoOutput[]): 'output-dir' | 'binary-name' | 'workdir' | undefined {
  const name = basename(src);
  const names = new Set([...(model.facts?.mainPackages.map((m) => m.binary) ?? []), ...outputs.flatMap((o) => o.binaries ?? [])]);
  if (names.has(name)) return 'binary-name';
  if (SYSTEM_DIRS.some((d) => isWithin(d, src))) return undefined;
  const dir = dirname(src);
  // An output directory of its own (/out), not the WORKDIR the sources are in (that is the weaker 'workdir').
  const wdOf = (o: GoOutput): string => workdirAt(model, o.cmd.run.stage, o.cmd.run.node.index);
  if (outputs.some((o) => o.path && (o.dir ? o.path === dir : dirname(o.path) === dir) && !isWithin(wdOf(o), dir))) return 'output-dir';
  if (isWithin('/go/bin', src)) return 'output-dir';
  if (outputs.some((o) => isWithin(wdOf(o), src))) return 'workdir';
  return undefined;
}

function mismatch(model: Model, copy: CopyNode, s: Source, outputs: GoOutput[]): Report | undefined {
  const from = copy.from?.stage;
  if (!from || hasGlob(s.value)) return undefined;
  const src = resolvePath('/', s.value);
  const unknownVars = expand(s.word.value, stageLookup(model, copy.stage, copy.node.index), model.escape).unknown;
  const varOutputs = outputs.filter((o) => !o.certain && o.path?.includes('$'));
  // `COPY --from=build /out/$TARGETARCH/app` against `-o /out/$TARGETARCH/app`: the same text, whatever the value.
  const symbolic = resolvePath('/', plainVars(s.word.value));
  if (varOutputs.some((o) => o.path && resolvePath('/', plainVars(o.path)) === symbolic)) return undefined;
  if (outputs.some((o) => !o.path && !o.discarded) || outputs.length === 0) return undefined;
  const expected = expectedFromBuild(model, src, outputs);
  if (!expected) return undefined;
  const others = otherProducers(model, from, src);
  if (others.other) return undefined;
  const written = outputs.filter((o) => o.path && !o.discarded);
  const discarded = outputs.filter((o) => o.discarded);
  let severity: Severity = expected === 'workdir' ? 'warning' : 'error';
  let note = '';
  if (unknownVars.length > 0 || varOutputs.length > 0) {
    severity = 'info';
    const vars = [...new Set([...unknownVars, ...varOutputs.flatMap((o) => (o.path ?? '').match(/\$\{?(\w+)/g) ?? [])])].map((v) => v.replace(/^\$\{?/, ''));
    note = ` The paths depend on ${vars.join(', ')}, which has no value go-dockerfile can see: this may be fine with the right --build-arg.`;
  }
  const fixes: Fix[] = [];
  let message: string;
  const label = stageLabel(from);
  if (written.length === 0 && discarded.length > 0) {
    // (c) `go build ./...` without -o writes nothing.
    const d = discarded[0] as GoOutput;
    const out = `/out/${basename(src)}`;
    const edits = setOutput(d.cmd, '/out/');
    if (edits) fixes.push({ title: `Write the binaries to /out/ and copy ${out}`, safety: 'unsafe', edits: [...edits, sourceEdit(copy, s, out)] });
    message = `Stage ${label} never writes ${src}: ${cmdText(d.cmd)} builds several packages without -o, so it discards the results (it only checks that they compile). Add -o /out/ to write every main package into /out/.`;
    return { range: s.word.range, severity: severity === 'info' ? 'info' : 'error', message: message + note, fixes, related: [{ range: d.cmd.goWord.range, message: 'this build writes nothing' }] };
  }
  const sameName = written.filter((o) => basename(o.path as string) === basename(src));
  const majorVersion = /^v\d+$/.test(basename(src)) ? written.find((o) => !goFlag(o.cmd, 'o') && dirname(o.path as string) === dirname(src)) : undefined;
  const paths = written.map((o) => o.path as string);
  if (majorVersion) {
    // (e) no -o in a /vN module: the binary is named after the element before /vN.
    const o = majorVersion;
    const bin = basename(o.path as string);
    if (severity === 'warning') severity = 'error';
    message = `Stage ${label} has no ${src}: ${cmdText(o.cmd)} without -o names the binary after the last element of the import path that is not a major version, so it writes ${o.path}, not ${basename(src)}.`;
    fixes.push({ title: `Copy ${o.path}`, safety: 'unsafe', edits: [sourceEdit(copy, s, o.path as string)] });
    const edits = o.cmd.run.form === 'exec' ? undefined : [insertAt(o.cmd.subWords[o.cmd.subWords.length - 1]?.range.end ?? o.cmd.goWord.range.end, ` -o /out/${bin}`)];
    if (edits) fixes.push({ title: `Build with -o /out/${bin} and copy /out/${bin}`, safety: 'unsafe', edits: [...edits, sourceEdit(copy, s, `/out/${bin}`)] });
  } else {
    // Only a binary-looking source is offered a binary instead (not /out/VERSION).
    const binaryLike = !basename(src).includes('.') || basename(src).endsWith('.exe');
    const best = sameName.length === 1 ? sameName : written.length === 1 && binaryLike ? written : [];
    const safety: FixSafety = best.length === 1 ? 'unsafe' : 'suggestion';
    const offered = best.length === 1 ? best : binaryLike ? written.slice(0, 3) : [];
    for (const o of offered) fixes.push({ title: `Copy ${o.path}`, safety, edits: [sourceEdit(copy, s, o.path as string)] });
    message = `Stage ${label} does not produce ${src}: its go build${paths.length > 1 ? 's write' : ' writes'} ${paths.join(', ')}, and nothing else in the stage creates that path, so this COPY fails ("${s.value}": not found).`;
  }
  const related: { range: Range; message: string }[] = written.slice(0, 3).map((o) => ({ range: o.cmd.goWord.range, message: `writes ${o.path}` }));
  return { range: s.word.range, severity, message: message + note, fixes, related };
}

export default defineRule({
  meta: {
    code: 'GD012',
    name: 'artifact-path-mismatch',
    description: 'A COPY --from source, go install output or ENTRYPOINT path does not match where the Go binary really is.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const copy of model.copies) {
      const from = copy.from?.stage;
      if (!from || from === copy.stage || copy.stage.os === 'windows' || from.os === 'windows') continue;
      const outputs = stageGoOutputs(model, from);
      if (outputs.length === 0) continue;
      const flows = copyFlows(model, copy);
      for (const s of copy.sources) {
        const mine = flows.filter((f) => f.source.word === s.word);
        if (mine.length > 0) {
          const r = mine.map((f) => crossInstall(model, copy, s, f.output)).find((x) => x !== undefined);
          if (r) reports.push(r);
          continue;
        }
        // (b) with GOBIN set: the install wrote nothing for the other platforms, wherever the COPY looks.
        const install = outputs.find((o) => o.cmd.sub === 'install' && o.binaries?.includes(basename(s.value)) && !hasGlob(s.value) && (goEnv(model, o.cmd, 'GOBIN')?.value ?? '') !== '');
        if (install && otherProducers(model, from, resolvePath('/', s.value)).other) continue;
        const b = install ? crossInstall(model, copy, s, install) : undefined;
        if (b) {
          reports.push(b);
          continue;
        }
        const r = mismatch(model, copy, s, outputs);
        if (r) reports.push(r);
      }
    }
    for (const { stage, lower } of runtimeTargets(model)) {
      if (stage.os === 'windows') continue;
      const r = checkEntry(model, stage, lower);
      if (r) reports.push(r);
    }
    return reports;
  },
});
