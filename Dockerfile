# syntax=docker/dockerfile:1
# The container image of Koers: one image for the web server (`koers run`, the default), the
# worker (`koers worker`) and the migrations (`koers migrate`). Three stages: the front-end
# packages (npm), the build (virtualenv, translations, static files), and a slim final image
# with only what runs. See docs/beheer/opschalen.md.
#
#   docker build -t koers .
#   docker run --env-file koers.env -p 8000:8000 koers                # web server
#   docker run --env-file koers.env koers worker                      # worker
#   docker run --env-file koers.env koers migrate --noinput           # migrations
#
# The Python minor version is the project's (pyproject.toml: requires-python, mypy's
# python_version); the checks in tests/deploy/test_dockerfile.py keep them equal.

ARG PYTHON_VERSION=3.11
ARG NODE_VERSION=20

# --- front-end packages: NL Design System CSS and htmx, exactly as package-lock.json says ---
FROM node:${NODE_VERSION}-bookworm-slim AS npm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- build: the virtualenv with Koers, compiled translations and collected static files ---
FROM python:${PYTHON_VERSION}-slim-bookworm AS bouw
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
# Compilers only for a dependency without a wheel for this platform; gettext for msgfmt.
# Not pinned: Debian's stable archive keeps only the newest version of each package, so a
# pin breaks the build at the next point release; none of this reaches the final image.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt
COPY pyproject.toml ./
COPY src/ src/
# Editable, as `make` installs it: settings find the project folder (var/, node_modules/)
# from the source, so /app is the project folder in the final image too.
RUN pip install --no-deps -e .
COPY --from=npm /app/node_modules/ node_modules/
WORKDIR /app/src
RUN koers compilemessages
WORKDIR /app
RUN koers collectstatic --noinput && python -m compileall -q /app/src

# --- the image that runs: no compilers, no npm, no build tools ---
FROM python:${PYTHON_VERSION}-slim-bookworm AS koers
LABEL org.opencontainers.image.title="Koers" \
      org.opencontainers.image.description="Regiesysteem voor de Wet inburgering 2021" \
      org.opencontainers.image.licenses="EUPL-1.2"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    KOERS_PORT=8000
RUN groupadd --system --gid 10001 koers \
    && useradd --system --uid 10001 --gid koers --home-dir /app --shell /usr/sbin/nologin koers
WORKDIR /app
COPY --from=bouw /opt/venv /opt/venv
COPY --from=bouw /app/pyproject.toml /app/pyproject.toml
COPY --from=bouw /app/src /app/src
COPY --from=bouw /app/var/static /app/var/static
# var/ holds what a process may write: uploads of Mijn Inburgering (var/media, a shared
# volume in Kubernetes) and the metrics of gunicorn's processes (var/metrieken). The code
# and the static files stay owned by root: the process cannot change them.
RUN mkdir -p /app/var/media /app/var/metrieken \
    && chown koers:koers /app/var /app/var/media /app/var/metrieken
USER 10001:10001
EXPOSE 8000
# Liveness only: /gezondheid/klaar also judges the database, the worker and DUO, which is the
# orchestrator's readiness question, not a reason to restart this container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; r = u.Request('http://127.0.0.1:8000/gezondheid/live', headers={'Host': 'localhost'}); sys.exit(0 if u.urlopen(r, timeout=4).status == 200 else 1)"]
ENTRYPOINT ["koers"]
CMD ["run", "--bind", "0.0.0.0:8000"]
