# postgres:17 (17.11, trixie), layer 3: see cases.json (id postgres-17-gosu)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates wget \
    && wget -O /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.19/gosu-amd64 && chmod +x /usr/local/bin/gosu && apt-get purge -y --auto-remove ca-certificates wget \
    && rm -rf /var/lib/apt/lists/*
