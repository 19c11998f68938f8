// Plain data types shared by the engine, the rules, the language server and the CLI.
// Ranges and positions are 0-based and measured in UTF-16 code units, exactly as in LSP,
// but nothing here imports an LSP package: the engine stays free of editor dependencies.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
  /**
   * Set when the edit targets another file than the Dockerfile (workspace-relative, e.g.
   * ".dockerignore"). A missing file is created with the edit's text (its range is then 0:0-0:0).
   */
  file?: string;
}

/**
 * How much a fix can be trusted (ruff's applicability, ESLint's fix vs suggestion):
 * - safe: keeps the meaning of the file; applied by "fix all" and on save;
 * - unsafe: valid, but may change what the build produces; applied only when opted in;
 * - suggestion: one of several plausible edits; never applied automatically.
 */
export type FixSafety = 'safe' | 'unsafe' | 'suggestion';

export const SAFETY_ORDER: readonly FixSafety[] = ['safe', 'unsafe', 'suggestion'];

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /**
   * A structural rewrite (e.g. splitting a stage) that changes what other fixes of the same pass
   * would mean: "fix all" applies it alone, before the others, and re-lints (ruff's isolation).
   */
  isolated?: boolean;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface RelatedInfo {
  range: Range;
  message: string;
  /** A file other than the Dockerfile (workspace-relative), e.g. go.mod or .dockerignore. */
  file?: string;
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedInfo[];
  /** Set when the finding belongs to another file than the linted Dockerfile (e.g. .dockerignore). */
  file?: string;
}
