"""The image and its working containers, built once for the deploy tests: the local base
image (debootstrap + podman import, cached between runs), the project's Dockerfile built
on it, a fresh /data volume, and the first start of the image on that volume."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.containers import (
    BASE_IMAGE,
    FIGURES,
    IMAGE,
    SHARED_CSV,
    SHARED_DATA_DIR,
    WorkingContainer,
    image_info,
    image_user_ids,
    run,
)
from tests.paths import PROJECT


@pytest.fixture(scope="package", autouse=True)
def report_figures(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not FIGURES:
        return
    out = PROJECT / "bench" / "results" / "container.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2) + "\n")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():  # shown whether the tests pass or not
        reporter.write_line("")
        reporter.write_line(f"container figures (also in {out.relative_to(PROJECT)}):")
        for key, value in FIGURES.items():
            reporter.write_line(f"  {key:<46} {value}")


@pytest.fixture(scope="package")
def tools() -> None:
    if all(shutil.which(t) for t in ("podman", "buildah", "debootstrap")):
        return
    script = PROJECT / "scripts" / "install-container-tools.sh"
    run(["bash", str(script)], timeout=900)


@pytest.fixture(scope="package")
def base_image(tools: None) -> dict:
    started = time.monotonic()
    run(["bash", str(PROJECT / "scripts" / "make-base-image.sh")], timeout=900)
    FIGURES["base image ready (s, 0 when cached)"] = round(time.monotonic() - started, 1)
    info = image_info(BASE_IMAGE)
    FIGURES["base image size (MB)"] = round(info["Size"] / 1e6, 1)
    return info


@pytest.fixture(scope="package")
def image(base_image: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    log = tmp_path_factory.mktemp("build") / "build.log"
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.run(
            ["bash", str(PROJECT / "scripts" / "build-image.sh"), IMAGE],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=1200,
        )
    seconds = time.monotonic() - started
    text = log.read_text()
    if proc.returncode != 0:
        pytest.fail(f"the image did not build (exit {proc.returncode}):\n{text[-4000:]}")
    FIGURES["image build here (s)"] = round(seconds, 1)
    FIGURES["image build steps reused from cache"] = text.count("Using cache")
    info = image_info(IMAGE)
    FIGURES["image size (MB)"] = round(info["Size"] / 1e6, 1)
    FIGURES["image size over the base (MB)"] = round((info["Size"] - base_image["Size"]) / 1e6, 1)
    return info


@pytest.fixture(scope="package")
def data_dir(image: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh /data volume, owned by the image's user as a named volume would be."""
    path = tmp_path_factory.mktemp("volume")
    uid, gid = image_user_ids(image)
    os.chown(path, uid, gid)
    path.chmod(0o755)
    return path


@pytest.fixture(scope="package")
def box(data_dir: Path) -> Iterator[WorkingContainer]:
    if not SHARED_CSV.is_file():
        pytest.fail(f"the shared data file is missing: {SHARED_CSV}")
    container = WorkingContainer(IMAGE, volumes={data_dir: "/data", SHARED_DATA_DIR: "/seed:ro"})
    yield container
    container.remove()


@pytest.fixture(scope="package")
def first_start(box: WorkingContainer, data_dir: Path) -> tuple[subprocess.CompletedProcess, float]:
    """The image's entrypoint with its default command on an empty volume, no token."""
    assert not (data_dir / "votes.db").exists()
    env = {"VOTEBOT_DATA_SOURCE": "/seed/unga-votes.csv.gz", "VOTEBOT_REFRESH_HOURS": "0"}
    started = time.monotonic()
    proc = box.run([*box.entrypoint, *box.default_cmd], env=env, timeout=600)
    seconds = time.monotonic() - started
    FIGURES["first start: database build (s)"] = round(seconds, 1)
    return proc, seconds
