// Reading apk and apt-get command lines from the model's simple commands (GD036): the subcommand
// after global options, flags, package words, and what else the same RUN does.
import type { RunNode } from '../../engine/model/types';
import type { ShellWord, SimpleCommand } from '../../engine/shell';

export interface PkgCommand {
  manager: 'apk' | 'apt';
  command: SimpleCommand;
  /** The apk / apt-get / apt word. */
  tool: ShellWord;
  /** "add", "install", "upgrade", … */
  sub: string;
  subWord: ShellWord;
  /** Option words (before and after the subcommand). */
  options: ShellWord[];
  /** Package words. */
  packages: ShellWord[];
  index: number;
}

const APK_VALUE_OPTS = new Set(['-X', '--repository', '--root', '-p', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--virtual', '-t', '--wait', '--cache-max-age', '--timeout']);
const APT_VALUE_OPTS = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture']);

function base(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

export function readPkgCommand(command: SimpleCommand, index: number): PkgCommand | undefined {
  const w = command.words;
  let i = 0;
  while (w[i] && ['sudo', 'env', 'time', 'nice'].includes(base((w[i] as ShellWord).value))) i++;
  const tool = w[i];
  if (!tool) return undefined;
  const name = base(tool.value);
  const manager = name === 'apk' ? 'apk' : name === 'apt-get' || name === 'apt' ? 'apt' : undefined;
  if (!manager) return undefined;
  const valueOpts = manager === 'apk' ? APK_VALUE_OPTS : APT_VALUE_OPTS;
  const options: ShellWord[] = [];
  const packages: ShellWord[] = [];
  let subWord: ShellWord | undefined;
  for (let k = i + 1; k < w.length; k++) {
    const x = w[k] as ShellWord;
    if (x.value.startsWith('-')) {
      options.push(x);
      if (valueOpts.has(x.value) && w[k + 1]) options.push(w[++k] as ShellWord);
    } else if (!subWord) subWord = x;
    else packages.push(x);
  }
  if (!subWord) return undefined;
  return { manager, command, tool, sub: subWord.value, subWord, options, packages, index };
}

export function pkgCommands(run: RunNode): PkgCommand[] {
  const out: PkgCommand[] = [];
  run.commands.forEach((c, i) => {
    const p = readPkgCommand(c, i);
    if (p) out.push(p);
  });
  return out;
}

export function hasOption(p: PkgCommand, ...names: string[]): ShellWord | undefined {
  return p.options.find((o) => names.includes(o.value));
}

/** `apt-get -y`, `-qy`, `--yes`, `--assume-yes`, `-o APT::Get::Assume-Yes=true`, and `-qq` (quiet level 2 implies -y). */
export function aptAssumesYes(p: PkgCommand): boolean {
  return p.options.some((o, k) => /^-[a-zA-Z]*q[a-zA-Z]*q[a-zA-Z]*$/.test(o.value) || /^(-q|--quiet)=2$/.test(o.value) || /^-[a-zA-Z]*y[a-zA-Z]*$/.test(o.value) || o.value === '--yes' || o.value === '--assume-yes' || o.value === '--force-yes' || (o.value === '-o' && /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(p.options[k + 1]?.value ?? '')) || /^-oAPT::Get::Assume-Yes=(true|1|yes)$/i.test(o.value));
}

/** `--no-install-recommends` or `-o APT::Install-Recommends=false`. */
export function aptNoRecommends(p: PkgCommand): boolean {
  return p.options.some((o, k) => o.value === '--no-install-recommends' || (o.value === '-o' && /^APT::Install-Recommends=(false|0|no)$/i.test(p.options[k + 1]?.value ?? '')) || /^-oAPT::Install-Recommends=(false|0|no)$/i.test(o.value));
}

/** A later `rm` in the same RUN removes files under `dir`. */
export function removesLater(run: RunNode, after: number, dir: string): boolean {
  return run.commands.some((c, i) => i > after && base(c.words[0]?.value ?? '') === 'rm' && c.words.slice(1).some((w) => w.value.startsWith(dir)));
}

export function cacheMountOn(run: RunNode, ...dirs: string[]): boolean {
  return run.mounts.some((m) => m.type === 'cache' && m.target !== undefined && dirs.includes(m.target.replace(/\/+$/, '')));
}
