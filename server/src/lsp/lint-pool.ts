// Lints of large documents run in a worker thread (dist/lint-worker.js), so that the server's own
// thread keeps answering other requests: one worker, one lint at a time, queued per document (a
// newer request for a document supersedes its queued one). A crashed worker is restarted for the
// next job; the job it was running fails with WorkerCrashed (the caller lints it synchronously).
import { Worker } from 'node:worker_threads';
import type { EngineSettings, Finding, Range, WorkspaceFacts } from '../api';

/** How many workspace facts the worker keeps (they are sent once per worker, then named by id). */
export const FACTS_KEPT = 8;

export interface WorkerRequest {
  id: number;
  text: string;
  settings: Partial<EngineSettings>;
  dockerfilePath?: string;
  /** The facts' id; `facts` is set when the worker has not seen them yet. */
  factsId?: number;
  facts?: WorkspaceFacts;
}

export type WorkerReply =
  | { id: number; findings: Finding[]; instructions: Range[]; ms: number }
  | { id: number; error: string };

export interface LintInput {
  text: string;
  settings: Partial<EngineSettings>;
  facts?: WorkspaceFacts;
  dockerfilePath?: string;
}

/** A newer lint of the same document was queued: this one was dropped unlinted. */
export class StaleLint extends Error {
  constructor(readonly key: string) {
    super(`superseded lint of ${key}`);
  }
}

/** The worker died (or could not start) while running the job. */
export class WorkerCrashed extends Error {}

interface Job {
  key: string;
  input: LintInput;
  resolve: (reply: WorkerReply) => void;
  reject: (err: Error) => void;
  id?: number;
}

export class LintPool {
  private worker?: Worker;
  private running?: Job;
  private queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly factIds = new WeakMap<WorkspaceFacts, number>();
  private nextFactsId = 1;
  /** The facts ids the current worker keeps, oldest first (it evicts in the same order). */
  private sentFacts: number[] = [];
  /** Worker starts (tests and the log read it). */
  starts = 0;

  constructor(private readonly script: string) {}

  /** Lints in the worker. Rejects with StaleLint when superseded, WorkerCrashed when the worker died. */
  lint(key: string, input: LintInput): Promise<WorkerReply> {
    if (this.disposed) return Promise.reject(new WorkerCrashed('the lint worker was shut down'));
    const superseded = this.queue.filter((j) => j.key === key);
    this.queue = this.queue.filter((j) => j.key !== key);
    for (const j of superseded) j.reject(new StaleLint(key));
    return new Promise<WorkerReply>((resolve, reject) => {
      this.queue.push({ key, input, resolve, reject });
      this.pump();
    });
  }

  /** Terminates the worker (e.g. to test recovery); the running job fails with WorkerCrashed. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Shutdown: drops the queue (its jobs fail with StaleLint) and terminates the worker. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const jobs = [...this.queue, ...(this.running ? [this.running] : [])];
    this.queue = [];
    this.running = undefined;
    for (const j of jobs) j.reject(new StaleLint(j.key));
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: Worker;
    try {
      worker = this.worker ?? this.spawn();
    } catch (err) {
      job.reject(new WorkerCrashed(`the lint worker did not start: ${err instanceof Error ? err.message : String(err)}`));
      this.pump();
      return;
    }
    this.running = job;
    job.id = this.nextId++;
    const { text, settings, facts, dockerfilePath } = job.input;
    const req: WorkerRequest = { id: job.id, text, settings, ...(dockerfilePath !== undefined ? { dockerfilePath } : {}) };
    if (facts) {
      let factsId = this.factIds.get(facts);
      if (factsId === undefined) {
        factsId = this.nextFactsId++;
        this.factIds.set(facts, factsId);
      }
      req.factsId = factsId;
      if (!this.sentFacts.includes(factsId)) {
        req.facts = facts;
        this.sentFacts.push(factsId);
        if (this.sentFacts.length > FACTS_KEPT) this.sentFacts.shift();
      }
    }
    try {
      worker.postMessage(req);
    } catch (err) {
      // Facts that cannot be cloned: the caller lints this one on its own thread.
      this.running = undefined;
      if (req.facts) this.sentFacts = this.sentFacts.filter((id) => id !== req.factsId);
      job.reject(new WorkerCrashed(`could not send the document to the lint worker: ${err instanceof Error ? err.message : String(err)}`));
      this.pump();
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.script);
    this.starts++;
    this.sentFacts = [];
    // Never keeps the process alive (exit after shutdown does not wait for it).
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const job = this.running;
      if (w !== this.worker || !job || reply.id !== job.id) return;
      this.running = undefined;
      job.resolve(reply);
      this.pump();
    });
    w.on('error', (err) => this.crashed(w, err));
    w.on('exit', (code) => this.crashed(w, new Error(`the lint worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  private crashed(w: Worker, err: Error): void {
    if (w !== this.worker) return;
    this.worker = undefined;
    this.sentFacts = [];
    const job = this.running;
    this.running = undefined;
    job?.reject(new WorkerCrashed(err.message));
    this.pump();
  }
}
