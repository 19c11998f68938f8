FROM golang:latest
WORKDIR /app
COPY . .
RUN go build -o /app/server ./cmd/app
EXPOSE 8080
CMD ["/app/server"]
