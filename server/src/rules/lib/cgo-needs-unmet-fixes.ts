// Fix builders for GD013: turn cgo back on, install a C compiler, link statically, and move the
// builder or the runtime image to a matching libc / Debian release.
import { insertAt, insertLinesBefore, kw } from '../../engine/edits';
import { DEBIAN_NAMES, LATEST, RUNTIME_IMAGES } from '../../engine/images';
import { STATIC_CGO_LDFLAGS, staticCgoBlocker, staticCgoTags } from '../../engine/static-cgo';
import type { EnvValue } from '../../engine/model/env';
import { globalArg } from '../../engine/model/env';
import { goFlag } from '../../engine/model/gocmd';
import { cgoState, goEnv } from '../../engine/model/goenv';
import type { GoCommand, Model, Stage } from '../../engine/model/types';
import type { Range, TextEdit } from '../../engine/types';
import { addTagsEdit, buildTags } from './tzdata-missing-tags';

/** The edit that turns a CGO_ENABLED=0 setting into CGO_ENABLED=1, wherever it is written. */
export function cgoOnEdit(model: Model, setting: EnvValue): TextEdit | undefined {
  switch (setting.source) {
    case 'inline':
    case 'export':
    case 'go-env':
      return setting.range ? { range: setting.range, newText: 'CGO_ENABLED=1' } : undefined;
    case 'env':
      return setting.range ? { range: setting.range, newText: '1' } : undefined;
    case 'arg': {
      if (setting.arg?.valueRange) return { range: setting.arg.valueRange, newText: '1' };
      const g = setting.globalArg ?? globalArg(model, 'CGO_ENABLED');
      return g?.valueRange ? { range: g.valueRange, newText: '1' } : undefined;
    }
    default:
      return undefined;
  }
}

/** `RUN apk add --no-cache gcc musl-dev` (or the apt-get equivalent) before the RUN of the build. */
export function installCompilerEdit(model: Model, cmd: GoCommand): { edit: TextEdit; packages: string } | undefined {
  const pm = cmd.run.stage.info.packageManager;
  if (pm === 'apk') return { edit: insertLinesBefore(model, cmd.run.node, [`${kw(model, 'RUN')} apk add --no-cache gcc musl-dev`]), packages: 'gcc and musl-dev' };
  if (pm === 'apt') {
    const line = `${kw(model, 'RUN')} apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*`;
    return { edit: insertLinesBefore(model, cmd.run.node, [line]), packages: 'gcc and libc6-dev' };
  }
  return undefined;
}

/** Adds `-linkmode external -extldflags "-static"` to the build's -ldflags (or a new -ldflags). */
export function staticLinkEdit(model: Model, cmd: GoCommand): TextEdit | undefined {
  if (cmd.run.form === 'exec') return undefined;
  if (/-ldflags/.test(goEnv(model, cmd, 'GOFLAGS')?.value ?? '')) return undefined;
  const ld = goFlag(cmd, 'ldflags');
  if (!ld) {
    const sub = cmd.subWords[cmd.subWords.length - 1];
    return sub ? insertAt(sub.range.end, ` -ldflags '${STATIC_CGO_LDFLAGS}'`) : undefined;
  }
  const value = (ld.value ?? '').trim();
  if (ld.words.some((w) => w.expands) || value.includes("'")) return undefined;
  return { range: ld.range, newText: `-ldflags '${value === '' ? '' : `${value} `}${STATIC_CGO_LDFLAGS}'` };
}

/**
 * A fully static cgo link, for a libc-less runtime: `-linkmode external -extldflags "-static"` plus
 * the tags of engine/static-cgo.ts merged into -tags. Undefined when the workspace's C code needs
 * shared libraries at run time (facts.cgo.staticBlockers), when cgo is not on for this build
 * (external linking needs it), or when the flags cannot be edited exactly.
 */
export function staticCgoLinkEdits(model: Model, cmd: GoCommand): { edits: TextEdit[]; tags: string[] } | undefined {
  if (staticCgoBlocker(model.facts)) return undefined;
  if (cgoState(model, cmd).mode !== 'on') return undefined;
  const ld = staticLinkEdit(model, cmd);
  if (!ld) return undefined;
  const missing = staticCgoTags(model.facts).filter((t) => !buildTags(model, cmd).tags.includes(t));
  if (missing.length === 0) return { edits: [ld], tags: [] };
  const t = addTagsEdit(model, cmd, missing);
  return t ? { edits: [t, ld], tags: missing } : undefined;
}

/** What the static link adds, for fix titles: `-tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"'`. */
export function staticCgoLinkLabel(tags: string[]): string {
  return `${tags.length > 0 ? `-tags ${tags.join(',')} ` : ''}-ldflags '${STATIC_CGO_LDFLAGS}'`;
}

/** Where a new base image is written: the FROM argument of the chain's root, or the default of the ARG it consists of. */
export function rootImageEdit(model: Model, stage: Stage): { range: Range; text: string } | undefined {
  let root = stage;
  while (root.parent) root = root.parent;
  if (root.imageVars.length === 0) return { range: root.imageRange, text: root.imageText };
  const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(root.imageText);
  const g = m ? globalArg(model, m[1] as string) : undefined;
  return g?.valueRange && g.value !== undefined ? { range: g.valueRange, text: g.value } : undefined;
}

const CODENAME = /(buster|bullseye|bookworm|trixie|forky)/;

/** `golang:1.26` → `golang:1.26-bookworm` (also replaces another Debian variant or `latest`). */
export function golangOnDebian(imageText: string, debian: number): string | undefined {
  const name = DEBIAN_NAMES[debian];
  if (!name) return undefined;
  const slash = imageText.lastIndexOf('/');
  const colon = imageText.lastIndexOf(':');
  if (colon <= slash) return `${imageText}:${name}`;
  const tag = imageText.slice(colon + 1);
  const head = imageText.slice(0, colon + 1);
  if (tag === 'latest') return head + name;
  if (new RegExp(`(^|-)${CODENAME.source}$`).test(tag)) return head + tag.replace(new RegExp(`${CODENAME.source}$`), name);
  if (/(^|-)[a-z]/.test(tag.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '1'))) return undefined;
  return `${head}${tag}-${name}`;
}

/** A runtime image text moved to another Debian release: distroless `-debianNN`, `debian:<codename|NN>[-slim]`. */
export function runtimeOnDebian(stage: Stage, imageText: string, debian: number): string | undefined {
  const name = DEBIAN_NAMES[debian];
  if (!name) return undefined;
  if (stage.info.family === 'distroless') {
    if (/-debian\d+/.test(imageText)) return imageText.replace(/-debian\d+/, `-debian${debian}`);
    return undefined;
  }
  if (stage.info.family === 'debian') {
    const colon = imageText.lastIndexOf(':');
    if (colon < 0) return `${imageText}:${name}-slim`;
    const tag = imageText.slice(colon + 1);
    if (CODENAME.test(tag)) return imageText.slice(0, colon + 1) + tag.replace(CODENAME, name);
    if (/^\d+/.test(tag)) return imageText.slice(0, colon + 1) + tag.replace(/^\d+(\.\d+)*/, String(debian));
  }
  return undefined;
}

/** The runtime image for a cgo binary from `builder`: its libc, its Debian release. */
export function matchingRuntime(model: Model, builder: Stage, runtime: Stage, needsShell: boolean): { image: string; label: string } | undefined {
  if (builder.info.libc === 'musl') {
    const v = builder.info.alpine ?? LATEST.alpine;
    return { image: RUNTIME_IMAGES.alpine(v), label: `musl like the alpine builder` };
  }
  if (builder.info.libc !== 'glibc') return undefined;
  const debian = builder.info.debian ?? LATEST.debian;
  if (needsShell || (runtime.info.family === 'alpine' && runtime.runs.length > 0)) {
    const name = DEBIAN_NAMES[debian] ?? 'trixie';
    return { image: `debian:${name}-slim`, label: `glibc of Debian ${debian} like the builder` };
  }
  const cxx = model.facts?.cgo.cxx === true;
  return { image: cxx ? RUNTIME_IMAGES.distrolessCc(debian) : RUNTIME_IMAGES.distrolessBase(debian), label: `glibc of Debian ${debian} like the builder` };
}
