// Package-manager commands in RUN scripts: what they install.
import type { SimpleCommand } from '../shell';

const PACKAGE_MANAGERS = /^(xx-)?(apk|apt-get|apt|yum|dnf|microdnf|zypper)$/;

/**
 * The packages a package-manager command installs (`apk add …`, `apt-get install -y …`, versions
 * stripped), or undefined when the command installs nothing.
 */
export function installedPackages(c: SimpleCommand): string[] | undefined {
  const words = c.words.map((w) => w.value);
  if (!PACKAGE_MANAGERS.test(words[0] ?? '')) return undefined;
  const verb = words.findIndex((w) => w === 'add' || w === 'install');
  if (verb < 0) return undefined;
  return words.slice(verb + 1).filter((w) => !w.startsWith('-')).map((w) => w.replace(/[=~<>].*$/, ''));
}
