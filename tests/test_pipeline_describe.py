"""The batch parent's view of the pipeline: the same fingerprint as a built ``Pipeline``, every file checked, but
neither jieba nor scikit-learn loaded."""

import json
import subprocess
import sys

import pytest

from service.quantities.model import ModelMismatch, check_model
from service.quantities.rules import load_quantity_rules

from .conftest import ROOT

_PROBE = """
import json, sys
from service.pipeline import Pipeline, describe_pipeline
info, spec = describe_pipeline()
light = {"jieba": "jieba" in sys.modules, "sklearn": "sklearn" in sys.modules, "rows": len(spec.rows)}
print(json.dumps({"info": info, "light": light, "built": Pipeline().info}))
"""


def test_the_description_matches_a_built_pipeline_without_loading_jieba_or_sklearn():
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    seen = json.loads(result.stdout)
    assert seen["info"] == seen["built"]
    assert seen["light"]["jieba"] is False and seen["light"]["sklearn"] is False and seen["light"]["rows"] > 20


def test_a_stale_model_header_is_refused_before_anything_is_unpickled(tmp_path):
    rules = load_quantity_rules()
    meta = json.loads((ROOT / "models" / "quantities" / "1" / "meta.json").read_text(encoding="utf-8"))
    meta["rules_hash"] = "0" * 16
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")  # and no model.pkl at all
    with pytest.raises(ModelMismatch, match="rules_hash"):
        check_model(rules.files, tmp_path)
