// Helpers of the in-editor suite: wait on VS Code events with a timeout (never fixed sleeps).
import * as vscode from 'vscode';

export const SOURCE = 'go-dockerfile';
export const EXTENSION_ID = 'go-dockerfile.go-dockerfile';

/** Shared with index.ts (a separate bundle): metrics the harness reports. */
export function metrics(): Record<string, unknown> {
  const g = globalThis as { __goDockerfileE2E?: { metrics: Record<string, unknown> } };
  g.__goDockerfileE2E ??= { metrics: {} };
  return g.__goDockerfileE2E.metrics;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

export function describe(diags: vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(none)';
  return diags
    .map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}/${vscode.DiagnosticSeverity[d.severity]}`)
    .sort()
    .join(', ');
}

/** Resolves when `condition` holds, re-checking on every event of `event`; rejects after `ms`. */
export function waitForEvent<T, E>(event: vscode.Event<E>, condition: () => T | undefined | false, what: string, ms = 20_000, detail?: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      fn();
    };
    const check = (): void => {
      try {
        const v = condition();
        if (v !== undefined && v !== false) finish(() => resolve(v));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const sub = event(check);
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `; last seen: ${detail()}` : ''}`))), ms);
    check();
  });
}

/** Waits until the go-dockerfile diagnostics of `uri` satisfy `predicate`. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diags: vscode.Diagnostic[]) => boolean, what: string, ms = 20_000): Promise<vscode.Diagnostic[]> {
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diags = ours(uri);
      return predicate(diags) ? diags : undefined;
    },
    what,
    ms,
    () => describe(ours(uri)),
  );
}

export function hasCode(diags: vscode.Diagnostic[], code: string): boolean {
  return diags.some((d) => codeOf(d) === code);
}

export function byCode(diags: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const d = diags.find((x) => codeOf(x) === code);
  if (!d) throw new Error(`no ${code} among ${describe(diags)}`);
  return d;
}

export function rangeOf(d: vscode.Diagnostic): [number, number, number, number] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

/** Waits until a document's text satisfies `predicate` (after edits applied asynchronously). */
export function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, ms = 20_000): Promise<string> {
  return waitForEvent(
    vscode.workspace.onDidChangeTextDocument,
    () => (predicate(doc.getText()) ? doc.getText() : undefined),
    what,
    ms,
    () => JSON.stringify(doc.getText()),
  );
}

/** Reverts the active editor to the file on disk. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (doc.isDirty) throw new Error(`${doc.uri.toString()} is still dirty after revert`);
}

export function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve(p),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
