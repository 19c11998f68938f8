// GD004: the module download is not cached apart from the source (COPY . . before go mod download).
import { deleteInstruction, insertLinesBefore, kw, pathWord } from '../engine/edits';
import type { InstructionNode } from '../engine/instruction';
import { stageChain } from '../engine/model/env';
import { goFlag } from '../engine/model/gocmd';
import { goEnv } from '../engine/model/goenv';
import type { CopyNode, GoCommand, Model, RunNode, Stage } from '../engine/model/types';
import type { Fix, FixSafety } from '../engine/types';
import { BUILD_ONLY, defineRule, type Report } from './types';

const MODULE_FILE = /(^|\/)go\.(mod|sum|work|work\.sum)\*?$|(^|\/)go\.\*$/;
const NOT_SOURCE = /\.(sh|bash|json|ya?ml|toml|txt|md|conf|cfg|ini|env|pem|crt|key|lock|xml|html|css|js|sql|tpl|tmpl|proto|tar|gz|tgz|zip)$|^(Makefile|LICENSE|README|Dockerfile|\.dockerignore)/;

function isSourceCopy(c: CopyNode, model: Model): boolean {
  if (c.from || c.heredoc) return false;
  return c.sources.some((s) => {
    // A git repository is the whole source; other URLs are single files.
    if (/\.git(#.*)?$/.test(s.value) || s.value.startsWith('git@')) return true;
    if (/^(https?|git):\/\//.test(s.value)) return false;
    const v = s.value.replace(/^\.\//, '');
    if (v === '' || v === '.' || v === '*' || v.endsWith('.go') || v.endsWith('*.go')) return true;
    if (MODULE_FILE.test(v) || NOT_SOURCE.test(v.split('/').pop() ?? v)) return false;
    if (model.facts) return model.facts.entries.includes(`${v.replace(/\/$/, '')}/`);
    return v.endsWith('/') || !v.includes('.');
  });
}

function copiesModuleFile(c: CopyNode): boolean {
  return !c.from && c.sources.some((s) => /(^|\/)go\.(mod|\*)/.test(s.value));
}

function downloads(run: RunNode): boolean {
  return run.goCommands.some((g) => g.sub === 'mod download');
}

/** `go mod download` with go.mod bind-mounted (the docker init pattern). */
function downloadsWithBind(run: RunNode): boolean {
  return downloads(run) && run.mounts.some((m) => m.type === 'bind' && (m.source === 'go.mod' || m.target === '.' || m.target === undefined));
}

function compiles(g: GoCommand): boolean {
  return ['build', 'install', 'test', 'vet', 'run', 'generate'].includes(g.sub) && !g.packages.every((p) => p.value.includes('@'));
}

function vendored(model: Model, g: GoCommand): boolean {
  if (model.facts?.vendor) return true;
  const mod = goFlag(g, 'mod')?.value ?? /-mod=(\S+)/.exec(goEnv(model, g, 'GOFLAGS')?.value ?? '')?.[1];
  return mod === 'vendor';
}

interface Walk {
  sourceCopy?: CopyNode;
  moduleCopy?: CopyNode;
  lateDownload?: RunNode;
  build?: GoCommand;
}

/** Walks the stage chain of a building stage in build order. */
function walk(model: Model, stage: Stage): Walk {
  const w: Walk = {};
  let downloaded = false;
  for (const s of stageChain(stage).reverse()) {
    for (const node of s.instructions) {
      const copy = s.copies.find((c) => c.node === node);
      if (copy) {
        if (copiesModuleFile(copy) && !w.sourceCopy) w.moduleCopy = copy;
        if (!w.sourceCopy && !downloaded && isSourceCopy(copy, model)) w.sourceCopy = copy;
        continue;
      }
      const run = s.runs.find((r) => r.node === node);
      if (!run) continue;
      if (!w.sourceCopy && (downloadsWithBind(run) || (w.moduleCopy && downloads(run)))) downloaded = true;
      else if (w.sourceCopy && downloads(run) && !w.lateDownload && !w.build) w.lateDownload = run;
      const b = run.goCommands.find(compiles);
      if (b && w.sourceCopy && !w.build) w.build = b;
    }
  }
  return w;
}

function destDir(c: CopyNode): string {
  const d = c.dest?.value ?? './';
  if (d === '.' || d === './') return './';
  return d.endsWith('/') ? d : `${d}/`;
}

/** The download shares the build's module cache mount, or neither has one (GD020b: never only one). */
function depLines(model: Model, copy: CopyNode, build: GoCommand): { lines: string[]; safety: FixSafety } {
  // Only a workspace with a go.mod tells whether go.sum exists (GD014).
  const facts = model.facts?.module ? model.facts : undefined;
  const dest = destDir(copy);
  const files = facts && !facts.goSum ? 'go.mod' : 'go.mod go.sum';
  const lines = [`${kw(model, 'COPY')} ${files} ${pathWord(model, dest)}`];
  for (const r of facts?.module?.replaces ?? []) {
    if (!r.local || !r.dir || r.outsideContext) continue;
    const sum = facts?.entries.includes(`${r.dir}/go.sum`) ? ` ${r.dir}/go.sum` : '';
    lines.push(`${kw(model, 'COPY')} ${r.dir}/go.mod${sum} ${pathWord(model, `${dest}${r.dir}/`)}`);
  }
  const cached = build.run.mounts.some((m) => m.type === 'cache' && /^\/go\/pkg\/mod\/?$/.test(m.target ?? ''));
  lines.push(`${kw(model, 'RUN')} ${cached ? '--mount=type=cache,target=/go/pkg/mod ' : ''}go mod download`);
  return { lines, safety: facts ? 'safe' : 'unsafe' };
}

export default defineRule({
  meta: {
    code: 'GD004',
    name: 'module-download-not-cached',
    description: 'The source is copied before the modules are downloaded, so every source change downloads all modules again.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
  },
  check({ model }) {
    const reports: Report[] = [];
    const seen = new Set<InstructionNode>();
    for (const stage of model.stages) {
      if (stage.os === 'windows' && !stage.runs.some((r) => r.goCommands.length > 0)) continue;
      if (!stage.runs.some((r) => r.goCommands.some(compiles))) continue;
      const w = walk(model, stage);
      if (!w.sourceCopy || !w.build || vendored(model, w.build) || seen.has(w.sourceCopy.node)) continue;
      // A module without requirements has nothing to download.
      const mod = model.facts?.module;
      if (mod && mod.requires.length === 0 && mod.replaces.length === 0) continue;
      seen.add(w.sourceCopy.node);
      const copy = w.sourceCopy;
      const remote = model.copies.some((c) => c.keyword === 'ADD' && c.sources.some((s) => /\.git(#|$)/.test(s.value)));
      let message: string;
      let fixes: Fix[];
      if (w.lateDownload) {
        const dep = depLines(model, copy, w.build);
        const soleCommand = w.lateDownload.commands.length === 1;
        message = '`go mod download` runs after the source was copied, so its layer is rebuilt on every source change and caches nothing. Copy go.mod and go.sum and download before copying the source.';
        const lines = w.moduleCopy ? [dep.lines[dep.lines.length - 1] as string] : dep.lines;
        fixes = [{
          title: 'Download modules before copying the source',
          safety: dep.safety,
          edits: [insertLinesBefore(model, copy.node, lines), ...(soleCommand ? [deleteInstruction(model, w.lateDownload.node)] : [])],
        }];
      } else if (w.moduleCopy) {
        message = 'go.mod is copied, but no `go mod download` runs before the source is copied: copying go.mod alone caches nothing.';
        const dep = depLines(model, copy, w.build);
        fixes = [{ title: 'Add RUN go mod download before copying the source', safety: 'safe', edits: [insertLinesBefore(model, copy.node, [dep.lines[dep.lines.length - 1] as string])] }];
      } else {
        const dep = depLines(model, copy, w.build);
        const files = model.facts?.module && !model.facts.goSum ? 'go.mod' : 'go.mod and go.sum';
        message = `The source is copied before the modules are downloaded: any source change invalidates this layer and every build downloads all modules again. Copy ${files}, run \`go mod download\`, then copy the source.`;
        fixes = [{ title: `Copy ${files} and download modules first`, safety: dep.safety, edits: [insertLinesBefore(model, copy.node, dep.lines)] }];
      }
      reports.push({ range: copy.node.range, severity: remote ? 'info' : 'warning', message, fixes });
    }
    return reports;
  },
});
