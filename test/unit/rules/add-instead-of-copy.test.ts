import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD035', {
  valid: [
    { name: 'trap: ADD of a local tar archive extracts it on purpose', code: 'FROM golang:1.26 AS build\nADD vendor.tar.gz /src/\nADD rootfs.tar /\nADD assets.tgz /assets/\n' },
    { name: 'trap: git sources', code: 'FROM golang:1.26 AS build\nADD https://github.com/acme/tool.git#v1.2.3 /src/tool\nADD git@github.com:acme/lib.git /src/lib\nADD https://github.com/acme/x.git?ref=main /src/x\n' },
    { name: 'remote ADD with --checksum', code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nADD --checksum=sha256:24454f1b2bb2a6b4b8b9a1e3e5f1b1c34e1a0a7a0b2b44e6bd3b50f8f5d6f0a1 https://example.com/tool.tar.gz /tmp/\n' },
    { name: 'COPY is fine', code: 'FROM golang:1.26 AS build\nCOPY . /src\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:22\nADD . /app\n' },
  ],
  invalid: [
    {
      name: 'ADD of the context and of go.mod',
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nADD go.mod go.sum ./\nRUN go mod download\nADD . .\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '3:1-3:4',
          severity: 'info',
          message: ['ADD of local files: COPY does the same and says what it means. ADD'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nADD . .\nRUN go build -o /out/app .\n' },
          ],
        },
        {
          at: '5:1-5:4',
          severity: 'info',
          message: ['ADD of the build context: COPY does the same and says what it means.'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'FROM golang:1.26 AS build\nWORKDIR /src\nADD go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n' },
          ],
        },
      ],
    },
    {
      name: 'keyword casing and flags are kept',
      code: 'from golang:1.26 as build\nadd --chown=65532:65532 --chmod=0644 config.yaml /etc/app/\nAdd --link main.go /src/\n',
      expect: [
        {
          at: '2:1-2:4',
          severity: 'info',
          message: ['ADD of local "config.yaml": COPY does the same and says what it'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'from golang:1.26 as build\ncopy --chown=65532:65532 --chmod=0644 config.yaml /etc/app/\nAdd --link main.go /src/\n' },
          ],
        },
        {
          at: '3:1-3:4',
          severity: 'info',
          message: ['ADD of local "main.go": COPY does the same and says what it means.'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'from golang:1.26 as build\nadd --chown=65532:65532 --chmod=0644 config.yaml /etc/app/\nCopy --link main.go /src/\n' },
          ],
        },
      ],
    },
    {
      name: 'an extensionless file might be a tar archive: the fix is unsafe',
      code: 'FROM golang:1.26 AS build\nADD bundle /opt/\n',
      expect: [
        {
          at: '2:1-2:4',
          severity: 'info',
          message: ['ADD of local "bundle": COPY does the same and says what it means. ADD'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'unsafe', output: 'FROM golang:1.26 AS build\nCOPY bundle /opt/\n' },
          ],
        },
      ],
    },
    {
      name: 'an extensionless path the workspace knows is a directory',
      facts: W0({ entries: ['go.mod', 'cmd/', 'cmd/app/', 'cmd/app/main.go'] }),
      code: 'FROM golang:1.26 AS build\nWORKDIR /src\nADD cmd ./cmd\nRUN go build -o /out/app ./cmd/app\n',
      expect: [
        {
          at: '3:1-3:4',
          severity: 'info',
          message: ['ADD of local "cmd": COPY does the same and says what it means. ADD'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'FROM golang:1.26 AS build\nWORKDIR /src\nCOPY cmd ./cmd\nRUN go build -o /out/app ./cmd/app\n' },
          ],
        },
      ],
    },
    {
      name: 'remote ADD without --checksum: the Go release archive',
      code: 'FROM debian:trixie-slim AS build\nADD https://go.dev/dl/go1.26.1.linux-amd64.tar.gz /tmp/go.tgz\nRUN tar -C /usr/local -xzf /tmp/go.tgz && /usr/local/go/bin/go build -o /out/app .\n',
      expect: [
        {
          at: '2:5-2:50',
          severity: 'warning',
          message: ['ADD downloads https://go.dev/dl/go1.26.1.linux-amd64.tar.gz without'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'remote ADD without --checksum: other file',
      code: 'FROM golang:1.26 AS build\nADD https://raw.githubusercontent.com/acme/cfg/main/app.yaml /etc/app.yaml\nRUN go build -o /out/app .\n',
      expect: [
        {
          at: '2:5-2:61',
          severity: 'warning',
          message: ['ADD downloads https://raw.githubusercontent.com/acme/cfg/main/app.yaml'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'ADD of a heredoc',
      code: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nADD <<EOF /src/main.go\npackage main\nfunc main() {}\nEOF\nRUN cd /src && go build -o /out/app main.go\n',
      expect: [
        {
          at: '3:1-3:4',
          severity: 'info',
          message: ['ADD of a heredoc: COPY does the same and says what it means. ADD also'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: '# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nCOPY <<EOF /src/main.go\npackage main\nfunc main() {}\nEOF\nRUN cd /src && go build -o /out/app main.go\n' },
          ],
        },
      ],
    },
    {
      name: 'exec form',
      code: 'FROM golang:1.26 AS build\nADD ["main.go", "/src/"]\n',
      expect: [
        {
          at: '2:1-2:4',
          severity: 'info',
          message: ['ADD of local "main.go": COPY does the same and says what it means.'],
          fixes: [
            { title: 'Use COPY instead of ADD', safety: 'safe', output: 'FROM golang:1.26 AS build\nCOPY ["main.go", "/src/"]\n' },
          ],
        },
      ],
    },
  ],
});
