# Known bad (context: examples/sqlite-service): a glibc-linked cgo binary on alpine, which has
# musl (here: a busybox stand-in with no glibc). `npm run prove` shows it fails.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/notes .

FROM alpine:3.20
COPY --from=build /out/notes /usr/local/bin/notes
USER nobody
ENTRYPOINT ["/usr/local/bin/notes"]
