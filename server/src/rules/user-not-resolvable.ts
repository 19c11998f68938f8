// GD017: a non-numeric USER names an account the runtime image's /etc/passwd (or /etc/group) does
// not have: the container fails to start with "unable to find user …: no matching entries in passwd file".
import { insertLinesBefore, kw } from '../engine/edits';
import { lastUser, stageChain, stageLookup } from '../engine/model/env';
import { baseLabel, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import { chainCommands, copiedPaths, createdAccounts, createdUid, type CopiedPath } from '../engine/model/stagecontents';
import type { Model, Stage } from '../engine/model/types';
import { isWithin, normalizePath } from '../engine/paths';
import type { Fix, RelatedInfo } from '../engine/types';
import { expand } from '../engine/vars';
import { imageAccounts } from './lib/user-not-resolvable-accounts';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

/** A COPY puts a file at `path` (or copies a directory or root file system that holds it from another stage). */
function copiesFile(copied: CopiedPath[], path: string): boolean {
  return copied.some((cp) => {
    if (cp.target === path) return true;
    const src = cp.copy.from ? normalizePath(`/${cp.source}`) : cp.source;
    return cp.copy.from !== undefined && (src === '/' || src === '/etc') && isWithin(cp.dest, path);
  });
}

/** An earlier stage (outside the chain) whose RUNs create `name`: its /etc/passwd has the account. */
function creatorStage(model: Model, stage: Stage, name: string): Stage | undefined {
  const chain = stageChain(stage);
  return model.stages.find((s) => s.index < stage.index && !chain.includes(s) && s.info.family !== 'scratch' && createdAccounts(s).has(name));
}

/**
 * A RUN before the USER that the rule cannot read through: it runs a script (which may create the
 * account), or names the account as an argument (`chown appuser …`, `setup-user.sh "${USERNAME}"`).
 */
function opaqueCreation(model: Model, stage: Stage, beforeIndex: number, name: string): boolean {
  for (const { node, command } of chainCommands(stage, beforeIndex)) {
    const s = model.stages[node.stage];
    if (!s) continue;
    const lookup = stageLookup(model, s, node.index);
    const words = command.words.map((w) => expand(w.value, lookup, model.escape).text);
    const exe = words[0] ?? '';
    if (/\.(sh|bash)$/.test(exe) || (/^(\/bin\/|\/usr\/bin\/)?(ba|da|a)?sh$/.test(exe) && words[1] !== undefined && !words[1].startsWith('-'))) return true;
    if (words.slice(1).some((w) => w === name || w.startsWith(`${name}:`))) return true;
  }
  return false;
}

const HOME_NOTE =
  'With a numeric uid that has no passwd entry, os/user.Current() fails and $HOME falls back to /: set ENV HOME=/tmp (or copy a passwd line) if the program or an SDK needs a home directory.';

export default defineRule({
  meta: {
    code: 'GD017',
    name: 'user-not-resolvable',
    description: 'A non-numeric USER names an account that the runtime image does not have, so the container does not start.',
    defaultSeverity: 'error',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
    hadolint: ['DL3066'],
  },
  check({ model }) {
    const reports: Report[] = [];
    const done = new Set<number>();
    for (const { stage, lower } of runtimeTargets(model)) {
      if (stage.os === 'windows') continue;
      const accounts = imageAccounts(stage.info);
      const u = lastUser(stage);
      if (!accounts || !u || done.has(u.node.index)) continue;
      const e = expand(u.value, stageLookup(model, u.stage, u.node.index), model.escape);
      // `USER $APP_UID` with a value only known from --build-arg.
      if (e.unknown.length > 0 || e.text === '') continue;
      const [user = '', group] = e.text.split(':');
      // The user is looked up when the container starts: a passwd copied after USER counts too.
      const copied = copiedPaths(model, stage);
      const created = createdAccounts(u.stage, u.node.index);
      const numeric = (x: string) => /^\d+$/.test(x);
      const userMissing = user !== '' && !numeric(user) && !accounts.users.has(user) && !created.has(user) && !copiesFile(copied, '/etc/passwd');
      const groupMissing = group !== undefined && group !== '' && !numeric(group) && !accounts.groups.has(group) && !created.has(group) && !copiesFile(copied, '/etc/group');
      if (!userMissing && !groupMissing) continue;
      if (opaqueCreation(model, u.stage, u.node.index, userMissing ? user : (group as string))) continue;
      done.add(u.node.index);
      const missing = userMissing ? user : (group as string);
      const file = userMissing ? 'passwd' : 'group';
      const has = accounts.noPasswd
        ? `${baseLabel(stage)} has no /etc/${file}`
        : `/etc/${file} of ${baseLabel(stage)} has no ${userMissing ? 'user' : 'group'} '${missing}'${stageChain(stage).some((s) => s.runs.length > 0) ? ' and no RUN before this USER creates it' : ''}`;
      const fixes: Fix[] = [];
      const related: RelatedInfo[] = [];
      const creator = creatorStage(model, u.stage, missing);
      if (creator) {
        const from = creator.name ?? String(creator.index);
        const lines = [`${kw(model, 'COPY')} --from=${from} /etc/passwd /etc/passwd`];
        if (groupMissing || (group !== undefined && !numeric(group))) lines.push(`${kw(model, 'COPY')} --from=${from} /etc/group /etc/group`);
        fixes.push({
          title: `Copy /etc/passwd${lines.length > 1 ? ' and /etc/group' : ''} from stage ${stageLabel(creator)}`,
          // Nothing is lost on scratch; elsewhere the copy replaces the image's own accounts.
          safety: accounts.noPasswd ? 'safe' : 'unsafe',
          edits: [insertLinesBefore(model, u.node, lines)],
        });
        related.push({ range: creator.from.range, message: `'${missing}' is created in stage ${stageLabel(creator)}, whose /etc/${file} is not copied here` });
      }
      const uid = userMissing ? createdUid(model, user)?.uid : undefined;
      const ids = uid ? `${uid}:${uid}` : '65532:65532';
      fixes.push({
        title: `Use the numeric USER ${ids}${uid ? ` (the uid '${user}' is created with)` : ''}`,
        // The process runs with another uid than the named account may have had: file ownership and permissions can differ.
        safety: 'unsafe',
        edits: [{ range: u.node.argsRange, newText: ids }],
      });
      reports.push({
        range: u.node.argsRange,
        severity: lowerSeverity('error', lower),
        message:
          `USER ${e.text}: ${has}, so the container fails to start with "unable to find ${userMissing ? 'user' : 'group'} ${missing}: no matching entries in ${file} file". ` +
          `Use a numeric uid:gid, or copy /etc/${file} from the stage that creates the account. ${HOME_NOTE}`,
        fixes,
        related,
      });
    }
    return reports;
  },
});
