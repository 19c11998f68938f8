// GD028: `go mod tidy`, `go get` (module mode), `go mod init` or `go get -d ./...` inside the image
// build: they rewrite go.mod/go.sum in the image and hide a go.sum that CI should have rejected.
import { goFlag } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import type { GoCommand, Model } from '../engine/model/types';
import type { Fix, Range } from '../engine/types';
import { BUILD_ONLY, defineRule, type Report } from './types';

const FLOATING = /@(latest|upgrade|patch|master|main|HEAD)$/;

function what(model: Model, cmd: GoCommand): string | undefined {
  if (cmd.sub === 'mod tidy') return goFlag(cmd, 'diff') ? undefined : 'go mod tidy';
  if (cmd.sub === 'mod init') return 'go mod init';
  if (cmd.sub !== 'get') return undefined;
  // GOPATH mode: `go get` is how tools were installed, and go.mod is not involved.
  if (goEnv(model, cmd, 'GO111MODULE')?.value === 'off') return undefined;
  // `go get tool@latest` is an unpinned tool install: GD029 reports it.
  if (cmd.packages.length > 0 && cmd.packages.every((p) => FLOATING.test(p.value))) return undefined;
  return goFlag(cmd, 'd') ? 'go get -d' : 'go get';
}

function commandRange(cmd: GoCommand): Range {
  const last = cmd.subWords[cmd.subWords.length - 1] ?? cmd.goWord;
  return { start: cmd.goWord.range.start, end: last.range.end };
}

function downloadFix(cmd: GoCommand): Fix | undefined {
  if (cmd.run.form === 'exec' || cmd.sub === 'mod init') return undefined;
  const words = cmd.command.words;
  const last = words[words.length - 1];
  if (!last) return undefined;
  return {
    title: 'Replace with go mod download',
    safety: 'unsafe',
    edits: [{ range: { start: cmd.goWord.range.start, end: last.range.end }, newText: `${cmd.goWord.raw} mod download` }],
  };
}

/**
 * The RUN maintains go.mod on purpose: it copies the result out (a `vendor-update` stage exported with
 * `--output`) or compares it with git (a tidiness check).
 */
function deliberate(cmd: GoCommand): boolean {
  return cmd.run.commands.some((c) => {
    const w = c.words.map((x) => x.value);
    if (/^(cp|mv|rsync|install)$/.test(w[0] ?? '') && w.some((x) => /(^|\/)go\.(mod|sum)$/.test(x))) return true;
    return w[0] === 'git' && (w[1] === 'diff' || w[1] === 'status');
  });
}

export default defineRule({
  meta: {
    code: 'GD028',
    name: 'go-mod-rewrite-in-build',
    description: 'go mod tidy, go get or go mod init inside the image build rewrites go.mod and go.sum instead of checking them.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const cmd of [...model.goCommands, ...model.onbuildRuns.flatMap((r) => r.goCommands)]) {
      const w = what(model, cmd);
      if (!w || deliberate(cmd)) continue;
      const why =
        w === 'go mod init'
          ? '`go mod init` creates a go.mod inside the image: dependency versions are resolved at build time, nothing is pinned and go.sum is not checked. Commit go.mod and go.sum and copy them in.'
          : `\`${w}\` rewrites go.mod and go.sum inside the image: a missing or wrong go.sum entry, which should fail in CI, is silently "fixed", ` +
            'and the build needs the network and resolves versions at build time. Download the pinned modules with `go mod download` instead; ' +
            'check tidiness in CI with `go mod tidy -diff` (Go ≥1.23).';
      reports.push({ range: commandRange(cmd), message: why, fixes: [downloadFix(cmd)].filter((f): f is Fix => f !== undefined) });
    }
    return reports;
  },
});
