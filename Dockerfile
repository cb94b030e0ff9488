# votebot: the Discord bot for UN General Assembly votes, with its database on a volume.
#
#   docker build -t votebot .
#   docker compose up -d            (see compose.yaml and the README's moderator section)
#
# BASE_IMAGE may name any Debian-like image with python3 (>= 3.11) and its venv module.
ARG BASE_IMAGE=docker.io/library/python:3.11-slim-bookworm

# --- build: a virtual environment with the dependencies, then the project -----------------
FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/votebot
# Dependencies first, read from pyproject.toml alone, so that a change to the source
# reuses this layer. Wheels only: the image has no compiler and needs none.
COPY pyproject.toml /src/pyproject.toml
RUN python3 -c 'import tomllib; print("\n".join(tomllib.load(open("/src/pyproject.toml", "rb"))["project"]["dependencies"]))' >/src/requirements.txt \
 && /opt/votebot/bin/pip install --only-binary=:all: -r /src/requirements.txt "setuptools>=68" wheel
# Then the project itself (.dockerignore lets in only pyproject.toml, README.md, bot/,
# data/*.toml and docker/).
COPY . /src
RUN /opt/votebot/bin/pip install --no-deps --no-build-isolation /src \
 && install -m 0755 /src/docker/entrypoint.sh /opt/votebot/bin/votebot-entrypoint \
 && /opt/votebot/bin/pip uninstall --yes --quiet setuptools wheel pip \
 && find /opt/votebot -depth -type d -name tests -path '*/site-packages/*' -exec rm -rf {} +

# --- final: the base, the environment, a user, nothing else ----------------------------------
FROM ${BASE_IMAGE}
ARG VOTEBOT_UID=10001
RUN useradd --uid "${VOTEBOT_UID}" --user-group --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin votebot \
 && mkdir -p /data \
 && chown votebot:votebot /data
COPY --from=build /opt/votebot /opt/votebot
ENV PATH=/opt/votebot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VOTEBOT_DB=/data/votes.db
USER votebot
WORKDIR /data
VOLUME ["/data"]
# Healthy when the database opens and answers and the bot's heartbeat is fresh. The long
# start period covers the first start, when the database is downloaded and built.
HEALTHCHECK --interval=60s --timeout=15s --start-period=10m --retries=3 \
    CMD ["votebot", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["votebot-entrypoint"]
CMD ["run"]
