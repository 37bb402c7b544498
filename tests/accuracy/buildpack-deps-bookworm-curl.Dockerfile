# buildpack-deps:bookworm-curl, layer 1: see cases.json (id buildpack-deps-bookworm-curl)
FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget \
    && rm -rf /var/lib/apt/lists/*
