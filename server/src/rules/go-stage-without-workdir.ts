// GD019: a Go toolchain stage copies to a relative destination with no WORKDIR: the files land in
// the image's WORKDIR /go, which is GOPATH ("$GOPATH/go.mod exists but should not").
import { insertLinesAfter, kw } from '../engine/edits';
import { hasWorkdir } from '../engine/model/env';
import { baseLabel, stageLabel } from '../engine/model/queries';
import type { CopyNode, Model, Stage } from '../engine/model/types';
import { basename } from '../engine/paths';
import type { RelatedInfo, Severity } from '../engine/types';
import { BUILD_ONLY, defineRule, type Report } from './types';

const GO_MOD_SOURCE = /(^|\/)go\.(mod|\*)$/;

/** A destination BuildKit resolves against the WORKDIR. */
function isRelative(dest: string): boolean {
  return dest !== '' && !dest.startsWith('/') && !/^\$/.test(dest) && !/^[A-Za-z]:[\\/]/.test(dest);
}

/** The destination is the WORKDIR itself (`.`, `./`) or go.mod right in it. */
function landsInRoot(dest: string): boolean {
  const d = dest.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return d === '' || d === '.' || d === 'go.mod';
}

/** How sure we are that the COPY puts go.mod at the root of GOPATH: 'yes', 'likely' (the whole context), or 'no'. */
function copiesGoModToRoot(model: Model, c: CopyNode): 'yes' | 'likely' | 'no' {
  if (!c.dest || !landsInRoot(c.dest.value)) return 'no';
  for (const s of c.sources) {
    const v = s.value.replace(/^\.\//, '');
    if (GO_MOD_SOURCE.test(v) && !v.includes('/')) return 'yes';
    if (c.from || c.heredoc) continue;
    if (v === '' || v === '.' || v === '*') {
      const facts = model.facts;
      if (facts) return facts.module?.dir === '' ? 'yes' : 'no';
      return 'likely';
    }
  }
  return 'no';
}

function relativeCopies(stage: Stage): CopyNode[] {
  return stage.copies.filter((c) => c.dest && isRelative(c.dest.value) && !hasWorkdir(stage, c.node.index));
}

export default defineRule({
  meta: {
    code: 'GD019',
    name: 'go-stage-without-workdir',
    description: 'A Go toolchain stage copies files to a relative destination without WORKDIR: they land in /go, which is GOPATH.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    hadolint: ['DL3045'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const stage of model.stages) {
      if (stage.os === 'windows' || stage.info.go !== true || stage.info.workdir !== '/go') continue;
      const copies = relativeCopies(stage);
      if (copies.length === 0) continue;
      const rated = copies.map((c) => ({ c, mod: copiesGoModToRoot(model, c) }));
      const worst = rated.find((r) => r.mod === 'yes') ?? rated.find((r) => r.mod === 'likely') ?? (rated[0] as (typeof rated)[number]);
      const copy = worst.c;
      const dest = copy.dest?.value ?? '.';
      const severity: Severity = worst.mod === 'yes' ? 'error' : 'warning';
      const what = worst.mod === 'yes'
        ? 'go.mod lands in /go, which is GOPATH in this image: the go command stops with "$GOPATH/go.mod exists but should not"'
        : worst.mod === 'likely'
          ? 'the build context (and its go.mod, if it has one at the root) lands in /go, which is GOPATH in this image: the go command then stops with "$GOPATH/go.mod exists but should not"'
          : `the files land under /go, which is GOPATH in this image${basename(dest) === 'pkg' || copy.sources.some((s) => /(^|\/)pkg\/?$/.test(s.value)) ? ' (a pkg/ directory merges into the module cache /go/pkg)' : ''}`;
      const related: RelatedInfo[] = rated.filter((r) => r.c !== copy).map((r) => ({ range: r.c.dest?.word.range ?? r.c.node.range, message: 'this COPY also has a relative destination and lands under /go' }));
      reports.push({
        range: copy.dest?.word.range ?? copy.node.range,
        severity,
        message: `Stage ${stageLabel(stage)} (${baseLabel(stage)}) has no WORKDIR, so the relative destination "${dest}" resolves against the image's WORKDIR /go: ${what}. Set a WORKDIR such as /src first.`,
        fixes: [{ title: `Add WORKDIR /src after the FROM of stage ${stageLabel(stage)}`, safety: 'safe', edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'WORKDIR')} /src`])] }],
        related,
      });
    }
    return reports;
  },
});
