import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const BUILD = `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
`;
const TAIL = 'COPY --from=build /out/app /app\n';

runRuleTests('GD005', {
  valid: [
    { name: 'builder stages keep separate RUNs (cache layers)', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nRUN go install github.com/a/b@v1.0.0\nRUN go install github.com/c/d@v1.0.0\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM scratch\n${TAIL}` },
    { name: 'separated by ENV', facts: W0(), code: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y tzdata\n${TAIL}` },
    { name: 'separated by USER', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN mkdir /data\nUSER 65532\nRUN touch /data/x\nRUN ls /data\n${TAIL}` },
    { name: 'a comment between RUNs keeps them apart', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache tzdata\n# the data directory\nRUN mkdir /data\nRUN chmod 700 /data\n${TAIL}` },
    { name: 'exec-form RUNs are not merged', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN ["mkdir", "/a"]\nRUN ["mkdir", "/b"]\nRUN ["mkdir", "/c"]\n${TAIL}` },
    { name: 'conflicting mounts', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN --mount=type=cache,target=/var/cache/apk,id=a apk add tzdata\nRUN --mount=type=cache,target=/var/cache/apk,id=b apk add curl\nRUN mkdir /data\n${TAIL}` },
    { name: 'two unrelated RUNs', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache tzdata\nRUN mkdir /data\n${TAIL}` },
    { name: 'a shell comment in a RUN would swallow what follows', facts: W0(), code: `${BUILD}FROM alpine:3.24\nRUN apk add --no-cache tzdata # zones\nRUN mkdir /data\nRUN chmod 700 /data\n${TAIL}` },
    { name: 'not a Go Dockerfile', code: `FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y nginx\nRUN rm -rf /var/lib/apt/lists/*\n` },
  ],
  invalid: [
    {
      name: 'update, install and cleanup split over three RUNs',
      facts: W0(),
      code: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends ca-certificates\nRUN rm -rf /var/lib/apt/lists/*\n${TAIL}`,
      expect: [
        {
          at: '7:1-7:63',
          severity: 'info',
          message: ['3 consecutive RUN', 'stale lists', 'does not shrink the image'],
          fixes: [
            {
              title: 'Merge 3 RUN instructions into one',
              safety: 'safe',
              output: `${BUILD}FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates \\\n && rm -rf /var/lib/apt/lists/*\n${TAIL}`,
            },
          ],
        },
      ],
    },
    {
      name: 'two RUNs: install then cleanup',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24\nRUN apk add tzdata\nRUN rm -rf /var/cache/apk/*\n${TAIL}`,
      expect: [{ at: '7:1-7:28', message: ['does not shrink the image'], fixes: [{ title: 'Merge 2 RUN instructions into one', safety: 'safe', output: `${BUILD}FROM alpine:3.24\nRUN apk add tzdata \\\n && rm -rf /var/cache/apk/*\n${TAIL}` }] }],
    },
    {
      name: 'mount flags are united on the first RUN; multi-line bodies kept',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24\nRUN --mount=type=cache,target=/var/cache/apk apk add tzdata\nRUN mkdir -p /data \\\n    /logs\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n${TAIL}`,
      expect: [
        {
          at: '7:1-8:10',
          fixes: [
            {
              title: 'Merge 3 RUN instructions into one',
              safety: 'safe',
              output: `${BUILD}FROM alpine:3.24\nRUN --mount=type=cache,target=/var/cache/apk apk add tzdata \\\n && mkdir -p /data \\\n    /logs \\\n && apk add curl\n${TAIL}`,
            },
          ],
        },
      ],
    },
    {
      name: 'escape=` file joins with backticks',
      facts: W0(),
      code: `# escape=\`\n${BUILD}FROM alpine:3.24\nRUN apk add tzdata\nRUN mkdir /data\nRUN chmod 700 /data\n${TAIL}`,
      expect: [{ at: '8:1-8:16', fixes: [{ title: 'Merge 3 RUN instructions into one', safety: 'safe', output: `# escape=\`\n${BUILD}FROM alpine:3.24\nRUN apk add tzdata \`\n && mkdir /data \`\n && chmod 700 /data\n${TAIL}` }] }],
    },
    {
      name: 'candidate output stage: one level lower',
      facts: W0(),
      code: `${BUILD}FROM alpine:3.24 AS tools\nRUN apk add tzdata\nRUN mkdir /data\nRUN chmod 700 /data\nFROM gcr.io/distroless/static-debian13:nonroot\n${TAIL}`,
      expect: [{ at: '7:1-7:16', severity: 'hint' }],
    },
  ],
});
