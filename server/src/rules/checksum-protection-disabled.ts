// GD031: module checksum or proxy protections disabled: GOSUMDB=off, broad GONOSUMDB/GOPRIVATE,
// GOINSECURE, the removed -insecure flag.
import type { WorkspaceFacts } from '../engine/facts';
import type { Stage } from '../engine/model/types';
import type { Fix, Severity } from '../engine/types';
import { envSettings, type EnvSetting } from './lib/checksum-protection-disabled-settings';
import { exact } from './lib/obsolete-go-flags-tidy';
import { ALL_CLASSES, defineRule, type Report } from './types';

/** Hosts that serve many unrelated owners: a pattern naming only the host covers the world. */
const PUBLIC_HOSTS = new Set([
  'github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitea.com', 'dev.azure.com', 'golang.org', 'google.golang.org',
  'gopkg.in', 'go.googlesource.com', 'cloud.google.com', 'k8s.io', 'sigs.k8s.io', 'go.uber.org', 'go.opentelemetry.io', 'go.etcd.io',
]);

/** The element of a GOPRIVATE/GONOSUMDB list that covers far more than an organisation's modules. */
export function broadElement(list: string): string | undefined {
  for (const raw of list.split(',')) {
    const p = raw.trim();
    if (p === '') continue;
    const parts = p.split('/').filter((x) => x !== '');
    const host = parts[0] ?? '';
    if (/^\*+$/.test(host)) return p;
    if (host.includes('*')) {
      const rest = host.replace(/^[*.]+/, '');
      if (!rest.includes('.') || PUBLIC_HOSTS.has(rest)) return p;
      continue;
    }
    if (PUBLIC_HOSTS.has(host) && (parts.length < 2 || /^\*+$/.test(parts[1] as string))) return p;
  }
  return undefined;
}

/** GOPRIVATE pattern for the organisation's own modules, from the module path. */
export function orgPattern(facts: WorkspaceFacts | undefined): string | undefined {
  const path = facts?.module?.path;
  if (!path) return undefined;
  const parts = path.split('/');
  const host = parts[0] as string;
  if (!host.includes('.')) return undefined;
  if (PUBLIC_HOSTS.has(host)) return parts[1] ? `${host}/${parts[1]}/*` : undefined;
  return host;
}

function goOlderThan(stage: Stage | undefined, minor: number): boolean | undefined {
  if (!stage?.info.go) return undefined;
  const v = stage.info.goVersion;
  if (!v) return false;
  return v.major === 1 && v.minor >= 0 && v.minor < minor;
}

const NAMES = new Set(['GOSUMDB', 'GONOSUMDB', 'GOPRIVATE', 'GOINSECURE', 'GOFLAGS', 'GOPROXY']);
const MEANING = 'For private modules set GOPRIVATE=<pattern> instead: it implies GONOSUMDB and GONOPROXY for those paths only.';

export default defineRule({
  meta: {
    code: 'GD031',
    name: 'checksum-protection-disabled',
    description: 'Go module checksum or proxy protections disabled: GOSUMDB=off, broad GONOSUMDB/GOPRIVATE, GOINSECURE, -insecure.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    appliesTo: ALL_CLASSES,
  },
  check({ model }) {
    const reports: Report[] = [];
    const settings = envSettings(model, NAMES);
    const pattern = orgPattern(model.facts);
    const sameStage = (s: EnvSetting, name: string) => settings.filter((x) => x.name === name && (x.stage === s.stage || x.stage === undefined));
    const toPrivate = (s: EnvSetting): Fix[] => {
      // A global ARG only reaches the stage through its redeclaration: renaming it would not.
      if (!pattern || s.kind === 'global-arg' || (s.word && !exact(model, s.word))) return [];
      if (sameStage(s, 'GOPRIVATE').some((p) => p !== s && !broadElement(p.value))) return [];
      return [{ title: `Replace with GOPRIVATE=${pattern}`, safety: 'suggestion', edits: [{ range: s.range, newText: `GOPRIVATE=${pattern}` }] }];
    };
    for (const s of settings) {
      if (s.name === 'GOSUMDB' && s.value === 'off') {
        const direct = sameStage(s, 'GOPROXY').find((p) => /^direct(,|$)/.test(p.value) || p.value === 'direct');
        reports.push({
          range: s.range,
          message:
            'GOSUMDB=off turns off verification against the Go checksum database (sum.golang.org) for every module that go.sum does not already pin: `go install tool@version`, `go get` and a go.sum with missing lines then accept whatever the proxy or VCS host serves. ' +
            (direct ? `With GOPROXY=direct as well (line ${direct.range.start.line + 1}), modules come straight from the VCS hosts and nothing verifies their content. ` : '') +
            MEANING,
          fixes: toPrivate(s),
        });
      } else if (s.name === 'GONOSUMDB' || s.name === 'GOPRIVATE') {
        const wide = broadElement(s.value);
        if (!wide) continue;
        const what = s.name === 'GOPRIVATE' ? 'treats every matching module as private: no module proxy and no checksum database' : 'skips the checksum database for every matching module';
        const fixes = s.name === 'GOPRIVATE' && pattern && s.kind !== 'global-arg' && !(s.word && !exact(model, s.word)) ? [{ title: `Narrow to GOPRIVATE=${pattern}`, safety: 'suggestion' as const, edits: [{ range: s.range, newText: `GOPRIVATE=${pattern}` }] }] : toPrivate(s);
        reports.push({
          range: s.range,
          message: `${s.name}=${s.value} ${what}, and "${wide}" covers far more than your organisation's modules. Name only the private paths (host/org/*). ${s.name === 'GONOSUMDB' ? MEANING : ''}`.trim(),
          fixes,
        });
      } else if (s.name === 'GOINSECURE' && s.value.trim() !== '') {
        reports.push({
          range: s.range,
          message: `GOINSECURE=${s.value} lets the go command fetch matching modules over plain HTTP or without verifying TLS certificates, so anyone on the path can swap the code (only public modules are still checked against the checksum database). Give the server a valid certificate, or add its CA to the builder.`,
        });
      } else if (s.name === 'GOFLAGS' && /(^|\s)--?insecure(=\S*)?(\s|$)/.test(s.value)) {
        reports.push({
          range: s.range,
          message: 'GOFLAGS=-insecure is the legacy way to allow HTTP fetches and skip checksum validation; Go 1.17 removed the flag (GOFLAGS then ignores it). Use GOINSECURE for hosts that really need HTTP and GOPRIVATE for private modules.',
        });
      }
    }
    for (const g of model.goCommands) {
      if (g.sub !== 'get') continue;
      for (const f of g.flags) {
        if (f.name !== 'insecure') continue;
        const old = goOlderThan(g.run.stage, 17);
        const severity: Severity = old === false ? 'error' : 'warning';
        reports.push({
          range: f.range,
          severity,
          message: `\`go get -insecure\` allowed plain-HTTP fetches and skipped checksum validation; Go 1.17 removed it${old === false ? ', so this build fails ("-insecure flag is no longer supported; use GOINSECURE instead")' : ''}. Use GOINSECURE only for hosts that need it, and GOPRIVATE for private modules.`,
        });
      }
    }
    return reports;
  },
});
