// GD016: the program loads named time zones, but the runtime image (scratch, alpine, busybox) has no
// time-zone database and the binary does not embed one: time.LoadLocation fails with "unknown time zone".
import { insertLinesAfter, kw } from '../engine/edits';
import { stageEnv } from '../engine/model/env';
import { baseLabel, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import { binarySourceStages, copiedPaths, feedingBuilds, installsPackage, runsProgram, type CopiedPath } from '../engine/model/stagecontents';
import type { GoCommand, Model, Stage } from '../engine/model/types';
import { isWithin } from '../engine/paths';
import type { Fix, Range, RelatedInfo, TextEdit } from '../engine/types';
import { addTagEdit, buildTags } from './lib/tzdata-missing-tags';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const ZONEINFO_DIR = '/usr/share/zoneinfo';
const GOROOT_ZIP = '/usr/local/go/lib/time/zoneinfo.zip';

function bringsZoneinfo(cp: CopiedPath): boolean {
  if (isWithin(ZONEINFO_DIR, cp.dest) || isWithin(ZONEINFO_DIR, cp.target)) return true;
  return /(^|\/)zoneinfo(\/|$)/.test(cp.source) && cp.dest !== '/' && isWithin(cp.dest, ZONEINFO_DIR);
}

/** ENV ZONEINFO pointing at something a COPY put into the image (EDGE_CASES EC26). */
function zoneinfoEnv(model: Model, stage: Stage, copied: CopiedPath[]): boolean {
  const v = stageEnv(model, stage, Number.POSITIVE_INFINITY, 'ZONEINFO')?.value;
  if (!v) return false;
  return copied.some((cp) => cp.target !== '/' && (isWithin(cp.target, v) || isWithin(v, cp.target)));
}

/** A stage built on the official golang image, whose GOROOT has lib/time/zoneinfo.zip. */
function goRootStage(model: Model, stage: Stage): Stage | undefined {
  const ok = (s: Stage) => s.rootRef?.name === 'golang' && s.os === 'linux';
  return binarySourceStages(model, stage).find(ok) ?? model.stages.find((s) => s.index < stage.index && ok(s));
}

/** `ENV TZ=Europe/Berlin` (a named zone, not UTC or a file path) in effect in the stage. */
function namedTz(model: Model, stage: Stage): { value: string; range?: Range } | undefined {
  const v = stageEnv(model, stage, Number.POSITIVE_INFINITY, 'TZ');
  if (!v?.value || v.source === 'image') return undefined;
  const zone = v.value.replace(/^:/, '');
  if (zone.startsWith('/') || /^(UTC|Etc\/UTC|UCT|Etc\/UCT|Universal|Zulu|GMT|Etc\/GMT|GMT0)?$/.test(zone)) return undefined;
  return { value: v.value, range: v.range };
}

function fixes(model: Model, stage: Stage, missing: GoCommand[]): Fix[] {
  const out: Fix[] = [];
  const tagEdits = missing.map((g) => addTagEdit(model, g, 'timetzdata'));
  if (missing.length > 0 && tagEdits.every((e): e is TextEdit => e !== undefined)) {
    out.push({ title: 'Build with -tags timetzdata (embeds the zone database, about 450 KB)', safety: 'safe', edits: tagEdits });
  }
  if (stage.info.family === 'alpine') {
    out.push({ title: 'Install tzdata with apk', safety: 'unsafe', edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'RUN')} apk add --no-cache tzdata`])] });
  }
  const go = goRootStage(model, stage);
  if (go) {
    const from = go.name ?? String(go.index);
    out.push({
      title: `Copy zoneinfo.zip from stage ${stageLabel(go)} and set ZONEINFO`,
      safety: 'suggestion',
      edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'COPY')} --from=${from} ${GOROOT_ZIP} /zoneinfo.zip`, `${kw(model, 'ENV')} ZONEINFO=/zoneinfo.zip`])],
    });
  }
  return out;
}

export default defineRule({
  meta: {
    code: 'GD016',
    name: 'tzdata-missing',
    description: 'The program loads named time zones, but the runtime image has no time-zone database and the binary embeds none.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
  },
  check({ model }) {
    const reports: Report[] = [];
    const facts = model.facts;
    // The zone database is embedded with import _ "time/tzdata".
    if (facts?.tz.embedded) return reports;
    const use = facts?.tz.uses[0];
    for (const { stage, lower } of runtimeTargets(model)) {
      const info = stage.info;
      if (!info.known || info.tzdata !== false || stage.os === 'windows') continue;
      if (info.family !== 'scratch' && info.family !== 'alpine' && info.family !== 'busybox') continue;
      // Without a named zone in the code (facts) or in ENV TZ, there is nothing to look up.
      const tz = namedTz(model, stage);
      if ((!use && !tz) || !runsProgram(model, stage)) continue;
      const copied = copiedPaths(model, stage);
      if (copied.some(bringsZoneinfo) || zoneinfoEnv(model, stage, copied)) continue;
      if (installsPackage(stage, /^tzdata$/)) continue;
      const builds = feedingBuilds(model, stage);
      const missing = builds.filter((g) => !buildTags(model, g).tags.includes('timetzdata'));
      if (builds.length > 0 && missing.length === 0) continue;
      const seen = builds.length > 0;
      const related: RelatedInfo[] = [];
      if (use) {
        const pos = { line: Math.max(0, use.line - 1), character: 0 };
        related.push({ range: { start: pos, end: pos }, message: 'a named time zone is loaded here', file: use.file });
      }
      for (const g of missing) related.push({ range: g.goWord.range, message: 'this build does not embed the zone database (-tags timetzdata)' });
      if (tz && tz.range && use) related.push({ range: tz.range, message: `TZ=${tz.value} is set here` });
      const unless = seen ? '' : 'unless the binary is built with -tags timetzdata, ';
      const problem = use
        ? `the program loads named zones (time.LoadLocation in ${use.file}:${use.line}): ${unless}they fail at run time with "unknown time zone …"`
        : `ENV TZ=${tz?.value} asks for a named zone: ${unless}time.Local silently falls back to UTC`;
      reports.push({
        range: !use && tz?.range ? tz.range : stage.imageRange,
        severity: lowerSeverity(seen ? 'warning' : 'info', lower),
        message:
          `${baseLabel(stage)} has no time-zone database (/usr/share/zoneinfo), and ${problem}. ` +
          `Embed the database with -tags timetzdata, or put one into the image${info.family === 'alpine' ? ' (apk add tzdata)' : ''}.`,
        fixes: fixes(model, stage, missing),
        related,
      });
    }
    return reports;
  },
});
