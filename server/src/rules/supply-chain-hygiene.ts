// GD034: base image supply-chain hygiene: digests in release Dockerfiles, deprecated or unsupported
// distroless releases, Chainguard version tags the free tier cannot pull, golang onbuild images,
// golang alpine variants that are no longer published, and images from registries not trusted by
// the configuration.
import { imageInfo } from '../engine/images';
import { withTag, type ImageRef } from '../engine/imageref';
import { imageUses, type ImageUse } from '../engine/model/image-uses';
import type { Model } from '../engine/model/types';
import type { Fix } from '../engine/types';
import { CHAINGUARD_FREE_TAGS, DISTROLESS_CURRENT, DISTROLESS_DEBIAN, GOLANG_ALPINE_VARIANTS, alpineOlder } from './lib/supply-chain-hygiene-data';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

function prefix(ref: ImageRef): string {
  return ref.registry ? `${ref.registry}/` : '';
}

/** The registry an image is pulled from ("docker.io" for Docker Hub names). */
function registryOf(ref: ImageRef): string {
  return ref.registry ?? 'docker.io';
}

/** hadolint's trustedRegistries matching: an exact registry, or a `*.example.com` wildcard. */
export function trusted(registry: string, patterns: string[]): boolean {
  return patterns.some((p) => p === registry || (p.startsWith('*.') && registry.endsWith(p.slice(1))) || (p === 'docker.io' && registry === 'index.docker.io'));
}

function releaseDockerfile(model: Model): string | undefined {
  const g = model.facts?.release.goreleaser;
  if (!g) return undefined;
  return g.dockerfiles.includes(model.dockerfilePath ?? 'Dockerfile') ? g.file : undefined;
}

function distroless(t: ImageUse, via: string): Report | undefined {
  const m = /^(.*)-debian(\d+)$/.exec(t.ref.path);
  if (!m || !/^gcr\.io\/distroless\//.test(t.ref.name)) return undefined;
  const debian = Number(m[2]);
  const release = DISTROLESS_DEBIAN[debian];
  if (!release || release.status === 'current' || debian > DISTROLESS_CURRENT) return undefined;
  const flavour = (m[1] as string).replace(/^.*\//, '');
  const moved = `${prefix(t.ref)}${m[1]}-debian${DISTROLESS_CURRENT}${t.ref.tag ? `:${t.ref.tag}` : ''}`;
  const fixes: Fix[] = t.editRange
    ? [{ title: `Move to debian${DISTROLESS_CURRENT} (${moved.replace(/^.*\//, '')})`, safety: 'unsafe', edits: [{ range: t.editRange, newText: moved }] }]
    : [];
  const why =
    release.status === 'deprecated'
      ? `distroless no longer updates -debian${debian} images ("considered deprecated and no longer updated"), so it gets no security fixes`
      : `distroless supports -debian${debian} images until ${release.until} (SUPPORT_POLICY), which has passed: expect no more security fixes`;
  const base = flavour === 'base' ? ` Docker's Go guide still shows base-debian11; a CGO_ENABLED=0 binary only needs static-debian${DISTROLESS_CURRENT}.` : '';
  return {
    range: t.range,
    severity: 'warning',
    message: `${t.ref.text}${via}: ${why}. Move to ${flavour}-debian${DISTROLESS_CURRENT}. A static Go binary runs there unchanged; a cgo binary needs a builder whose glibc is not newer than the runtime's (golang:<v> is debian13 trixie).${base}${t.ref.digest ? ' The digest pin goes with the move: pin the new image again.' : ''}`,
    fixes,
  };
}

function chainguard(t: ImageUse, via: string): Report | undefined {
  if (!/^cgr\.dev\/chainguard\//.test(t.ref.name) || t.ref.digest) return undefined;
  const tag = t.ref.tag ?? 'latest';
  if (CHAINGUARD_FREE_TAGS.has(tag)) return undefined;
  const latest = tag.endsWith('-dev') ? 'latest-dev' : 'latest';
  const fixes: Fix[] = t.editRange ? [{ title: `Use :${latest} (then pin its digest)`, safety: 'suggestion', edits: [{ range: t.editRange, newText: withTag(t.ref, latest) }] }] : [];
  return {
    range: t.range,
    severity: 'warning',
    message: `${t.ref.text}${via}: Chainguard's free tier publishes only :latest and :latest-dev, so the version tag :${tag} cannot be pulled (the build fails with "not found") unless your organisation has a Chainguard subscription. Pin :${latest} by digest instead (${t.ref.name}:${latest}@sha256:…; digests stay pullable). go-dockerfile works offline and does not look digests up.`,
    fixes,
  };
}

function golang(t: ImageUse, via: string): Report | undefined {
  if (t.ref.name !== 'golang') return undefined;
  const tag = t.ref.tag ?? 'latest';
  if (/(^|-)onbuild$/.test(tag)) {
    return {
      range: t.range,
      severity: 'warning',
      message: `${t.ref.text}${via}: the golang onbuild images are deprecated and no longer published. The tag points at a years-old Go release without security fixes, and its hidden ONBUILD steps (COPY . and go get/go install in GOPATH) do not fit module builds. Use golang:<version> with explicit COPY and RUN go build steps in a multi-stage build.`,
    };
  }
  const info = imageInfo(t.ref);
  const v = info.goVersion;
  const alpine = info.alpine;
  if (!v || v.minor < 0 || !alpine) return undefined;
  const published = GOLANG_ALPINE_VARIANTS[`${v.major}.${v.minor}`];
  if (!published || published.includes(alpine) || !published.some((p) => alpineOlder(alpine, p))) return undefined;
  const newest = published[0] as string;
  const newTag = tag.replace(/alpine\d+\.\d+$/, `alpine${newest}`);
  const fixes: Fix[] = t.editRange ? [{ title: `Use golang:${newTag}`, safety: 'unsafe', edits: [{ range: t.editRange, newText: withTag(t.ref, newTag).replace(/@.*$/, '') }] }] : [];
  return {
    range: t.range,
    severity: 'info',
    message: `${t.ref.text}${via}: docker-library/golang publishes Go ${v.major}.${v.minor} only for ${published.map((p) => `alpine${p}`).join(' and ')}, so the alpine${alpine} tag is frozen at an older patch release and misses Go and Alpine security fixes. Use golang:${newTag}.`,
    fixes,
  };
}

export default defineRule({
  meta: {
    code: 'GD034',
    name: 'supply-chain-hygiene',
    description: 'Base image supply-chain hygiene: digests in release Dockerfiles, deprecated distroless releases, unpullable Chainguard tags, onbuild and unpublished golang variants.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: BUILD_AND_RUNTIME,
    hadolint: ['DL3026'],
  },
  check({ model, settings }) {
    const reports: Report[] = [];
    const release = releaseDockerfile(model);
    for (const t of imageUses(model)) {
      const via = t.viaArg ? ` (from the default of ARG ${t.viaArg})` : '';
      // (f) trustedRegistries (settings / .go-dockerfile.json), as hadolint's DL3026.
      if (settings.trustedRegistries.length > 0 && !trusted(registryOf(t.ref), settings.trustedRegistries)) {
        reports.push({
          range: t.range,
          severity: 'warning',
          message: `${t.ref.text}${via} comes from ${registryOf(t.ref)}, which is not one of the trusted registries (${settings.trustedRegistries.join(', ')}). Use an image from a trusted registry or a mirror of it.`,
        });
      }
      const r = distroless(t, via) ?? chainguard(t, via) ?? golang(t, via);
      if (r) {
        reports.push(r);
        continue;
      }
      if (release && t.stage !== undefined && !t.ref.digest) {
        reports.push({
          range: t.range,
          severity: 'hint',
          message: `${t.ref.text}${via} has no digest, and this Dockerfile is released by GoReleaser (${release}): a release rebuilt later may get a different base. Pin it as tag@sha256:… (resolve it with \`docker buildx imagetools inspect ${t.ref.text}\`) and let Renovate or Dependabot update it. go-dockerfile works offline and does not look digests up.`,
        });
      }
    }
    return reports;
  },
});
