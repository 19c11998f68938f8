import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const ACME = W0({ module: { dir: '', path: 'github.com/acme/app', goVersion: '1.26.1', requires: [{ path: 'github.com/acme/lib', version: 'v1.4.0', indirect: false }], replaces: [] } });

runRuleTests('GD030', {
  valid: [
    { name: 'the secret-mount pattern', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nENV GOPRIVATE=github.com/acme/*\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\n' },
    { name: 'SSH rewrite without a token, with an ssh mount', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN apk add --no-cache git openssh-client && git config --global url."git@github.com:".insteadOf "https://github.com/"\nRUN --mount=type=ssh go mod download\n' },
    { name: 'a mounted token written and removed in the same RUN leaves nothing in the layer', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=secret,id=gh,env=GH_TOKEN echo "machine github.com login x password ${GH_TOKEN}" > /root/.netrc && go mod download && rm -f /root/.netrc\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download && git config --global --unset url."https://${GH_TOKEN}@github.com/".insteadOf\n' },
    { name: 'a token ARG that is declared but not written anywhere is BuildKit\'s SecretsUsedInArgOrEnv', code: 'FROM golang:1.26-alpine AS build\nARG GITHUB_TOKEN\nRUN go mod download\n' },
    { name: 'non-secret variables in git config', code: 'FROM golang:1.26-alpine AS build\nARG GIT_HOST=github.com\nRUN git config --global url."https://${GIT_HOST}/".insteadOf "git@${GIT_HOST}:" && go mod download\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:22\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci\n' },
  ],
  invalid: [
    {
      name: 'catalogue example: token ARG and git insteadOf; GOPRIVATE from go.mod replaces the ARG',
      facts: ACME,
      code: 'FROM golang:1.26-alpine AS build\nARG GITHUB_TOKEN\nRUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" \\\n && go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n',
      expect: [
        {
          at: '3:25-3:76',
          severity: 'warning',
          message: ['ARG GITHUB_TOKEN is recorded in the image history and the build cache'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nENV GOPRIVATE=github.com/acme/*\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'the token has a literal default: error',
      code: 'FROM golang:1.26-alpine AS build\nARG GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\nRUN git config --global url."https://x-access-token:${GITHUB_TOKEN}@github.com/acme/".insteadOf "https://github.com/acme/" && go mod download\n',
      expect: [
        {
          at: '3:25-3:96',
          severity: 'error',
          message: ['ARG GITHUB_TOKEN is recorded in the image history and the build cache'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nENV GOPRIVATE=github.com/acme/*\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'credentials written literally in the URL: error',
      code: 'FROM golang:1.26-alpine AS build\nRUN git config --global url."https://oauth2:glpat-abcdefghij0123456789@gitlab.com/acme/".insteadOf "https://gitlab.com/acme/"\nRUN go mod download\n',
      expect: [
        {
          at: '2:5-2:126',
          severity: 'error',
          message: ['`git config … url."https://<token>@…".insteadOf` writes the token'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nENV GOPRIVATE=gitlab.com/acme/*\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'even a secret mount env= persists once written to ~/.gitconfig',
      code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/acme/".insteadOf "https://github.com/acme/" && go mod download\n',
      expect: [
        {
          at: '3:64-3:116',
          severity: 'warning',
          message: ['Even though the token comes from a secret mount, `git config …'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nENV GOPRIVATE=github.com/acme/*\nRUN --mount=type=secret,id=netrc,target=/root/.netrc --mount=type=secret,id=gh,env=GH_TOKEN go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'echo into ~/.netrc from a GIT_AUTH ARG; GOPRIVATE from the netrc host',
      code: 'FROM golang:1.26 AS build\nARG GIT_AUTH_TOKEN\nRUN echo "machine git.corp.example.com login ci password ${GIT_AUTH_TOKEN}" > ~/.netrc && go mod download\n',
      expect: [
        {
          at: '3:10-3:76',
          severity: 'warning',
          message: ['ARG GIT_AUTH_TOKEN is recorded in the image history and the build'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nENV GOPRIVATE=git.corp.example.com\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'writer alone in its RUN: the mount goes on the later downloads',
      facts: ACME,
      code: 'FROM golang:1.26-alpine AS build\nARG GITHUB_TOKEN\nRUN git config --global url."https://${GITHUB_TOKEN}:x-oauth-basic@github.com/".insteadOf "https://github.com/"\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '3:25-3:90',
          severity: 'warning',
          message: ['ARG GITHUB_TOKEN is recorded in the image history and the build cache'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM golang:1.26-alpine AS build\nENV GOPRIVATE=github.com/acme/*\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\nCOPY . .\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'tee into .git-credentials; a USER that is not root gets no fix',
      code: 'FROM golang:1.26 AS build\nUSER 1000\nARG CI_JOB_TOKEN\nRUN printf "https://gitlab-ci-token:%s@gitlab.com\\n" "$CI_JOB_TOKEN" | tee /home/dev/.git-credentials && go mod download\n',
      expect: [
        {
          at: '4:54-4:69',
          severity: 'warning',
          message: ['ARG CI_JOB_TOKEN is recorded in the image history and the build cache'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'COPY of .netrc and SSH keys',
      code: 'FROM golang:1.26 AS build\nCOPY .netrc /root/.netrc\nCOPY id_rsa /root/.ssh/id_rsa\nCOPY .ssh/ /root/.ssh/\nRUN go mod download\n',
      expect: [
        {
          at: '2:6-2:12',
          severity: 'warning',
          message: ['COPY .netrc bakes credentials into a layer: deleting the file in a'],
          fixes: [
          ],
        },
        {
          at: '3:6-3:12',
          severity: 'warning',
          message: ['COPY id_rsa bakes an SSH key into a layer: deleting the file in a'],
          fixes: [
          ],
        },
        {
          at: '4:6-4:11',
          severity: 'warning',
          message: ['COPY .ssh/ bakes an SSH key into a layer: deleting the file in a'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'a token handed to the go command; a token in GOPROXY',
      code: 'FROM golang:1.26 AS build\nARG PROXY_TOKEN\nARG GITHUB_TOKEN\nENV GOPROXY=https://ci:${PROXY_TOKEN}@athens.corp.example.com\nRUN GITHUB_TOKEN=${GITHUB_TOKEN} go mod download\n',
      expect: [
        {
          at: '4:13-4:62',
          severity: 'warning',
          message: ['ENV GOPROXY carries the token PROXY_TOKEN: ENV is stored in the image'],
          fixes: [
          ],
        },
        {
          at: '5:5-5:33',
          severity: 'warning',
          message: ['ARG GITHUB_TOKEN is passed to `go mod download` to fetch private'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'go-tooling Dockerfile',
      code: 'FROM python:3.13-slim\nARG GITHUB_TOKEN\nCOPY --from=golang:1.26 /usr/local/go /usr/local/go\nRUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" && /usr/local/go/bin/go install github.com/acme/gen@v1.2.3\n',
      expect: [
        {
          at: '4:25-4:76',
          severity: 'warning',
          message: ['ARG GITHUB_TOKEN is recorded in the image history and the build cache'],
          fixes: [
            { title: 'Mount ~/.netrc as a build secret instead of writing the token (build with --secret id=netrc,src=$HOME/.netrc)', safety: 'unsafe', output: 'FROM python:3.13-slim\nCOPY --from=golang:1.26 /usr/local/go /usr/local/go\nRUN --mount=type=secret,id=netrc,target=/root/.netrc /usr/local/go/bin/go install github.com/acme/gen@v1.2.3\n' },
          ],
        },
      ],
    },
  ],
});
