# Known bad (context: examples/http-service): a static binary on scratch, which has no CA
# certificates, so the program's HTTPS client cannot verify any server. The self-test verifies a
# real public chain (www.google.com) as an HTTPS client would, and fails here.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/kvstore .

FROM scratch
COPY --from=build /out/kvstore /kvstore
USER 65532:65532
ENTRYPOINT ["/kvstore"]
