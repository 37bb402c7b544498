# postgres:17 (17.11, trixie), layer 8: see cases.json (id postgres-17-server)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common postgresql-17 \
    && rm -rf /var/lib/apt/lists/*
