// The image knowledge base (CATALOGUE §0.4), kept as data: what a base image has (shell, libc,
// default user, CA bundle, tzdata, C compiler, Go toolchain) and which tags it publishes.
// Unknown images get `known: false` and every property undefined, so rules stay quiet about them.
import { parseImageRef, type ImageRef } from './imageref';

export type Libc = 'none' | 'glibc' | 'musl';
export type Family =
  | 'scratch'
  | 'distroless'
  | 'chainguard'
  | 'alpine'
  | 'busybox'
  | 'debian'
  | 'ubuntu'
  | 'golang'
  | 'redhat'
  | 'heavy'
  | 'windows';

export interface ImageInfo {
  known: boolean;
  family?: Family;
  /** Path of the default shell, null when the image has none. */
  shell?: string | null;
  /** `/bin/sh` exists (distroless :debug has only /busybox/sh). */
  binSh?: boolean;
  bash?: boolean;
  libc?: Libc;
  /** Default user: "0" for root or a numeric uid. */
  defaultUser?: string;
  /** Users present in /etc/passwd. */
  users?: string[];
  certs?: boolean;
  tzdata?: boolean;
  /** A C compiler is installed (cgo on by default). */
  cc?: boolean;
  /** A Go toolchain image. */
  go?: boolean;
  goVersion?: GoVersion;
  /** Debian release number for Debian-based images (12 bookworm, 13 trixie). */
  debian?: number;
  /** Alpine release, e.g. "3.24". */
  alpine?: string;
  /** Image config ENV that matters to Go builds. */
  env?: Record<string, string>;
  workdir?: string;
  /** A heavy general-purpose runtime base (GD002). */
  heavy?: boolean;
  /** A runtime base GD002 accepts (scratch, distroless, chainguard, alpine, *-slim, busybox). */
  light?: boolean;
  os?: 'linux' | 'windows';
  packageManager?: 'apk' | 'apt' | 'dnf' | 'yum' | 'microdnf';
  /** Tag policy that makes version tags impossible (distroless) or unpullable (chainguard free tier). */
  tagPolicy?: 'distroless' | 'chainguard';
  /** Distroless flavour (static, base, base-nossl, cc) or chainguard image name. */
  flavour?: string;
  /** Tag variant suffix, e.g. "alpine3.24", "bookworm", "trixie", "nonroot". */
  variant?: string;
}

export interface GoVersion {
  major: number;
  minor: number;
  patch?: number;
  /** rc/beta suffix. */
  pre?: string;
}

/** Latest releases the knowledge base knows about (update with each release of go-dockerfile). */
export const LATEST = {
  goMinor: '1.27',
  goPatches: { '1.26': 7, '1.27': 0 } as Record<string, number>,
  alpine: '3.24',
  debian: 13,
  ubuntu: '24.04',
  delve: 'v1.26.3',
  distrolessDebian: 13,
} as const;

export const DEBIAN_CODENAMES: Record<string, number> = { buster: 10, bullseye: 11, bookworm: 12, trixie: 13, forky: 14 };
export const DEBIAN_NAMES: Record<number, string> = { 10: 'buster', 11: 'bullseye', 12: 'bookworm', 13: 'trixie', 14: 'forky' };
/** Debian release of the unsuffixed golang image tags. */
export const GOLANG_DEFAULT_DEBIAN = 13;

const GO_IMAGES = /^(golang|cimg\/go|bitnami\/golang|cgr\.dev\/chainguard\/go|mcr\.microsoft\.com\/oss\/go\/microsoft\/golang|registry\.access\.redhat\.com\/ubi\d+\/go-toolset|tonistiigi\/xx-golang)$/;
const HEAVY = /^(ubuntu|debian|centos|fedora|node|python|ruby|openjdk|eclipse-temurin|amazonlinux|rockylinux|almalinux|oraclelinux|opensuse\/leap|opensuse\/tumbleweed|archlinux|buildpack-deps|registry\.access\.redhat\.com\/ubi\d+(\/ubi)?|redhat\/ubi\d+)$/;
const WINDOWS = /(windowsservercore|nanoserver|mcr\.microsoft\.com\/windows)/;

const DISTROLESS = /^gcr\.io\/distroless\/(static|base-nossl|base|cc|java\d*|nodejs\d*|python3)(-debian(\d+))?$/;
const CHAINGUARD = /^cgr\.dev\/chainguard\/([a-z0-9-]+)$/;

export function parseGoVersion(tag: string): GoVersion | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:rc|beta)\d+)?(?:-|$)/.exec(tag);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: m[2] !== undefined ? Number(m[2]) : -1,
    patch: m[3] !== undefined ? Number(m[3]) : undefined,
    pre: m[4],
  };
}

function distrolessInfo(m: RegExpExecArray, tag: string): ImageInfo {
  const flavour = m[1] as string;
  const debian = m[3] !== undefined ? Number(m[3]) : LATEST.distrolessDebian;
  const debug = tag.startsWith('debug');
  const nonroot = tag.endsWith('nonroot');
  return {
    known: true,
    family: 'distroless',
    flavour,
    shell: debug ? '/busybox/sh' : null,
    binSh: false,
    bash: false,
    libc: flavour === 'static' ? 'none' : 'glibc',
    defaultUser: nonroot ? '65532' : '0',
    users: ['root', 'nobody', 'nonroot'],
    certs: true,
    tzdata: true,
    cc: false,
    go: false,
    debian,
    workdir: nonroot ? '/home/nonroot' : '/',
    light: true,
    os: 'linux',
    tagPolicy: 'distroless',
    variant: tag,
  };
}

/**
 * The Debian release of an unsuffixed golang tag. docker-library/golang moves the default with each
 * Debian release, but only for Go versions still supported then: trixie from 2025-08-12 (Go 1.24
 * and later; 1.23 was end-of-life that day), bookworm from June 2023 (1.19-1.23), bullseye before
 * (1.16-1.18), buster for older tags. An unknown or unversioned tag gets the current default.
 */
export function golangDefaultDebian(version: GoVersion | undefined): number {
  if (!version || version.major !== 1 || version.minor < 0 || version.minor >= 24) return GOLANG_DEFAULT_DEBIAN;
  if (version.minor >= 19) return 12;
  if (version.minor >= 16) return 11;
  return 10;
}

function golangInfo(ref: ImageRef): ImageInfo {
  const tag = ref.tag ?? 'latest';
  const chainguard = ref.name === 'cgr.dev/chainguard/go';
  const version = chainguard ? undefined : parseGoVersion(tag);
  const variant = /(?:^|-)(alpine[\d.]*|bookworm|trixie|bullseye|buster|forky|windowsservercore.*|nanoserver.*)$/.exec(tag)?.[1];
  const alpine = variant?.startsWith('alpine') ?? false;
  const windows = variant !== undefined && /windows|nanoserver/.test(variant);
  const debian = alpine || windows ? undefined : variant && DEBIAN_CODENAMES[variant] ? DEBIAN_CODENAMES[variant] : golangDefaultDebian(version);
  const official = ref.name === 'golang';
  return {
    known: official || chainguard,
    family: 'golang',
    shell: windows ? null : '/bin/sh',
    binSh: !windows,
    bash: !alpine && !windows,
    libc: windows ? undefined : alpine ? 'musl' : 'glibc',
    // cgr.dev/chainguard/go runs as root (chainguard-images/images#1240), like the official images.
    defaultUser: '0',
    users: alpine ? ['root', 'nobody'] : ['root', 'nobody', 'daemon'],
    certs: true,
    tzdata: !alpine,
    cc: !alpine && !windows,
    go: true,
    goVersion: version,
    debian,
    alpine: alpine ? variant?.slice('alpine'.length) || undefined : undefined,
    env: chainguard ? { GOTOOLCHAIN: 'local+auto' } : { GOTOOLCHAIN: 'local', GOPATH: '/go', PATH: '/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    workdir: chainguard ? undefined : '/go',
    heavy: true,
    os: windows ? 'windows' : 'linux',
    packageManager: alpine ? 'apk' : windows ? undefined : 'apt',
    variant,
  };
}

/** Knowledge about an image reference; `known: false` for images the knowledge base does not cover. */
export function imageInfo(ref: ImageRef | null): ImageInfo {
  if (!ref) return { known: false };
  const name = ref.name;
  const tag = ref.tag ?? 'latest';
  if (name === 'scratch') {
    return { known: true, family: 'scratch', shell: null, binSh: false, bash: false, libc: 'none', defaultUser: '0', users: [], certs: false, tzdata: false, cc: false, go: false, light: true, os: 'linux', workdir: '/' };
  }
  if (WINDOWS.test(name) || WINDOWS.test(tag)) {
    return GO_IMAGES.test(name) ? golangInfo(ref) : { known: true, family: 'windows', os: 'windows', go: false };
  }
  if (GO_IMAGES.test(name)) return golangInfo(ref);
  const d = DISTROLESS.exec(name);
  if (d) return distrolessInfo(d, tag);
  const c = CHAINGUARD.exec(name);
  if (c) {
    const flavour = c[1] as string;
    const dev = tag.endsWith('-dev');
    const noLibc = flavour === 'static';
    return {
      known: flavour === 'static' || flavour === 'glibc-dynamic' || flavour === 'wolfi-base',
      family: 'chainguard',
      flavour,
      shell: dev || flavour === 'wolfi-base' ? '/bin/sh' : null,
      binSh: dev || flavour === 'wolfi-base',
      libc: noLibc ? 'none' : 'glibc',
      defaultUser: '65532',
      users: ['root', 'nonroot'],
      certs: true,
      cc: false,
      go: false,
      light: true,
      os: 'linux',
      tagPolicy: 'chainguard',
      packageManager: dev || flavour === 'wolfi-base' ? 'apk' : undefined,
    };
  }
  if (name === 'alpine') {
    const minor = /^(\d+\.\d+)/.exec(tag)?.[1];
    return { known: true, family: 'alpine', shell: '/bin/sh', binSh: true, bash: false, libc: 'musl', defaultUser: '0', users: ['root', 'nobody'], certs: true, tzdata: false, cc: false, go: false, alpine: minor, light: true, os: 'linux', packageManager: 'apk', workdir: '/' };
  }
  if (name === 'busybox') {
    const libc: Libc = tag.includes('musl') ? 'musl' : tag.includes('glibc') ? 'glibc' : 'none';
    return { known: true, family: 'busybox', shell: '/bin/sh', binSh: true, bash: false, libc, defaultUser: '0', users: ['root', 'nobody'], certs: false, tzdata: false, cc: false, go: false, light: true, os: 'linux', workdir: '/' };
  }
  if (name === 'debian' || name === 'ubuntu') {
    const slim = tag.includes('slim');
    const codename = /^(buster|bullseye|bookworm|trixie|forky)/.exec(tag)?.[1];
    const num = /^(\d+)/.exec(tag)?.[1];
    const debian = name === 'debian' ? (codename ? DEBIAN_CODENAMES[codename] : num ? Number(num) : LATEST.debian) : undefined;
    return {
      known: true,
      family: name,
      shell: '/bin/sh',
      binSh: true,
      bash: true,
      libc: 'glibc',
      defaultUser: '0',
      users: ['root', 'nobody', 'daemon'],
      certs: false,
      cc: false,
      go: false,
      debian,
      heavy: !slim,
      light: slim,
      os: 'linux',
      packageManager: 'apt',
      workdir: '/',
    };
  }
  if (HEAVY.test(name)) {
    const apk = tag.includes('alpine');
    const slim = tag.includes('slim') || apk || /ubi\d+.*(minimal|micro)/.test(name);
    return {
      known: true,
      family: /ubi/.test(name) ? 'redhat' : 'heavy',
      shell: '/bin/sh',
      binSh: true,
      bash: !apk,
      libc: apk ? 'musl' : 'glibc',
      defaultUser: '0',
      heavy: !slim,
      light: slim,
      go: false,
      cc: /buildpack-deps/.test(name),
      os: 'linux',
      packageManager: apk ? 'apk' : /ubuntu|debian|node|python|ruby|buildpack|temurin|openjdk/.test(name) ? 'apt' : 'dnf',
    };
  }
  return { known: false };
}

export function imageInfoOf(text: string): ImageInfo {
  return imageInfo(parseImageRef(text));
}

/** The runtime images we recommend (GENERATOR §3.2), by the libc the binary needs. */
export const RUNTIME_IMAGES = {
  distrolessStatic: (debian: number = LATEST.distrolessDebian) => `gcr.io/distroless/static-debian${debian}:nonroot`,
  distrolessBase: (debian: number = LATEST.distrolessDebian) => `gcr.io/distroless/base-debian${debian}:nonroot`,
  distrolessCc: (debian: number = LATEST.distrolessDebian) => `gcr.io/distroless/cc-debian${debian}:nonroot`,
  alpine: (minor: string = LATEST.alpine) => `alpine:${minor}`,
  scratch: () => 'scratch',
} as const;
