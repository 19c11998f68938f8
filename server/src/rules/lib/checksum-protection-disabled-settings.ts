// Where a Dockerfile sets a Go environment variable (GD030/GD031): ENV, ARG (in a stage, or a global
// one a stage redeclares), inline assignments, `export`, and `go env -w`, each with the range of the
// NAME=value text and the stage it applies to.
import type { InstructionNode } from '../../engine/instruction';
import { globalArg } from '../../engine/model/env';
import type { Model, Stage } from '../../engine/model/types';
import type { ShellWord } from '../../engine/shell';
import type { Range } from '../../engine/types';

export interface EnvSetting {
  name: string;
  value: string;
  /** NAME=value as written (for ENV legacy form: from the name to the end of the value). */
  range: Range;
  stage?: Stage;
  kind: 'env' | 'arg' | 'global-arg' | 'inline' | 'export' | 'go-env';
  node: InstructionNode;
  /** The shell word, for shell-level settings. */
  word?: ShellWord;
}

function assignment(w: ShellWord): { name: string; value: string } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value);
  return m ? { name: m[1] as string, value: m[2] as string } : undefined;
}

/** Every setting of a variable in `names`, in document order, without duplicates. */
export function envSettings(model: Model, names: Set<string>): EnvSetting[] {
  const out: EnvSetting[] = [];
  const words = new Set<ShellWord>();
  const globals = new Set<string>();
  for (const stage of model.stages) {
    for (const e of stage.envs) {
      if (names.has(e.name)) out.push({ name: e.name, value: e.value, range: { start: e.nameRange.start, end: e.valueRange.end }, stage, kind: 'env', node: e.node });
    }
    for (const a of stage.args) {
      if (!names.has(a.name)) continue;
      if (a.value !== undefined && a.valueRange) {
        out.push({ name: a.name, value: a.value, range: { start: a.nameRange.start, end: a.valueRange.end }, stage, kind: 'arg', node: a.node });
        continue;
      }
      const g = globalArg(model, a.name);
      if (g?.value !== undefined && g.valueRange && !globals.has(a.name)) {
        globals.add(a.name);
        out.push({ name: g.name, value: g.value, range: { start: g.nameRange.start, end: g.valueRange.end }, stage, kind: 'global-arg', node: g.node });
      }
    }
    for (const run of stage.runs) {
      const push = (w: ShellWord, kind: EnvSetting['kind']): void => {
        const a = assignment(w);
        if (!a || !names.has(a.name) || words.has(w)) return;
        words.add(w);
        out.push({ name: a.name, value: a.value, range: w.range, stage, kind, node: run.node, word: w });
      };
      for (const c of run.commands) {
        for (const a of c.assigns) push(a.word, 'inline');
        const w0 = c.words[0]?.value;
        if (w0 === 'export' || (w0 === 'declare' && c.words[1]?.value === '-x')) for (const w of c.words.slice(1)) push(w, 'export');
      }
      for (const g of run.goCommands) {
        for (const v of g.inline.values()) push(v.word, 'inline');
        if (g.sub === 'env' && g.flags.some((f) => f.name === 'w')) for (const w of g.packages) push(w, 'go-env');
      }
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
