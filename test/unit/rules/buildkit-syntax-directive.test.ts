import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD037', {
  valid: [
    { name: 'EC01: heredoc with # syntax= on line 1', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN <<EOF\nset -eu\nCGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app\nEOF\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'EC11: UTF-8 BOM before the syntax directive', code: '\ufeff# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /out/app .\n' },
    { name: 'EC10 also: #syntax without a space and an upper-case key are valid directives', code: '#syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .\n' },
    { name: 'upper-case key with blanks around =', code: '# SYNTAX = docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nCOPY --link . /src\n' },
    { name: 'a pinned frontend new enough; labs channel; another registry path', code: '# syntax=docker.io/docker/dockerfile:1.20\n# check=error=true\nFROM golang:1.26-alpine AS build\nCOPY --parents **/go.mod ./\nCOPY --exclude=*.md . /src\n' },
    { name: 'labs pins have --parents from 1.7', code: '# syntax=docker/dockerfile:1.7-labs\nFROM golang:1.26-alpine AS build\nCOPY --parents **/go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n' },
    { name: 'another frontend is not ours to judge', code: '# syntax=example.com/frontends/dockerfile-plus:2\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n' },
    { name: 'no BuildKit-only syntax, no directive needed', code: 'FROM golang:1.26-alpine AS build\nCOPY --chown=65532:65532 . /src\nRUN go build -o /out/app .\n' },
    { name: 'a misplaced directive without BuildKit syntax is P008 alone', code: '# build file\n# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN go build -o /out/app .\n' },
  ],
  invalid: [
    {
      name: 'EC02: heredoc without # syntax=',
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN <<-"EOT"\n\t# CGO_ENABLED=0\n\tgo build -o /out/app ./cmd/app\n\tEOT\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      expect: [
        {
          at: '4:5-4:13',
          severity: 'info',
          message: ['heredoc is BuildKit-only syntax', 'Add "# syntax=docker/dockerfile:1" as the first line'],
          fixes: [
            { title: 'Add "# syntax=docker/dockerfile:1" as line 1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN <<-"EOT"\n\t# CGO_ENABLED=0\n\tgo build -o /out/app ./cmd/app\n\tEOT\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
          ],
        },
      ],
    },
    {
      name: 'EC10: # syntax= not on the first line',
      code: '# Build file for app\n# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
      expect: [
        {
          at: '2:1-2:29',
          severity: 'info',
          message: ['directive is ignored', 'the build uses the frontend bundled with the daemon\'s BuildKit', 'RUN --mount (line 4)'],
          fixes: [
            { title: 'Move the syntax directive to line 1', safety: 'safe', output: '# syntax=docker/dockerfile:1\n# Build file for app\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'EC44: COPY --parents with a pinned 1.4 frontend',
      code: '# syntax=docker/dockerfile:1.4\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.* ./\nCOPY --parents **/go.mod **/go.sum ./\nRUN go mod download\n',
      expect: [
        {
          at: '5:6-5:15',
          severity: 'warning',
          message: ['COPY --parents needs the Dockerfile frontend 1.20 or later', 'pins docker/dockerfile:1.4'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.* ./\nCOPY --parents **/go.mod **/go.sum ./\nRUN go mod download\n' },
          ],
        },
      ],
    },
    {
      name: 'several features, no directive: one finding on the first, the others listed',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nRUN --mount=type=bind,target=. --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY --link . .\nRUN --mount=type=secret,id=netrc,env=NETRC go build -o /out/app .\n',
      expect: [
        {
          at: '3:5-3:31',
          severity: 'info',
          message: ['RUN --mount is BuildKit-only syntax', 'Also used: --link (line 4), RUN --mount=type=secret,env= (line 5)'],
          fixes: [
            { title: 'Add "# syntax=docker/dockerfile:1" as line 1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nWORKDIR /src\nRUN --mount=type=bind,target=. --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY --link . .\nRUN --mount=type=secret,id=netrc,env=NETRC go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'no directive and --exclude: warning on the newest feature',
      code: 'FROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY --exclude=*.md . /src\n',
      expect: [
        {
          at: '3:6-3:20',
          severity: 'warning',
          message: ['--exclude is BuildKit-only syntax', 'needs dockerfile 1.19 or later'],
          fixes: [
            { title: 'Add "# syntax=docker/dockerfile:1" as line 1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY --exclude=*.md . /src\n' },
          ],
        },
      ],
    },
    {
      name: 'a BOM is kept in front of the inserted directive; CRLF line endings',
      code: '\ufeffFROM golang:1.26-alpine AS build\r\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\r\n',
      expect: [
        {
          at: '2:5-2:42',
          severity: 'info',
          message: ['RUN --mount is BuildKit-only syntax and the file has no "# syntax="'],
          fixes: [
            { title: 'Add "# syntax=docker/dockerfile:1" as line 1', safety: 'safe', output: '\ufeff# syntax=docker/dockerfile:1\r\nFROM golang:1.26-alpine AS build\r\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\r\n' },
          ],
        },
      ],
    },
    {
      name: 'pinned labs, digest-pinned and old stable frontends',
      code: '# syntax=docker/dockerfile:1.4-labs@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM golang:1.26-alpine AS build\nCOPY --parents **/go.mod ./\nADD --checksum=sha256:24454f1b2bb2a6b4b8b9a1e3e5f1b1c34e1a0a7a0b2b44e6bd3b50f8f5d6f0a1 https://example.com/x.tgz /tmp/\n',
      expect: [
        {
          at: '3:6-3:15',
          severity: 'warning',
          message: ['COPY --parents needs the Dockerfile frontend 1.7 or later (labs'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1-labs', safety: 'unsafe', output: '# syntax=docker/dockerfile:1-labs\nFROM golang:1.26-alpine AS build\nCOPY --parents **/go.mod ./\nADD --checksum=sha256:24454f1b2bb2a6b4b8b9a1e3e5f1b1c34e1a0a7a0b2b44e6bd3b50f8f5d6f0a1 https://example.com/x.tgz /tmp/\n' },
          ],
        },
        {
          at: '4:5-4:87',
          severity: 'warning',
          message: ['ADD --checksum needs the Dockerfile frontend 1.5 or later (labs'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1-labs', safety: 'unsafe', output: '# syntax=docker/dockerfile:1-labs\nFROM golang:1.26-alpine AS build\nCOPY --parents **/go.mod ./\nADD --checksum=sha256:24454f1b2bb2a6b4b8b9a1e3e5f1b1c34e1a0a7a0b2b44e6bd3b50f8f5d6f0a1 https://example.com/x.tgz /tmp/\n' },
          ],
        },
      ],
    },
    {
      name: 'ONBUILD COPY --from needs 1.11; secret env= needs 1.10',
      code: '# syntax=docker/dockerfile:1.9\nFROM golang:1.26-alpine AS build\nRUN --mount=type=secret,id=tok,env=GITHUB_TOKEN go mod download\nONBUILD COPY --from=build /go/bin/tool /usr/local/bin/\n',
      expect: [
        {
          at: '3:5-3:48',
          severity: 'warning',
          message: ['RUN --mount=type=secret,env= needs the Dockerfile frontend 1.10 or'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=secret,id=tok,env=GITHUB_TOKEN go mod download\nONBUILD COPY --from=build /go/bin/tool /usr/local/bin/\n' },
          ],
        },
        {
          at: '4:14-4:26',
          severity: 'warning',
          message: ['ONBUILD COPY --from needs the Dockerfile frontend 1.11 or later, but'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nRUN --mount=type=secret,id=tok,env=GITHUB_TOKEN go mod download\nONBUILD COPY --from=build /go/bin/tool /usr/local/bin/\n' },
          ],
        },
      ],
    },
    {
      name: 'symbolic --chmod needs 1.14',
      code: '# syntax=docker/dockerfile:1.10\nFROM golang:1.26-alpine AS build\nCOPY --chmod=u+x entrypoint.sh /usr/local/bin/\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '3:6-3:17',
          severity: 'warning',
          message: ['--chmod with a non-octal mode needs the Dockerfile frontend 1.14 or'],
          fixes: [
            { title: 'Use # syntax=docker/dockerfile:1', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26-alpine AS build\nCOPY --chmod=u+x entrypoint.sh /usr/local/bin/\nRUN go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'misplaced directive on the last line, after an escape directive; --parents makes it a warning',
      code: '# escape=\\\nfrom golang:1.26-alpine as build\ncopy --parents **/go.mod ./\n# syntax=docker/dockerfile:1',
      expect: [
        {
          at: '4:1-4:29',
          severity: 'warning',
          message: ['This "# syntax" directive is ignored because it is not at the top of'],
          fixes: [
            { title: 'Move the syntax directive to line 1', safety: 'safe', output: '# syntax=docker/dockerfile:1\n# escape=\\\nfrom golang:1.26-alpine as build\ncopy --parents **/go.mod ./' },
          ],
        },
      ],
    },
  ],
});
