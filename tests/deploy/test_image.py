"""The image, built with podman and buildah: its base image cached, its configuration, and
what it holds (a non-root user; no tests, database, caches or compilers).

The image and its base are built once for the deploy tests (conftest.py).
"""

from __future__ import annotations

import pytest

from tests.deploy.containers import (
    BASE_IMAGE,
    IMAGE,
    WorkingContainer,
    image_info,
    image_user_ids,
    run,
)
from tests.paths import PROJECT

pytestmark = pytest.mark.container


def test_base_image_is_local_and_cached(base_image: dict) -> None:
    assert base_image["Labels"].get("votebot.base.recipe")
    again = run(["bash", str(PROJECT / "scripts" / "make-base-image.sh")], timeout=900)
    assert "localhost/votebot-base is up to date" in again.stderr
    assert image_info(BASE_IMAGE)["Id"] == base_image["Id"]


def test_image_configuration(image: dict) -> None:
    config = image["Config"]
    assert config.get("User") not in (None, "", "root", "0", "0:0")
    assert config["Entrypoint"] == ["votebot-entrypoint"]
    assert config["Cmd"] == ["run"]
    assert "/data" in config["Volumes"]
    assert config["StopSignal"] == "SIGTERM"
    assert "VOTEBOT_DB=/data/votes.db" in config["Env"]
    assert image["Healthcheck"]["Test"] == ["CMD", "votebot", "health"]


def test_dockerfile_defaults_to_the_official_slim_python() -> None:
    text = (PROJECT / "Dockerfile").read_text()
    assert "ARG BASE_IMAGE=docker.io/library/python:3.11-slim" in text
    # the dependency layer comes before the source is copied in
    assert text.index("pip install --only-binary") < text.index("COPY . /src")


def test_image_runs_as_non_root(image: dict) -> None:
    uid, gid = image_user_ids(image)
    assert uid != 0 and gid != 0


def test_image_holds_no_tests_database_caches_or_compilers(image: dict) -> None:
    project_tests = sorted(
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "tests").rglob("*.py")
        if p.name != "__init__.py"  # too common a name: Debian's own pip has such files
    )
    names = " -o ".join(f"-path '*/{name}'" for name in project_tests)
    script = rf"""
    set -u
    for tool in gcc cc c++ g++ make; do command -v "$tool" >/dev/null && echo "COMPILER $tool"; done
    [ -e /src ] && echo "SOURCE /src"
    find / -xdev \( -path /proc -o -path /sys \) -prune -o \
        \( {names} -o -name '*.db' -o -name '*.sqlite' -o -name 'unga-votes*' \) -print \
        | sed 's/^/FOUND /'
    find /opt/votebot -type d \( -name tests -o -name pip \) | sed 's/^/FOUND /'
    for dir in /root/.cache /data/.cache /var/cache/apt/archives/*.deb; do
        [ -e "$dir" ] && echo "CACHE $dir"
    done
    ls -A /data | sed 's/^/DATA /'
    echo END
    """
    container = WorkingContainer(IMAGE, volumes={})
    try:
        proc = container.run(["sh", "-c", script])
    finally:
        container.remove()
    lines = proc.stdout.splitlines()
    assert lines and lines[-1] == "END", proc.stderr
    assert lines[:-1] == []


def test_build_context_leaves_out_tests_and_databases() -> None:
    lines = (PROJECT / ".dockerignore").read_text().split()
    assert lines[lines.index("*")] == "*"  # everything out, then only what the image needs
    allowed = [line for line in lines if line.startswith("!")]
    assert allowed == [
        "!pyproject.toml",
        "!README.md",
        "!bot/",
        "!data/*.toml",
        "!data/landmarks/",
        "!docker/",
    ]
