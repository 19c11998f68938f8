import { W0, emptyFacts } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\n';
const WITH_REQ = W0({
  module: { dir: '', path: 'example.com/app', goVersion: '1.23.4', requires: [{ path: 'github.com/golangci/golangci-lint', version: 'v1.64.8', indirect: false }], replaces: [] },
});
const NO_MODULE = { ...emptyFacts() };

runRuleTests('GD029', {
  valid: [
    { name: 'pinned version', facts: W0(), code: `${HEAD}RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3\n` },
    { name: '@${VERSION} with an ARG default counts as pinned', facts: W0(), code: `${HEAD}ARG LINT_VERSION=v1.64.8\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@\${LINT_VERSION}\n` },
    { name: '@$VERSION from an ARG without default (set with --build-arg)', facts: W0(), code: `${HEAD}ARG LINT_VERSION\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@$LINT_VERSION\n` },
    { name: 'go install ./cmd/x is the main module, not a tool', facts: W0(), code: `${HEAD}COPY . .\nRUN go install ./cmd/app\n` },
    { name: 'go install of a main-module import path', facts: W0(), code: `${HEAD}COPY . .\nRUN go install example.com/app/cmd/app\n` },
    { name: 'go install of a module go.mod requires (pinned by go.sum)', facts: WITH_REQ, code: `${HEAD}COPY . .\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint\n` },
    { name: 'version computed at build time', facts: W0(), code: `${HEAD}RUN go install github.com/acme/tool@$(cat TOOL_VERSION)\n` },
    { name: 'go get of a pinned version (GD028 territory)', facts: W0(), code: `${HEAD}COPY . .\nRUN go get github.com/acme/lib@v1.2.3\n` },
    { name: 'go get without version is GD028, not GD029', facts: W0(), code: `${HEAD}COPY . .\nRUN go get ./...\n` },
    { name: 'go install without version after go.mod was copied: go.mod decides (no workspace)', code: `${HEAD}COPY go.mod go.sum ./\nRUN go install github.com/aws/aws-sdk-go-v2/aws golang.org/x/crypto/ssh\n` },
    { name: 'go install without version with the context bind-mounted', code: `# syntax=docker/dockerfile:1\n${HEAD}RUN --mount=type=bind,target=. go install golang.org/x/tools/cmd/stringer\n` },
  ],
  invalid: [
    {
      name: 'EC28: ONBUILD trigger installs @latest',
      facts: W0(),
      code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go install github.com/acme/tool@latest\n',
      expect: [{ at: '3:35-3:62', severity: 'warning', message: ['@latest', 'ONBUILD trigger runs in every downstream build'], fixes: [] }],
    },
    {
      name: 'EC45: go-tooling image (no go.mod): only GD029 on L2',
      facts: NO_MODULE,
      code: 'FROM node:22-alpine\nRUN apk add --no-cache go && go install github.com/acme/gen@latest\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n',
      expect: [{ at: '2:41-2:67', severity: 'warning', message: ['`go install github.com/acme/gen@latest` is @latest', 'Pin an exact version'] }],
    },
    {
      name: '@latest of a module go.mod requires: pin fix; Go < 1.24 gets no tool-directive hint',
      facts: WITH_REQ,
      code: `${HEAD}RUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@latest\n`,
      expect: [
        {
          at: '3:16-3:74',
          message: ['@latest'],
          fixes: [
            {
              title: 'Pin github.com/golangci/golangci-lint/cmd/golangci-lint to v1.64.8 (the version go.mod requires)',
              safety: 'unsafe',
              output: `${HEAD}RUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.64.8\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'go.mod go >= 1.24: the message mentions the tool directive',
      facts: W0(),
      code: `${HEAD}RUN go install github.com/acme/gen@latest\n`,
      expect: [{ at: '3:16-3:42', message: ['`tool` directive', 'go get -tool github.com/acme/gen', '`go tool gen`'] }],
    },
    {
      name: 'exec form: the pin fix keeps the JSON quoting',
      facts: WITH_REQ,
      code: `${HEAD}RUN ["go", "install", "github.com/golangci/golangci-lint/cmd/golangci-lint@latest"]\n`,
      expect: [
        {
          at: '3:23-3:83',
          fixes: [{ title: /Pin github.com\/golangci/, safety: 'unsafe', output: `${HEAD}RUN ["go", "install", "github.com/golangci/golangci-lint/cmd/golangci-lint@v1.64.8"]\n` }],
        },
      ],
    },
    {
      name: 'floating queries: @master, @v1, and an ARG whose default is latest',
      facts: W0(),
      code: `${HEAD}ARG V=latest\nRUN go install github.com/a/x@master github.com/a/y@v1 github.com/a/z@\${V}\n`,
      expect: [
        { at: '4:16-4:37', message: ['@master'] },
        { at: '4:38-4:55', message: ['@v1, a query for the newest v1.x release'] },
        { at: '4:56-4:75', message: ['@latest ($' + '{V} is "latest")'] },
      ],
    },
    {
      name: 'a version variable not declared in the stage expands to empty',
      facts: W0(),
      code: `ARG TOOL_VERSION=v1.2.3\n${HEAD}RUN go install github.com/acme/tool@$TOOL_VERSION\n`,
      expect: [{ at: '4:16-4:50', severity: 'warning', message: ['$TOOL_VERSION, which is not declared in this stage', 'ARG TOOL_VERSION=vX.Y.Z'] }],
    },
    {
      name: 'go install of a remote path without version and no go.mod in the build',
      code: `${HEAD}RUN go install golang.org/x/tools/cmd/goimports\n`,
      expect: [{ at: '3:16-3:48', severity: 'warning', message: ['has no version and no go.mod is in the build', 'requires a version'] }],
    },
    {
      name: 'go install without version in GOPATH mode',
      facts: W0(),
      code: `${HEAD}ENV GO111MODULE=off\nRUN go install golang.org/x/tools/cmd/goimports\n`,
      expect: [{ at: '4:16-4:48', severity: 'warning', message: ['GOPATH mode', 'newest commit'] }],
    },
    {
      name: 'go get pkg@latest',
      facts: W0(),
      code: `${HEAD}RUN go get github.com/acme/lib@latest\n`,
      expect: [{ at: '3:12-3:38', message: ['`go get github.com/acme/lib@latest` is @latest'] }],
    },
  ],
});
