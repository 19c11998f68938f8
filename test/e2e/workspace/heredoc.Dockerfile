# syntax=docker/dockerfile:1.7
ARG GO_VERSION=1.26
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION:-1.26}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY cmd/ ./cmd/
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build <<EOF
set -eu
go version
if [ "$TARGETARCH" = "arm" ]; then export GOARM=7; fi
export CGO_ENABLED=0 GOOS="$TARGETOS" GOARCH="$TARGETARCH"
go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app
EOF

FROM gcr.io/distroless/static-debian13:nonroot
COPY --from=build --chmod=0755 /out/app /app
USER nonroot:nonroot
ENTRYPOINT ["/app"]
