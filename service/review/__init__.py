"""The review pages: a Flask blueprint, server-rendered, on the same app as the API (``/review/``).

Reviewers see which problems recur, in which bodies and years, and correct what the extractor got wrong; their
corrections are stored beside the machine's output (``service/store``, table ``corrections``) and exported as gold
labels by ``python -m service export-labels``.

- ``views.py``: the routes; ``pages.py``: what each page shows; ``corpus.py``: the stored corpus as report dicts
  for ``themes_from_reports``, with corrections applied; ``corrections.py``: what may be corrected;
  ``highlight.py``: report text marked up safely; ``charts.py``: SVG bar geometry; ``auth.py``: reviewer tokens
  and the anti-forgery token; ``export.py``: CSV of a page; ``labels_export.py``: corrections as gold labels.
"""

from __future__ import annotations


def register(app) -> None:
    from . import auth, views

    auth.configure(app)
    app.register_blueprint(views.review)
