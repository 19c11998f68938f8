// GD010: a runtime stage without CA certificates (scratch, busybox, debian-slim) runs a Go program
// that may make TLS calls: every HTTPS request fails with "x509: certificate signed by unknown authority".
import { insertLinesAfter, kw } from '../engine/edits';
import { LATEST, RUNTIME_IMAGES } from '../engine/images';
import { globalArg, stageEnv } from '../engine/model/env';
import { baseLabel, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import { binarySourceStages, copiedPaths, installsPackage, runsProgram, type CopiedPath } from '../engine/model/stagecontents';
import type { Model, Stage } from '../engine/model/types';
import { isWithin, normalizePath } from '../engine/paths';
import type { Fix, FixSafety, Range, Severity } from '../engine/types';
import { BUILD_AND_RUNTIME, defineRule, type Report } from './types';

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
/** Files and directories Go's crypto/x509 reads on Linux (root_linux.go). */
const CERT_FILE = /(^|\/)(ca-certificates\.crt|ca-bundle\.(crt|pem|trust\.crt)|cert\.pem|cacert\.pem|tls-ca-bundle\.pem)$/;
const CERT_DIRS = ['/etc/ssl', '/etc/pki'];

function bringsCerts(cp: CopiedPath): boolean {
  if (CERT_FILE.test(cp.source)) return true;
  const src = cp.copy.from ? normalizePath(`/${cp.source}`) : cp.source;
  if (CERT_DIRS.some((d) => isWithin(d, src)) || /(^|\/)etc\/(ssl|pki)(\/|$)/.test(cp.source)) return true;
  if (CERT_DIRS.some((d) => isWithin(d, cp.dest) || isWithin(d, cp.target))) return true;
  // The whole /etc (or root file system) of another stage.
  return cp.copy.from !== undefined && (src === '/' || src === '/etc') && CERT_DIRS.some((d) => isWithin(cp.dest, d));
}

/** SSL_CERT_FILE / SSL_CERT_DIR in effect, and whether a COPY puts something there. */
function certEnv(model: Model, stage: Stage, copied: CopiedPath[]): { name: string; value: string; covered: boolean } | undefined {
  for (const name of ['SSL_CERT_FILE', 'SSL_CERT_DIR']) {
    const v = stageEnv(model, stage, Number.POSITIVE_INFINITY, name);
    if (!v?.value || v.source === 'image') continue;
    const value = v.value.split(':')[0] as string;
    const covered = copied.some((cp) => cp.target !== '/' && (isWithin(cp.target, value) || isWithin(value, cp.target)));
    return { name, value, covered };
  }
  return undefined;
}

/** The stage to copy the CA bundle from: the one the Go binary comes from, else an earlier stage whose image has it. */
function certSource(model: Model, stage: Stage): Stage | undefined {
  const ok = (s: Stage) => s.info.known && s.info.certs === true && s.os === 'linux';
  const fromBinary = binarySourceStages(model, stage).find(ok);
  if (fromBinary) return fromBinary;
  return model.stages.filter((s) => s.index < stage.index && ok(s)).sort((a, b) => Number(b.info.go === true) - Number(a.info.go === true))[0];
}

/** Where a new base image is written: the FROM argument, or the default of the ARG it consists of. */
function imageEditRange(model: Model, stage: Stage): Range | undefined {
  if (stage.parent) return undefined;
  if (stage.imageVars.length === 0) return stage.imageRange;
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(stage.imageText);
  return m ? globalArg(model, m[1] as string)?.valueRange : undefined;
}

function fixes(model: Model, stage: Stage, severity: Severity): Fix[] {
  const out: Fix[] = [];
  const family = stage.info.family;
  if (family === 'debian' || family === 'ubuntu') {
    out.push({
      title: 'Install ca-certificates with apt-get',
      safety: 'unsafe',
      edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'RUN')} apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*`])],
    });
  }
  const src = certSource(model, stage);
  const from = src ? (src.name ?? String(src.index)) : family === 'debian' || family === 'ubuntu' ? undefined : RUNTIME_IMAGES.alpine(LATEST.alpine);
  if (from) {
    // Safe when the workspace shows TLS use and the bundle comes from a known image that has it.
    const safety: FixSafety = src && severity === 'error' ? 'safe' : 'unsafe';
    const what = src ? `stage ${stageLabel(src)}` : from;
    out.push({
      title: `Copy the CA bundle from ${what}`,
      safety: family === 'debian' || family === 'ubuntu' ? 'suggestion' : safety,
      edits: [insertLinesAfter(model, stage.from, [`${kw(model, 'COPY')} --from=${from} ${BUNDLE} /etc/ssl/certs/`])],
    });
  }
  const range = family === 'scratch' ? imageEditRange(model, stage) : undefined;
  if (range) {
    const image = RUNTIME_IMAGES.distrolessStatic();
    out.push({ title: `Use ${image} (CA certificates, tzdata, a nonroot user)`, safety: 'suggestion', edits: [{ range, newText: image }] });
  }
  return out;
}

export default defineRule({
  meta: {
    code: 'GD010',
    name: 'scratch-without-ca-certificates',
    description: 'The runtime image has no CA certificates (scratch, busybox, debian-slim), so TLS connections of the Go program fail.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    appliesTo: BUILD_AND_RUNTIME,
  },
  check({ model }) {
    const reports: Report[] = [];
    const facts = model.facts;
    if (facts?.x509Fallback) return reports;
    // A program that imports no networking at all (and has no dependency that could) makes no TLS calls.
    if (facts && !facts.limits.capped && !facts.imports.net && !facts.imports.tlsClient && (facts.module?.requires.length ?? 0) === 0) return reports;
    for (const { stage, lower } of runtimeTargets(model)) {
      const info = stage.info;
      if (!info.known || info.certs !== false || stage.os === 'windows') continue;
      const family = info.family;
      const distro = family === 'debian' || family === 'ubuntu';
      if (!distro && family !== 'scratch' && family !== 'busybox') continue;
      if (!runsProgram(model, stage)) continue;
      const copied = copiedPaths(model, stage);
      if (copied.some(bringsCerts)) continue;
      if (installsPackage(stage, /^ca-certificates(-bundle)?$/)) continue;
      const env = certEnv(model, stage, copied);
      if (env?.covered) continue;
      const tls = facts?.imports.tlsClient === true;
      const base: Severity = tls ? 'error' : 'warning';
      const severity = distro ? 'info' : base;
      const what = distro ? `${baseLabel(stage)} does not include the ca-certificates package` : `${baseLabel(stage)} has no CA certificates`;
      const impact = tls
        ? 'the program has an outbound TLS client (crypto/tls, a net/http client, gRPC TLS credentials or a cloud SDK), and every HTTPS call it makes fails with "x509: certificate signed by unknown authority"'
        : 'if this service makes HTTPS calls (HTTP clients, gRPC with TLS, cloud SDKs), they fail with "x509: certificate signed by unknown authority"';
      const envNote = env ? ` ${env.name}=${env.value} points at a path nothing copies into the image.` : '';
      reports.push({
        range: stage.imageRange,
        severity: lowerSeverity(severity, lower),
        message: `${what}: ${impact}.${envNote} Copy the CA bundle into the image${distro ? ', install ca-certificates,' : ''} or use a base that has it.`,
        fixes: fixes(model, stage, severity),
      });
    }
    return reports;
  },
});
