# Known bad (context: examples/sqlite-service): cgo stays on (the default with gcc in the builder),
# so the binary is linked against glibc, and scratch has no libc. `npm run prove` shows it fails.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/notes .

FROM scratch
COPY --from=build /out/notes /notes
ENTRYPOINT ["/notes"]
