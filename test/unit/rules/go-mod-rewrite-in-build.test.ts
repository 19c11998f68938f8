import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const HEAD = 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\n';

runRuleTests('GD028', {
  valid: [
    { name: 'a vendor-update stage that exports the tidied go.mod (docker/compose)', facts: W0(), code: `${HEAD}RUN --mount=type=bind,target=.,rw go mod tidy && mkdir /out && cp go.mod go.sum /out\nFROM scratch AS vendor-update\nCOPY --from=build /out /\n` },
    { name: 'tidiness check compared with git', facts: W0(), code: `${HEAD}COPY . .\nRUN go mod tidy && git diff --exit-code go.mod go.sum\n` },
    { name: 'go mod download', facts: W0(), code: `${HEAD}RUN go mod download && go mod verify\n` },
    { name: 'go mod tidy -diff is a check (Go >= 1.23)', facts: W0(), code: `${HEAD}COPY . .\nRUN go mod tidy -diff\n` },
    { name: 'GOPATH mode go get (GO111MODULE=off)', facts: W0(), code: `${HEAD}ENV GO111MODULE=off\nRUN go get github.com/acme/tool\n` },
    { name: 'go get tool@latest is GD029 (unpinned tool), not a module rewrite', facts: W0(), code: `${HEAD}RUN go get github.com/acme/tool@latest\n` },
    { name: 'go mod edit / go mod verify / go mod vendor are not rewrites of dependencies', facts: W0(), code: `${HEAD}COPY . .\nRUN go mod verify\n` },
  ],
  invalid: [
    {
      name: 'go mod tidy: replace with go mod download',
      facts: W0(),
      code: `${HEAD}COPY . .\nRUN go mod tidy && CGO_ENABLED=0 go build -o /out/app ./cmd/app\n`,
      expect: [
        {
          at: '5:5-5:16',
          severity: 'warning',
          message: ['`go mod tidy` rewrites go.mod and go.sum', 'go mod tidy -diff'],
          fixes: [{ title: 'Replace with go mod download', safety: 'unsafe', output: `${HEAD}COPY . .\nRUN go mod download && CGO_ENABLED=0 go build -o /out/app ./cmd/app\n` }],
        },
      ],
    },
    {
      name: 'go get -d ./... (module mode): the whole command is replaced',
      facts: W0(),
      code: `${HEAD}COPY . .\nRUN go get -d -v ./...\n`,
      expect: [{ at: '5:5-5:11', message: ['`go get -d` rewrites go.mod'], fixes: [{ title: 'Replace with go mod download', safety: 'unsafe', output: `${HEAD}COPY . .\nRUN go mod download\n` }] }],
    },
    {
      name: 'go get of a pinned dependency in the build',
      facts: W0(),
      code: `${HEAD}RUN go get github.com/acme/lib@v1.2.3\n`,
      expect: [{ at: '4:5-4:11', message: ['`go get` rewrites'] }],
    },
    {
      name: 'go mod init: no replacement fix',
      code: 'FROM golang:1.26-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go mod init example.com/app && go mod tidy && go build -o /out/app .\n',
      expect: [
        { at: '4:5-4:16', message: ['`go mod init` creates a go.mod inside the image'], fixes: [] },
        { at: '4:36-4:47', message: ['`go mod tidy`'] },
      ],
    },
    {
      name: 'inside a heredoc and continuation lines, keeping inline variables',
      facts: W0(),
      code: `# syntax=docker/dockerfile:1\n${HEAD}RUN <<EOF\nset -e\nGOPROXY=direct go mod \\\n  tidy\nEOF\n`,
      expect: [
        {
          at: '7:16-8:7',
          fixes: [{ title: 'Replace with go mod download', safety: 'unsafe', output: `# syntax=docker/dockerfile:1\n${HEAD}RUN <<EOF\nset -e\nGOPROXY=direct go mod download\nEOF\n` }],
        },
      ],
    },
    {
      name: 'exec form: reported without a fix',
      facts: W0(),
      code: `${HEAD}RUN ["go", "mod", "tidy"]\n`,
      expect: [{ at: '4:6-4:25', fixes: [] }],
    },
    {
      name: 'ONBUILD trigger',
      facts: W0(),
      code: 'FROM golang:1.26-alpine\nONBUILD COPY . /src\nONBUILD RUN cd /src && go mod tidy\n',
      expect: [{ at: '3:24-3:35' }],
    },
  ],
});
