# postgres:17 (17.11, trixie), layer 2: see cases.json (id postgres-17-gnupg-less)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg less \
    && rm -rf /var/lib/apt/lists/*
