// GD030: secrets for private modules baked into layers: a token ARG/ENV (or a secret mount's env=)
// written into ~/.gitconfig or ~/.netrc, or passed to the go command; COPY of .netrc or SSH keys.
import { stageEnv } from '../engine/model/env';
import { basename } from '../engine/paths';
import type { Model, RunNode, Stage } from '../engine/model/types';
import type { SimpleCommand } from '../engine/shell';
import type { Range, Severity } from '../engine/types';
import { secretMountFix, type Writer } from './lib/private-module-secrets-fix';
import { credentialFile, literalCredential, secretName, writeTargets } from './lib/private-module-secrets-shell';
import { referencedVariables as referenced } from '../engine/vars';
import { ALL_CLASSES, defineRule, type Report } from './types';

const KEY_FILES = new Set(['.netrc', '_netrc', '.git-credentials', 'id_rsa', 'id_ed25519', 'id_ecdsa', 'id_dsa', '.ssh']);
const FETCHES = new Set(['mod download', 'get', 'build', 'install', 'list', 'test', 'vet', 'generate', 'mod tidy', 'run']);

interface Secret {
  name: string;
  source: 'arg' | 'env' | 'mount';
  /** The line of the ARG/ENV that gives it a literal value. */
  literal?: { line: number };
}

/** The secrets a RUN can see: secret-named ARG/ENV in scope, and the env= of its secret mounts. */
function secretsOf(model: Model, run: RunNode): Map<string, Secret> {
  const out = new Map<string, Secret>();
  for (const m of run.mounts) {
    const env = m.options.env;
    if (m.type === 'secret' && env) out.set(env, { name: env, source: 'mount' });
  }
  const names = new Set<string>();
  for (const c of run.commands) {
    for (const w of [...c.words, ...c.assigns.map((a) => a.word)]) for (const n of referenced(w.raw)) names.add(n);
  }
  for (const g of run.goCommands) for (const v of g.inline.values()) for (const n of referenced(v.word.raw)) names.add(n);
  for (const n of names) {
    if (out.has(n) || !secretName(n)) continue;
    const v = stageEnv(model, run.stage, run.node.index, n);
    if (!v || (v.source !== 'arg' && v.source !== 'env')) continue;
    const value = v.arg ? (v.arg.value ?? v.globalArg?.value) : v.value;
    const where = v.arg?.value !== undefined ? v.arg.node : v.arg ? v.globalArg?.node : v.node;
    const literal = value && !value.includes('$') && !/^[~./]/.test(value) ? { line: where?.range.start.line ?? 0 } : undefined;
    out.set(n, { name: n, source: v.source === 'arg' ? 'arg' : 'env', literal });
  }
  return out;
}

function refsIn(cmd: SimpleCommand, secrets: Map<string, Secret>): { secret: Secret; range: Range }[] {
  const out: { secret: Secret; range: Range }[] = [];
  for (const w of [...cmd.assigns.map((a) => a.word), ...cmd.words]) {
    for (const n of referenced(w.raw)) {
      const s = secrets.get(n);
      if (s) out.push({ secret: s, range: w.range });
    }
    if (/\/run\/secrets\//.test(w.raw) && /\$\(|`/.test(w.raw)) out.push({ secret: { name: w.value, source: 'mount' }, range: w.range });
  }
  return out;
}

/** The secret written to a persistent file is deleted again before the RUN ends. */
function removedLater(run: RunNode, index: number, file: string): boolean {
  return run.commands.some((c, i) => {
    if (i <= index) return false;
    const w = c.words.map((x) => x.value);
    if (/(^|\/)rm$/.test(w[0] ?? '')) return w.slice(1).some((p) => basename(p) === file);
    return file === '.gitconfig' && w[0] === 'git' && w.includes('config') && w.some((x) => x === '--unset' || x === '--unset-all' || x === '--remove-section');
  });
}

function writerOf(cmd: SimpleCommand): { file: string; what: string } | undefined {
  const w = cmd.words.map((x) => x.value);
  if (/(^|\/)git$/.test(w[0] ?? '') && w.includes('config') && !w.includes('--get') && !w.some((x) => x.startsWith('--unset'))) {
    const insteadOf = w.some((x) => /insteadof/i.test(x));
    return { file: '.gitconfig', what: insteadOf ? '`git config … url."https://<token>@…".insteadOf` writes the token into ~/.gitconfig' : '`git config` writes the value into the git configuration' };
  }
  for (const t of writeTargets(cmd)) {
    const file = credentialFile(t.path);
    if (file) return { file, what: `\`${t.via === 'tee' ? `tee ${t.path}` : `${w[0]} … > ${t.path}`}\` writes it into ${t.path}` };
  }
  return undefined;
}

export default defineRule({
  meta: {
    code: 'GD030',
    name: 'private-module-secrets',
    description: 'Secrets for private Go modules baked into layers: tokens written to ~/.gitconfig or ~/.netrc, passed to go, or COPY of .netrc and SSH keys.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: ALL_CLASSES,
    hadolint: ['DL3064'],
    buildkit: ['SecretsUsedInArgOrEnv'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const run of model.runs) {
      const secrets = secretsOf(model, run);
      run.commands.forEach((cmd, i) => {
        const writer = writerOf(cmd);
        // `printf … "$TOKEN" | tee ~/.netrc`: the pipeline feeds the writer.
        const refs = refsIn(cmd, secrets);
        for (let k = i; writer && k > 0 && run.commands[k]?.after === '|'; k--) refs.push(...refsIn(run.commands[k - 1] as SimpleCommand, secrets));
        const literal = writer ? cmd.words.map((x) => literalCredential(x.value)).find((x) => x !== undefined) : undefined;
        if (writer && (refs.length > 0 || literal)) {
          const fromArg = refs.find((r) => r.secret.source !== 'mount');
          if (!fromArg && !literal && removedLater(run, i, writer.file)) return;
          const litArg = refs.find((r) => r.secret.literal);
          const severity: Severity = literal || litArg ? 'error' : 'warning';
          const src = fromArg
            ? `${fromArg.secret.source.toUpperCase()} ${fromArg.secret.name} is recorded in the image history and the build cache (even in a builder stage, and in --cache-to mode=max exports), and `
            : refs.length > 0
              ? 'Even though the token comes from a secret mount, '
              : '';
          const litText = literal
            ? ` The credential is written literally in the Dockerfile (${literal.replace(/(:\/\/[^:@]*:?)[^@]*@/, '$1…@')}).`
            : litArg
              ? ` ${litArg.secret.name} has a literal value on line ${(litArg.secret.literal?.line ?? 0) + 1}: the token is in the Dockerfile itself.`
              : '';
          const fix = secretMountFix(model, run, { cmd, file: writer.file, secret: fromArg?.secret.name ?? refs[0]?.secret.name } satisfies Writer);
          reports.push({
            range: refs[0]?.range ?? cmd.range,
            severity,
            message: `${src}${writer.what}, where it stays in the layer.${litText} BuildKit's SecretsUsedInArgOrEnv only flags the name. For private Go modules, mount the credentials for the download instead: \`RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\` (build with \`--secret id=netrc,src=$HOME/.netrc\`) and set GOPRIVATE to your private paths, or use --mount=type=ssh with git over SSH.`,
            fixes: fix ? [fix] : [],
          });
          return;
        }
        // The token is handed to a go command that fetches modules (GOPROXY/GOAUTH with the token, or in its environment).
        const go = run.goCommands.find((g) => g.command === cmd && FETCHES.has(g.sub));
        if (!go) return;
        const goRefs = [...go.inline.values()].flatMap((v) => referenced(v.word.raw).map((n) => ({ n, word: v.word }))).filter((x) => secrets.get(x.n)?.source !== 'mount' && secrets.has(x.n));
        const first = goRefs[0];
        if (!first) return;
        const s = secrets.get(first.n) as Secret;
        reports.push({
          range: first.word.range,
          severity: s.literal ? 'error' : 'warning',
          message: `${s.source.toUpperCase()} ${s.name} is passed to \`go ${go.sub}\` to fetch private modules: build arguments and ENV are recorded in the image history and the build cache. Mount the credentials for this RUN instead (--mount=type=secret,id=netrc,target=/root/.netrc, or --mount=type=secret,id=…,env=${s.name}), with GOPRIVATE naming your private paths.`,
        });
      });
    }
    // Go settings that carry a token: ENV GOPROXY=https://user:${TOKEN}@proxy.corp, GOAUTH.
    for (const stage of model.stages) settingsWithTokens(stage, reports);
    for (const c of model.copies) {
      if (c.from || c.heredoc) continue;
      for (const s of c.sources) {
        const parts = s.value.replace(/\/+$/, '').split('/');
        const key = parts.find((p) => KEY_FILES.has(p));
        if (!key) continue;
        reports.push({
          range: s.word.range,
          message: `${c.keyword} ${s.value} bakes ${key === '.ssh' || key.startsWith('id_') ? 'an SSH key' : 'credentials'} into a layer: deleting the file in a later RUN does not remove it from the image or the build cache. For private Go modules use RUN --mount=type=secret,id=netrc,target=/root/.netrc (build with --secret id=netrc,src=$HOME/.netrc) or RUN --mount=type=ssh for git over SSH, on the go mod download.`,
        });
      }
    }
    return reports;
  },
});

function settingsWithTokens(stage: Stage, reports: Report[]): void {
  for (const e of stage.envs) {
    if (!['GOPROXY', 'GOAUTH', 'GOPRIVATE', 'GONOSUMDB', 'GOFLAGS'].includes(e.name)) continue;
    const names = referenced(e.raw).filter(secretName);
    const literal = literalCredential(e.raw);
    if (names.length === 0 && !literal) continue;
    reports.push({
      range: e.valueRange,
      severity: literal ? 'error' : 'warning',
      message: `ENV ${e.name} carries ${literal ? 'a literal credential' : `the token ${names.join(', ')}`}: ENV is stored in the image config and inherited by every later stage built FROM this one. Mount the credentials for the download instead (--mount=type=secret,id=netrc,target=/root/.netrc; Go reads ~/.netrc for proxy and VCS requests).`,
    });
  }
}
