import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests('GD031', {
  valid: [
    { name: 'trap: a corporate proxy', code: 'FROM golang:1.26 AS build\nENV GOPROXY=https://proxy.corp.example.com,direct\nRUN go mod download\n' },
    { name: 'trap: narrow GOPRIVATE/GONOSUMDB patterns', code: 'FROM golang:1.26 AS build\nENV GOPRIVATE=github.com/acme/*,gitlab.corp.example.com GONOSUMDB=*.corp.example.com,github.com/acme\nRUN GONOPROXY=github.com/acme go mod download\n' },
    { name: 'GOPROXY=direct alone keeps the checksum database', code: 'FROM golang:1.26 AS build\nENV GOPROXY=direct\nRUN go mod download\n' },
    { name: 'another checksum database', code: 'FROM golang:1.26 AS build\nENV GOSUMDB=sum.golang.google.cn\nRUN go mod download\n' },
    { name: 'a global ARG no stage redeclares has no effect', code: 'ARG GOSUMDB=off\nFROM golang:1.26 AS build\nRUN go mod download\n' },
    { name: 'not a Go Dockerfile', code: 'FROM node:22\nENV GOSUMDB=off\nRUN npm ci\n' },
  ],
  invalid: [
    {
      name: 'GOSUMDB=off in ENV, with GOPROXY=direct; the fix derives GOPRIVATE from go.mod',
      facts: W0({ module: { dir: '', path: 'github.com/acme/app', goVersion: '1.26.1', requires: [], replaces: [] } }),
      code: 'FROM golang:1.26 AS build\nENV GOPROXY=direct GOSUMDB=off\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n',
      expect: [
        {
          at: '2:20-2:31',
          severity: 'warning',
          message: ['GOSUMDB=off turns off verification against the Go checksum database'],
          fixes: [
            { title: 'Replace with GOPRIVATE=github.com/acme/*', safety: 'suggestion', output: 'FROM golang:1.26 AS build\nENV GOPROXY=direct GOPRIVATE=github.com/acme/*\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' },
          ],
        },
      ],
    },
    {
      name: 'GOSUMDB=off without a workspace: no fix',
      code: 'FROM golang:1.26 AS build\nARG GOSUMDB=off\nRUN GOSUMDB=off go install golang.org/x/tools/cmd/stringer@v0.30.0\n',
      expect: [
        {
          at: '2:5-2:16',
          severity: 'warning',
          message: ['GOSUMDB=off turns off verification against the Go checksum database'],
          fixes: [
          ],
        },
        {
          at: '3:5-3:16',
          severity: 'warning',
          message: ['GOSUMDB=off turns off verification against the Go checksum database'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'inline, export, go env -w and a redeclared global ARG',
      facts: W0(),
      code: 'ARG GONOSUMDB=*\nFROM golang:1.26 AS build\nARG GONOSUMDB\nRUN export GOSUMDB=off && go mod download\nRUN go env -w GOPRIVATE=github.com GOINSECURE=git.corp.example.com\n',
      expect: [
        {
          at: '1:5-1:16',
          severity: 'warning',
          message: ['GONOSUMDB=* skips the checksum database for every matching module,'],
          fixes: [
          ],
        },
        {
          at: '4:12-4:23',
          severity: 'warning',
          message: ['GOSUMDB=off turns off verification against the Go checksum database'],
          fixes: [
            { title: 'Replace with GOPRIVATE=example.com', safety: 'suggestion', output: 'ARG GONOSUMDB=*\nFROM golang:1.26 AS build\nARG GONOSUMDB\nRUN export GOPRIVATE=example.com && go mod download\nRUN go env -w GOPRIVATE=github.com GOINSECURE=git.corp.example.com\n' },
          ],
        },
        {
          at: '5:15-5:35',
          severity: 'warning',
          message: ['GOPRIVATE=github.com treats every matching module as private: no'],
          fixes: [
            { title: 'Narrow to GOPRIVATE=example.com', safety: 'suggestion', output: 'ARG GONOSUMDB=*\nFROM golang:1.26 AS build\nARG GONOSUMDB\nRUN export GOSUMDB=off && go mod download\nRUN go env -w GOPRIVATE=example.com GOINSECURE=git.corp.example.com\n' },
          ],
        },
        {
          at: '5:36-5:67',
          severity: 'warning',
          message: ['GOINSECURE=git.corp.example.com lets the go command fetch matching'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'broad patterns: *, *.com, github.com/*',
      code: 'FROM golang:1.26 AS build\nENV GONOSUMDB=*.com\nENV GOPRIVATE=github.com/*\nRUN GONOSUMDB=github.com/acme,* go mod download\n',
      expect: [
        {
          at: '2:5-2:20',
          severity: 'warning',
          message: ['GONOSUMDB=*.com skips the checksum database for every matching'],
          fixes: [
          ],
        },
        {
          at: '3:5-3:27',
          severity: 'warning',
          message: ['GOPRIVATE=github.com/* treats every matching module as private: no'],
          fixes: [
          ],
        },
        {
          at: '4:5-4:32',
          severity: 'warning',
          message: ['GONOSUMDB=github.com/acme,* skips the checksum database for every'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'GOPRIVATE=* with a workspace: narrow it',
      facts: W0(),
      code: 'FROM golang:1.26 AS build\nENV GOPRIVATE=*\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n',
      expect: [
        {
          at: '2:5-2:16',
          severity: 'warning',
          message: ['GOPRIVATE=* treats every matching module as private: no module proxy'],
          fixes: [
            { title: 'Narrow to GOPRIVATE=example.com', safety: 'suggestion', output: 'FROM golang:1.26 AS build\nENV GOPRIVATE=example.com\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' },
          ],
        },
      ],
    },
    {
      name: 'legacy -insecure: error on a current toolchain, warning otherwise; GOFLAGS',
      code: 'FROM golang:1.26 AS a\nRUN go get -insecure example.com/tool\nFROM golang:1.16 AS b\nENV GOFLAGS=-insecure\nRUN go get -insecure example.com/tool\n',
      expect: [
        {
          at: '2:12-2:21',
          severity: 'error',
          message: ['`go get -insecure` allowed plain-HTTP fetches and skipped checksum'],
          fixes: [
          ],
        },
        {
          at: '4:5-4:22',
          severity: 'warning',
          message: ['GOFLAGS=-insecure is the legacy way to allow HTTP fetches and skip'],
          fixes: [
          ],
        },
        {
          at: '5:12-5:21',
          severity: 'warning',
          message: ['`go get -insecure` allowed plain-HTTP fetches and skipped checksum'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'GOINSECURE',
      code: 'FROM golang:1.26 AS build\nENV GOINSECURE=git.corp.example.com\nRUN go mod download\n',
      expect: [
        {
          at: '2:5-2:36',
          severity: 'warning',
          message: ['GOINSECURE=git.corp.example.com lets the go command fetch matching'],
          fixes: [
          ],
        },
      ],
    },
    {
      name: 'go-tooling Dockerfile (GD031 runs on every Go class)',
      code: 'FROM python:3.13-slim\nCOPY --from=golang:1.26 /usr/local/go /usr/local/go\nRUN GOSUMDB=off /usr/local/go/bin/go install github.com/acme/gen@v1.2.3\n',
      expect: [
        {
          at: '3:5-3:16',
          severity: 'warning',
          message: ['GOSUMDB=off turns off verification against the Go checksum database'],
          fixes: [
          ],
        },
      ],
    },
  ],
});
