# Known bad (context: examples/cmd-layout): the build writes /out/server, the COPY reads /app/server.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app/server /server
ENTRYPOINT ["/server"]
