"""Expanding the inputs of a batch run: files, directories (recursively) and glob patterns."""

from service.batch.inputs import expand


def names(inputs):
    documents, problems = expand(inputs)
    return [document.name for document in documents], [(problem.name, problem.code) for problem in problems]


def test_files_directories_and_patterns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in ("a/1.txt", "a/sub/2.md", "a/sub/3.pdf", "a/notes.tsv", "a/.hidden.txt", "a/.git/x.txt", "b/4.txt",
                 "b/5.html", "c.txt"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert names(["a"]) == (["a/1.txt", "a/sub/2.md", "a/sub/3.pdf"], [])
    assert names(["b/*.txt", "c.txt"]) == (["b/4.txt", "c.txt"], [])
    assert names(["a/notes.tsv"]) == (["a/notes.tsv"], [])  # a file named explicitly is always taken
    assert names(["**/*.html"]) == (["b/5.html"], [])


def test_each_file_once_in_the_order_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in ("d/1.txt", "d/2.txt"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert names(["d/2.txt", "d", "./d/1.txt"]) == (["d/2.txt", "d/1.txt"], [])


def test_what_gives_no_document_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert names(["missing.txt", "nothing/*.txt"]) == ([], [("missing.txt", "document_not_found"),
                                                             ("nothing/*.txt", "no_match")])
