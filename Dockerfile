# syntax=docker/dockerfile:1
#
# Gongkai container image.
#
#   docker build -t gongkai .            (BuildKit is required: cache mounts)
#   docker-compose build api
#
# Stages:
#   frontend  node:20  - builds frontend/dist, but only if frontend/package.json exists
#   builder   rust     - builds the `gongkai` binary (release)
#   runtime   debian   - minimal image, non-root, /app/gongkai

############################################################################
# Frontend (optional)
############################################################################
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend

# frontend/ may not exist at all (git does not keep empty directories), and a
# plain `COPY frontend/ ...` would then fail the build. The `fronten[d]`
# wildcard copies the directory's *contents* when it exists and matches nothing
# otherwise; rust-toolchain.toml is only an always-present anchor so the
# instruction never has zero sources. It is removed again right away.
COPY rust-toolchain.toml fronten[d] ./
RUN --mount=type=cache,target=/root/.npm \
    set -eu; \
    rm -f rust-toolchain.toml; \
    if [ -f package.json ]; then \
        echo "frontend/package.json found: building the frontend"; \
        npm ci --no-audit --no-fund; \
        npm run build; \
        test -d dist || { echo "npm run build did not produce frontend/dist" >&2; exit 1; }; \
    else \
        echo "no frontend/package.json: shipping an empty frontend/dist"; \
        rm -rf dist; \
        mkdir -p dist; \
    fi

############################################################################
# Rust build
############################################################################
FROM rust:1.95-bookworm AS builder
WORKDIR /src
ENV CARGO_TERM_COLOR=never \
    CARGO_INCREMENTAL=0

# Install the toolchain pinned in rust-toolchain.toml (incl. its components)
# in its own layer so it is cached independently of the sources.
# `rustup toolchain install` without arguments needs rustup >= 1.28;
# `rustup show` is the fallback for older rustup versions.
COPY rust-toolchain.toml ./
RUN (rustup toolchain install || rustup show) && rustc --version && cargo --version

# Workspace manifests and every member (cargo loads all members' manifests).
# The api crate embeds policies/ and migration/seed/ at compile time.
# If a new top-level directory becomes a build input, add it here.
COPY Cargo.toml Cargo.lock ./
COPY api ./api
COPY entity ./entity
COPY migration ./migration
COPY tests ./tests
COPY letters ./letters
COPY policies ./policies

# Registry/git caches and target/ live in BuildKit cache mounts, so the binary
# has to be copied out of target/ inside the same RUN.
RUN --mount=type=cache,id=gongkai-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=gongkai-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=gongkai-target,target=/src/target,sharing=locked \
    set -eux; \
    cargo build --release --locked -p gongkai-api --bin gongkai; \
    install -D -m 0755 target/release/gongkai /out/gongkai; \
    if [ -f api/openapi.json ]; then install -D -m 0644 api/openapi.json /out/api/openapi.json; fi

############################################################################
# Runtime
############################################################################
FROM debian:bookworm-slim AS runtime

ARG APP_UID=10001
ARG APP_GID=10001

# fonts-noto-cjk: the PDF letters (letters/, ADR 13) load their fonts from
# /usr/share/fonts/opentype/noto; nothing goes through fontconfig.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl fonts-noto-cjk; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid "${APP_GID}" gongkai; \
    useradd --system --uid "${APP_UID}" --gid gongkai \
        --home-dir /var/lib/gongkai --no-create-home --shell /usr/sbin/nologin gongkai; \
    mkdir -p /app/frontend /var/lib/gongkai; \
    chown gongkai:gongkai /var/lib/gongkai; \
    chmod 0750 /var/lib/gongkai

WORKDIR /app

# Binary (+ api/openapi.json when present, for code that reads it at run time).
COPY --from=builder /out/ /app/
COPY --from=frontend /src/frontend/dist /app/frontend/dist

# A named volume mounted on /var/lib/gongkai inherits the ownership set above
# on first use, so the non-root user can write to it.
ENV BIND=0.0.0.0:8080 \
    DATA_DIR=/var/lib/gongkai \
    FRONTEND_DIR=/app/frontend/dist \
    LOG_FORMAT=json \
    RUST_LOG=info

USER gongkai:gongkai
EXPOSE 8080

# Liveness only (the process answers HTTP). Readiness (database + Redis) is
# /health/ready, used by docker-compose.yml. The port is taken from BIND.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${BIND##*:}/health/live" || exit 1

LABEL org.opencontainers.image.title="gongkai" \
      org.opencontainers.image.description="Gongkai multi-tenant platform (API server)" \
      org.opencontainers.image.licenses="Apache-2.0"

ENTRYPOINT ["/app/gongkai"]
CMD ["serve"]
