# Known bad (context: examples/http-service): shell-form CMD on distroless, which has no /bin/sh.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/kvstore .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kvstore /kvstore
CMD /kvstore
