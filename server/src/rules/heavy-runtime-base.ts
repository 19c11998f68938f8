// GD002: the runtime base is heavier than the Go binary needs.
import { copyFlows, entryBuiltInChain } from '../engine/model/artifacts';
import { stageChain } from '../engine/model/env';
import { imageEditRange } from '../engine/model/image-uses';
import { installedPackages } from '../engine/model/packages';
import { linkage } from '../engine/model/linkage';
import { baseLabel, isDevStage, lowerSeverity, runtimeTargets } from '../engine/model/queries';
import { LATEST, RUNTIME_IMAGES } from '../engine/images';
import type { Model, Stage } from '../engine/model/types';
import type { Fix } from '../engine/types';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const WARN_FAMILIES = /^(golang|ubuntu|debian|centos|fedora|node)$/;

function installsPackages(stage: Stage): boolean {
  return stageChain(stage).some((s) => s.runs.some((r) => r.commands.some((c) => installedPackages(c) !== undefined)));
}

interface Alternative {
  image: string;
  why: string;
}

function alternatives(model: Model, stage: Stage): { alts: Alternative[]; dynamic: boolean } | undefined {
  const flows = stage.copies.flatMap((c) => copyFlows(model, c));
  if (flows.length === 0) {
    if (model.goClass !== 'go-runtime-only') return undefined;
    const dynamic = model.facts?.release.goreleaser?.cgoDisabled === false;
    return { alts: dynamic ? [] : staticAlternatives(), dynamic };
  }
  const link = linkage(model, (flows[0] as (typeof flows)[number]).output.cmd);
  if (link.kind === 'unknown') return undefined;
  if (link.kind === 'static') return { alts: staticAlternatives(), dynamic: false };
  const builder = (flows[0] as (typeof flows)[number]).output.cmd.run.stage;
  if (builder.info.libc === 'musl') return { alts: [{ image: RUNTIME_IMAGES.alpine(builder.info.alpine ?? LATEST.alpine), why: 'musl like the alpine builder' }], dynamic: true };
  const debian = builder.info.debian ?? LATEST.debian;
  return {
    alts: [
      { image: RUNTIME_IMAGES.distrolessBase(debian), why: `glibc from the builder's Debian ${debian}, certs, tzdata, nonroot user` },
      { image: `debian:${debian === 12 ? 'bookworm' : 'trixie'}-slim`, why: 'glibc with a shell and apt' },
    ],
    dynamic: true,
  };
}

function slimTag(tag: string | undefined): string {
  const release = tag && tag !== 'latest' ? tag.replace(/-slim$/, '') : 'trixie';
  return `${release}-slim`;
}

function staticAlternatives(): Alternative[] {
  return [
    { image: RUNTIME_IMAGES.distrolessStatic(), why: '~2 MiB with CA certs, tzdata, /tmp and a nonroot user' },
    { image: 'scratch', why: 'empty: add CA certs, tzdata and a numeric USER yourself' },
    { image: RUNTIME_IMAGES.alpine(), why: '~8 MiB with a shell and apk' },
  ];
}

export default defineRule({
  meta: {
    code: 'GD002',
    name: 'heavy-runtime-base',
    description: 'The runtime image is based on a full distribution or toolchain image although it only runs a Go binary.',
    defaultSeverity: 'info',
    fixable: 'suggestion',
    appliesTo: BUILD_AND_RUNTIME,
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const { stage, lower } of runtimeTargets(model)) {
      const info = stage.info;
      if (!info.known || !info.heavy || info.light || stage.os === 'windows') continue;
      if (isDevStage(stage)) continue;
      // A toolchain image that also builds what it runs is GD001's finding.
      if (info.go && entryBuiltInChain(model, stage)) continue;
      if (model.facts && model.facts.execTools.length > 0) continue;
      // A stage that installs real dependencies needs a distribution; only Debian has a -slim variant of it.
      const installs = installsPackages(stage);
      if (installs && info.family !== 'debian') continue;
      const found = alternatives(model, stage);
      if (!found) continue;
      const range = imageEditRange(model, stage);
      const alts = installs ? [{ image: `debian:${slimTag(stage.rootRef?.tag)}`, why: 'the same release without the extras' }] : found.alts;
      const fixes: Fix[] = range ? alts.map((a) => ({ title: `Use ${a.image} (${a.why})`, safety: 'suggestion', edits: [{ range, newText: a.image }] })) : [];
      const severity = !installs && WARN_FAMILIES.test(info.family === 'heavy' ? (stage.rootRef?.name ?? '') : (info.family ?? '')) ? 'warning' : 'info';
      reports.push({
        range: stage.imageRange,
        severity: lowerSeverity(severity, lower),
        message: installs
          ? `${baseLabel(stage)} is a full distribution image; the packages installed here fit on a -slim variant.`
          : `${baseLabel(stage)} is far heavier than a ${found.dynamic ? 'dynamically linked' : 'static'} Go binary needs: it adds a package manager, a shell and hundreds of packages (size, CVEs) that this image never uses.`,
        fixes,
      });
    }
    return reports;
  },
});
