"""A small scored corpus in a fresh SQLite store, shared by the review tests (client and browser)."""

from __future__ import annotations

from service.batch.inputs import expand
from service.batch.runner import BatchRunner
from service.store import open_store

from .conftest import ROOT, SAMPLES

CORPUS = [SAMPLES / name for name in (
    "000_3b8afcaee8bf52ed.txt", "002_246021b1e6d305f9.txt", "003_579355e8a18665bf.txt",
    "r006_shuyang_county_2025.txt", "r010_pingtan_2025.txt", "r012_pingtan_2023.txt", "r015_pingtan_2020.html",
    "r017_pingtan_2018.txt")] + [ROOT / "corpus" / "unseen" / name for name in (
    "u01_sichuan_2022.txt", "u02_songxian_2020.txt", "u03_tianhuangping_2023.txt")]
TOKENS = "alice:alice-token-123,bob:bob-token-456"


def scored_store(pipeline, path):
    """Score ``CORPUS`` into a new SQLite database at ``path``; return its URL."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        documents, problems = expand([str(p) for p in CORPUS])
        BatchRunner(store, pipeline.info, workers=1).run(documents, problems)
    finally:
        store.close()
    return url
