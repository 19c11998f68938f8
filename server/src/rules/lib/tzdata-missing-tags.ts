// Build tags of a go command (`-tags`, and `-tags=` inside GOFLAGS) and the edit that adds one
// (GD016 adds timetzdata, GD013 adds musl for confluent-kafka-go).
import { insertAt } from '../../engine/edits';
import { goFlags } from '../../engine/model/gocmd';
import { goEnv } from '../../engine/model/goenv';
import type { GoCommand, GoFlag, Model } from '../../engine/model/types';
import type { TextEdit } from '../../engine/types';

export interface BuildTags {
  tags: string[];
  /** The -tags flag on the command line that is in effect (the last one wins). */
  flag?: GoFlag;
  /** -tags given through GOFLAGS (a command-line -tags replaces it). */
  goflags: boolean;
}

function split(value: string): string[] {
  return value.split(/[,\s]+/).filter((t) => t !== '');
}

export function buildTags(model: Model, cmd: GoCommand): BuildTags {
  const flags = goFlags(cmd, 'tags');
  const flag = flags[flags.length - 1];
  if (flag) return { tags: split(flag.value ?? ''), flag, goflags: false };
  const goflags = goEnv(model, cmd, 'GOFLAGS')?.value ?? '';
  const tags: string[] = [];
  let found = false;
  for (const m of goflags.matchAll(/(?:^|\s)--?tags=(\S+)/g)) {
    found = true;
    tags.length = 0;
    tags.push(...split(m[1] as string));
  }
  return { tags, goflags: found };
}

/**
 * Adds build tags to the command: merged into an existing `-tags` value with commas, or a new
 * `-tags <tags>` right after the subcommand. Undefined when the edit cannot be made exactly: exec
 * form, a value built from variables, or tags that come only from GOFLAGS (a command-line -tags
 * would replace them), or when every tag is there already.
 */
export function addTagsEdit(model: Model, cmd: GoCommand, wanted: string[]): TextEdit | undefined {
  if (cmd.run.form === 'exec') return undefined;
  const bt = buildTags(model, cmd);
  const add = wanted.filter((t, i) => !bt.tags.includes(t) && wanted.indexOf(t) === i);
  if (add.length === 0) return undefined;
  if (bt.flag) {
    const f = bt.flag;
    if (f.words.some((w) => w.expands)) return undefined;
    const value = [...bt.tags, ...add].join(',');
    const first = f.words[0];
    if (!first) return undefined;
    const dashes = /^-+/.exec(first.value)?.[0] ?? '-';
    const text = f.valueWord ? `${dashes}tags ${value}` : `${dashes}tags=${value}`;
    return { range: f.range, newText: text };
  }
  if (bt.goflags) return undefined;
  const sub = cmd.subWords[cmd.subWords.length - 1];
  if (!sub) return undefined;
  return insertAt(sub.range.end, ` -tags ${add.join(',')}`);
}

/** addTagsEdit for one tag. */
export function addTagEdit(model: Model, cmd: GoCommand, tag: string): TextEdit | undefined {
  return addTagsEdit(model, cmd, [tag]);
}
