import os
from pathlib import Path

import pytest

from service.api import create_app
from service.pipeline import Pipeline
from service.store import open_store

from . import postgres

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline):
    def run(text: str, name: str = "test"):
        return pipeline.analyze(text, name)

    return run


@pytest.fixture()
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


def sample_text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def distinct_copies(directory: Path, count: int) -> list[Path]:
    """``count`` distinct reports: copies of the real samples, each with its own closing line."""
    sources = [SAMPLES / name for name in ("000_3b8afcaee8bf52ed.txt", "002_246021b1e6d305f9.txt",
                                           "003_579355e8a18665bf.txt", "r006_shuyang_county_2025.txt")]
    texts = [source.read_text(encoding="utf-8") for source in sources]
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = directory / f"copy_{number:05d}.txt"
        path.write_text(texts[number % len(texts)] + f"\n（本文件为第{number}份副本。）\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = postgres.binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: install Debian's postgresql package (.ci/run does)")
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql; .ci/run does)")
    server = postgres.PostgresServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database of each kind the store supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reports.db'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture()
def store(store_url):
    """An open store on a fresh database of each kind, closed after the test."""
    store = open_store(store_url)
    yield store
    store.close()
