# rust:slim (1.97.1, trixie), layer 1: see cases.json (id rust-slim-toolchain)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates gcc libc6-dev wget \
    && wget -O rustup-init https://static.rust-lang.org/rustup/archive/1.28.2/x86_64-unknown-linux-gnu/rustup-init && chmod +x rustup-init && ./rustup-init -y --no-modify-path --profile minimal \
    && rm -rf /var/lib/apt/lists/*
