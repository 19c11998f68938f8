// Code actions: one quickfix per fix carried by a diagnostic (safe ones preferred, unsafe ones
// labelled), "Ignore GDnnn for this instruction", "Show documentation for GDnnn", and the
// source.fixAll.goDockerfile action that applies every safe (and, when opted in, unsafe) fix.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { applyFixesDetailed, docUrl, resolveRuleId, type FixSafety, type Position, type Range, type TextEdit } from '../api';
import { APPLY_FIX, FIX_ALL, FIX_ALL_KIND, SHOW_RULE_DOC, SOURCE } from './commands';
import { readDiagnosticData } from './diagnostics';
import type { LintResult } from './documents';

export interface ActionRequest {
  /** The lint result of the document's current version. */
  result: LintResult;
  diagnostics: Diagnostic[];
  /** context.only of the request. */
  only?: string[];
  /** The client accepts documentChanges (versioned edits) in a WorkspaceEdit. */
  documentChanges: boolean;
}

/** True when an action of `kind` answers a request restricted to `only` (kinds match by prefix). */
export function kindRequested(only: string[] | undefined, kind: string, byDefault = true): boolean {
  if (only === undefined || only.length === 0) return byDefault;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

/**
 * A WorkspaceEdit for edits of the document and, for edits with `file` set, of other files of the
 * workspace (e.g. .dockerignore), created when missing. Undefined when such an edit has no root to
 * resolve against.
 */
export function workspaceEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean, root?: string): WorkspaceEdit | undefined {
  const own = edits.filter((e) => e.file === undefined).map((e) => ({ range: e.range, newText: e.newText }));
  const others = new Map<string, TextEdit[]>();
  for (const e of edits) {
    if (e.file === undefined) continue;
    if (root === undefined) return undefined;
    const target = pathToFileURL(path.join(root, e.file)).toString();
    others.set(target, [...(others.get(target) ?? []), { range: e.range, newText: e.newText }]);
  }
  if (documentChanges) {
    const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
    if (own.length > 0) changes.push({ textDocument: { uri, version }, edits: own });
    for (const [target, list] of others) {
      changes.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
      changes.push({ textDocument: { uri: target, version: null }, edits: list });
    }
    return { documentChanges: changes };
  }
  const changes: Record<string, TextEdit[]> = {};
  if (own.length > 0) changes[uri] = own;
  for (const [target, list] of others) changes[target] = list;
  return { changes };
}

export function showDocCommand(code: string): Command | undefined {
  const url = docUrl(code);
  return url === undefined ? undefined : { title: `Show documentation for ${code}`, command: SHOW_RULE_DOC, arguments: [url] };
}

/** The fixes of a diagnostic: from its data (when current), else from the current findings. */
function fixesOf(d: Diagnostic, code: string, result: LintResult): LintResult['findings'][number]['fixes'] | undefined {
  const data = readDiagnosticData(d);
  if (data) return data.version === result.version ? data.fixes : undefined;
  const same = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
  const f = result.findings.find((x) => x.code === code && same(x.range.start, d.range.start) && same(x.range.end, d.range.end));
  return f?.fixes;
}

/** What ignoreEdit reads of a model (a document linted in the worker has only this). */
export interface InstructionOutline {
  instructions: readonly { range: Range }[];
  src: { lineText(line: number): string };
}

const IGNORE_COMMENT = /^(\s*#\s*go-dockerfile\s+ignore\s*=\s*)([^\s]*)/i;

/**
 * The edit that suppresses `code` for the instruction containing `line`: a new
 * `# go-dockerfile ignore=CODE` line above the instruction's first line (same indentation), or
 * `,CODE` appended to such a comment directly above. Undefined outside instructions.
 */
export function ignoreEdit(model: InstructionOutline, text: string, code: string, line: number): TextEdit | undefined {
  let first: number | undefined;
  for (const node of model.instructions) {
    if (node.range.start.line <= line && line <= node.range.end.line && (first === undefined || node.range.start.line < first)) first = node.range.start.line;
  }
  if (first === undefined) return undefined;
  if (first > 0) {
    const above = model.src.lineText(first - 1);
    const m = IGNORE_COMMENT.exec(above.replace(/^\ufeff/, ''));
    if (m) {
      const entries = m[2] ?? '';
      if (entries.split(',').some((e) => e !== '' && resolveRuleId(e) === code)) return undefined;
      const bom = above.startsWith('\ufeff') ? 1 : 0;
      const at = { line: first - 1, character: bom + (m[1] ?? '').length + entries.length };
      return { range: { start: at, end: at }, newText: entries === '' || entries.endsWith(',') ? code : `,${code}` };
    }
  }
  const lineText = model.src.lineText(first);
  const bom = lineText.startsWith('\ufeff') ? 1 : 0;
  const indent = /^[ \t]*/.exec(lineText.slice(bom))?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line: first, character: bom };
  return { range: { start: at, end: at }, newText: `${indent}# go-dockerfile ignore=${code}${eol}` };
}

/** The end position of a text, counting \n, \r\n and \r as line breaks (as LSP does). */
export function endOf(text: string): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    } else if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: text.length - lineStart };
}

/**
 * Every allowed fix applied (re-linting between passes) as one whole-document edit, plus the edits
 * of other workspace files; undefined when nothing changes.
 */
export function fixAllEdit(result: LintResult): TextEdit[] | undefined {
  if (!result.enabled || result.findings.length === 0) return undefined;
  const safety: FixSafety[] = result.settings.engine.unsafeFixes ? ['safe', 'unsafe'] : ['safe'];
  const external: TextEdit[] = [];
  const fixed = applyFixesDetailed(result.text, result.findings, {
    safety,
    lint: result.lintOptions,
    ...(result.relint ? { relint: result.relint } : {}),
    ...(result.root !== undefined ? { externalEdits: (e: TextEdit[]) => void external.push(...e) } : {}),
  }).text;
  if (fixed === result.text && external.length === 0) return undefined;
  const own = fixed === result.text ? [] : [{ range: { start: { line: 0, character: 0 }, end: endOf(result.text) }, newText: fixed }];
  return [...own, ...external];
}

export function fixAllAction(result: LintResult, documentChanges: boolean): CodeAction | undefined {
  const edits = fixAllEdit(result);
  const edit = edits && workspaceEdit(result.uri, result.version, edits, documentChanges, result.root);
  if (!edit) return undefined;
  return { title: 'Fix all auto-fixable go-dockerfile problems', kind: FIX_ALL_KIND, edit };
}

export function codeActions(req: ActionRequest): CodeAction[] {
  const { result } = req;
  if (!result.enabled) return [];
  const out: CodeAction[] = [];
  if (kindRequested(req.only, CodeActionKind.QuickFix)) {
    const fixes: CodeAction[] = [];
    const ignores: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of req.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const code = d.code;
      const own = fixesOf(d, code, result);
      if (own === undefined) continue; // stale: computed for another version
      let preferred = false;
      for (const fix of own) {
        const edit = fix.edits.length > 0 ? workspaceEdit(result.uri, result.version, fix.edits, req.documentChanges, result.root) : undefined;
        if (!edit) continue;
        const action: CodeAction = {
          title: fix.safety === 'unsafe' ? `${fix.title} (unsafe)` : fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit,
        };
        if (fix.safety === 'safe' && !preferred) {
          action.isPreferred = true;
          preferred = true;
        }
        fixes.push(action);
      }
      const ignoreKey = `ignore:${code}:${d.range.start.line}`;
      const outline = result.model ?? result.outline;
      if (outline && resolveRuleId(code) === code && !seen.has(ignoreKey)) {
        seen.add(ignoreKey);
        const edit = ignoreEdit(outline, result.text, code, d.range.start.line);
        const wsEdit = edit && workspaceEdit(result.uri, result.version, [edit], req.documentChanges);
        if (wsEdit) ignores.push({ title: `Ignore ${code} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: wsEdit });
      }
      const command = showDocCommand(code);
      if (command && !seen.has(`doc:${code}`)) {
        seen.add(`doc:${code}`);
        docs.push({ title: command.title, kind: CodeActionKind.QuickFix, diagnostics: [d], command });
      }
    }
    out.push(...fixes, ...ignores, ...docs);
  }
  if (kindRequested(req.only, FIX_ALL_KIND, false)) {
    const all = fixAllAction(result, req.documentChanges);
    if (all) out.push(all);
  }
  return out;
}

/** The argument of APPLY_FIX. */
export interface ApplyFixArgs {
  uri: string;
  /** The document version the edit was computed for. */
  version: number;
  edit: WorkspaceEdit;
}

export function parseApplyFixArgs(raw: unknown): ApplyFixArgs | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.uri !== 'string' || typeof r.version !== 'number' || typeof r.edit !== 'object' || r.edit === null) return undefined;
  return { uri: r.uri, version: r.version, edit: r.edit as WorkspaceEdit };
}

/**
 * For clients without code action literals: the same actions as commands (each edit through
 * APPLY_FIX, pinned to the linted version), then "fix all".
 */
export function codeActionCommands(req: ActionRequest): Command[] {
  const { result } = req;
  if (!result.enabled) return [];
  const out: Command[] = [];
  const quickFixes = kindRequested(req.only, CodeActionKind.QuickFix) ? codeActions({ ...req, only: [CodeActionKind.QuickFix] }) : [];
  for (const action of quickFixes) {
    if (action.edit) out.push({ title: action.title, command: APPLY_FIX, arguments: [{ uri: result.uri, version: result.version, edit: action.edit } satisfies ApplyFixArgs] });
    else if (action.command) out.push(action.command);
  }
  const ours = req.diagnostics.some((d) => d.source === SOURCE && typeof d.code === 'string');
  if (ours && kindRequested(req.only, FIX_ALL_KIND) && fixAllEdit(result)) out.push({ title: 'Fix all auto-fixable go-dockerfile problems', command: FIX_ALL, arguments: [result.uri] });
  return out;
}
