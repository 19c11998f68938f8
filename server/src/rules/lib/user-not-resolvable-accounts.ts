// The accounts a base image's /etc/passwd and /etc/group hold. The image knowledge base lists the
// users rules usually care about; a USER check needs the complete system accounts of each family,
// or `USER www-data` on Debian would be reported.
import type { ImageInfo } from '../../engine/images';

const DEBIAN_USERS = ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', 'gnats', '_apt', 'nobody'];
const DEBIAN_GROUPS = [
  'root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'news', 'uucp', 'man', 'proxy', 'kmem', 'dialout', 'fax', 'voice', 'cdrom',
  'floppy', 'tape', 'sudo', 'audio', 'dip', 'www-data', 'backup', 'operator', 'list', 'irc', 'src', 'gnats', 'shadow', 'utmp', 'video', 'sasl',
  'plugdev', 'staff', 'games', 'users', 'nogroup', '_ssh',
];
const ALPINE_USERS = [
  'root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'news', 'uucp', 'operator', 'man', 'postmaster', 'cron', 'ftp', 'sshd',
  'at', 'squid', 'xfs', 'games', 'cyrus', 'vpopmail', 'ntp', 'smmsp', 'guest', 'nobody',
];
const ALPINE_GROUPS = [
  'root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'floppy', 'mail', 'news', 'uucp', 'man', 'cron', 'console',
  'audio', 'cdrom', 'dialout', 'ftp', 'sshd', 'input', 'at', 'tape', 'video', 'netdev', 'readproc', 'squid', 'xfs', 'kvm', 'games', 'shadow',
  'cdrw', 'www-data', 'users', 'vpopmail', 'ntp', 'smmsp', 'locate', 'abuild', 'utmp', 'ping', 'nogroup', 'nobody',
];
const BUSYBOX_USERS = ['root', 'daemon', 'bin', 'sys', 'sync', 'mail', 'www-data', 'operator', 'nobody'];
const BUSYBOX_GROUPS = [
  'root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'kmem', 'wheel', 'cdrom', 'dialout', 'floppy', 'video', 'audio', 'tape',
  'www-data', 'operator', 'utmp', 'plugdev', 'staff', 'lock', 'netdev', 'users', 'nogroup',
];

export interface Accounts {
  users: Set<string>;
  groups: Set<string>;
  /** The image has no /etc/passwd at all (scratch). */
  noPasswd: boolean;
}

/** The accounts of a base image, undefined when the image is not known well enough to tell. */
export function imageAccounts(info: ImageInfo): Accounts | undefined {
  if (!info.known) return undefined;
  const make = (users: string[], groups: string[], noPasswd = false): Accounts => ({
    users: new Set([...users, ...(info.users ?? [])]),
    groups: new Set([...groups, ...(info.users ?? [])]),
    noPasswd,
  });
  switch (info.family) {
    case 'scratch':
      return make([], [], true);
    case 'distroless':
      return make(['root', 'nobody', 'nonroot'], ['root', 'nobody', 'nonroot', 'tty', 'staff']);
    case 'chainguard':
      return make(['root', 'nobody', 'nonroot'], ['root', 'nobody', 'nonroot']);
    case 'alpine':
      return make(ALPINE_USERS, ALPINE_GROUPS);
    case 'busybox':
      return make(BUSYBOX_USERS, BUSYBOX_GROUPS);
    case 'debian':
      return make(DEBIAN_USERS, DEBIAN_GROUPS);
    case 'ubuntu':
      return make([...DEBIAN_USERS, 'ubuntu'], [...DEBIAN_GROUPS, 'ubuntu']);
    case 'golang':
      if (info.os === 'windows' || !info.libc) return undefined;
      return info.libc === 'musl' ? make(ALPINE_USERS, ALPINE_GROUPS) : make(DEBIAN_USERS, DEBIAN_GROUPS);
    default:
      return undefined;
  }
}
