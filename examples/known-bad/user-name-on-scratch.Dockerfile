# Known bad (context: examples/cmd-layout): USER by name on scratch, which has no /etc/passwd.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM scratch
COPY --from=build /out/server /server
USER app
ENTRYPOINT ["/server"]
