// The container engine `npm run prove` drives: Docker when its daemon answers, else podman/buildah
// as root with state kept in one folder (../shared/docs/OFFLINE_IMAGE_BUILDS.md: runc, chroot
// isolation, overlay storage, pinned ulimits, --pull=never).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RunResult {
  code: number | null;
  output: string;
  seconds: number;
  timedOut: boolean;
}

export interface Engine {
  kind: 'docker' | 'podman';
  /** Pulls from a registry work: no stand-ins are needed. */
  registry: boolean;
  version(): string;
  build(context: string, dockerfile: string, tag: string, logFile: string): RunResult;
  run(image: string, cmd: string[], env: Record<string, string>, timeoutSeconds?: number): RunResult;
  sizeBytes(image: string): number;
  labelOf(image: string, label: string): string | undefined;
  tag(image: string, tag: string): void;
  imageFromTree(dir: string, tag: string, config: string[]): void;
  /** Removes every image that is not a stand-in, build containers and cache mounts: the next build is cold. */
  reset(): void;
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutSeconds = 1800): RunResult {
  const start = Date.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: timeoutSeconds * 1000, stdio: ['ignore', 'pipe', 'pipe'] });
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error && !timedOut ? String(r.error) : ''}`, seconds: (Date.now() - start) / 1000, timedOut };
}

function must(r: RunResult, what: string): string {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.output.slice(-3000)}`);
  return r.output;
}

/** Podman with its configuration and storage under `state`. */
function podmanEnv(state: string): NodeJS.ProcessEnv {
  for (const d of ['storage', 'run', 'tmp']) mkdirSync(path.join(state, d), { recursive: true });
  writeFileSync(path.join(state, 'storage.conf'), `[storage]\ndriver = "overlay"\ngraphroot = "${state}/storage"\nrunroot = "${state}/run"\n`);
  writeFileSync(
    path.join(state, 'containers.conf'),
    `[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\nnetns = "none"\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\ntmp_dir = "${state}/run/libpod"\n`,
  );
  writeFileSync(path.join(state, 'registries.conf'), 'unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n');
  return {
    ...process.env,
    CONTAINERS_STORAGE_CONF: path.join(state, 'storage.conf'),
    CONTAINERS_CONF: path.join(state, 'containers.conf'),
    CONTAINERS_REGISTRIES_CONF: path.join(state, 'registries.conf'),
    BUILDAH_ISOLATION: 'chroot',
    TMPDIR: path.join(state, 'tmp'),
  };
}

function make(kind: 'docker' | 'podman', env: NodeJS.ProcessEnv, registry: boolean): Engine {
  const x = (args: string[], timeout?: number) => exec(kind, args, env, timeout);
  return {
    kind,
    registry,
    version: () => {
      const v = x(['version', '--format', kind === 'docker' ? 'client {{.Client.Version}}, server {{.Server.Version}}' : '{{.Client.Version}}']).output.trim();
      if (kind === 'docker') return `docker ${v}`;
      const buildah = exec('buildah', ['--version'], env).output.trim();
      const runc = exec('runc', ['--version'], env).output.split('\n')[0];
      return `podman ${v}; ${buildah}; ${runc}; storage overlay; BUILDAH_ISOLATION=chroot`;
    },
    build: (context, dockerfile, tag, logFile) => {
      const args = kind === 'podman' ? ['build', '--layers', '--pull=never', '-t', tag, '-f', dockerfile, context] : ['build', '-t', tag, '-f', dockerfile, context];
      const r = x(args);
      writeFileSync(logFile, r.output);
      return r;
    },
    run: (image, cmd, vars, timeoutSeconds = 120) => {
      const e = Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      return x(['run', '--rm', ...(kind === 'podman' ? ['--pull=never'] : []), '--network=none', ...e, image, ...cmd], timeoutSeconds);
    },
    sizeBytes: (image) => Number(must(x(['image', 'inspect', '--format', '{{.Size}}', image]), `inspect ${image}`).trim()),
    labelOf: (image, label) => {
      const r = x(['image', 'inspect', '--format', `{{index .Config.Labels "${label}"}}`, image]);
      const v = r.output.trim();
      return r.code === 0 && v && v !== '<no value>' ? v : undefined;
    },
    tag: (image, t) => void must(x(['tag', image, t]), `tag ${t}`),
    imageFromTree: (dir, t, config) => {
      if (kind !== 'podman') throw new Error('stand-ins are assembled with buildah only');
      const b = (args: string[]) => must(exec('buildah', args, env), `buildah ${args[0]}`).trim();
      const ctr = b(['from', 'scratch']);
      try {
        const mnt = b(['mount', ctr]);
        must(exec('cp', ['-a', `${dir}/.`, `${mnt}/`], env), 'copy tree');
        b(['umount', ctr]);
        if (config.length > 0) b(['config', ...config, ctr]);
        b(['commit', '--rm', ctr, t]);
      } catch (err) {
        exec('buildah', ['rm', ctr], env);
        throw err;
      }
    },
    reset: () => {
      if (kind === 'podman') {
        exec('buildah', ['rm', '--all'], env);
        x(['rm', '-af']);
        const ours = x(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=localhost/gd-prove/*']).output.split('\n').filter(Boolean);
        if (ours.length > 0) x(['rmi', '-f', ...ours]);
        // The layer cache: untagged intermediate images (a pruned chain may expose more).
        for (let i = 0; i < 5 && x(['image', 'prune', '-f']).output.trim() !== ''; i++);
        // buildah keeps RUN --mount=type=cache directories in $TMPDIR/buildah-cache (-<uid> when rootless).
        for (const d of ['buildah-cache', `buildah-cache-${process.getuid?.() ?? 0}`]) rmSync(path.join(env.TMPDIR ?? '/var/tmp', d), { recursive: true, force: true });
      } else {
        x(['builder', 'prune', '-af']);
        const imgs = x(['images', '-q', '--filter', 'reference=gd-prove/*']).output.split('\n').filter(Boolean);
        if (imgs.length > 0) x(['rmi', '-f', ...imgs]);
      }
    },
  };
}

/** Docker when its daemon answers; otherwise podman (root) with state in `state`. */
export function detectEngine(state: string, log: (s: string) => void): Engine | undefined {
  const docker = exec('docker', ['info', '--format', '{{.ServerVersion}}'], process.env, 30);
  if (docker.code === 0) {
    const pull = exec('docker', ['pull', '-q', 'busybox:1.36'], process.env, 120);
    log(`docker daemon ${docker.output.trim()} answers; registry ${pull.code === 0 ? 'reachable' : 'not reachable'}`);
    if (pull.code === 0) return make('docker', process.env, true);
  }
  const env = podmanEnv(state);
  const info = exec('podman', ['info', '--format', '{{.Host.OCIRuntime.Name}}'], env, 60);
  if (info.code !== 0) {
    log(`podman does not work here: ${info.output.trim().split('\n').slice(-1)[0] ?? ''}`);
    return undefined;
  }
  const pull = exec('podman', ['pull', '-q', 'docker.io/library/busybox:1.36'], env, 60);
  log(`podman works (runtime ${info.output.trim()}); registry ${pull.code === 0 ? 'reachable: using the real base images' : 'not reachable: using local stand-ins'}`);
  return make('podman', env, pull.code === 0);
}
