"""Corpus aggregation over report dicts, and its HTTP route."""

from __future__ import annotations

import json

from service.api import create_app
from service.corpus_themes import themes_from_reports


def _report(name, agency, year, *problems):
    return {"source": {"name": name},
            "document": {"agency": {"value": agency}, "year": {"value": year}, "level": {"value": "county"}},
            "findings": [{"kind": "problem", "key": theme, "value": text, "id": f"{name}{i}", "span": None,
                          "qualifiers": {"period": "current", "specific": False}}
                         for i, (theme, text) in enumerate(problems)] +
                        [{"kind": "measure", "key": "staff_capacity", "value": "加强培训", "qualifiers": {}}]}


REPORTS = [
    _report("a2023", "平潭综合实验区", 2023, ("review_accuracy", "部分单位信息发布属性界定还不够精确")),
    _report("a2015", "平潭综合实验区", 2015, ("review_accuracy", "部分单位信息公开属性界定不准确"),
            ("staff_capacity", "政务公开工作队伍建设有待加强")),
    _report("b2025", "沭阳县人民政府", 2025, ("staff_capacity", "政务公开队伍建设有待进一步加强")),
]


def test_counts_recurrences_and_duplicates():
    result = themes_from_reports(REPORTS, discover=False)
    assert result["statements"] == 4  # measures do not count
    review = next(t for t in result["themes"] if t["theme"] == "review_accuracy")
    assert review["by_year"] == {"2015": 1, "2023": 1} and review["by_agency"] == {"平潭综合实验区": 2}
    assert result["recurring"] == [{"agency": "平潭综合实验区", "theme": "review_accuracy", "years": [2015, 2023]}]
    relations = {(d["a"]["source"], d["b"]["source"]): d["relation"] for d in result["near_duplicates"]}
    assert relations[("a2023", "a2015")] == "same agency, other year"
    assert relations[("a2015", "b2025")] == "other agency"


def test_api_serves_themes_from_the_configured_file(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in REPORTS), encoding="utf-8")
    client = create_app({"TESTING": True, "REPORTS_JSONL": str(path)}).test_client()
    body = client.get("/api/v1/themes?clusters=0").get_json()
    assert body["statements"] == 4 and body["recurring"][0]["theme"] == "review_accuracy"
    csv = client.get("/api/v1/themes?format=csv&clusters=0").get_data(as_text=True)
    assert csv.startswith("theme,dimension,value,count\n") and "review_accuracy,year,2023,1" in csv


def test_api_without_reports_is_a_json_error():
    client = create_app({"TESTING": True, "REPORTS_JSONL": None}).test_client()
    response = client.get("/api/v1/themes")
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "themes_unavailable"
