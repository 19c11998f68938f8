// GD007: a base image reference that is not pinned (`latest`, no tag, a floating tag).
import { LATEST, DEBIAN_CODENAMES, imageInfo } from '../engine/images';
import { withTag, type ImageRef } from '../engine/imageref';
import { imageUses } from '../engine/model/image-uses';
import type { Model } from '../engine/model/types';
import type { Fix, Severity } from '../engine/types';
import { ALL_CLASSES, defineRule, type Report } from './types';

function goModMinor(model: Model): string | undefined {
  const v = model.facts?.module?.goVersion;
  const m = v ? /^(\d+\.\d+)/.exec(v) : null;
  return m?.[1];
}

/** The tag the fix writes, keeping a variant suffix (-alpine, -bookworm). */
function pinnedTag(model: Model, ref: ImageRef): { tag: string; why: string } | undefined {
  const tag = ref.tag ?? 'latest';
  if (ref.name === 'golang') {
    const fromMod = goModMinor(model);
    const minor = fromMod ?? LATEST.goMinor;
    const variant = /(?:^|-)(alpine[\d.]*|bookworm|trixie|bullseye)$/.exec(tag)?.[1];
    return { tag: variant ? `${minor}-${variant}` : minor, why: fromMod ? 'from go.mod' : 'latest known release' };
  }
  if (ref.name === 'alpine') return { tag: LATEST.alpine, why: 'latest known release' };
  if (ref.name === 'debian') return { tag: tag.includes('slim') ? 'trixie-slim' : 'trixie', why: 'current stable release' };
  if (ref.name === 'ubuntu') return { tag: LATEST.ubuntu, why: 'current LTS' };
  return undefined;
}

function floating(tag: string): boolean {
  if (/^(latest|stable|edge|current|lts|mainline|rolling)$/.test(tag)) return true;
  if (!/\d/.test(tag)) return !Object.keys(DEBIAN_CODENAMES).some((c) => tag.startsWith(c));
  return /^\d+(-[a-z].*)?$/.test(tag);
}

export default defineRule({
  meta: {
    code: 'GD007',
    name: 'unpinned-base-image',
    description: 'A base image reference without a tag, with `latest`, or with a floating tag.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: ALL_CLASSES,
    hadolint: ['DL3006', 'DL3007'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const t of imageUses(model)) {
      const ref = t.ref;
      if (ref.digest) continue;
      const info = imageInfo(ref);
      const tag = ref.tag;
      const via = t.viaArg ? ` (from the default of ARG ${t.viaArg}; --build-arg may change it)` : '';
      let severity: Severity;
      let message: string;
      const fixes: Fix[] = [];
      if (info.tagPolicy === 'distroless') {
        if (/-debian\d+$/.test(ref.name)) continue;
        severity = 'info';
        const suggested = `${ref.name}-debian${LATEST.distrolessDebian}`;
        message = `${ref.text}${via} has no Debian release in its name and will move to the next release without notice. Distroless tags carry no version: pin the release in the name (${suggested}) and, for reproducibility, a digest.`;
        if (t.editRange) {
          const text = `${ref.registry ? `${ref.registry}/` : ''}${ref.path}-debian${LATEST.distrolessDebian}${tag ? `:${tag}` : ''}`;
          fixes.push({ title: `Use ${text.replace(/^.*\//, '')}`, safety: 'unsafe', edits: [{ range: t.editRange, newText: text }] });
        }
      } else if (info.tagPolicy === 'chainguard') {
        // A version tag the free tier cannot pull is GD034's finding.
        if (tag !== undefined && tag !== 'latest' && tag !== 'latest-dev') continue;
        severity = 'info';
        message = `${ref.text}${via}: the free Chainguard tier only publishes :latest and :latest-dev, so a version tag cannot be pulled. Pin it by digest (@sha256:…) instead; go-dockerfile works offline and does not look digests up.`;
      } else if (tag === undefined || tag === 'latest') {
        severity = 'warning';
        message = `${ref.text}${via} is ${tag === undefined ? 'untagged (it means :latest)' : ':latest'}: every build may get a different image. Pin a version tag.`;
      } else if (floating(tag)) {
        severity = 'info';
        message = `${ref.text}${via} uses the floating tag :${tag}, which moves to new releases: pin a minor version.`;
      } else continue;
      const pin = info.tagPolicy ? undefined : pinnedTag(model, ref);
      if (pin && t.editRange) {
        fixes.push({ title: `Pin ${ref.name}:${pin.tag} (${pin.why})`, safety: 'unsafe', edits: [{ range: t.editRange, newText: withTag(ref, pin.tag) }] });
      }
      reports.push({ range: t.range, severity, message, fixes });
    }
    return reports;
  },
});
