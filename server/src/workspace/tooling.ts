// Release and CI tooling: GoReleaser, ko, docker-bake, compose, CI workflows, Makefiles and
// shell scripts. Pure functions on text; scan.ts decides which files to read.

import type { ReleaseTooling, SourceLocation } from '../engine/facts';
import { parseYaml, yGet, ySeq, yStr, YNode } from './yaml';

export type Goreleaser = NonNullable<ReleaseTooling['goreleaser']>;

export interface GoreleaserScan extends Goreleaser {
  /** dockers_v2[].platforms: the platforms GoReleaser builds this Dockerfile for. */
  platforms: string[];
}

export interface TargetsAndPlatforms {
  targets: { name: string; loc: SourceLocation }[];
  platforms: string[];
}

export interface CiScan extends TargetsAndPlatforms {
  cacheTo: boolean;
  buildx: boolean;
  /** buildkit-cache-dance restores cache mounts in CI: mounts are fine there. */
  cacheDance: boolean;
  selfHosted: boolean;
  hosted: boolean;
}

const PLATFORM_RE = /(?:^|[\s,'"[=])((?:linux|windows|darwin|freebsd)\/(?:amd64|arm64|arm|386|ppc64le|s390x|riscv64|mips64le|loong64)(?:\/v[5-8])?)(?=$|[\s,'"\]])/g;
const STAGE_NAME = /^[A-Za-z0-9][\w.-]*$/;

function platformsIn(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(PLATFORM_RE)) out.push(m[1]);
  return out;
}

function envHas(node: YNode | undefined, entry: string): boolean {
  return ySeq(node).some((n) => yStr(n)?.replace(/\s+/g, '') === entry);
}

/** `.goreleaser.y(a)ml`: Dockerfiles of dockers/dockers_v2 entries and whether every build disables cgo. */
export function parseGoreleaser(text: string, file: string): GoreleaserScan {
  const doc = parseYaml(text);
  const dockerfiles: string[] = [];
  const platforms: string[] = [];
  for (const key of ['dockers', 'dockers_v2']) {
    for (const item of ySeq(yGet(doc, key))) {
      const df = yStr(yGet(item, 'dockerfile'));
      const name = df && df.trim() ? df.trim() : 'Dockerfile';
      if (!dockerfiles.includes(name)) dockerfiles.push(name);
      for (const p of ySeq(yGet(item, 'platforms'))) {
        const v = yStr(p);
        if (v && !platforms.includes(v)) platforms.push(v);
      }
    }
  }
  const topEnv = yGet(doc, 'env');
  const topOff = envHas(topEnv, 'CGO_ENABLED=0');
  const builds = ySeq(yGet(doc, 'builds'));
  // Without a builds section GoReleaser builds once with the top-level env.
  const cgoDisabled = builds.length === 0
    ? topOff
    : builds.every((b) => {
      const env = yGet(b, 'env');
      return envHas(env, 'CGO_ENABLED=0') || (topOff && !envHas(env, 'CGO_ENABLED=1'));
    });
  return { file, dockerfiles, cgoDisabled, platforms };
}

/** docker-bake.hcl / .json: `target = "stage"` attributes and `platforms = [...]` lists. */
export function parseBake(text: string, file: string): TargetsAndPlatforms {
  const out: TargetsAndPlatforms = { targets: [], platforms: [] };
  if (file.endsWith('.json')) {
    try {
      const doc = JSON.parse(text) as { target?: Record<string, { target?: unknown; platforms?: unknown }> };
      for (const t of Object.values(doc.target ?? {})) {
        if (typeof t.target === 'string' && STAGE_NAME.test(t.target)) out.targets.push({ name: t.target, loc: { file, line: 1 } });
        if (Array.isArray(t.platforms)) out.platforms.push(...t.platforms.filter((p): p is string => typeof p === 'string'));
      }
    } catch {
      // not JSON: nothing to report
    }
    return out;
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/(^|\s)(#|\/\/).*$/, '');
    const t = /^\s*target\s*=\s*"([^"$]+)"/.exec(line);
    if (t && STAGE_NAME.test(t[1])) out.targets.push({ name: t[1], loc: { file, line: i + 1 } });
    if (/^\s*platforms\s*=/.test(line)) {
      let value = line;
      for (let j = i + 1; !value.includes(']') && j < lines.length; j++) value += ` ${lines[j]}`;
      out.platforms.push(...platformsIn(value));
    }
  }
  return out;
}

/** compose files: services.*.build.target and build.platforms. */
export function parseCompose(text: string, file: string): TargetsAndPlatforms {
  const out: TargetsAndPlatforms = { targets: [], platforms: [] };
  const services = yGet(parseYaml(text), 'services');
  if (services?.kind !== 'map') return out;
  for (const svc of services.entries) {
    const build = yGet(svc.value, 'build');
    const target = yGet(build, 'target');
    const name = yStr(target);
    if (name && STAGE_NAME.test(name)) out.targets.push({ name, loc: { file, line: target?.line ?? svc.line } });
    for (const p of ySeq(yGet(build, 'platforms'))) {
      const v = yStr(p);
      if (v) out.platforms.push(v);
    }
  }
  return out;
}

interface LogicalLine {
  text: string;
  line: number;
  /** Offsets in `text` where each joined physical line starts. */
  starts: number[];
}

/** Physical lines joined at trailing backslashes. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let cur = lines[i];
    const starts = [0];
    while (/\\\s*$/.test(cur) && i + 1 < lines.length) {
      cur = cur.replace(/\\\s*$/, ' ');
      starts.push(cur.length);
      cur += lines[++i].trim();
    }
    out.push({ text: cur, line: start + 1, starts });
  }
  return out;
}

/** Physical line number of offset `idx` in a logical line. */
function lineAt(l: LogicalLine, idx: number): number {
  let n = 0;
  while (n + 1 < l.starts.length && l.starts[n + 1] <= idx) n++;
  return l.line + n;
}

/**
 * Line-based scan of CI workflows, .gitlab-ci.yml, Makefiles and scripts for `--target X`,
 * platform lists, `cache-to` and buildx/BuildKit use.
 */
export function scanCiText(text: string, file: string): CiScan {
  const out: CiScan = { targets: [], platforms: [], cacheTo: false, buildx: false, cacheDance: false, selfHosted: false, hosted: false };
  const usesBuildAction = /docker\/(build-push|bake)-action/.test(text);
  const lines = logicalLines(text);
  for (let i = 0; i < lines.length; i++) {
    const ll = lines[i];
    const { text: line, line: lineNo } = ll;
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) continue;
    const isBuildCmd = /\b(docker|podman|buildah|nerdctl|buildx|build|buildctl)\b/.test(line) && !/\b(cargo|rustup|rustc|zig|npm|yarn|pnpm|tsc)\b/.test(line);
    if (isBuildCmd) {
      for (const m of line.matchAll(/--target(?:=|\s+)["']?([A-Za-z0-9][\w.-]*)["']?/g)) out.targets.push({ name: m[1], loc: { file, line: lineAt(ll, m.index ?? 0) } });
    }
    const key = /^\s*-?\s*target:\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*$/.exec(line);
    if (key && usesBuildAction) out.targets.push({ name: key[1], loc: { file, line: lineNo } });
    if (/platform/i.test(line)) {
      out.platforms.push(...platformsIn(line));
      // `platforms:` followed by a YAML list
      if (/platforms?:\s*$/i.test(line)) {
        for (let j = i + 1; j < lines.length && /^\s*-\s/.test(lines[j].text); j++) out.platforms.push(...platformsIn(lines[j].text.replace(/^\s*-\s*/, ' ')));
      }
    }
    if (/cache-to/.test(line)) out.cacheTo = true;
    if (/docker\/setup-buildx-action|docker\/(build-push|bake)-action|\bbuildx\b|DOCKER_BUILDKIT=1|\bbuildctl\b/.test(line)) out.buildx = true;
    if (/buildkit-cache-dance/.test(line)) out.cacheDance = true;
    if (/^\s*runs-on:/.test(line)) {
      if (/self-hosted/.test(line)) out.selfHosted = true;
      else out.hosted = true;
    }
  }
  return out;
}

export interface ToolingInput {
  goreleaser?: GoreleaserScan;
  ko?: { file: string };
  bake: TargetsAndPlatforms[];
  compose: TargetsAndPlatforms[];
  /** CI files (workflows, .gitlab-ci.yml). */
  ci: CiScan[];
  /** Makefiles and scripts: targets, platforms and buildx, but not "ephemeral CI". */
  local: CiScan[];
}

export function buildReleaseTooling(input: ToolingInput): ReleaseTooling {
  const targets: ReleaseTooling['targets'] = [];
  const platforms: string[] = [];
  const goreleaserPlatforms = input.goreleaser ? [{ targets: [], platforms: input.goreleaser.platforms }] : [];
  for (const src of [...input.bake, ...input.compose, ...input.ci, ...input.local, ...goreleaserPlatforms]) {
    for (const t of src.targets) {
      if (!targets.some((x) => x.name === t.name && x.loc.file === t.loc.file && x.loc.line === t.loc.line)) targets.push(t);
    }
    for (const p of src.platforms) if (!platforms.includes(p)) platforms.push(p);
  }
  // Ephemeral runners: exported layer cache (cache-to), no cache-dance, not only self-hosted.
  const ephemeralCi = input.ci.some((c) => c.cacheTo && !c.cacheDance && (c.hosted || !c.selfHosted));
  const buildx = [...input.ci, ...input.local].some((c) => c.buildx);
  return {
    ...(input.goreleaser
      ? { goreleaser: { file: input.goreleaser.file, dockerfiles: input.goreleaser.dockerfiles, cgoDisabled: input.goreleaser.cgoDisabled } }
      : {}),
    ...(input.ko ? { ko: input.ko } : {}),
    targets,
    platforms,
    ephemeralCi,
    buildx,
  };
}
