// Command ids of the language server. Every id the server executes is listed in SERVER_COMMANDS,
// which is what `executeCommandProvider.commands` advertises: add a new command here.

/** Opens the documentation page of a rule: arguments [url]. */
export const SHOW_RULE_DOC = 'goDockerfile.showRuleDoc';
/** Applies every auto-fixable problem of a document through workspace/applyEdit: arguments [uri]. */
export const FIX_ALL = 'goDockerfile.fixAll';
/**
 * One quick fix, for clients without code action literals (their code actions are commands):
 * arguments [{uri, version, edit}]; applied through workspace/applyEdit while the document still
 * has that version.
 */
export const APPLY_FIX = 'goDockerfile.applyFix';

/**
 * Generates a Dockerfile (and .dockerignore lines) for a Go project folder: arguments
 * [{folderUri, runtime?, main?, allMains?, dev?, test?, target?, dryRun?}] (see generate.ts).
 */
export const GENERATE = 'goDockerfile.generate';

/** The code action kind of "fix all" (codeActionsOnSave: {"source.fixAll.goDockerfile": "explicit"}). */
export const FIX_ALL_KIND = 'source.fixAll.goDockerfile';

/** The diagnostic source and the settings section. */
export const SOURCE = 'go-dockerfile';
export const SECTION = 'goDockerfile';

export const SERVER_COMMANDS: string[] = [SHOW_RULE_DOC, FIX_ALL, GENERATE, APPLY_FIX];
