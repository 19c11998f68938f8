// GD029: `go install <tool>@latest` (or without a version, outside the main module), also in ONBUILD
// triggers, and `go get <pkg>@latest`: the tool version changes under the build.
import { goEnv, resolveShellValue } from '../engine/model/goenv';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import type { ShellWord } from '../engine/shell';
import type { Fix, Severity } from '../engine/types';
import { ALL_CLASSES, defineRule, type Report } from './types';

/** Versions that float: branch names and module queries other than an exact version. */
const FLOATING = /^(latest|upgrade|patch|master|main|HEAD|trunk|develop|dev)$/;
/** `@v1` / `@v1.2`: a query for the newest matching release. */
const PARTIAL = /^v\d+(\.\d+)?$/;

interface Verdict {
  pkgPath: string;
  /** The version comes from an undeclared variable: a broken build rather than a floating version. */
  undeclared?: string;
  /** Why it is unpinned, for the message. */
  why: string;
  severity: Severity;
}

function isRemotePath(p: string): boolean {
  if (p.startsWith('.') || p.startsWith('/') || p.includes('$')) return false;
  return (p.split('/')[0] ?? '').includes('.');
}

function inMainModule(model: Model, p: string): boolean {
  const mod = model.facts?.module?.path;
  return mod !== undefined && (p === mod || p.startsWith(`${mod}/`));
}

function requiredModule(model: Model, p: string): { path: string; version: string } | undefined {
  let best: { path: string; version: string } | undefined;
  for (const r of model.facts?.module?.requires ?? []) {
    if ((p === r.path || p.startsWith(`${r.path}/`)) && (!best || r.path.length > best.path.length)) best = r;
  }
  return best;
}

function judge(model: Model, cmd: GoCommand, word: ShellWord): Verdict | undefined {
  const value = word.value;
  const at = value.lastIndexOf('@');
  if (at < 0) {
    // Only `go install` of a remote path without a version is a tool install; `go get pkg` is GD028's.
    if (cmd.sub !== 'install' || !isRemotePath(value) || inMainModule(model, value)) return undefined;
    if (goEnv(model, cmd, 'GO111MODULE')?.value === 'off') {
      return { pkgPath: value, why: 'has no version and runs in GOPATH mode (GO111MODULE=off): it installs the newest commit', severity: 'warning' };
    }
    // In module mode go.mod decides the version (or the build fails loudly): pinned either way.
    if (requiredModule(model, value) || moduleInBuild(model, cmd)) return undefined;
    return {
      pkgPath: value,
      why: "has no version and no go.mod is in the build: Go ≥1.16 refuses it (`'go install' requires a version when current directory is not in a module`) and older Go installs the newest commit",
      severity: 'warning',
    };
  }
  const pkgPath = value.slice(0, at);
  if (!isRemotePath(pkgPath) || inMainModule(model, pkgPath)) return undefined;
  let version = value.slice(at + 1);
  let via = '';
  if (version.includes('$')) {
    if (/\$\(|`/.test(version)) return undefined; // computed at build time
    const r = resolveShellValue(model, cmd, version);
    if (r.value === undefined) {
      const undeclared = r.vars.filter((v) => goEnv(model, cmd, v) === undefined);
      if (undeclared.length === 0) return undefined; // an ARG without default: set with --build-arg
      return { pkgPath, undeclared: undeclared[0], why: `uses $${undeclared[0]}, which is not declared in this stage: the version expands to empty and the install fails`, severity: 'warning' };
    }
    via = ` (${version} is "${r.value}")`;
    version = r.value;
  }
  if (FLOATING.test(version)) return { pkgPath, why: `is @${version}${via}: it installs whatever is newest when the layer is built`, severity: 'warning' };
  if (PARTIAL.test(version)) return { pkgPath, why: `is @${version}${via}, a query for the newest ${version}.x release, not a pinned version`, severity: 'warning' };
  return undefined;
}

const GO_MOD = /(^|\/)go\.(mod|\*)$/;

/** go.mod reaches the go command: copied (or the whole context) before it, bind-mounted, or made by `go mod init`. */
function moduleInBuild(model: Model, cmd: GoCommand): boolean {
  const run = cmd.run;
  const whole = (v: string) => v === '.' || v === './' || GO_MOD.test(v);
  if (run.mounts.some((m) => m.type === 'bind' && !m.from && whole(m.source ?? '.'))) return true;
  if (run.node.onbuild) return model.onbuild.some((n) => (n.keyword === 'COPY' || n.keyword === 'ADD') && n.words.slice(0, -1).some((w) => whole(w.value)));
  for (let s: Stage | undefined = run.stage; s; s = s.parent) {
    if (s.copies.some((c) => !c.from && (s !== run.stage || c.node.index < run.node.index) && c.sources.some((x) => whole(x.value)))) return true;
    if (s.runs.some((r) => (s !== run.stage || r.node.index <= run.node.index) && r.goCommands.some((g) => g.sub === 'mod init'))) return true;
  }
  return false;
}

function goAtLeast(v: string | undefined, minor: number): boolean {
  const m = /^1\.(\d+)/.exec(v ?? '');
  return m !== null && Number(m[1]) >= minor;
}

function pinFix(model: Model, cmd: GoCommand, word: ShellWord, pkgPath: string): Fix | undefined {
  const req = requiredModule(model, pkgPath);
  if (!req || pkgPath.includes('$')) return undefined;
  const text = `${pkgPath}@${req.version}`;
  let newText: string;
  if (cmd.run.form === 'exec') newText = JSON.stringify(text);
  else if (word.raw === word.value) newText = text;
  else if (word.raw === `"${word.value}"` || word.raw === `'${word.value}'`) newText = `${word.raw[0]}${text}${word.raw[0]}`;
  else return undefined;
  return { title: `Pin ${pkgPath} to ${req.version} (the version go.mod requires)`, safety: 'unsafe', edits: [{ range: word.range, newText }] };
}

export default defineRule({
  meta: {
    code: 'GD029',
    name: 'unpinned-go-install',
    description: 'go install (or go get) of a tool at @latest or without a version: the tool changes under the build.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: ALL_CLASSES,
    hadolint: ['DL3062'],
  },
  check({ model }) {
    const reports: Report[] = [];
    const cmds = [...model.goCommands, ...model.onbuildRuns.flatMap((r) => r.goCommands)];
    const toolDirective = goAtLeast(model.facts?.module?.goVersion, 24);
    for (const cmd of cmds) {
      if (cmd.sub !== 'install' && cmd.sub !== 'get') continue;
      for (const word of cmd.packages) {
        const v = judge(model, cmd, word);
        if (!v) continue;
        const name = v.pkgPath.split('/').pop() ?? v.pkgPath;
        const trigger = cmd.run.node.onbuild ? ' This ONBUILD trigger runs in every downstream build, each time with a possibly different version.' : '';
        const tool = toolDirective
          ? ` Or declare it with a \`tool\` directive in go.mod (Go ≥1.24: \`go get -tool ${v.pkgPath}\`) and run \`go tool ${name}\`, so go.sum pins it.`
          : '';
        reports.push({
          range: word.range,
          severity: v.severity,
          message: v.undeclared
            ? `\`go ${cmd.sub} ${word.value}\` ${v.why}. Declare \`ARG ${v.undeclared}=vX.Y.Z\` in the stage.`
            : `\`go ${cmd.sub} ${word.value}\` ${v.why}. Builds are not reproducible, and a new release can break or compromise the image. Pin an exact version (@vX.Y.Z).${trigger}${tool}`,
          fixes: [pinFix(model, cmd, word, v.pkgPath)].filter((f): f is Fix => f !== undefined),
        });
      }
    }
    return reports;
  },
});
