# php:8.3-cli (8.3.32, trixie), layer 2: see cases.json (id php-8.3-cli-apt)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c ca-certificates curl xz-utils \
    && apt-get dist-clean
