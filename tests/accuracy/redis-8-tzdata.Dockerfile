# redis:8 (8.10.1, trixie), layer 2: see cases.json (id redis-8-tzdata)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*
