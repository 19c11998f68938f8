import { W0, fixtureFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const SYNTAX = '# syntax=docker/dockerfile:1\n';
const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const MOD = '--mount=type=cache,target=/go/pkg/mod';
const BUILD_CACHE = '--mount=type=cache,target=/root/.cache/go-build';
const EC01 = (run: string) => `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
${run} <<EOF
set -eu
CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app
EOF
FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
const EC05 = `# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \\
    --mount=type=cache,target=/root/.cache/go-build \\
    <<EOF
set -eu
CGO_ENABLED=0 go build \\
  -o /out/app ./cmd/app
echo "EOF is not a terminator here"
  EOF
EOF
`;

runRuleTests('GD020', {
  valid: [
    { name: 'EC43: dst/destination spellings and a default-type bind mount', code: `${SYNTAX}${HEAD}RUN --mount=target=. \\\n    --mount=type=cache,dst=/root/.cache/go-build,id=gobuild,sharing=locked \\\n    --mount=type=cache,destination=/go/pkg/mod \\\n    CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` },
    { name: 'EC05: mounts before a heredoc are recognised', facts: W0(), code: EC05 },
    { name: 'legacy builder file (no BuildKit feature): no missing-mount finding', facts: W0(), code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n` },
    { name: 'layer strategy: download and build without module mounts, build cache mounted', facts: W0(), code: `${SYNTAX}${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN ${BUILD_CACHE} go build -o /out/app ./cmd/app\n` },
    { name: 'both mounts on download and build (Docker docs pattern)', facts: W0(), code: `${SYNTAX}${HEAD}COPY go.mod go.sum ./\nRUN ${MOD} go mod download\nCOPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app ./cmd/app\n` },
    { name: 'parent directories mounted (/root/.cache and /go)', facts: W0(), code: `${SYNTAX}${HEAD}COPY . .\nRUN --mount=type=cache,target=/go --mount=type=cache,target=/root/.cache go build -o /out/app ./cmd/app\n` },
    { name: 'vendored modules need no module cache', facts: fixtureFacts('vendored'), code: `${SYNTAX}${HEAD}COPY . .\nRUN ${BUILD_CACHE} go build -o /out/app .\n` },
    { name: 'non-root builder with uid-owned mounts at its own cache paths', facts: W0(), code: `${SYNTAX}${HEAD}USER 1000:1000\nENV GOCACHE=/tmp/gocache\nCOPY . .\nRUN ${MOD},uid=1000,gid=1000 --mount=type=cache,target=/tmp/gocache,uid=1000,gid=1000 go build -o /tmp/app ./cmd/app\n` },
    { name: 'GOCACHE set to the mount target', facts: W0(), code: `${SYNTAX}${HEAD}ENV GOCACHE=/cache/go-build\nCOPY . .\nRUN ${MOD} --mount=type=cache,target=/cache/go-build go build -o /out/app ./cmd/app\n` },
    { name: 'a stage without go commands', facts: W0(), code: `${SYNTAX}FROM alpine:3.24\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nCOPY go.mod .\n` },
  ],
  invalid: [
    {
      name: 'EC01: only the GOCACHE mount is missing (layer strategy); range on the RUN keyword',
      facts: W0(),
      code: EC01('RUN'),
      expect: [
        {
          at: '7:1-7:4',
          severity: 'info',
          message: ['No cache mount for the build cache (GOCACHE, /root/.cache/go-build)', 'the `# syntax=` directive'],
          fixes: [{ title: 'Add the cache mount to this RUN', safety: 'safe', output: EC01(`RUN ${BUILD_CACHE}`) }],
        },
      ],
    },
    {
      name: 'no download step: both mounts, one per continuation line for a multi-line RUN',
      facts: W0(),
      code: `${SYNTAX}${HEAD}COPY . .\nRUN CGO_ENABLED=0 \\\n    go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '5:1-5:4',
          severity: 'info',
          message: ['the module cache (/go/pkg/mod) or the build cache'],
          fixes: [{ title: 'Add cache mounts to this RUN', safety: 'safe', output: `${SYNTAX}${HEAD}COPY . .\nRUN ${MOD} \\\n    ${BUILD_CACHE} \\\n    CGO_ENABLED=0 \\\n    go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: 'buildx in the workspace CI; ephemeral runners are mentioned',
      facts: fixtureFacts('ci-target'),
      code: `${HEAD}COPY . .\nRUN go build -o /out/app .\n`,
      expect: [
        {
          at: '4:1-4:4',
          message: ['buildx in the workspace CI', 'moby/buildkit#1474', 'buildkit-cache-dance'],
          fixes: [{ title: 'Add cache mounts to this RUN', safety: 'safe', output: `${HEAD}COPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app .\n` }],
        },
      ],
    },
    {
      name: '(b) the download has a module cache mount, the build does not: the same mount (id kept) is added',
      facts: W0(),
      code: `${HEAD}COPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod,id=gomod go mod download\nCOPY . .\nRUN ${BUILD_CACHE} \\\n    go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '6:1-6:4',
          severity: 'warning',
          message: ['`go mod download` on line 4 downloads into a cache mount', 'downloads them all again'],
          fixes: [
            {
              title: 'Add the cache mount to this RUN',
              safety: 'safe',
              output: `${HEAD}COPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod,id=gomod go mod download\nCOPY . .\nRUN ${BUILD_CACHE} \\\n    --mount=type=cache,target=/go/pkg/mod,id=gomod \\\n    go build -o /out/app ./cmd/app\n`,
            },
          ],
        },
      ],
    },
    {
      name: '(b) the build mounts the module cache over the modules the download put in its layer',
      facts: W0(),
      code: `${HEAD}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '4:1-4:4',
          severity: 'warning',
          message: ['The build on line 6 mounts a cache over /go/pkg/mod, which hides the modules this layer downloads'],
          fixes: [{ title: 'Add the cache mount to this RUN', safety: 'safe', output: `${HEAD}COPY go.mod go.sum ./\nRUN ${MOD} go mod download\nCOPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: '(c) ENV GOCACHE=/cache: the mount at /root/.cache/go-build is never used',
      facts: W0(),
      code: `${SYNTAX}${HEAD}ENV GOCACHE=/cache\nCOPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '6:43-6:90',
          severity: 'warning',
          message: ['at /root/.cache/go-build, but the build cache of this RUN is /cache (GOCACHE=/cache)'],
          fixes: [{ title: 'Mount the cache at /cache', safety: 'safe', output: `${SYNTAX}${HEAD}ENV GOCACHE=/cache\nCOPY . .\nRUN ${MOD} --mount=type=cache,target=/cache go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: '(c) ENV GOPATH=/workspace/go moves the module cache',
      facts: W0(),
      code: `${SYNTAX}${HEAD}ENV GOPATH=/workspace/go\nCOPY . .\nRUN --mount=type=cache,dst=/go/pkg/mod,sharing=locked ${BUILD_CACHE} go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '6:5-6:54',
          message: ['the module cache of this RUN is /workspace/go/pkg/mod (GOPATH=/workspace/go)'],
          fixes: [{ title: 'Mount the cache at /workspace/go/pkg/mod', safety: 'safe', output: `${SYNTAX}${HEAD}ENV GOPATH=/workspace/go\nCOPY . .\nRUN --mount=type=cache,dst=/workspace/go/pkg/mod,sharing=locked ${BUILD_CACHE} go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: '(c) a non-root USER: GOCACHE is under its HOME, not /root (no target guess)',
      facts: W0(),
      code: `${SYNTAX}FROM golang:1.26 AS build\nRUN useradd -m -u 1000 app\nUSER app\nWORKDIR /home/app/src\nCOPY . .\nRUN ${MOD},uid=1000 ${BUILD_CACHE} go build -o /home/app/app ./cmd/app\n`,
      expect: [{ at: '7:52-7:99', severity: 'warning', message: ['the build cache of this RUN is /home/app/.cache/go-build', 'runs as user app'], fixes: [] }],
    },
    {
      name: '(c) chainguard/go sets no GOPATH: info, phrased conditionally',
      facts: W0(),
      code: `${SYNTAX}FROM cgr.dev/chainguard/go:latest AS build\nWORKDIR /src\nCOPY . .\nRUN ${MOD} ${BUILD_CACHE} go build -o /out/app ./cmd/app\n`,
      expect: [{ at: '5:5-5:42', severity: 'info', message: ['/root/go/pkg/mod', 'if the image sets no GOPATH'], fixes: [{ title: 'Mount the cache at /root/go/pkg/mod', safety: 'safe', output: `${SYNTAX}FROM cgr.dev/chainguard/go:latest AS build\nWORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/root/go/pkg/mod ${BUILD_CACHE} go build -o /out/app ./cmd/app\n` }] }],
    },
    {
      name: '(d) a non-root builder with root-owned cache mounts: add uid/gid',
      facts: W0(),
      code: `${SYNTAX}${HEAD}USER 1000:1000\nENV GOCACHE=/tmp/gocache\nCOPY . .\nRUN ${MOD} --mount=type=cache,target=/tmp/gocache go build -o /tmp/app ./cmd/app\n`,
      expect: [
        {
          at: '7:5-7:42',
          severity: 'warning',
          message: ['runs as 1000', 'permission denied'],
          fixes: [{ title: 'Give the cache mount to uid 1000', safety: 'safe', output: `${SYNTAX}${HEAD}USER 1000:1000\nENV GOCACHE=/tmp/gocache\nCOPY . .\nRUN ${MOD},uid=1000,gid=1000 --mount=type=cache,target=/tmp/gocache go build -o /tmp/app ./cmd/app\n` }],
        },
        {
          at: '7:43-7:81',
          severity: 'warning',
          fixes: [{ title: 'Give the cache mount to uid 1000', safety: 'safe', output: `${SYNTAX}${HEAD}USER 1000:1000\nENV GOCACHE=/tmp/gocache\nCOPY . .\nRUN ${MOD} --mount=type=cache,target=/tmp/gocache,uid=1000,gid=1000 go build -o /tmp/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: 'existing flag on its own continuation line: the new mount follows on the next line',
      facts: W0(),
      code: `${SYNTAX}${HEAD}COPY go.mod go.sum ./\nRUN ${MOD} go mod download\nCOPY . .\nRUN ${MOD} \\\n    CGO_ENABLED=0 go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '7:1-7:4',
          severity: 'info',
          fixes: [{ title: 'Add the cache mount to this RUN', safety: 'safe', output: `${SYNTAX}${HEAD}COPY go.mod go.sum ./\nRUN ${MOD} go mod download\nCOPY . .\nRUN ${MOD} \\\n    ${BUILD_CACHE} \\\n    CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: 'go test without the build cache',
      facts: W0(),
      code: `${SYNTAX}${HEAD}COPY . .\nRUN ${MOD} go test ./...\n`,
      expect: [{ at: '5:1-5:4', fixes: [{ title: 'Add the cache mount to this RUN', safety: 'safe', output: `${SYNTAX}${HEAD}COPY . .\nRUN ${MOD} ${BUILD_CACHE} go test ./...\n` }] }],
    },
  ],
});
