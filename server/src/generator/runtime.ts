// The runtime image of one binary (GENERATOR §3.2, §3.7, §4.4): what the binary needs, what was asked
// for, and what we refuse because it would fail at run time.
import type { SourceLocation } from '../engine/facts';
import { DEBIAN_NAMES, LATEST, RUNTIME_IMAGES } from '../engine/images';
import type { RuntimeKind } from './types';

export type RuntimeSpecKind = 'distroless-static' | 'distroless-base' | 'distroless-cc' | 'scratch' | 'alpine' | 'debian-slim';

export interface RuntimeSpec {
  kind: RuntimeSpecKind;
  image: string;
  /** scratch: copy the CA bundle from the builder. */
  certs: boolean;
  /** The binary embeds the zone database (-tags timetzdata): scratch with named time zones. */
  tzTag: boolean;
  /** Packages to install (alpine: apk, debian-slim: apt). */
  packages: string[];
  /** One-line comment above FROM. */
  comment: string;
}

export interface RuntimeNeeds {
  /** A human label for messages: "cmd/app" or "worker". */
  label: string;
  /** cgo on and linked dynamically (a glibc runtime is needed). */
  cgo: boolean;
  /** cgo on but linked fully statically: the binary is static. */
  staticCgo?: boolean;
  cxx: boolean;
  tools: { name: string; loc: SourceLocation }[];
  /** Named time zones without embedded tzdata. */
  tz: boolean;
  /** May make TLS calls: TLS client use, net, or dependencies whose imports were not seen. */
  tls: boolean;
  osUser: boolean;
}

export interface RuntimeChoice {
  spec: RuntimeSpec;
  because: string;
  warnings: string[];
}

// Tools busybox (alpine) or debian-slim already provide.
const BUILTIN = new Set(['sh', 'ls', 'cat', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'ln', 'tar', 'gzip', 'gunzip', 'sed', 'awk', 'grep', 'find', 'xargs', 'date', 'echo', 'env', 'id', 'kill', 'sleep', 'true', 'false', 'test', 'uname', 'hostname', 'head', 'tail', 'sort', 'uniq', 'wc', 'touch', 'df', 'du', 'ps']);
const APK: Record<string, string> = { ssh: 'openssh-client', scp: 'openssh-client', convert: 'imagemagick', magick: 'imagemagick', pg_dump: 'postgresql-client', psql: 'postgresql-client', mysqldump: 'mysql-client', mysql: 'mysql-client', gpg: 'gnupg', docker: 'docker-cli', python: 'python3', dig: 'bind-tools', nslookup: 'bind-tools', ffprobe: 'ffmpeg' };
const APT: Record<string, string> = { ssh: 'openssh-client', scp: 'openssh-client', convert: 'imagemagick', magick: 'imagemagick', pg_dump: 'postgresql-client', psql: 'postgresql-client', mysqldump: 'default-mysql-client', mysql: 'default-mysql-client', gpg: 'gnupg', docker: 'docker.io', python: 'python3', dig: 'dnsutils', nslookup: 'dnsutils', ffprobe: 'ffmpeg' };
// busybox provides these on alpine but debian-slim has no wget/unzip/nc by default.
const BUSYBOX_ONLY: Record<string, string> = { wget: 'wget', unzip: 'unzip', nc: 'netcat-openbsd', which: 'debianutils' };

function toolNames(needs: RuntimeNeeds): string[] {
  return [...new Set(needs.tools.map((t) => t.name.replace(/^.*\//, '')))].sort();
}

export function apkPackages(needs: RuntimeNeeds): string[] {
  const pk = new Set<string>();
  for (const t of toolNames(needs)) {
    if (BUILTIN.has(t) || t in BUSYBOX_ONLY) continue;
    pk.add(APK[t] ?? t);
  }
  if (needs.tz) pk.add('tzdata');
  return [...pk].sort();
}

function aptPackages(needs: RuntimeNeeds): string[] {
  const pk = new Set<string>();
  for (const t of toolNames(needs)) {
    if (BUILTIN.has(t)) continue;
    pk.add(BUSYBOX_ONLY[t] ?? APT[t] ?? t);
  }
  if (needs.tls) pk.add('ca-certificates');
  if (needs.tz) pk.add('tzdata');
  return [...pk].sort();
}

function toolList(needs: RuntimeNeeds): string {
  return needs.tools.map((t) => `exec.Command("${t.name}") (${t.loc.file}:${t.loc.line})`).join(', ');
}

const D = LATEST.distrolessDebian;
const CODENAME = DEBIAN_NAMES[D] ?? 'trixie';

function distrolessStatic(): RuntimeSpec {
  return { kind: 'distroless-static', image: RUNTIME_IMAGES.distrolessStatic(D), certs: false, tzTag: false, packages: [], comment: 'Runtime: static binary on distroless (CA certs, tzdata, /tmp and the nonroot user 65532 included; no shell).' };
}

function distrolessCgo(needs: RuntimeNeeds): RuntimeSpec {
  return needs.cxx
    ? { kind: 'distroless-cc', image: RUNTIME_IMAGES.distrolessCc(D), certs: false, tzTag: false, packages: [], comment: `Runtime: glibc + libstdc++ for the cgo/C++ binary, the same Debian ${D} (${CODENAME}) as the builder; nonroot user 65532.` }
    : { kind: 'distroless-base', image: RUNTIME_IMAGES.distrolessBase(D), certs: false, tzTag: false, packages: [], comment: `Runtime: glibc for the cgo binary, the same Debian ${D} (${CODENAME}) as the builder; nonroot user 65532.` };
}

function alpine(needs: RuntimeNeeds, why: string): RuntimeSpec {
  return { kind: 'alpine', image: RUNTIME_IMAGES.alpine(LATEST.alpine), certs: false, tzTag: false, packages: apkPackages(needs), comment: `Runtime: alpine ${why}.` };
}

function debianSlim(needs: RuntimeNeeds): RuntimeSpec {
  return { kind: 'debian-slim', image: `debian:${CODENAME}-slim`, certs: false, tzTag: false, packages: aptPackages(needs), comment: `Runtime: Debian ${D} (${CODENAME}) slim, the builder's glibc, with the tools the program runs.` };
}

function scratch(needs: RuntimeNeeds): RuntimeSpec {
  return { kind: 'scratch', image: 'scratch', certs: needs.tls, tzTag: needs.tz, packages: [], comment: 'Runtime: scratch (requested): an empty image holding only what is copied below.' };
}

/** Picks the runtime for one binary (GENERATOR §3.2) and explains refusals as warnings. */
export function chooseRuntime(needs: RuntimeNeeds, requested: RuntimeKind | undefined): RuntimeChoice {
  const warnings: string[] = [];
  const tools = needs.tools.length > 0;
  if (needs.cgo) {
    if (tools) {
      if (requested && requested !== 'distroless') warnings.push(`${needs.label}: cgo is required, so the runtime needs glibc: "${requested}" was replaced by ${`debian:${CODENAME}-slim`} (same Debian release as the builder).`);
      return { spec: debianSlim(needs), because: `cgo is required and the program runs ${toolList(needs)}: glibc plus the tools, on the builder's Debian release`, warnings };
    }
    if (requested === 'scratch' || requested === 'alpine') {
      warnings.push(`${needs.label}: cgo is required, so the binary is dynamically linked against glibc: "${requested}" ${requested === 'scratch' ? 'has no libc' : 'has musl, not glibc'} and the binary would not start. Using ${distrolessCgo(needs).image} instead.`);
    }
    return { spec: distrolessCgo(needs), because: needs.cxx ? 'cgo is required and C++ code is linked: glibc and libstdc++ on the builder\'s Debian release' : 'cgo is required: glibc on the builder\'s Debian release (distroless base)', warnings };
  }
  if (requested === 'scratch') {
    if (needs.osUser) {
      warnings.push(`${needs.label}: scratch refused: the program uses os/user (user.Current or similar), which needs /etc/passwd and a home directory that scratch lacks. Using ${distrolessStatic().image}, which has them, instead.`);
      return { spec: distrolessStatic(), because: 'scratch was requested, but os/user needs /etc/passwd and $HOME: distroless static has both', warnings };
    }
    if (tools) {
      warnings.push(`${needs.label}: scratch refused: the program runs ${toolList(needs)}, which scratch does not have. Using alpine with the tools installed instead.`);
      return { spec: alpine(needs, 'with the tools the program runs'), because: `scratch was requested, but the program runs ${toolList(needs)}`, warnings };
    }
    return { spec: scratch(needs), because: 'requested; the binary is static and needs no libc', warnings };
  }
  if (requested === 'alpine') return { spec: alpine(needs, tools ? '(requested), with the tools the program runs' : '(requested): busybox shell and apk; CA certificates included'), because: 'requested', warnings };
  if (requested === 'distroless') {
    if (tools) warnings.push(`${needs.label}: the program runs ${toolList(needs)}, which distroless does not have: the call will fail at run time. Use --runtime alpine to install the tools.`);
    return { spec: distrolessStatic(), because: 'requested; the binary is static', warnings };
  }
  if (tools) return { spec: alpine(needs, 'with the tools the program runs (distroless has no package manager)'), because: `the program runs ${toolList(needs)}: distroless has no such tools`, warnings };
  return { spec: distrolessStatic(), because: `the binary is static (${needs.staticCgo ? 'cgo linked statically' : 'no cgo'}): distroless static has CA certs, tzdata, /tmp and a nonroot user at ~2 MiB`, warnings };
}
