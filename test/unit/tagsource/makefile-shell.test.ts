// GD007b in Makefiles and shell scripts: builds found through `\` continuations, wrappers and
// recipe prefixes; -t/--tag/-tX forms; every fix applied and re-read.
import { runTagSourceTests } from '../../support/tag-source-tester';

const MAKE_VERSION = 'VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)';
const SH_VERSION = '${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}';

runTagSourceTests('Makefile', {
  valid: [
    { name: 'a version tag', file: 'Makefile', code: 'image:\n\tdocker build -t example/app:1.2.3 .\n' },
    { name: 'a tag from a make variable', file: 'Makefile', code: 'TAG ?= dev\nimage:\n\tdocker build -t example/app:$(TAG) .\n' },
    { name: 'the whole reference from a variable the makefile does not set', file: 'Makefile', code: 'image:\n\tdocker build -t $(IMAGE) .\n' },
    { name: 'a variable that holds a version tag', file: 'Makefile', code: 'IMAGE := app:1.0\nimage:\n\tdocker build -t $(IMAGE) .\n' },
    { name: 'a variable assigned twice (no single value)', file: 'Makefile', code: 'IMAGE := app:latest\nifdef CI\nIMAGE := app:$(CI_SHA)\nendif\nimage:\n\tdocker build -t $(IMAGE) .\n' },
    { name: 'latest plus a version tag', file: 'Makefile', code: 'image:\n\tdocker build -t app:latest -t app:$(VERSION) .\n' },
    { name: 'no -t at all (a check build)', file: 'Makefile', code: 'check:\n\tdocker build .\n' },
    { name: 'docker build in a variable, not a recipe', file: 'Makefile', code: 'BUILD = docker build -t app:latest .\nall:\n\techo ok\n' },
    { name: 'inside define … endef', file: 'Makefile', code: 'define RECIPE\n\tdocker build -t app:latest .\nendef\nall:\n\techo ok\n' },
    { name: 'a tab line outside any rule', file: 'Makefile', code: 'X = 1\n\tdocker build -t app:latest .\n' },
    { name: 'docker push and run are no builds', file: 'Makefile', code: 'push:\n\tdocker push app:latest\n\tdocker run app:latest\n' },
    { name: 'a digest', file: 'tools.mk', code: 'image:\n\tbuildah bud -t app@sha256:0123 .\n' },
    { name: 'suppressed by a comment above', file: 'Makefile', code: 'image:\n\t# go-dockerfile ignore=GD007b\n\tdocker build -t app:latest .\n' },
  ],
  invalid: [
    {
      name: 'latest only, through continuations and @ prefix; VERSION line after the header comments',
      file: 'Makefile',
      code: '# Build the image.\n# Usage: make image\n\n.PHONY: image\nimage:\n\t@docker build \\\n\t\t-t example/app:latest \\\n\t\t.\n',
      expect: [{
        at: '7:6-7:24',
        message: ['example/app:latest is tagged "latest" only', 'latest can stay as an alias'],
        fixes: [{
          title: 'Also tag example/app:$(VERSION) (VERSION from git describe)',
          output: `# Build the image.\n# Usage: make image\n${MAKE_VERSION}\n\n.PHONY: image\nimage:\n\t@docker build \\\n\t\t-t example/app:$(VERSION) -t example/app:latest \\\n\t\t.\n`,
        }],
      }],
    },
    {
      name: 'no tag (Docker uses latest), an existing VERSION is reused',
      file: 'Makefile',
      code: 'VERSION := 1.0\nIMAGE = example/app\nimage:\n\tdocker buildx build --platform linux/amd64 --tag $(IMAGE) --push .\n',
      expect: [{
        at: '4:51-4:59',
        message: ['$(IMAGE) (example/app) is built without a tag, so it is tagged "latest" only'],
        fixes: [{
          title: 'Also tag $(IMAGE):$(VERSION)',
          output: 'VERSION := 1.0\nIMAGE = example/app\nimage:\n\tdocker buildx build --platform linux/amd64 -t $(IMAGE):$(VERSION) --tag $(IMAGE) --push .\n',
        }],
      }],
    },
    {
      name: 'two builds: one VERSION line each time it is missing, each fix alone removes one finding',
      file: 'Makefile',
      code: 'api:\n\tdocker build -t api:latest -f api.Dockerfile .\nworker: api\n\tpodman build --tag=worker .\n',
      expect: [
        {
          at: '2:18-2:28',
          fixes: [{ title: 'Also tag api:$(VERSION) (VERSION from git describe)', output: `${MAKE_VERSION}\n\napi:\n\tdocker build -t api:$(VERSION) -t api:latest -f api.Dockerfile .\nworker: api\n\tpodman build --tag=worker .\n` }],
        },
        {
          at: '4:15-4:27',
          fixes: [{ title: 'Also tag worker:$(VERSION) (VERSION from git describe)', output: `${MAKE_VERSION}\n\napi:\n\tdocker build -t api:latest -f api.Dockerfile .\nworker: api\n\tpodman build -t worker:$(VERSION) --tag=worker .\n` }],
        },
      ],
    },
    {
      name: 'latest inside a variable: the new tag goes on the resolved name',
      file: 'Makefile',
      code: 'IMAGE ?= ghcr.io/acme/app:latest\nimage:\n\tdocker build -t ${IMAGE} .\n',
      expect: [{
        at: '3:18-3:26',
        message: ['${IMAGE} (ghcr.io/acme/app:latest) is tagged "latest" only'],
        fixes: [{ title: 'Also tag ghcr.io/acme/app:$(VERSION) (VERSION from git describe)', output: `${MAKE_VERSION}\nIMAGE ?= ghcr.io/acme/app:latest\nimage:\n\tdocker build -t ghcr.io/acme/app:$(VERSION) -t \${IMAGE} .\n` }],
      }],
    },
    {
      name: 'a recipe command after && and the -tX form',
      file: 'docker.mk',
      code: 'release: test\n\tgo test ./... && nerdctl build -tapp:latest .\n',
      expect: [{ at: '2:33-2:45', fixes: [{ title: 'Also tag app:$(VERSION) (VERSION from git describe)', output: `${MAKE_VERSION}\n\nrelease: test\n\tgo test ./... && nerdctl build -t app:$(VERSION) -tapp:latest .\n` }] }],
    },
  ],
});

runTagSourceTests('shell scripts', {
  valid: [
    { name: 'a tag from a variable', file: 'scripts/build.sh', code: '#!/bin/sh\ndocker build -t "app:${VERSION}" .\n' },
    { name: 'a commented-out build', file: 'build.sh', code: '#!/bin/sh\n# docker build -t app:latest .\n' },
    { name: 'a build inside a quoted echo', file: 'build.sh', code: '#!/bin/sh\necho "docker build -t app:latest ."\n' },
  ],
  invalid: [
    {
      name: 'sudo docker image build, quoted value, continuation',
      file: 'hack/image.sh',
      code: '#!/usr/bin/env bash\nset -euo pipefail\nsudo docker image build \\\n  -t "example/app:latest" \\\n  -f Dockerfile .\n',
      expect: [{
        at: '4:6-4:26',
        fixes: [{ title: 'Also tag example/app with $VERSION (default: git describe)', output: `#!/usr/bin/env bash\nset -euo pipefail\nsudo docker image build \\\n  -t "example/app:${SH_VERSION}" -t "example/app:latest" \\\n  -f Dockerfile .\n` }],
      }],
    },
    {
      name: 'buildah bud without a tag inside an if',
      file: 'build.sh',
      code: 'if [ -n "$CI" ]; then\n  buildah bud --tag registry.example.com:5000/team/app .\nfi\n',
      expect: [{
        at: '2:21-2:55',
        message: ['registry.example.com:5000/team/app is built without a tag'],
        fixes: [{ title: 'Also tag registry.example.com:5000/team/app with $VERSION (default: git describe)', output: `if [ -n "$CI" ]; then\n  buildah bud -t "registry.example.com:5000/team/app:${SH_VERSION}" --tag registry.example.com:5000/team/app .\nfi\n` }],
      }],
    },
  ],
});
