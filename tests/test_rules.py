"""Rule files are validated at start-up and are the single source of the output keys."""

import re

import pytest

from service.errors import RuleFileError
from service.rules import read_tsv
from service.tables.spec import load_table_spec

from .conftest import ROOT


def test_table_rows_name_exactly_the_keys_of_the_contract():
    contract = (ROOT / "service" / "data" / "spec" / "table_keys.md").read_text(encoding="utf-8")
    spec = load_table_spec()
    for key in spec.all_keys():
        *_, row, column = key.split(".")
        assert row in contract and column in contract, key
    # every example cell key the contract spells out in full is one the reader produces
    for full in re.findall(r"`((?:applications|review_litigation)\.[a-z_.]+)`", contract):
        assert full in spec.all_keys(), full


def test_bad_regex_names_file_and_line(tmp_path):
    bad = tmp_path / "rows.tsv"
    bad.write_text("# comment\nid\tpattern\nok\t规章\nbad\t(unclosed\n", encoding="utf-8")
    rows = read_tsv(bad, ("id", "pattern"))
    with pytest.raises(RuleFileError) as error:
        rows[1].regex("pattern")
    assert f"{bad}:4:" in str(error.value)


def test_wrong_field_count_names_file_and_line(tmp_path):
    bad = tmp_path / "rows.tsv"
    bad.write_text("id\tpattern\nonly-one-field\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"rows.tsv:2: 1 fields where the header has 2"):
        read_tsv(bad, ("id", "pattern"))
