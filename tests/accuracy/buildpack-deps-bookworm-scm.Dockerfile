# buildpack-deps:bookworm-scm, layer 2: see cases.json (id buildpack-deps-bookworm-scm)
FROM buildpack-deps:bookworm-curl
RUN apt-get update \
    && apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps \
    && rm -rf /var/lib/apt/lists/*
