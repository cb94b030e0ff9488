"""A small fake Discord (REST and gateway on 127.0.0.1) that the real discord.py client talks to."""

from tests.fake_discord.server import FakeDiscord, RecordedRequest, Reply, UploadedFile

__all__ = ["FakeDiscord", "RecordedRequest", "Reply", "UploadedFile"]
