// GD025: production build flags. Builds feeding a shipped image without -trimpath or -ldflags "-s -w"
// (info), flags that silently replace each other (warning), -X values from undeclared variables
// (warning), and a GOFLAGS value with a space, which stops every go command (error).
import { deleteInstruction, insertAt, insertLinesAfter, kw } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { goFlag, goFlags, isBuild, buildsLocalCode, splitFlagValue } from '../engine/model/gocmd';
import { workdirAt } from '../engine/model/env';
import { goEnv, resolveShellValue } from '../engine/model/goenv';
import { lowerSeverity, stageLabel } from '../engine/model/queries';
import type { GoCommand, GoFlag, Model } from '../engine/model/types';
import type { ShellWord } from '../engine/shell';
import type { Fix, Range, TextEdit } from '../engine/types';
import { goflagsValue, opaqueArgs, readGoflags, shellQuote, type GoflagsReading } from './lib/production-build-flags-goflags';
import { xVarProblems } from './lib/production-build-flags-xvars';
import { nonDevOutputsFedBy } from './lib/test-stage-never-built-graph';
import { BUILD_ONLY, defineRule, type Report } from './types';

const MERGEABLE = ['ldflags', 'gcflags', 'asmflags', 'tags'];

function cmdRange(cmd: GoCommand): Range {
  const last = cmd.subWords[cmd.subWords.length - 1] ?? cmd.goWord;
  return { start: cmd.goWord.range.start, end: last.range.end };
}

/** The words of the simple command, assignments included, in document order. */
function tokens(cmd: GoCommand): ShellWord[] {
  return [...cmd.command.assigns.map((a) => a.word), ...cmd.command.words];
}

/** Removes a flag together with the whitespace (or continuation) before it. */
function removeFlag(cmd: GoCommand, flag: GoFlag): TextEdit | undefined {
  const toks = tokens(cmd);
  const i = toks.indexOf(flag.words[0] as ShellWord);
  const prev = toks[i - 1];
  return prev ? { range: { start: prev.range.end, end: flag.range.end }, newText: '' } : undefined;
}

function pattern(name: string, value: string): { pat: string; rest: string } {
  if (name === 'tags') return { pat: '', rest: value };
  const m = /^([^-=\s][^=\s]*)=(.*)$/s.exec(value);
  return m ? { pat: m[1] as string, rest: m[2] as string } : { pat: '', rest: value };
}

function mergedText(name: string, pat: string, parts: string[], flags: GoFlag[]): string | undefined {
  const merged = name === 'tags'
    ? [...new Set(parts.flatMap((p) => p.split(/[\s,]+/)).filter((t) => t !== ''))].join(',')
    : parts.map((p) => p.trim()).filter((p) => p !== '').join(' ');
  const q = shellQuote(pat ? `${pat}=${merged}` : merged, flags);
  return q === undefined ? undefined : `-${name}=${q}`;
}

/** (c) A flag given twice (same package pattern): the later one replaces the earlier. */
function duplicates(cmd: GoCommand): Report[] {
  const out: Report[] = [];
  for (const name of MERGEABLE) {
    const groups = new Map<string, { flag: GoFlag; rest: string }[]>();
    for (const f of goFlags(cmd, name)) {
      const p = pattern(name, f.value ?? '');
      groups.set(p.pat, [...(groups.get(p.pat) ?? []), { flag: f, rest: p.rest }]);
    }
    for (const [pat, list] of groups) {
      if (list.length < 2) continue;
      const first = list[0] as { flag: GoFlag; rest: string };
      const last = list[list.length - 1] as { flag: GoFlag; rest: string };
      const dropped = list.slice(0, -1).map((x) => `-${name}=${x.rest}`).join(', ');
      const fixes: Fix[] = [];
      const text = cmd.run.form === 'exec' ? undefined : mergedText(name, pat, list.map((x) => x.rest), list.map((x) => x.flag));
      const removals = list.slice(1).map((x) => removeFlag(cmd, x.flag));
      if (text && removals.every((r) => r !== undefined)) {
        fixes.push({ title: `Merge the -${name} flags into one: ${text}`, safety: 'unsafe', edits: [{ range: first.flag.range, newText: text }, ...(removals as TextEdit[])] });
      }
      out.push({
        range: last.flag.range,
        severity: 'warning',
        message: `-${name} is given ${list.length} times: the latest match on the command line wins, so ${dropped} is silently dropped. Merge the values into one -${name}.`,
        fixes,
      });
    }
  }
  return out;
}

/** (c) A -ldflags/-tags in GOFLAGS that the command line replaces (golang/go#38522). */
function overriddenGoflags(cmd: GoCommand, goflags: string[]): Report[] {
  const out: Report[] = [];
  for (const name of MERGEABLE) {
    const g = goflagsValue(goflags, name);
    const flags = goFlags(cmd, name);
    const last = flags[flags.length - 1];
    if (g === undefined || !last) continue;
    const text = cmd.run.form === 'exec' ? undefined : mergedText(name, '', [g, last.value ?? ''], [last]);
    out.push({
      range: last.range,
      severity: 'warning',
      message: `GOFLAGS sets -${name}=${g}, but -${name} on the command line replaces it, so the GOFLAGS value is silently ignored (golang/go#38522).`,
      fixes: text ? [{ title: `Merge the GOFLAGS value into this flag: ${text}`, safety: 'unsafe', edits: [{ range: last.range, newText: text }] }] : [],
    });
  }
  return out;
}

function stripped(values: string[]): boolean {
  return values.some((v) => splitFlagValue(v).some((t) => /^--?[sw](=true)?$/.test(t)));
}

/** (a)/(b) -trimpath and -ldflags "-s -w". */
function missingFlags(cmd: GoCommand, goflags: string[], fed: string, wd: string): Report | undefined {
  const trim = goFlag(cmd, 'trimpath');
  const hasTrim = (trim !== undefined && trim.value !== 'false') || (goflagsValue(goflags, 'trimpath') ?? 'false') !== 'false';
  const ld = goFlags(cmd, 'ldflags');
  const gld = goflagsValue(goflags, 'ldflags');
  // A -ldflags on the command line replaces the one in GOFLAGS (golang/go#38522).
  const hasStrip = stripped([...ld.map((f) => f.value ?? ''), ...(gld && ld.length === 0 ? [gld] : [])]);
  if (hasTrim && hasStrip) return undefined;
  const problems: string[] = [];
  if (!hasTrim) problems.push(`no -trimpath: the binary embeds builder paths (${wd === '/' ? '' : wd}/…, the module cache) and is not reproducible across build directories`);
  if (!hasStrip) problems.push('no -ldflags "-s -w": the binary keeps its symbol table and DWARF debug data (panics keep their stack traces either way)');
  const edits: TextEdit[] = [];
  const sub = cmd.subWords[cmd.subWords.length - 1] as ShellWord;
  const added: string[] = [];
  let ok = true;
  if (cmd.run.form === 'exec') {
    if (!hasTrim) added.push('"-trimpath"');
    if (!hasStrip) {
      if (ld.length > 0 || gld) ok = false;
      else added.push('"-ldflags=-s -w"');
    }
    if (added.length > 0) edits.push(insertAt(sub.range.end, `, ${added.join(', ')}`));
  } else {
    let insert = hasTrim ? '' : ' -trimpath';
    if (!hasStrip) {
      const last = ld[ld.length - 1];
      if (last) {
        const text = mergedText('ldflags', '', ['-s -w', last.value ?? ''], [last]);
        if (text) edits.push({ range: last.range, newText: text });
        else ok = false;
      } else if (gld) {
        const text = mergedText('ldflags', '', ['-s -w', gld], []);
        if (text) insert += ` ${text}`;
        else ok = false;
      } else insert += ' -ldflags="-s -w"';
    }
    if (insert) edits.unshift(insertAt(sub.range.end, insert));
  }
  const title = `Add ${[hasTrim ? '' : '-trimpath', hasStrip ? '' : '-ldflags="-s -w"'].filter((x) => x).join(' ')}`;
  return {
    range: cmdRange(cmd),
    severity: 'info',
    message: `This build feeds the image of ${fed} with ${problems.join('; and ')}.`,
    fixes: ok && edits.length > 0 ? [{ title, safety: 'unsafe', edits }] : [],
  };
}

function goflagsFixes(model: Model, cmd: GoCommand, gf: GoflagsReading): Fix[] {
  const ev = goEnv(model, cmd, 'GOFLAGS');
  const node: InstructionNode | undefined = ev?.node;
  if (!ev || !node || !ev.range || (ev.source !== 'env' && ev.source !== 'arg') || (ev.source === 'arg' && ev.arg?.value === undefined)) return [];
  const decls: { name: string }[] = model.stages.flatMap((s) => (ev.source === 'env' ? s.envs : s.args)).filter((d) => d.node === node);
  const out: Fix[] = [];
  if (new Set(decls.map((d) => d.name)).size === 1) out.push({ title: `Remove ${node.keyword} GOFLAGS`, safety: 'unsafe', edits: [deleteInstruction(model, node)] });
  const set = (v: string) => [{ range: ev.range as Range, newText: /[\s']/.test(v) ? `"${v}"` : v }];
  const value = gf.valid.join(' ');
  if (gf.valid.length > 0) out.push({ title: `Keep only the valid entries: GOFLAGS=${value}`, safety: 'unsafe', edits: set(value) });
  if (gf.quoted) out.push({ title: `Quote the whole entry: GOFLAGS=${gf.quoted}`, safety: 'suggestion', edits: set(gf.quoted) });
  return out;
}

export default defineRule({
  meta: {
    code: 'GD025',
    name: 'production-build-flags',
    description: 'A production build lacks -trimpath or -ldflags "-s -w", repeats a flag that overrides itself, or has a broken GOFLAGS.',
    defaultSeverity: 'info',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, facts }) {
    const reports: Report[] = [];
    const goflagsSeen = new Set<string>();
    const viaGoreleaser = facts?.release.goreleaser?.dockerfiles.includes(model.dockerfilePath ?? 'Dockerfile') ?? false;
    for (const cmd of model.goCommands) {
      const ev = goEnv(model, cmd, 'GOFLAGS');
      const gf = readGoflags(ev?.value ?? '');
      if (ev?.value && (gf.error || gf.ignored)) {
        const at = ev.source === 'arg' && ev.arg?.value === undefined && ev.globalArg?.valueRange ? ev.globalArg.valueRange : ev.range;
        const key = at ? `${at.start.line}:${at.start.character}` : '';
        if (at && !goflagsSeen.has(key)) {
          goflagsSeen.add(key);
          const cut = gf.ignored;
          reports.push({
            range: at,
            severity: gf.error ? 'error' : 'warning',
            message: gf.error
              ? `GOFLAGS="${ev.value}" stops every go command with \`${gf.error}\`: GOFLAGS entries are separated by spaces (golang/go#29096, #51194), so a flag value with a space must be quoted as a whole entry or given on the go command.`
              : `GOFLAGS="${ev.value}" is split at the space: go build gets ${cut?.entry}, and ${cut?.cut} is read as a flag of its own (another go command has it), which go build silently ignores. Quote the whole entry or put the flag on the go command.`,
            fixes: goflagsFixes(model, cmd, gf),
          });
        }
      }
      if (!isBuild(cmd) || !buildsLocalCode(cmd) || opaqueArgs(cmd)) continue;
      const fed = nonDevOutputsFedBy(model, cmd);
      if (fed.length === 0) continue;
      const lower = Math.min(...fed.map((f) => f.lower));
      const label = fed.map((f) => `stage ${stageLabel(f.stage)}`).join(', ');
      const valid = gf.error || gf.ignored ? gf.valid : gf.tokens;
      const found: Report[] = [...duplicates(cmd), ...overriddenGoflags(cmd, valid)];
      for (const x of xVarProblems(model, cmd)) {
        const stage = cmd.run.stage;
        const why = x.kind === 'inline'
          ? `$${x.name} is only assigned on the go command itself, which sets go's environment but not the shell variable the arguments are expanded with`
          : x.global
            ? `ARG ${x.name} is declared before the first FROM (line ${x.global.node.range.start.line + 1}) but not redeclared in stage ${stageLabel(stage)}, so it is not visible there`
            : `${x.name} is not declared in stage ${stageLabel(stage)} (no ARG or ENV)`;
        const fixes: Fix[] = x.kind === 'undeclared'
          ? [{ title: `Declare ARG ${x.name} in stage ${stageLabel(stage)}`, safety: x.global ? 'unsafe' : 'suggestion', edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'ARG')} ${x.name}`])] }]
          : [];
        found.push({ range: x.range, severity: 'warning', message: `-X …=$${x.name} expands to an empty string: ${why}. The binary reports an empty value.`, fixes });
      }
      // GOFLAGS from an ARG without default, or -ldflags "$LDFLAGS": the flags are only known at build time.
      const unknownFlags = (ev !== undefined && ev.value === undefined) || goFlags(cmd, 'ldflags').some((f) => (f.value ?? '').includes('$') && resolveShellValue(model, cmd, f.value ?? '').value === undefined);
      if (!viaGoreleaser && !unknownFlags) {
        const m = missingFlags(cmd, valid, label, workdirAt(model, cmd.run.stage, cmd.run.node.index));
        if (m) found.push(m);
      }
      for (const r of found) reports.push({ ...r, severity: lowerSeverity(r.severity ?? 'info', lower) });
    }
    return reports;
  },
});
