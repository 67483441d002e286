from pathlib import Path

import pytest

from service.api import create_app
from service.pipeline import Pipeline

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
