# python:3.12-slim (3.12.13, trixie), layer 2: see cases.json (id python-3.12-slim-build)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends dpkg-dev gcc gnupg libbluetooth-dev libbz2-dev libc6-dev libdb-dev libffi-dev libgdbm-dev liblzma-dev libncursesw5-dev libreadline-dev libsqlite3-dev libssl-dev make tk-dev uuid-dev wget xz-utils zlib1g-dev \
    && wget -O python.tar.xz https://www.python.org/ftp/python/3.12.13/Python-3.12.13.tar.xz && tar -xf python.tar.xz && make -C Python-3.12.13 install && apt-get purge -y --auto-remove dpkg-dev gcc make wget \
    && apt-get dist-clean
