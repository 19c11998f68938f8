// Local stand-ins for the base images the example Dockerfiles (naive, fixed and generated) start
// FROM, assembled from Debian packages when no registry is reachable (see docs/RESULTS.md). They
// are NOT the official images: the Go inside is Debian's golang-go, whatever tag they carry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, copyFileSync, symlinkSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from './engine';

/** Bump when a recipe changes: images with another recipe label are rebuilt. */
export const RECIPE = '3';
export const STANDIN_LABEL = 'io.go-dockerfile.prove.standin';
const MIRROR = process.env.GD_PROVE_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const SUITE = 'bookworm';

/** Go minor versions whose golang tags point at the builder stand-in. */
const GO_MINORS = ['1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27'];
const DEBIAN_NUMS = ['12', '13'];
const ALPINE_MINORS = ['3.18', '3.19', '3.20', '3.21', '3.22', '3.23', '3.24'];

export interface StandIn {
  name: string;
  /** What it stands in for, and how it differs. */
  note: string;
  tags: string[];
}

export interface StandInReport {
  standIns: StandIn[];
  goVersion: string;
  seconds: number;
  created: string[];
}

function golangTags(): string[] {
  const tags = ['latest', 'bookworm', 'alpine'];
  for (const m of GO_MINORS) tags.push(m, `${m}-bookworm`, `${m}-alpine`, `${m}-trixie`);
  return tags.map((t) => `docker.io/library/golang:${t}`);
}

function distrolessTags(flavour: string): string[] {
  const out: string[] = [];
  for (const d of ['', ...DEBIAN_NUMS.map((n) => `-debian${n}`)]) for (const t of ['latest', 'nonroot']) out.push(`gcr.io/distroless/${flavour}${d}:${t}`);
  return out;
}

const PASSWD = 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n';
const GROUP = 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n';

function sh(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** debootstrap minbase + Go + gcc + libsqlite3-dev, cached as a directory (about 40 s cold). */
function golangRootfs(state: string): string {
  const root = path.join(state, 'rootfs-golang');
  const marker = path.join(root, '.gd-prove-recipe');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === RECIPE) return root;
  const tmp = `${root}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
  sh('debootstrap', ['--variant=minbase', '--include=golang-go,gcc,libc6-dev,ca-certificates,libsqlite3-dev', SUITE, tmp, MIRROR]);
  // The official images ship no .deb cache and (since Go 1.20) no precompiled standard library:
  // without it every build without a GOCACHE mount compiles the standard library, as it does there.
  rmSync(path.join(tmp, 'var/cache/apt/archives'), { recursive: true, force: true });
  mkdirSync(path.join(tmp, 'var/cache/apt/archives/partial'), { recursive: true });
  for (const d of readdirSync(path.join(tmp, 'usr/lib'))) {
    if (d.startsWith('go-')) rmSync(path.join(tmp, 'usr/lib', d, 'pkg/linux_amd64'), { recursive: true, force: true });
  }
  mkdirSync(path.join(tmp, 'go/bin'), { recursive: true });
  mkdirSync(path.join(tmp, 'go/src'), { recursive: true });
  chmodSync(path.join(tmp, 'go'), 0o777);
  const goroot = readdirSync(path.join(tmp, 'usr/lib')).find((d) => d.startsWith('go-'));
  if (!goroot) throw new Error('debootstrap produced no /usr/lib/go-*');
  // Dockerfiles sometimes name /usr/local/go/bin/go.
  symlinkSync(`/usr/lib/${goroot}`, path.join(tmp, 'usr/local/go'));
  writeFileSync(path.join(tmp, '.gd-prove-recipe'), RECIPE);
  renameSync(tmp, root);
  return root;
}

/** passwd, group, CA bundle, /tmp and /home/nonroot: the files of distroless static. */
function staticTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['etc/ssl/certs', 'tmp', 'home/nonroot', 'root', 'usr/share']) mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(path.join(dir, 'etc/passwd'), PASSWD);
  writeFileSync(path.join(dir, 'etc/group'), GROUP);
  writeFileSync(path.join(dir, 'etc/nsswitch.conf'), 'hosts: files dns\n');
  copyFileSync('/etc/ssl/certs/ca-certificates.crt', path.join(dir, 'etc/ssl/certs/ca-certificates.crt'));
  if (existsSync('/usr/share/zoneinfo')) sh('cp', ['-a', '/usr/share/zoneinfo', path.join(dir, 'usr/share/zoneinfo')]);
  chmodSync(path.join(dir, 'tmp'), 0o1777);
  chmodSync(path.join(dir, 'root'), 0o700);
}

/** Adds the files of Debian packages (shared libraries only) to a tree. */
function addPackageLibs(dir: string, pkgs: string[]): void {
  for (const pkg of pkgs) {
    const files = sh('dpkg', ['-L', pkg]).split('\n').filter((f) => /\/lib[^/]*\/x86_64-linux-gnu\/[^/]+\.so[.0-9]*$/.test(f) || /^\/lib64\//.test(f));
    for (const f of files) {
      // The host may be usr-merged (/lib -> usr/lib): copy the file's content to the listed path.
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      copyFileSync(f, path.join(dir, f));
      chmodSync(path.join(dir, f), 0o755);
    }
  }
}

function busyboxTree(dir: string): void {
  staticTree(dir);
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', path.join(dir, 'bin/busybox'));
  chmodSync(path.join(dir, 'bin/busybox'), 0o755);
  for (const applet of sh('/bin/busybox', ['--list-full']).split('\n').filter(Boolean)) {
    const target = path.join(dir, applet);
    if (existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync('/bin/busybox', target);
  }
  writeFileSync(path.join(dir, 'etc/passwd'), PASSWD.replace(/\/sbin\/nologin/g, '/bin/sh'));
}

interface Recipe {
  name: string;
  note: string;
  tags: string[];
  tree: (dir: string) => string;
  config: string[];
}

export function recipes(state: string): Recipe[] {
  const build = path.join(state, 'trees');
  const tree = (name: string, fill: (dir: string) => void) => (_: string) => {
    const dir = path.join(build, name);
    fill(dir);
    return dir;
  };
  const nonroot = ['--user', '65532:65532', '--workingdir', '/home/nonroot'];
  return [
    {
      name: 'golang',
      note: `Debian ${SUITE} minbase + golang-go + gcc + libc6-dev + libsqlite3-dev; no precompiled std (like the official images)`,
      tags: golangTags(),
      tree: () => golangRootfs(state),
      config: ['--env', 'PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '--env', 'GOPATH=/go', '--env', 'GOTOOLCHAIN=local', '--workingdir', '/go', '--cmd', '/bin/bash'],
    },
    { name: 'static', note: 'passwd/group (nonroot 65532), CA bundle, zoneinfo, /tmp; no shell', tags: distrolessTags('static').filter((t) => !t.endsWith(':nonroot')), tree: tree('static', staticTree), config: [] },
    { name: 'static-nonroot', note: 'the static stand-in with USER 65532:65532, WORKDIR /home/nonroot', tags: distrolessTags('static').filter((t) => t.endsWith(':nonroot')), tree: tree('static', staticTree), config: nonroot },
    {
      name: 'base',
      note: `the static stand-in + Debian ${SUITE}'s glibc (libc6) shared libraries (real base-debian13 has a newer glibc)`,
      tags: [...distrolessTags('base'), ...distrolessTags('cc')].filter((t) => !t.endsWith(':nonroot')),
      tree: tree('base', (d) => {
        staticTree(d);
        addPackageLibs(d, ['libc6', 'libgcc-s1']);
      }),
      config: [],
    },
    {
      name: 'base-nonroot',
      note: 'the base stand-in with USER 65532:65532',
      tags: [...distrolessTags('base'), ...distrolessTags('cc')].filter((t) => t.endsWith(':nonroot')),
      tree: tree('base', (d) => {
        staticTree(d);
        addPackageLibs(d, ['libc6', 'libgcc-s1']);
      }),
      config: nonroot,
    },
    {
      name: 'alpine',
      note: 'busybox-static + passwd + CA bundle: has /bin/sh, but no apk and no musl (glibc-free)',
      tags: ['latest', ...ALPINE_MINORS].map((t) => `docker.io/library/alpine:${t}`),
      tree: tree('alpine', busyboxTree),
      config: ['--cmd', '/bin/sh'],
    },
  ];
}

/** Creates the missing stand-ins (idempotent: an image with the current recipe label is kept). */
export function ensureStandIns(engine: Engine, state: string, log: (s: string) => void): StandInReport {
  const start = Date.now();
  const created: string[] = [];
  const out: StandIn[] = [];
  for (const r of recipes(state)) {
    const primary = r.tags[0];
    const have = engine.labelOf(primary, STANDIN_LABEL);
    if (have !== `${r.name}/${RECIPE}`) {
      log(`  creating stand-in ${r.name} (${primary} and ${r.tags.length - 1} more tags)`);
      const dir = r.tree(state);
      engine.imageFromTree(dir, primary, [...r.config, '--label', `${STANDIN_LABEL}=${r.name}/${RECIPE}`]);
      created.push(r.name);
    }
    for (const t of r.tags.slice(1)) engine.tag(primary, t);
    out.push({ name: r.name, note: r.note, tags: r.tags });
  }
  const goVersion = engine.run('docker.io/library/golang:latest', ['go', 'version'], {}).output.trim();
  return { standIns: out, goVersion, seconds: (Date.now() - start) / 1000, created };
}
