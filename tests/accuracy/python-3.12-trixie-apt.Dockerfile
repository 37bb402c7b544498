# python:3.12 (3.12.14, trixie), layer 4: see cases.json (id python-3.12-trixie-apt)
FROM buildpack-deps:trixie
RUN apt-get update \
    && apt-get install -y --no-install-recommends libbluetooth-dev tk-dev uuid-dev \
    && rm -rf /var/lib/apt/lists/*
