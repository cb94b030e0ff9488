# votebot: the Discord bot for UN General Assembly votes, with its database on a volume.
#
#   docker build -t votebot .
#   docker compose up -d            (see compose.yaml and the README's moderator section)
#
# BASE_IMAGE may name any Debian-like image with python3 (>= 3.11) and its venv module.
ARG BASE_IMAGE=docker.io/library/python:3.11-slim-bookworm

# --- deps: a virtual environment with the dependencies, read from pyproject.toml alone ----
# This stage and its layer in the final image change only when pyproject.toml does, so a
# source change rebuilds (and a moderator pulls) a layer of a few hundred kilobytes.
FROM ${BASE_IMAGE} AS deps
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1
COPY pyproject.toml /tmp/pyproject.toml
# Wheels only: the image has no compiler and needs none. pip and setuptools leave with
# the build; the tests of the dependencies are not needed at run time.
RUN python3 -m venv /opt/votebot \
 && python3 -c 'import tomllib; print("\n".join(tomllib.load(open("/tmp/pyproject.toml", "rb"))["project"]["dependencies"]))' >/tmp/requirements.txt \
 && /opt/votebot/bin/pip install --only-binary=:all: -r /tmp/requirements.txt \
 && /opt/votebot/bin/python -m pip uninstall --yes --quiet pip setuptools \
 && find /opt/votebot -depth -type d -name tests -path '*/site-packages/*' -exec rm -rf {} + \
 && site="$(/opt/votebot/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
 && echo /opt/votebot/app >"$site/votebot-app.pth" \
 && printf '#!/opt/votebot/bin/python\nimport sys\n\nfrom bot.cli import main\n\nsys.exit(main())\n' \
        >/opt/votebot/bin/votebot \
 && chmod 0755 /opt/votebot/bin/votebot \
 && ln -s ../app/docker/entrypoint.sh /opt/votebot/bin/votebot-entrypoint \
 && rm /tmp/pyproject.toml /tmp/requirements.txt

# --- app: the project's code, compiled ---------------------------------------------------
FROM deps AS app
# .dockerignore lets in only pyproject.toml, README.md, bot/, data/*.toml and docker/.
COPY . /src
RUN mkdir -p /opt/votebot/app/data /opt/votebot/app/docker \
 && cp -r /src/bot /opt/votebot/app/bot \
 && for f in /src/data/*.toml; do if [ -e "$f" ]; then cp "$f" /opt/votebot/app/data/; fi; done \
 && install -m 0755 /src/docker/entrypoint.sh /opt/votebot/app/docker/entrypoint.sh \
 && /opt/votebot/bin/python -m compileall -q /opt/votebot/app/bot

# --- final: the base, the environment, the code, a user; nothing else -------------------
FROM ${BASE_IMAGE}
ARG VOTEBOT_UID=10001
RUN useradd --uid "${VOTEBOT_UID}" --user-group --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin votebot \
 && mkdir -p /data \
 && chown votebot:votebot /data
COPY --from=deps /opt/votebot /opt/votebot
COPY --from=app /opt/votebot/app /opt/votebot/app
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
