// GD007b in compose files, GitHub Actions workflows, .gitlab-ci.yml (read with the yaml package's
// Document API, ranges mapped back through block and flow scalars) and docker-bake.hcl (the HCL
// reader, variables resolved from their defaults). Every fix is applied and re-read.
import { runTagSourceTests } from '../../support/tag-source-tester';

const SHA = '${{ github.sha }}';

runTagSourceTests('compose', {
  valid: [
    { name: 'an image that is only pulled (no build:)', file: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:latest\n' },
    { name: 'a build with a variable tag', file: 'docker-compose.yml', code: 'services:\n  app:\n    build: .\n    image: example/app:${TAG:-dev}\n' },
    { name: 'a build without image: (compose names it)', file: 'compose.yml', code: 'services:\n  app:\n    build:\n      context: .\n' },
  ],
  invalid: [
    {
      name: 'build: and image: latest (plain scalar)',
      file: 'compose.yaml',
      code: 'services:\n  app:\n    build:\n      context: .\n      target: runtime\n    image: example/app:latest\n  db:\n    image: postgres:16\n',
      expect: [{
        at: '6:12-6:30',
        message: ['example/app:latest is tagged "latest" only'],
        fixes: [{ title: 'Tag example/app with ${VERSION:-dev}', output: 'services:\n  app:\n    build:\n      context: .\n      target: runtime\n    image: example/app:${VERSION:-dev}\n  db:\n    image: postgres:16\n' }],
      }],
    },
    {
      name: 'no tag, quoted: the quotes are kept',
      file: 'docker-compose.override.yml',
      code: "services:\n  api:\n    image: 'registry:5000/api'\n    build: ./api\n",
      expect: [{
        at: '3:12-3:31',
        message: ['registry:5000/api is built without a tag'],
        fixes: [{ title: 'Tag registry:5000/api with ${VERSION:-dev}', output: "services:\n  api:\n    image: 'registry:5000/api:${VERSION:-dev}'\n    build: ./api\n" }],
      }],
    },
  ],
});

const WF = (steps: string): string => `name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

runTagSourceTests('GitHub Actions', {
  valid: [
    {
      name: 'metadata-action output',
      file: '.github/workflows/release.yml',
      code: WF('      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n          images: example/app\n          tags: |\n            type=semver,pattern={{version}}\n            type=sha\n      - uses: docker/build-push-action@v6\n        with:\n          tags: ${{ steps.meta.outputs.tags }}\n'),
    },
    { name: 'latest and the sha', file: '.github/workflows/ci.yaml', code: WF(`      - uses: docker/build-push-action@v6\n        with:\n          tags: example/app:latest,example/app:${SHA}\n`) },
    { name: 'build-push-action without tags (a check build)', file: '.github/workflows/ci.yml', code: WF('      - uses: docker/build-push-action@v6\n        with:\n          push: false\n') },
    { name: 'another action with a tags input', file: '.github/workflows/ci.yml', code: WF('      - uses: some/other-action@v1\n        with:\n          tags: app:latest\n') },
    { name: 'a run step with a versioned tag', file: '.github/workflows/ci.yml', code: WF(`      - run: docker build -t example/app:${SHA} .\n`) },
  ],
  invalid: [
    {
      name: 'build-push-action, block list: one new line per name',
      file: '.github/workflows/release.yml',
      code: WF('      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            example/app:latest\n            ghcr.io/acme/app\n'),
      expect: [{
        at: '13:13-13:31',
        message: ['example/app:latest is tagged "latest" only', 'docker/metadata-action'],
        fixes: [{
          title: `Also tag example/app, ghcr.io/acme/app:${SHA}`,
          output: WF(`      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            example/app:latest\n            ghcr.io/acme/app\n            example/app:${SHA}\n            ghcr.io/acme/app:${SHA}\n`),
        }],
      }],
    },
    {
      name: 'build-push-action, double-quoted comma list',
      file: '.github/workflows/release.yml',
      code: WF('      - uses: docker/build-push-action@v6\n        with:\n          tags: "example/app:latest, example/app"\n'),
      expect: [{
        at: '11:18-11:36',
        fixes: [{ title: `Also tag example/app:${SHA}`, output: WF(`      - uses: docker/build-push-action@v6\n        with:\n          tags: "example/app:latest, example/app,example/app:${SHA}"\n`) }],
      }],
    },
    {
      name: 'a run step (block scalar) with docker buildx build',
      file: '.github/workflows/ci.yml',
      code: WF('      - name: Build\n        run: |\n          docker buildx build \\\n            --platform linux/amd64,linux/arm64 \\\n            -t example/app:latest --push .\n'),
      expect: [{
        at: '13:16-13:34',
        fixes: [{ title: `Also tag example/app:${SHA}`, output: WF(`      - name: Build\n        run: |\n          docker buildx build \\\n            --platform linux/amd64,linux/arm64 \\\n            -t example/app:${SHA} -t example/app:latest --push .\n`) }],
      }],
    },
    {
      name: 'a run step in a double-quoted scalar: reported, no fix (escaping)',
      file: '.github/workflows/ci.yml',
      code: WF('      - run: "docker build -t app:latest ."\n'),
      expect: [{ at: '9:31-9:41', fixes: [] }],
    },
  ],
});

runTagSourceTests('GitLab CI', {
  valid: [
    { name: 'the commit sha', file: '.gitlab-ci.yml', code: 'build:\n  script:\n    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .\n' },
    { name: 'a build in variables is not a script', file: '.gitlab-ci.yml', code: 'variables:\n  CMD: docker build -t app:latest .\nbuild:\n  script:\n    - echo $CMD\n' },
  ],
  invalid: [
    {
      name: 'script and before_script lines, a folded scalar',
      file: '.gitlab-ci.yml',
      code: 'image: docker:27\nbuild:\n  stage: build\n  before_script:\n    - docker login -u x -p y\n  script:\n    - >\n      docker build\n      -t $CI_REGISTRY_IMAGE .\n    - docker push $CI_REGISTRY_IMAGE\n',
      expect: [{
        at: '9:10-9:28',
        message: ['$CI_REGISTRY_IMAGE is built without a tag'],
        fixes: [{
          title: 'Also tag $CI_REGISTRY_IMAGE with the Git tag or short commit SHA',
          output: 'image: docker:27\nbuild:\n  stage: build\n  before_script:\n    - docker login -u x -p y\n  script:\n    - >\n      docker build\n      -t $CI_REGISTRY_IMAGE:${CI_COMMIT_TAG:-$CI_COMMIT_SHORT_SHA} -t $CI_REGISTRY_IMAGE .\n    - docker push $CI_REGISTRY_IMAGE\n',
        }],
      }],
    },
  ],
});

const BAKE_VERSION = 'variable "VERSION" {\n  default = "dev"\n}\n';

runTagSourceTests('docker-bake.hcl', {
  valid: [
    { name: 'a version variable without a latest default', file: 'docker-bake.hcl', code: 'variable "TAG" {\n  default = "1.0.0"\n}\ntarget "app" {\n  tags = ["example/app:${TAG}"]\n}\n' },
    { name: 'a variable without a default', file: 'docker-bake.hcl', code: 'variable "TAG" {}\ntarget "app" {\n  tags = ["example/app:${TAG}"]\n}\n' },
    { name: 'latest and a version', file: 'docker-bake.hcl', code: 'target "app" {\n  tags = ["app:latest", "app:1.2"] // two\n}\n' },
    { name: 'a function call', file: 'docker-bake.hcl', code: 'target "app" {\n  tags = [tag("app")]\n  platforms = notequal(X, "") ? ["linux/amd64"] : []\n}\n' },
    { name: 'no tags (an inherited base)', file: 'docker-bake.hcl', code: '/* base */\ntarget "_common" {\n  args = { GO_VERSION = "1.26" }\n}\n' },
  ],
  invalid: [
    {
      name: 'latest from a variable default; a VERSION block after the header comment',
      file: 'docker-bake.hcl',
      code: '# Images\n\nvariable "TAG" {\n  default = "latest"\n}\n\ngroup "default" {\n  targets = ["app"]\n}\n\ntarget "app" {\n  context = "."\n  tags = ["example/app:${TAG}"]\n}\n',
      expect: [{
        at: '13:11-13:31',
        message: ['example/app:latest ("example/app:${TAG}" with the variable defaults) of bake target "app" is tagged "latest" only'],
        fixes: [{
          title: 'Also tag example/app:${VERSION} (a VERSION variable)',
          output: `# Images\n${BAKE_VERSION}\nvariable "TAG" {\n  default = "latest"\n}\n\ngroup "default" {\n  targets = ["app"]\n}\n\ntarget "app" {\n  context = "."\n  tags = ["example/app:\${TAG}", "example/app:\${VERSION}"]\n}\n`,
        }],
      }],
    },
    {
      name: 'two targets, a VERSION variable already there; no tag',
      file: 'docker-bake.override.hcl',
      code: 'variable "VERSION" {\n  default = "dev"\n}\ntarget "api" {\n  tags = [\n    "example/api",\n  ]\n}\ntarget "web" {\n  tags = ["example/web:${VERSION}"]\n}\n',
      expect: [{
        at: '6:5-6:18',
        message: ['example/api of bake target "api" is built without a tag'],
        fixes: [{ title: 'Also tag example/api:${VERSION}', output: 'variable "VERSION" {\n  default = "dev"\n}\ntarget "api" {\n  tags = [\n    "example/api", "example/api:${VERSION}",\n  ]\n}\ntarget "web" {\n  tags = ["example/web:${VERSION}"]\n}\n' }],
      }],
    },
  ],
});
