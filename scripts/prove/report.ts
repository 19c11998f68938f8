// docs/RESULTS.md from one `npm run prove` run.
import type { BadCase, Example } from './examples';
import type { StandInReport } from './standins';

export interface Rebuild {
  seconds: number;
  ok: boolean;
  hits: number;
  steps: number;
}

export interface VariantResult {
  key: string;
  label: string;
  dockerfile: string;
  fixes: string[];
  cold: number;
  built: boolean;
  buildError?: string;
  size?: number;
  rebuilds: Rebuild[];
  runs: boolean;
  runsAfterRebuild?: boolean;
  runOutput: string;
}

export interface ExampleResult {
  example: Example;
  variants: VariantResult[];
}

export interface BadResult {
  bad: BadCase;
  findings: { code: string; message: string }[];
  failedAt: 'build' | 'run' | 'nowhere';
  error: string;
  asClaimed: boolean;
  /** The file after `lint --fix --unsafe-fixes`. */
  afterFix: { fixes: string[]; built: boolean; runs: boolean; output: string; dockerfile: string };
}

export interface Machine {
  os: string;
  cpu: string;
  memory: string;
  engine: string;
  node: string;
  linter: string;
  loadBefore: string;
  loadAfter: string;
}

export interface Results {
  machine: Machine;
  standIns?: StandInReport;
  results: ExampleResult[];
  bads: BadResult[];
  seconds: number;
  date: string;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1e6).toFixed(bytes < 1e8 ? 2 : 0)} MB`);
const secs = (s: number) => `${s.toFixed(1)} s`;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The faster of the rebuilds (timings on a shared 2-vCPU machine vary by about ±30 %). */
export function bestRebuild(v: VariantResult): number | undefined {
  const ok = v.rebuilds.filter((r) => r.ok).map((r) => r.seconds);
  return ok.length > 0 ? Math.min(...ok) : undefined;
}

function exampleSection(r: ExampleResult): string[] {
  const naive = r.variants.find((v) => v.key === 'naive');
  const naiveSize = naive?.size;
  const naiveRebuild = naive ? bestRebuild(naive) : undefined;
  const lines = [
    `### examples/${r.example.dir}: ${r.example.title}`,
    '',
    `Rebuild: one line of \`${r.example.touch.file}\` changed, then built again with the layer cache (twice, two different edits).`,
    '',
    ...(r.example.picks ?? []).flatMap((p) => [`Picked suggestion, **${p.label}**: ${p.why}.`, '']),
    '| Dockerfile | image size | % of naive | cold build | rebuild 1 / 2 (cached steps) | rebuild vs naive | container answers |',
    '|---|---:|---:|---:|---|---:|---|',
  ];
  for (const v of r.variants) {
    const best = bestRebuild(v);
    const pct = v.size !== undefined && naiveSize ? `${((100 * v.size) / naiveSize).toFixed(2)} %` : '-';
    const rb = v.rebuilds.map((x) => `${x.ok ? secs(x.seconds) : 'failed'} (${x.hits}/${x.steps})`).join(' / ') || '-';
    const speed = best !== undefined && naiveRebuild !== undefined ? `${(naiveRebuild / best).toFixed(1)}×` : '-';
    const runs = !v.built ? `**build failed**: ${cell(v.buildError ?? '')}` : v.runs ? `yes${v.runsAfterRebuild === false ? ' (not after rebuild!)' : ''}: \`${cell(v.runOutput)}\`` : `**no**: \`${cell(v.runOutput)}\``;
    lines.push(`| ${v.label} | ${mb(v.size)} | ${pct} | ${v.built ? secs(v.cold) : '-'} | ${rb} | ${speed} | ${runs} |`);
  }
  lines.push('');
  for (const v of r.variants.filter((x) => x.key !== 'naive')) {
    lines.push(`<details><summary>${v.label}: the Dockerfile built${v.fixes.length > 0 ? ` (fixes applied: ${v.fixes.length})` : ''}</summary>`, '');
    if (v.fixes.length > 0) lines.push(...v.fixes.map((f) => `- ${f}`), '');
    lines.push('```dockerfile', v.dockerfile.trimEnd(), '```', '', '</details>', '');
  }
  return lines;
}

function targets(results: ExampleResult[]): string[] {
  const lines = ['| example | Dockerfile | size ≤ 2 % of naive | rebuild ≥ 5× faster than naive | builds and answers |', '|---|---|---|---|---|'];
  for (const r of results) {
    const naive = r.variants.find((v) => v.key === 'naive');
    const nr = naive ? bestRebuild(naive) : undefined;
    for (const v of r.variants.filter((x) => x.key !== 'naive')) {
      const size = v.size !== undefined && naive?.size ? (v.size / naive.size <= 0.02 ? 'yes' : 'no') + ` (${((100 * v.size) / naive.size).toFixed(2)} %)` : '-';
      const best = bestRebuild(v);
      const speed = best !== undefined && nr !== undefined ? (nr / best >= 5 ? 'yes' : 'no') + ` (${(nr / best).toFixed(1)}×)` : '-';
      lines.push(`| ${r.example.dir} | ${v.key} | ${size} | ${speed} | ${v.built && v.runs ? 'yes' : '**no**'} |`);
    }
  }
  return lines;
}

function afterFix(b: BadResult): string {
  const a = b.afterFix;
  return !a.built ? `**does not build**: \`${cell(a.output)}\`` : a.runs ? `builds and answers (${a.fixes.length} fixes)` : `**builds, does not answer**: \`${cell(a.output)}\``;
}

function badSection(bads: BadResult[]): string[] {
  const lines = [
    '| known-bad file (context) | what | finding | fails at (claimed / seen) | error text | as claimed | after `lint --fix --unsafe-fixes` |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const b of bads) {
    const f = b.findings.map((x) => `${x.code}: ${x.message}`).join('<br>') || '**none**';
    lines.push(
      `| [${b.bad.file}](../examples/known-bad/${b.bad.file}) (examples/${b.bad.context}) | ${b.bad.what} | ${cell(f)} | ${b.bad.fails} / ${b.failedAt} | \`${cell(b.error)}\` | ${b.asClaimed ? 'yes' : '**no**'} | ${afterFix(b)} |`,
    );
  }
  lines.push('');
  for (const b of bads) {
    lines.push(`<details><summary>${b.bad.file} after \`lint --fix --unsafe-fixes\`</summary>`, '', ...b.afterFix.fixes.map((f) => `- ${f}`), '');
    lines.push('```dockerfile', b.afterFix.dockerfile.trimEnd(), '```', '', '</details>', '');
  }
  return lines;
}

export function renderResults(res: Results): string {
  const m = res.machine;
  const s = res.standIns;
  const lines = [
    '# Results: naive, fixed and generated Dockerfiles on real image builds',
    '',
    `Written by \`npm run prove\` (scripts/prove.ts) on ${res.date}; the whole run took ${secs(res.seconds)}. Re-run it to`,
    'refresh this page; the build logs stay in the state folder (`~/.cache/go-dockerfile-prove/logs`).',
    '',
    '## Machine and tools',
    '',
    `- ${m.os}; ${m.cpu}; ${m.memory} RAM`,
    `- ${m.engine}`,
    `- node ${m.node}; ${m.linter}`,
    `- load average (1/5/15 min) before: ${m.loadBefore}; after: ${m.loadAfter}. The CPU was shared with other jobs`,
    '  (test suites of parallel work), so absolute times are slower and noisier (about ±30 %) than on an idle machine;',
    '  compare the cached-step counts and the ratios.',
    '',
  ];
  if (s) {
    lines.push(
      '## Stand-in base images (read this first)',
      '',
      'No registry was reachable, so **the base images are local stand-ins**, assembled from Debian packages and',
      'tagged with the names the Dockerfiles use. They are not the official images:',
      '',
      `- **Every golang tag (1.19 … 1.27, latest, -alpine, -bookworm) is the same image, and the Go inside is`,
      `  \`${s.goVersion}\`** (Debian's golang-go). The examples' go.mod say \`go 1.19\` so that they really build`,
      '  with it; the generator then pins `GO_VERSION=1.19`. The `-alpine` tags are that Debian builder too (gcc',
      '  present, glibc), not an Alpine image.',
      `- Creating them took ${secs(s.seconds)} in this run${s.created.length > 0 ? ` (created: ${s.created.join(', ')})` : ' (all cached from an earlier run)'}.`,
      '',
      '| stand-in | what it is | tags |',
      '|---|---|---|',
      ...s.standIns.map((x) => `| ${x.name} | ${x.note} | ${x.tags.length} tags, e.g. \`${x.tags[0]}\`, \`${x.tags[x.tags.length - 1]}\` |`),
      '',
      'Sizes of the naive images are therefore those of a Debian minbase + Go 1.19 + gcc builder, which is smaller than',
      'the official golang image (about 800 MB); the final images of the fixed and generated files hold the same',
      'binary as they would on the official bases.',
      '',
    );
  } else lines.push('The base images were pulled from their registries (no stand-ins).', '');
  lines.push(
    '## How each Dockerfile was made',
    '',
    '- **naive**: the Dockerfile in the example folder, as people write it.',
    '- **fixed**: `go-dockerfile lint --fix` (safe fixes), then `lint --fix --unsafe-fixes`, then every remaining',
    '  *suggestion* (first one offered per finding, through the fix API), as a user accepting them would.',
    '  Where an example names a suggestion its user picks instead of the default fix (the static cgo link for',
    '  sqlite-service), that one is applied first; the example is then also built with the default choices',
    '  (**fixed-default**), so both results show.',
    '- **generated**: `go-dockerfile generate DIR --write --force` (with the generator option of the picked suggestion,',
    '  `--cgo-link static`, for sqlite-service; **generated-default** is without it).',
    '',
    'Each variant is built cold (every non-stand-in image, the layer cache and the cache mounts removed first), run',
    'with `--network=none -e SELFTEST=1` (the program serves its real routes on loopback, calls itself and exits 0),',
    'then rebuilt twice after a one-line source change. The http-service self-test also verifies a real public TLS chain',
    '(www.google.com, embedded) against the CA certificates in the image, the way an HTTPS client does, without network.',
    '',
    '## Targets',
    '',
    ...targets(res.results),
    '',
    ...res.results.filter((r) => (r.example.picks ?? []).length > 0).flatMap((r) => [
      `For ${r.example.dir}, **fixed** and **generated** take the suggestion its user picks (${(r.example.picks ?? []).map((p) => p.label).join(', ')});`,
      'the **-default** rows are the same steps without it, i.e. what `lint --fix --unsafe-fixes` and a plain `generate` give.',
      '',
    ]),
    'The **fixed** file gets its Go cache mounts from the GD001 fix itself: the split into build and runtime stages',
    'builds like the generator (GENERATOR §3.6), so it adds `# syntax=docker/dockerfile:1` as line 1 and mounts the',
    'build cache and, unless CI exports the layer cache from ephemeral runners, the module cache on the `go build` RUN;',
    'on the next pass GD020 gives the `go mod download` RUN the same module cache mount. A source change then',
    'recompiles only the changed packages.',
    '',
    '## Per example',
    '',
  );
  for (const r of res.results) lines.push(...exampleSection(r));
  lines.push(
    '## Known-bad Dockerfiles fail the way their findings say',
    '',
    'Each file under examples/known-bad is linted (with the context example as workspace), built, and run. "As claimed"',
    'means a finding of the rule reports the failure, the failure happens at the step it names, and the engine prints',
    'the error the message quotes. The last column is the same file after `lint --fix --unsafe-fixes` (the example as',
    'workspace), built and run with the self-test: the fixes of the build-breakers must give a working image.',
    '',
    ...badSection(res.bads),
    '',
  );
  return `${lines.join('\n')}\n`;
}
