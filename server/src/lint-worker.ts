// The lint worker (dist/lint-worker.js): the pure engine in a worker thread, for the language
// server's large documents (see lsp/lint-pool.ts). It answers each request with serializable
// findings and the instructions' ranges (what "Ignore GDnnn for this instruction" needs).
import { parentPort } from 'node:worker_threads';
import { buildModel, lintModel, type WorkspaceFacts } from './api';
import { FACTS_KEPT, type WorkerReply, type WorkerRequest } from './lsp/lint-pool';

const facts = new Map<number, WorkspaceFacts>();
const port = parentPort;

function answer(req: WorkerRequest): WorkerReply {
  if (req.facts !== undefined && req.factsId !== undefined) {
    facts.set(req.factsId, req.facts);
    if (facts.size > FACTS_KEPT) facts.delete(facts.keys().next().value as number);
  }
  const f = req.factsId === undefined ? undefined : facts.get(req.factsId);
  if (req.factsId !== undefined && f === undefined) return { id: req.id, error: `workspace facts ${req.factsId} are not in the worker` };
  try {
    const started = performance.now();
    const model = buildModel(req.text, { facts: f, dockerfilePath: req.dockerfilePath });
    const findings = lintModel(model, { settings: req.settings, facts: f, dockerfilePath: req.dockerfilePath }).filter((x) => x.file === undefined);
    return { id: req.id, findings, instructions: model.instructions.map(({ range: { start, end } }) => ({ start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } })), ms: performance.now() - started };
  } catch (err) {
    return { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

port?.on('message', (req: WorkerRequest) => port.postMessage(answer(req)));
