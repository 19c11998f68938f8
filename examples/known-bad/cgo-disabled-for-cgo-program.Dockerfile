# Known bad (context: examples/sqlite-service): CGO_ENABLED=0 for a program that imports "C".
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/notes .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/notes /notes
ENTRYPOINT ["/notes"]
