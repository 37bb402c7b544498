# python:3.13-slim (3.13.14, trixie), layer 1: see cases.json (id python-3.13-slim-apt)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates netbase tzdata \
    && apt-get dist-clean
