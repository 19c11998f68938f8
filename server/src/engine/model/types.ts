// The analysis model every rule reads (CATALOGUE §0): built once per document version.
import type { Dockerfile } from 'dockerfile-ast';
import type { WorkspaceFacts } from '../facts';
import type { ImageInfo } from '../images';
import type { ImageRef } from '../imageref';
import type { ArgWord, Flag, InstructionNode } from '../instruction';
import type { ShellScript, ShellWord, SimpleCommand } from '../shell';
import type { SourceText } from '../text';
import type { Range, Severity } from '../types';

export type GoClass = 'go-build' | 'go-runtime-only' | 'go-tooling' | 'not-go';

export interface Directive {
  name: string;
  value: string;
  range: Range;
  line: number;
  /** False when the directive is ignored because it follows a comment, blank line or instruction (P008). */
  effective: boolean;
}

export interface ArgDecl {
  name: string;
  /** Default value (expanded), undefined for `ARG X`. */
  value: string | undefined;
  /** Default value as written, before expansion. */
  raw?: string;
  node: InstructionNode;
  nameRange: Range;
  valueRange?: Range;
}

export interface EnvDecl {
  name: string;
  /** Value with build-time substitution applied where possible. */
  value: string;
  raw: string;
  node: InstructionNode;
  nameRange: Range;
  valueRange: Range;
}

export interface Stage {
  index: number;
  /** `AS name` as written. */
  name?: string;
  nameRange?: Range;
  from: InstructionNode;
  /** The image argument as written, and its range. */
  imageText: string;
  imageRange: Range;
  /** The image after ARG substitution. */
  imageResolved: string;
  /** Global ARGs used by the image reference, and those without a known value. */
  imageVars: string[];
  imageUnknownVars: string[];
  /** The parsed image reference (undefined when the base is another stage or unparsable). */
  ref?: ImageRef;
  /** The stage this one is built FROM, when it names a stage. */
  parent?: Stage;
  /** The image at the root of the FROM chain. */
  rootRef?: ImageRef;
  platform?: { raw: string; flag: Flag };
  /** Knowledge about the effective base (the root image of the FROM chain). */
  info: ImageInfo;
  /** Instructions after FROM, in order. */
  instructions: InstructionNode[];
  args: ArgDecl[];
  envs: EnvDecl[];
  runs: RunNode[];
  copies: CopyNode[];
  /** Stages this stage reads from: FROM, COPY --from, RUN --mount from=. */
  deps: Set<number>;
  isLast: boolean;
  /** Output stage: the last stage, or a stage named as a --target in the workspace. */
  isOutput: boolean;
  /** A non-last leaf stage nothing depends on: runtime rules run one severity lower on it. */
  isCandidateOutput: boolean;
  os: 'linux' | 'windows';
}

export interface Mount {
  type: string;
  target?: string;
  source?: string;
  from?: string;
  id?: string;
  options: Record<string, string>;
  flag: Flag;
}

export interface RunNode {
  node: InstructionNode;
  stage: Stage;
  mounts: Mount[];
  form: 'shell' | 'exec' | 'heredoc';
  /** Parsed shell scripts: the command line, then heredoc bodies that run as scripts. */
  scripts: ShellScript[];
  /** Every simple command in order (exec form gives one synthetic command). */
  commands: SimpleCommand[];
  goCommands: GoCommand[];
}

export interface GoFlag {
  /** Without leading dashes: "o", "ldflags", "trimpath". */
  name: string;
  value?: string;
  /** The flag word (and the separate value word for `-o path`). */
  words: ShellWord[];
  range: Range;
  valueWord?: ShellWord;
}

export interface GoCommand {
  run: RunNode;
  command: SimpleCommand;
  /** The `go` (or `xx-go`) word. */
  goWord: ShellWord;
  xx: boolean;
  /** "build", "install", "mod download", "mod tidy", "get", "test", "vet", "run", "env", "generate", … */
  sub: string;
  /** The subcommand word(s) ("build"; for "mod download" the "download" word is last). */
  subWords: ShellWord[];
  /** Words after the subcommand. */
  args: ShellWord[];
  flags: GoFlag[];
  packages: ShellWord[];
  /** Flags hidden in variables (`go build ${GOBUILDFLAGS} …`): the flag set is not fully known. */
  opaqueFlags: ShellWord[];
  /** `go -C dir`. */
  chdir?: string;
  /** Inline VAR=value assignments, including those given through `env`. */
  inline: Map<string, { value: string; word: ShellWord }>;
  /** Index of the command in run.commands. */
  commandIndex: number;
}

export interface CopyNode {
  node: InstructionNode;
  stage: Stage;
  keyword: 'COPY' | 'ADD';
  from?: { raw: string; value: string; range: Range; stage?: Stage; ref?: ImageRef };
  /** Sources with build-time substitution applied (value) and their words. */
  sources: { word: ArgWord; value: string }[];
  dest?: { word: ArgWord; value: string };
  /** Sources given as heredocs (`COPY <<EOF file`). */
  heredoc: boolean;
}

export interface ParserProblem {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

export interface Model {
  src: SourceText;
  ast: Dockerfile;
  escape: string;
  directives: Directive[];
  instructions: InstructionNode[];
  globalArgs: ArgDecl[];
  stages: Stage[];
  /** Instructions carried by ONBUILD (they run in a downstream build). */
  onbuild: InstructionNode[];
  onbuildRuns: RunNode[];
  runs: RunNode[];
  copies: CopyNode[];
  goCommands: GoCommand[];
  goClass: GoClass;
  /** Majority keyword casing, for inserted instructions (EDGE_CASES EC13). */
  casing: 'upper' | 'lower';
  facts?: WorkspaceFacts;
  /** The Dockerfile's path relative to the workspace root, when known. */
  dockerfilePath?: string;
  problems: ParserProblem[];
}
