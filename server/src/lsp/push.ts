// Push diagnostics, for clients without textDocument/diagnostic: debounced per URI, published
// only when the document still has the version that was linted, [] on close.

export interface PushTarget {
  /** Lints the document's current version and publishes it unless it changed meanwhile. */
  publish(uri: string): Promise<void>;
  /** Publishes [] for a closed document. */
  clear(uri: string): void;
}

export class PushScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly target: PushTarget,
    private readonly delayMs = 200,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.target.publish(uri);
    }, delayMs);
    this.timers.set(uri, timer);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.target.clear(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
