"""Reading the three statistical tables (二 主动公开, 三 申请, 四 复议诉讼) out of report text."""

from .reader import TableReader
from .spec import TableSpec, load_table_spec

__all__ = ["TableReader", "TableSpec", "load_table_spec"]
