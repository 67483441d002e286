"""The OpenAPI 3.1 description of ``/api/v1``."""

from __future__ import annotations

from .. import __version__
from ..model import SCHEMA_VERSION
from ..store import LEVELS

_SPAN = {"type": "object", "required": ["start", "end"],
         "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
         "description": "Offsets into the submitted text (Unicode code points): text[start:end] is the evidence."}
_NULLABLE_SPAN = {"oneOf": [{"$ref": "#/components/schemas/Span"}, {"type": "null"}]}
_FIELD = {"type": "object", "properties": {
    "value": {}, "confidence": {"type": "number"}, "span": _NULLABLE_SPAN, "method": {"type": "string"}}}
_SECTION = {"type": "object", "properties": {
    "id": {"type": "string", "description": "overview, active_disclosure, applications, review_litigation, problems, "
                                            "other_matters, fees, statistics, extra; overview.* for subsections"},
    "title": {"type": "string"}, "number": {"type": ["string", "null"]},
    "heading": {"$ref": "#/components/schemas/Span"}, "span": {"$ref": "#/components/schemas/Span"},
    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Section"}}}}
_TABLE = {"type": "object", "properties": {
    "template": {"type": ["string", "null"], "enum": ["2021", "2019", "pre2019", None]},
    "status": {"type": "string", "enum": ["ok", "partial", "unreadable", "missing"]},
    "span": _NULLABLE_SPAN,
    "reasons": {"type": "array", "items": {"type": "string"}},
    "cells": {"type": "object", "additionalProperties": {"type": "object", "properties": {
        "value": {"type": ["number", "null"]}, "span": {"$ref": "#/components/schemas/Span"},
        "unit": {"type": "string"}}}},
    "unread": {"type": "array", "items": {"type": "string"}}}}
_CHECK = {"type": "object", "properties": {
    "id": {"type": "string"}, "expression": {"type": "string"},
    "left": {"type": ["number", "null"]}, "right": {"type": ["number", "null"]},
    "status": {"type": "string", "enum": ["pass", "fail", "not_assessable"]},
    "spans": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
    "reason": {"type": "string"}}}
_FINDING = {"type": "object", "properties": {
    "id": {"type": "string"}, "kind": {"type": "string"}, "key": {"type": "string"}, "value": {},
    "unit": {"type": ["string", "null"]}, "qualifiers": {"type": "object"},
    "span": {"$ref": "#/components/schemas/Span"}, "section": {"type": ["string", "null"]},
    "score": {"type": "number"}, "method": {"type": "string", "enum": ["rule", "ml", "hybrid"]},
    "extractor": {"type": "object", "properties": {"name": {"type": "string"}, "version": {"type": "string"}}},
    "evidence": {"type": "object"}}}
_REPORT = {"type": "object", "required": ["schema_version", "source", "pipeline", "document", "sections", "tables",
                                          "checks", "findings"],
           "properties": {
               "schema_version": {"type": "integer", "const": SCHEMA_VERSION},
               "source": {"type": "object", "properties": {
                   "name": {"type": ["string", "null"]}, "sha256": {"type": "string"},
                   "characters": {"type": "integer"},
                   "format": {"type": "string", "enum": ["text", "html", "pdf", "docx"]},
                   "file_sha256": {"type": "string"}, "bytes": {"type": "integer"}, "pages": {"type": "integer"}}},
               "text": {"type": "string", "description": "HTML, PDF and DOCX only: the extracted text the spans index"},
               "pipeline": {"type": "object", "properties": {
                   "name": {"type": "string"}, "version": {"type": "string"}, "fingerprint": {"type": "string"}}},
               "document": {"type": "object", "properties": {
                   key: {"$ref": "#/components/schemas/Field"}
                   for key in ("agency", "year", "level", "region", "template")}},
               "sections": {"type": "array", "items": {"$ref": "#/components/schemas/Section"}},
               "tables": {"type": "object", "properties": {
                   name: {"$ref": "#/components/schemas/Table"}
                   for name in ("active_disclosure", "applications", "review_litigation")}},
               "checks": {"type": "array", "items": {"$ref": "#/components/schemas/Check"}},
               "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
               "warnings": {"type": "array", "items": {"type": "string"}}}}
_REPORT_SUMMARY = {"type": "object", "properties": {
    "id": {"type": "integer"}, "name": {"type": ["string", "null"]}, "sha256": {"type": "string"},
    "agency": {"type": ["string", "null"]}, "year": {"type": ["integer", "null"]},
    "level": {"type": ["string", "null"]}, "region": {"type": ["string", "null"]},
    "template": {"type": ["string", "null"]},
    "pipeline": {"type": "object", "properties": {"version": {"type": "string"}, "fingerprint": {"type": "string"}}},
    "scored_at": {"type": "string"}}}
_REPORT_PAGE = {"type": "object", "properties": {
    "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
    "reports": {"type": "array", "items": {"$ref": "#/components/schemas/ReportSummary"}}}}
_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(max_bytes: int) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Government information-disclosure annual report reader", "version": __version__,
                 "description": "Reads 政府信息公开工作年度报告: metadata, sections, the three statistical tables "
                                "with the span of every cell, and the arithmetic checks."},
        "paths": {
            "/api/v1/analyze": {"post": {
                "summary": "Analyse one report",
                "description": f"The document, at most {max_bytes} bytes: a file (HTML page, PDF with a text layer, "
                               "DOCX or UTF-8 text; the format is read from the bytes) as a multipart upload or the "
                               "raw body, or its text in JSON.",
                "parameters": [{"name": "name", "in": "query", "required": False, "schema": {"type": "string"},
                                "description": "the document's name, for text/plain bodies"}],
                "requestBody": {"required": True, "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                        "schema": {"type": "string", "format": "binary"}},
                    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                        "text": {"type": "string"}, "name": {"type": "string"}}}},
                    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                        "file": {"type": "string", "format": "binary"}, "name": {"type": "string"}}}}}},
                "responses": {
                    "200": {"description": "the report", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Report"}}}},
                    "400": _error("malformed request or empty document"),
                    "413": _error("document over the size limit, or too complex (pages, nesting, zip bomb, time)"),
                    "415": _error("binary data, an unsupported file, or text that is not UTF-8"),
                    "422": _error("not an information-disclosure annual report, a scan with no text layer, or a "
                                  "damaged or truncated file"),
                }}},
            "/api/v1/reports": {"get": {
                "summary": "Stored reports (scored by the batch command), filtered and paged",
                "parameters": [
                    {"name": "agency", "in": "query", "schema": {"type": "string"},
                     "description": "part of the reporting body's name"},
                    {"name": "year", "in": "query", "schema": {"type": "integer"}, "description": "year reported on"},
                    {"name": "level", "in": "query", "schema": {"type": "string", "enum": list(LEVELS)}},
                    {"name": "pipeline", "in": "query", "schema": {"type": "string"},
                     "description": "pipeline fingerprint"},
                    {"name": "sha256", "in": "query", "schema": {"type": "string"},
                     "description": "SHA-256 of the document file"},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000,
                                                               "default": 100}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}],
                "responses": {
                    "200": {"description": "one page of report summaries", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ReportPage"}}}},
                    "400": _error("a bad filter (code bad_filter)"),
                    "503": _error("no database of stored reports is configured or reachable"),
                }}},
            "/api/v1/reports/{id}": {"get": {
                "summary": "One stored report, exactly as the batch command wrote it",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "the report", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Report"}}}},
                    "404": _error("no stored report has this id (code report_not_found)"),
                    "503": _error("no database of stored reports is configured or reachable"),
                }}},
            "/api/v1/themes": {"get": {
                "summary": "Problem themes across the stored reports",
                "description": "Counts of problem statements by theme, year, level and agency; agencies whose theme "
                               "recurs across years; near-duplicate statements; clusters for growing the taxonomy. "
                               "Reports come from REPORTS_JSONL until the batch store feeds them.",
                "parameters": [
                    {"name": "format", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": ["json", "csv"]}},
                    {"name": "clusters", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": ["0", "1"]}, "description": "0 skips the clustering"}],
                "responses": {
                    "200": {"description": "the themes", "content": {
                        "application/json": {"schema": {"type": "object", "properties": {
                            "reports": {"type": "integer"}, "statements": {"type": "integer"},
                            "themes": {"type": "array"}, "recurring": {"type": "array"},
                            "near_duplicates": {"type": "array"}, "clusters": {"type": "array"}}}},
                        "text/csv": {"schema": {"type": "string"}}}},
                    "400": _error("bad format"),
                    "503": _error("no reports configured, or the reports file cannot be read"),
                }}},
            "/api/v1/health": {"get": {"summary": "Ready when the pipeline is loaded", "responses": {
                "200": {"description": "ready", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {
                "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {"schemas": {"Span": _SPAN, "Field": _FIELD, "Section": _SECTION, "Table": _TABLE,
                                   "Check": _CHECK, "Finding": _FINDING, "Report": _REPORT, "Error": _ERROR,
                                   "ReportSummary": _REPORT_SUMMARY, "ReportPage": _REPORT_PAGE}},
    }
