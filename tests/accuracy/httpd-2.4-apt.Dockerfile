# httpd:2.4 (2.4.68, trixie), layer 3: see cases.json (id httpd-2.4-apt)
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libaprutil1-ldap libldap-common \
    && rm -rf /var/lib/apt/lists/*
