# buildpack-deps:trixie-curl, layer 1: see cases.json (id buildpack-deps-trixie-curl)
FROM debian:trixie
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget \
    && apt-get dist-clean
