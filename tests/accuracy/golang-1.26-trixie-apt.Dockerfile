# golang:1.26.5-trixie (golang:latest), layer 3: see cases.json (id golang-1.26-trixie-apt)
FROM buildpack-deps:trixie-scm
RUN apt-get update \
    && apt-get install -y --no-install-recommends g++ gcc libc6-dev make pkg-config \
    && rm -rf /var/lib/apt/lists/*
