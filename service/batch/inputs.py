"""From what the user typed (files, directories, glob patterns) to the list of documents of a run.

A directory is walked recursively and gives the files whose suffix is a document format (hidden files and
folders are left out); a file named explicitly is always taken. Documents are named by the path as the user wrote
it (``corpus/samples`` + ``/000.txt``), so the same command gives the same names wherever it runs.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".html", ".htm", ".pdf", ".docx"})
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class InputDocument:
    name: str  # the path as the user wrote it; the name recorded in the report
    path: Path


@dataclass(frozen=True)
class InputProblem:
    """An input that gives no document: a path that does not exist, a pattern that matches nothing."""

    name: str
    code: str
    message: str


def expand(inputs: list[str]) -> tuple[list[InputDocument], list[InputProblem]]:
    """The documents of ``inputs`` in the order given (each directory and pattern sorted), each file once."""
    documents: list[InputDocument] = []
    problems: list[InputProblem] = []
    seen: set[Path] = set()

    def take(document: InputDocument) -> None:
        key = document.path.resolve()
        if key not in seen:
            seen.add(key)
            documents.append(document)

    for given in inputs:
        path = Path(given)
        if path.is_file():
            take(InputDocument(given, path))
        elif path.is_dir():
            for document in _walk(given):
                take(document)
        elif _GLOB_CHARACTERS & set(given):
            matches = sorted(glob.glob(given, recursive=True))
            for match in matches:
                if Path(match).is_dir():
                    for document in _walk(match):
                        take(document)
                else:
                    take(InputDocument(match, Path(match)))
            if not matches:
                problems.append(InputProblem(given, "no_match", "the pattern matches no file"))
        else:
            problems.append(InputProblem(given, "document_not_found", "no such file or directory"))
    return documents, problems


def _walk(directory: str) -> list[InputDocument]:
    found = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(folder for folder in folders if not folder.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and Path(file).suffix.lower() in DOCUMENT_SUFFIXES:
                path = os.path.join(root, file)  # not normalised: "./corpus/a.txt" stays as the user wrote it
                found.append(InputDocument(path, Path(path)))
    return found
