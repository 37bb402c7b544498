# httpd:2.4 (2.4.68, trixie), layer 4: see cases.json (id httpd-2.4-build)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc make libapr1-dev libaprutil1-dev wget \
    && wget -O httpd.tar.bz2 https://downloads.apache.org/httpd/httpd-2.4.68.tar.bz2 && tar -xf httpd.tar.bz2 && make -C httpd-2.4.68 install && apt-get purge -y --auto-remove gcc make wget \
    && rm -rf /var/lib/apt/lists/*
