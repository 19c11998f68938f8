// GD035: ADD where COPY is meant (a local, non-archive source), and remote ADD without --checksum.
import { flagValue } from '../engine/instruction';
import { basename } from '../engine/paths';
import type { CopyNode, Model } from '../engine/model/types';
import type { Fix, FixSafety } from '../engine/types';
import { sameCasing } from './lib/obsolete-go-flags-tidy';
import { BUILD_ONLY, defineRule, type Report } from './types';

/** Local files ADD may extract: tar, possibly compressed (BuildKit detects the format from the content). */
const ARCHIVE = /\.(tar|tgz|taz|tbz2?|txz|tzst|tlz|gz|bz2|xz|zst|lz4|lzma|z)$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Flags COPY does not have. */
const ADD_ONLY = ['checksum', 'keep-git-dir', 'unpack'];
/** Extensionless names that are plain files everyone knows. */
const KNOWN_FILES = new Set(['Makefile', 'GNUmakefile', 'LICENSE', 'LICENCE', 'README', 'Dockerfile', 'Containerfile', 'VERSION', 'CODEOWNERS', 'NOTICE', 'AUTHORS', 'Procfile', 'Taskfile', 'Justfile', 'justfile']);

export function isGitSource(v: string): boolean {
  if (/^git@|^git:\/\/|^ssh:\/\//i.test(v)) return true;
  return /\.git([#?].*)?$/i.test(v.replace(/\/+$/, ''));
}

function isUrl(v: string): boolean {
  return URL.test(v);
}

/** The source is certainly not something ADD would extract. */
function surelyPlain(model: Model, v: string): boolean {
  const p = v.replace(/^\.\//, '');
  if (p === '' || p === '.' || p.endsWith('/')) return true;
  if (/[*?[]/.test(p)) return false;
  if (model.facts?.entries.includes(`${p}/`)) return true;
  const b = basename(p);
  if (KNOWN_FILES.has(b)) return true;
  return b.lastIndexOf('.') > 0 || b.startsWith('.');
}

function toCopy(model: Model, c: CopyNode): Fix {
  const safety: FixSafety = c.heredoc || c.sources.every((s) => surelyPlain(model, s.value)) ? 'safe' : 'unsafe';
  return { title: 'Use COPY instead of ADD', safety, edits: [{ range: c.node.keywordRange, newText: sameCasing(c.node.keywordText, 'COPY') }] };
}

export default defineRule({
  meta: {
    code: 'GD035',
    name: 'add-instead-of-copy',
    description: 'ADD of a local file or directory where COPY is meant, or a remote ADD without --checksum.',
    defaultSeverity: 'info',
    fixable: 'safe',
    appliesTo: BUILD_ONLY,
    hadolint: ['DL3020'],
  },
  check({ model }) {
    const reports: Report[] = [];
    for (const c of model.copies) {
      if (c.keyword !== 'ADD' || c.from) continue;
      const values = c.sources.map((s) => s.value);
      if (values.some(isGitSource)) continue;
      const remote = c.sources.filter((s) => isUrl(s.value));
      if (remote.length > 0) {
        if (flagValue(c.node, 'checksum')) continue;
        for (const s of remote) {
          const goRelease = /^https:\/\/(go\.dev|golang\.org|dl\.google\.com)\/(dl|go)\//.test(s.value);
          reports.push({
            range: s.word.range,
            severity: 'warning',
            message:
              `ADD downloads ${s.value} without --checksum: nothing verifies what the server returns, so the image is not reproducible and a compromised or changed download goes unnoticed. ` +
              `Add --checksum=sha256:<digest> (dockerfile syntax 1.6 or later)${goRelease ? '; Go release archives list their SHA-256 on https://go.dev/dl/' : '; compute it once with `curl -fsSL <url> | sha256sum`'}. ` +
              `${ARCHIVE.test(s.value) ? 'ADD does not extract remote archives either. ' : ''}go-dockerfile does not look checksums up, so there is no quick-fix.`,
          });
        }
        continue;
      }
      if (ADD_ONLY.some((f) => flagValue(c.node, f))) continue;
      if (!c.heredoc && (values.length === 0 || values.some((v) => ARCHIVE.test(v)))) continue;
      reports.push({
        range: c.node.keywordRange,
        message: `ADD of ${c.heredoc ? 'a heredoc' : values.length === 1 ? (values[0] === '.' || values[0] === './' ? 'the build context' : `local "${values[0]}"`) : 'local files'}: COPY does the same and says what it means. ADD also fetches URLs and extracts local tar archives, so readers (and reviewers) have to wonder what this line does.`,
        fixes: [toCopy(model, c)],
      });
    }
    return reports;
  },
});
