// Bench: how long go-dockerfile takes next to the parser it builds on and a peer validator.
// Times (a) dockerfile-ast DockerfileParser.parse, (b) dockerfile-utils validate, (c) buildModel,
// (d) the full lint, on every corpus Dockerfile and on a synthetic 10,000-line Dockerfile.
// A measurement tool: it prints numbers and asserts nothing.
//   npm run bench [-- DIR]        (DIR defaults to ../shared/corpus when it exists)
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { buildModel, lint } from '../server/src/api';
import { findDockerfiles, readManifest } from '../server/src/cli/discover';

interface Op {
  name: string;
  run(text: string): unknown;
}

const OPS: Op[] = [
  { name: 'dockerfile-ast parse', run: (t) => DockerfileParser.parse(t) },
  { name: 'dockerfile-utils validate', run: (t) => validate(t) },
  { name: 'go-dockerfile buildModel', run: (t) => buildModel(t) },
  { name: 'go-dockerfile lint', run: (t) => lint(t) },
];
const [PARSE, VALIDATE, MODEL, LINT] = [0, 1, 2, 3];

const WARMUP_PASSES = 3;
const FILE_RUNS = 15;
const SYNTHETIC_RUNS = 10;

/** A full garbage collection before each timed run of the big file keeps one op's garbage off the next. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

/** Keeps results alive so the work cannot be optimised away. */
let sink = 0;

function timeOnce(op: Op, text: string): number {
  const start = process.hrtime.bigint();
  const r = op.run(text);
  const ns = process.hrtime.bigint() - start;
  if (r !== undefined) sink++;
  return Number(ns) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

function ms(x: number): string {
  return x < 1 ? `${x.toFixed(3)} ms` : `${x.toFixed(2)} ms`;
}

function ratio(x: number): string {
  return `${x.toFixed(2)}x`;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
}

/** A 10,000-line Dockerfile: several build stages with many RUN/COPY/ENV lines, a few go builds. */
export function syntheticDockerfile(targetLines = 10_000): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG GO_VERSION=1.22'];
  const stages = 6;
  const perStage = Math.floor((targetLines - 40) / stages);
  for (let s = 0; s < stages; s++) {
    const start = out.length;
    // Stage 0 copies the source before downloading modules (GD004); the last uses an untagged image (GD007).
    const base = s === stages - 1 ? 'golang' : `golang:\${GO_VERSION}-bookworm`;
    out.push(`FROM ${base} AS build${s}`, 'WORKDIR /src');
    if (s > 0) out.push('COPY go.mod go.sum ./', 'RUN --mount=type=cache,target=/go/pkg/mod go mod download');
    let i = 0;
    while (out.length - start < perStage - 6) {
      switch (i % 6) {
        case 0:
          out.push(`ENV VAR_${s}_${i}=value-${i} PATH_${s}_${i}=/opt/${i}/bin`);
          break;
        case 1:
          out.push(`RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} \\`, `    && rm -rf /var/lib/apt/lists/*`);
          break;
        case 2:
          out.push(`COPY internal/pkg${i}/ ./internal/pkg${i}/`);
          break;
        case 3:
          out.push(`RUN echo "step ${i}" > /tmp/step-${s}-${i}.txt`);
          break;
        case 4:
          out.push(`ARG BUILD_ARG_${i}=default${i}`);
          break;
        case 5:
          if (i % 300 === 5) out.push(`RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/app${s}-${i} ./cmd/app${i}`);
          else out.push(`LABEL org.example.step${s}.${i}="${i}"`);
          break;
      }
      i++;
    }
    out.push('COPY . .', `RUN CGO_ENABLED=0 go build -o /out/app${s} ./cmd/app${s}`);
  }
  out.push('FROM gcr.io/distroless/static-debian12:nonroot');
  for (let s = 0; s < stages; s++) out.push(`COPY --from=build${s} /out/app${s} /app${s}`);
  out.push('USER nonroot', 'ENTRYPOINT ["/app0"]');
  while (out.length < targetLines) out.push(`# padding ${out.length}`);
  return `${out.join('\n')}\n`;
}

function loadCorpus(dir: string): { name: string; text: string }[] {
  const manifest = readManifest(dir);
  const files = manifest
    ? manifest.flatMap((m) => (m.path ? [{ name: m.filename, abs: m.path }] : []))
    : findDockerfiles(dir).map((abs) => ({ name: path.relative(dir, abs), abs }));
  return files.map((f) => ({ name: f.name, text: readFileSync(f.abs, 'utf8') }));
}

function benchCorpus(dir: string): void {
  const files = loadCorpus(dir);
  if (files.length === 0) {
    console.log(`No Dockerfiles found under ${dir}.`);
    return;
  }
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  for (let w = 0; w < WARMUP_PASSES; w++) for (const f of files) for (const op of OPS) op.run(f.text);
  // per-file medians, per op
  const medians: number[][] = OPS.map(() => []);
  for (const f of files) {
    // Round-robin over the operations so that drift and GC pauses spread evenly.
    const runs: number[][] = OPS.map(() => []);
    for (let r = 0; r < FILE_RUNS; r++) OPS.forEach((op, i) => runs[i]!.push(timeOnce(op, f.text)));
    OPS.forEach((_, i) => medians[i]!.push(median(runs[i]!)));
  }
  console.log(`Corpus: ${files.length} Dockerfiles, ${lines} lines (${dir})`);
  console.log(`${WARMUP_PASSES} warm-up passes, then the median of ${FILE_RUNS} runs per file and operation.\n`);
  const widths = [26, 14, 14, 14, 14];
  console.log(row(['operation', 'median/file', 'mean/file', 'p90/file', 'corpus total'], widths));
  OPS.forEach((op, i) => {
    const m = medians[i]!;
    console.log(row([op.name, ms(median(m)), ms(mean(m)), ms(percentile(m, 90)), ms(m.reduce((a, b) => a + b, 0))], widths));
  });
  const ratios = (a: number, b: number): number[] => medians[a]!.map((x, j) => x / (medians[b]![j] as number));
  console.log('\nPer-file ratios (median / mean / p90 / max):');
  const pairs: [string, number, number][] = [
    ['lint / parse', LINT as number, PARSE as number],
    ['buildModel / parse', MODEL as number, PARSE as number],
    ['lint / buildModel', LINT as number, MODEL as number],
    ['lint / validate', LINT as number, VALIDATE as number],
    ['validate / parse', VALIDATE as number, PARSE as number],
  ];
  for (const [label, a, b] of pairs) {
    const r = ratios(a, b);
    console.log(`  ${label.padEnd(20)} ${[median(r), mean(r), percentile(r, 90), Math.max(...r)].map(ratio).join(' / ')}`);
  }
  const worst = files
    .map((f, j) => ({ name: f.name, lint: medians[LINT as number]![j] as number, r: ratios(LINT as number, PARSE as number)[j] as number }))
    .sort((a, b) => b.lint - a.lint)
    .slice(0, 3);
  console.log('\nSlowest files to lint:');
  for (const w of worst) console.log(`  ${ms(w.lint).padStart(10)}  (${ratio(w.r)} parse)  ${w.name}`);
}

function benchSynthetic(): void {
  const text = syntheticDockerfile();
  const lineCount = text.split('\n').length - 1;
  for (let w = 0; w < WARMUP_PASSES; w++) for (const op of OPS) op.run(text);
  const times: number[][] = OPS.map(() => []);
  for (let r = 0; r < SYNTHETIC_RUNS; r++) {
    OPS.forEach((op, i) => {
      gc?.();
      times[i]!.push(timeOnce(op, text));
    });
  }
  const findings = lint(text);
  console.log(`\nSynthetic Dockerfile: ${lineCount} lines, ${text.length} bytes, ${findings.length} findings; ${SYNTHETIC_RUNS} runs after ${WARMUP_PASSES} warm-ups, each after a full GC.\n`);
  const widths = [26, 14, 14, 14];
  console.log(row(['operation', 'median', 'mean', 'min'], widths));
  OPS.forEach((op, i) => console.log(row([op.name, ms(median(times[i]!)), ms(mean(times[i]!)), ms(Math.min(...times[i]!))], widths)));
  const m = times.map(median);
  console.log('\nRatios (medians):');
  console.log(`  lint / parse         ${ratio(m[LINT as number]! / m[PARSE as number]!)}`);
  console.log(`  buildModel / parse   ${ratio(m[MODEL as number]! / m[PARSE as number]!)}`);
  console.log(`  lint / validate      ${ratio(m[LINT as number]! / m[VALIDATE as number]!)}`);
}

function main(): void {
  const arg = process.argv[2];
  const dir = arg ? path.resolve(arg) : path.resolve('../shared/corpus');
  if (arg && !existsSync(dir)) {
    console.error(`bench: ${dir} does not exist`);
    process.exitCode = 2;
    return;
  }
  console.log(`go-dockerfile bench (node ${process.version})\n`);
  if (existsSync(dir)) benchCorpus(dir);
  else console.log(`No corpus at ${dir}: synthetic file only.`);
  benchSynthetic();
  if (sink < 0) console.log(sink);
}

if (require.main === module) main();
