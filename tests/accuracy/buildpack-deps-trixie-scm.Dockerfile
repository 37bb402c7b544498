# buildpack-deps:trixie-scm, layer 2: see cases.json (id buildpack-deps-trixie-scm)
FROM buildpack-deps:trixie-curl
RUN apt-get update \
    && apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps \
    && apt-get dist-clean
