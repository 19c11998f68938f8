# Known bad (context: examples/http-service): the module has no dependencies and so no go.sum,
# but the Dockerfile copies one.
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/kvstore .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kvstore /kvstore
ENTRYPOINT ["/kvstore"]
