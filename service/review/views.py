"""The routes of the review pages. Reading needs nothing; every POST checks the anti-forgery token first and then
the reviewer's token. Errors (a bad filter, an unknown report) are raised as typed errors and rendered as friendly
pages by ``service.api.errors``."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..api.reports import current_store
from ..scoring import score_document
from . import auth, pages
from .corpus import Filters, statements
from .corrections import change_theme, missing_problem, not_a_problem, quantity, quantity_keys, theme_labels
from .errors import BadParameter, UnknownTheme
from .export import csv_response
from .texts import report_text

review = Blueprint("review", __name__, url_prefix="/review", template_folder="templates",
                   static_folder="static", static_url_path="/static")
THEMES_CACHE = "review_themes_cache"


@review.app_template_global()
def csrf_token() -> str:
    return auth.csrf_token()


@review.context_processor
def _globals() -> dict:
    return {"reviewer": auth.reviewer(), "theme_labels": theme_labels(), "level_labels": pages.LEVEL_LABELS,
            "kind_labels": pages.KIND_LABELS, "action_labels": pages.ACTION_LABELS,
            "writable": bool(auth.parse_tokens(current_app.config.get(auth.TOKENS_ENV)))}


@review.before_request
def _protect_forms() -> None:
    if request.method == "POST":
        auth.check_csrf()


def _reviewed() -> bool:
    view = request.args.get("view", "reviewed")
    if view not in ("reviewed", "machine"):
        raise BadParameter(f"view 应为 reviewed（含审核更正）或 machine（机器结果），而不是 “{view}”")
    return view == "reviewed"


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise BadParameter(f"页码应为正整数，而不是 “{raw}”")
    return int(raw)


def _wants_csv() -> bool:
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "csv"):
        raise BadParameter(f"format 应为 html 或 csv，而不是 “{fmt}”")
    return fmt == "csv"


def _themes(filters: Filters, reviewed: bool):
    cache = current_app.extensions.setdefault(THEMES_CACHE, {})
    return pages.themes(current_store(), filters, reviewed, cache)


@review.get("/")
def overview():
    filters, reviewed = Filters.from_args(request.args), _reviewed()
    reports, result = _themes(filters, reviewed)
    view = pages.overview(reports, result, lambda theme: url_for(
        ".theme", theme=theme, view=request.args.get("view"), **filters.query()))
    if _wants_csv():
        return csv_response("themes.csv", ["theme", "label", "count", "generic", "generic_share", "agencies",
                                           *[f"year_{y}" for y in view["years"]]],
                            [[r["theme"], r["label"], r["count"], r["generic"], round(r["generic_share"], 3),
                              r["agencies"], *[r["by_year"].get(y, 0) for y in view["years"]]] for r in view["rows"]])
    return render_template("review/overview.html", view=view, filters=filters, reviewed=reviewed,
                           options=pages.filter_options(current_store()))


@review.get("/themes/<theme>")
def theme(theme: str):
    if theme not in theme_labels():
        raise UnknownTheme(f"没有主题 “{theme}”")
    filters, reviewed, page = Filters.from_args(request.args), _reviewed(), _page_number()
    reports, result = _themes(filters, reviewed)
    if _wants_csv():
        return csv_response(f"theme_{theme}.csv",
                            ["report_id", "source", "agency", "year", "level", "region", "kind", "period",
                             "specific", "statement", "span_start", "span_end", "corrected_by"],
                            [[s["report_id"], s["source"], s["agency"], s["year"], s["level"], s["region"],
                              s["finding"]["kind"], s["finding"]["qualifiers"].get("period"),
                              int(bool(s["finding"]["qualifiers"].get("specific"))), s["finding"]["value"],
                              s["finding"]["span"]["start"], s["finding"]["span"]["end"],
                              (s["finding"]["correction"] or {}).get("reviewer", "")]
                             for s in statements(reports, theme)])
    view = pages.theme_page(current_store(), reports, result, theme, page)
    if page > view["pages"]:
        raise BadParameter(f"只有 {view['pages']} 页")
    return render_template("review/theme.html", view=view, filters=filters, reviewed=reviewed,
                           options=pages.filter_options(current_store()))


@review.get("/reports/")
def reports():
    filters = Filters.from_args(request.args)
    rows = [row for row in current_store().report_rows() if filters.matches(row)]
    if _wants_csv():
        return csv_response("reports.csv", ["id", "name", "agency", "year", "level", "region", "template"],
                            [[r["id"], r["name"], r["agency"], r["year"], r["level"], r["region"], r["template"]]
                             for r in rows])
    return render_template("review/reports.html", rows=rows, filters=filters,
                           options=pages.filter_options(current_store()))


@review.get("/reports/<int:report_id>")
def report(report_id: int):
    view = pages.report_page(current_store(), report_id)
    if _wants_csv():
        return csv_response(f"report_{report_id}_findings.csv",
                            ["finding_id", "kind", "key", "value", "period", "specific", "span_start", "span_end",
                             "score", "method", "extractor", "corrected_to", "corrected_by", "corrected_at"],
                            [[f["finding"]["id"], f["finding"]["kind"], f["finding"]["key"], f["finding"]["value"],
                              f["finding"]["qualifiers"].get("period"),
                              int(bool(f["finding"]["qualifiers"].get("specific"))),
                              f["finding"]["span"]["start"], f["finding"]["span"]["end"], f["finding"].get("score"),
                              f["finding"].get("method"), (f["finding"].get("extractor") or {}).get("name"),
                              _corrected_to(f["correction"]), (f["correction"] or {}).get("reviewer", ""),
                              (f["correction"] or {}).get("created_at", "")] for f in view["findings"]])
    return render_template("review/report.html", view=view, quantity_keys=quantity_keys(),
                           column_labels=pages.COLUMN_LABELS)


def _corrected_to(correction: dict | None) -> str:
    if correction is None:
        return ""
    return "not_problem" if correction["action"] == "not_problem" else correction["value"].get("theme", "")


@review.route("/submit", methods=["GET", "POST"])
def submit():
    if request.method == "GET":
        return render_template("review/submit.html")
    auth.require_reviewer()
    upload = request.files.get("file")
    limit = current_app.config["MAX_DOCUMENT_BYTES"]
    if upload is not None and upload.filename:
        data, name = upload.stream.read(limit + 1), request.form.get("name") or upload.filename
    else:
        data, name = request.form.get("text", "").encode("utf-8"), request.form.get("name") or "pasted.txt"
    if not data.strip():
        raise BadParameter("请粘贴报告全文或选择一个文件")
    if len(data) > limit:
        raise BadParameter(f"文件超过 {limit} 字节的上限")
    pipeline = current_app.extensions["report_pipeline"]
    scored = score_document(pipeline, name, data)
    if not scored.ok:
        raise BadParameter(f"无法分析这份文件：{scored.error_message}（{scored.error_code}）")
    store = current_store()
    store.record(scored)  # False when the same bytes were scored by this pipeline before: show that report
    return redirect(url_for(".report", report_id=store.report_id(scored.sha256, scored.pipeline_fingerprint)))


@review.get("/corrections")
def corrections():
    rows = current_store().corrections()
    if _wants_csv():
        return csv_response("corrections.csv",
                            ["id", "report_id", "finding_id", "span_start", "span_end", "action", "value", "machine",
                             "reviewer", "created_at"],
                            [[c["id"], c["report_id"], c["finding_id"], c["span_start"], c["span_end"], c["action"],
                              json.dumps(c["value"], ensure_ascii=False),
                              json.dumps(c["machine"], ensure_ascii=False) if c["machine"] else "",
                              c["reviewer"], c["created_at"]] for c in rows])
    return render_template("review/corrections.html", rows=list(reversed(rows)))


@review.post("/corrections")
def correct():
    reviewer = auth.require_reviewer()
    form = request.form
    raw_id = form.get("report_id", "")
    if not raw_id.isdigit():
        raise BadParameter("缺少报告编号")
    report_id = int(raw_id)
    store = current_store()
    report = store.report(report_id)
    action = form.get("action", "")
    if action == "theme":
        correction = change_theme(report, form.get("finding_id", ""), form.get("theme", ""))
    elif action == "not_problem":
        correction = not_a_problem(report, form.get("finding_id", ""))
    elif action == "missing_problem":
        correction = missing_problem(report_text(store, report_id), form.get("statement", ""), form.get("theme", ""),
                                     form.get("period", "current"), form.get("specific", ""))
    elif action == "quantity":
        correction = quantity(report_text(store, report_id), form.get("key", ""), form.get("value", ""),
                              form.get("number", ""), form.get("context", ""), form.get("unit", ""),
                              form.get("qualifiers", ""), form.get("finding_id") or None, report)
    else:
        raise BadParameter(f"未知的更正类型 “{action}”")
    store.add_correction(report_id=report_id, reviewer=reviewer, note=form.get("note") or None, **correction)
    return redirect(_back(url_for(".report", report_id=report_id)))


def _back(default: str) -> str:
    """Where a form came from (``next``): a path on this site only, never another host."""
    target = request.form.get("next", "")
    if target.startswith("/review/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


@review.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        auth.sign_in(request.form.get("token", ""))
        return redirect(_back(url_for(".overview")))
    return render_template("review/login.html", next=request.args.get("next", ""))


@review.post("/logout")
def logout():
    auth.sign_out()
    return redirect(url_for(".overview"))
