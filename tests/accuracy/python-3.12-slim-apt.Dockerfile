# python:3.12-slim (3.12.13, trixie), layer 1: see cases.json (id python-3.12-slim-apt)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates netbase tzdata \
    && apt-get dist-clean
