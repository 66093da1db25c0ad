# syntax=docker/dockerfile:1
# Multi-stage build: a static binary (no cgo) on a distroless base, running
# as an unprivileged user. The lingua language models are embedded in the
# binary, so the image needs no network at run time.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/sangbad ./cmd/sangbad \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sangbad /usr/local/bin/sangbad
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
ENV SANGBAD_DATA_DIR=/data SANGBAD_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/sangbad"]
CMD ["serve"]
