# postgres:17 (17.11, trixie), layer 5: see cases.json (id postgres-17-nss-xz-zstd)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libnss-wrapper xz-utils zstd \
    && rm -rf /var/lib/apt/lists/*
