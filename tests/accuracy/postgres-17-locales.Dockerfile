# postgres:17 (17.11, trixie), layer 4: see cases.json (id postgres-17-locales)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends locales \
    && echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen && locale-gen \
    && rm -rf /var/lib/apt/lists/*
