# ruby:3.4-slim (3.4.10, trixie), layer 1: see cases.json (id ruby-3.4-slim-apt)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && apt-get dist-clean
