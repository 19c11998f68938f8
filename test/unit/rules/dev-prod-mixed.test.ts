import { W0 } from '../../support/facts';
import { runRuleTests } from '../../support/rule-tester';

const PROD = 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';

runRuleTests('GD006', {
  valid: [
    { name: 'optimised prod build', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app\n${PROD}` },
    {
      name: 'dev target with delve and an unstripped debug build, prod last (GENERATOR §4.5)',
      facts: W0(),
      code: `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app
FROM build AS dev
RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/app-debug ./cmd/app
CMD ["dlv", "exec", "/out/app-debug", "--headless", "--listen=:40000", "--api-version=2", "--accept-multiclient", "--"]
${PROD}`,
    },
    { name: 'debug build in a stage named debug', facts: W0(), code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -gcflags="all=-N -l" -o /out/app ./cmd/app\nFROM gcr.io/distroless/static-debian13:debug AS debug\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n` },
  ],
  invalid: [
    {
      name: '(a) prod image gets a -N -l build: add dev and prod targets',
      facts: W0(),
      code: `FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/app ./cmd/app\n${PROD}`,
      expect: [
        {
          at: '4:28-4:48',
          severity: 'info',
          message: ['debug build', '-N -l'],
          fixes: [
            {
              title: 'Add dev and prod targets (debug build in a dev stage, optimised build in prod)',
              safety: 'unsafe',
              output: `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM build AS dev
RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/app-debug ./cmd/app
EXPOSE 40000
CMD ["dlv", "exec", "/out/app-debug", "--headless", "--listen=:40000", "--api-version=2", "--accept-multiclient", "--"]

FROM gcr.io/distroless/static-debian13:nonroot AS prod
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
            },
          ],
        },
      ],
    },
    {
      name: '(b) delve stage debugging a binary stripped with -s -w',
      facts: W0(),
      code: `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app
FROM build AS debug
RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3
CMD ["dlv", "exec", "/out/app", "--headless", "--listen=:40000"]
${PROD}`,
      expect: [
        {
          at: '4:28-4:44',
          severity: 'warning',
          message: ["Stage 'debug' runs delve on /out/app", '-s implies -w'],
          fixes: [
            {
              title: 'Build a separate debug binary (-gcflags="all=-N -l", no -s -w) for delve',
              safety: 'unsafe',
              output: `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app ./cmd/app
FROM build AS debug
RUN go install github.com/go-delve/delve/cmd/dlv@v1.26.3
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/app-debug ./cmd/app
CMD ["dlv", "exec", "/out/app-debug", "--headless", "--listen=:40000"]
${PROD}`,
            },
          ],
        },
      ],
    },
  ],
});
