"""The theme of a problem or measure: rule cues and a scikit-learn classifier, combined.

- ``RuleThemes``: every cue of ``spec/problem_themes.tsv`` (weight 1) and of ``problem_theme_cues.tsv`` (its weight)
  that matches the statement adds to its theme; the rule distribution is the scores normalised.
- ``ThemeModel``: TF-IDF over the statement's jieba tokens and its character 1–3-grams, logistic regression. Trained
  by ``scripts/train_themes.py`` (or in memory by the evaluation's cross-validation), saved under
  ``models/problem_themes/<version>/`` with a ``meta.json`` (training reports and label files with their SHA-256,
  features, themes, library versions). ``load_model`` refuses a model whose themes or library versions do not match
  this installation. Nothing is trained at import.
- ``ThemeClassifier`` combines them: ``ML_WEIGHT`` × model + (1 − ``ML_WEIGHT``) × rules when both speak (method
  ``hybrid``), the one that speaks otherwise (``ml``/``rule``), ``other`` with a low score when neither does.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..errors import ServiceError
from .rules import ThemeCue

MODEL_NAME = "problem_themes"
MODEL_VERSION = "1"
ML_WEIGHT = 0.6
FEATURES = "tfidf(jieba tokens, 1-2 grams) + tfidf(chars 1-3 grams, sublinear) -> LogisticRegression(C=10, balanced)"


class ModelError(ServiceError):
    """A model file is missing a part, or does not match this installation."""

    code = "model_error"
    http_status = 500


def models_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "models"


def model_dir(root: Path | None = None, version: str = MODEL_VERSION) -> Path:
    return (root or models_root()) / MODEL_NAME / version


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    score: float
    method: str  # rule | ml | hybrid
    cues: tuple[str, ...]  # the cue words that fired, any theme
    ranking: tuple[tuple[str, float], ...]  # the three best themes and their combined scores


class RuleThemes:
    def __init__(self, themes: tuple[str, ...], cues: tuple[ThemeCue, ...]):
        self.themes = themes
        self.cues = cues

    def scores(self, text: str) -> tuple[dict[str, float], tuple[str, ...]]:
        scores: dict[str, float] = {}
        fired: list[str] = []
        for cue in self.cues:
            hits = [m.group() for m in cue.pattern.finditer(text) if m.group()]
            if hits:
                scores[cue.theme] = scores.get(cue.theme, 0.0) + cue.weight * len(hits)
                fired.extend(f"{h}→{cue.theme}" for h in hits)
        return scores, tuple(dict.fromkeys(fired))

    def theme_of(self, text: str) -> str | None:
        scores, _ = self.scores(text)
        if not scores:
            return None
        return max(self.themes, key=lambda t: (scores.get(t, 0.0), -self.themes.index(t)))


def tokens_text(tokens) -> str:
    """The classifier's input: the statement's tokens separated by spaces."""
    return " ".join(t for t in tokens if t.strip() and t not in "，,。、；;：:“”*#（）()")


def _no_space(text: str) -> str:
    return text.replace(" ", "")


def _split(text: str) -> list[str]:
    return text.split()


def new_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("words", TfidfVectorizer(analyzer=_split, ngram_range=(1, 1), sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char", preprocessor=_no_space, ngram_range=(1, 3), sublinear_tf=True)),
    ])
    return Pipeline([("features", features),
                     ("classifier", LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000))])


class ThemeModel:
    """A fitted scikit-learn pipeline over ``tokens_text`` strings."""

    def __init__(self, estimator, meta: dict):
        self.estimator = estimator
        self.meta = meta

    @classmethod
    def fit(cls, texts: list[str], themes: list[str], meta: dict | None = None) -> "ThemeModel":
        estimator = new_pipeline()
        estimator.fit(texts, themes)
        return cls(estimator, dict(meta or {}))

    def probabilities(self, text: str) -> dict[str, float]:
        return self.probabilities_many([text])[0]

    def probabilities_many(self, texts: list[str]) -> list[dict[str, float]]:
        """One prediction call for many texts (a document's statements)."""
        if not texts:
            return []
        classes = [str(theme) for theme in self.estimator.classes_]
        return [dict(zip(classes, (float(p) for p in row))) for row in self.estimator.predict_proba(texts)]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / "model.pkl", "wb") as handle:
            pickle.dump(self.estimator, handle, protocol=pickle.HIGHEST_PROTOCOL)
        (directory / "meta.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"scikit-learn": version("scikit-learn"), "jieba": version("jieba")}


def load_model(themes: tuple[str, ...], directory: Path | None = None) -> ThemeModel | None:
    """The saved model, or None when there is none; a model that does not match this installation is refused."""
    directory = directory or model_dir()
    meta = check_model(themes, directory)
    if meta is None:
        return None
    with open(directory / "model.pkl", "rb") as handle:
        estimator = pickle.load(handle)  # noqa: S301 - our own file, checked against meta.json above
    return ThemeModel(estimator, meta)


def check_model(themes: tuple[str, ...], directory: Path | None = None) -> dict | None:
    """The saved model's ``meta.json`` (None when there is no model), refused when it does not match this
    installation. Reads no pickle and imports neither jieba nor scikit-learn."""
    directory = directory or model_dir()
    meta_path, model_path = directory / "meta.json", directory / "model.pkl"
    if not meta_path.exists() and not model_path.exists():
        return None
    if not meta_path.exists() or not model_path.exists():
        raise ModelError(f"{directory}: a model needs both meta.json and model.pkl")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelError(f"{meta_path}: not JSON: {exc}") from None
    if meta.get("name") != MODEL_NAME or str(meta.get("version")) != directory.name:
        raise ModelError(f"{meta_path}: name/version {meta.get('name')}/{meta.get('version')} do not match "
                         f"{MODEL_NAME}/{directory.name}")
    if meta.get("libraries") != library_versions():
        raise ModelError(f"{meta_path}: trained with {meta.get('libraries')}, this installation has "
                         f"{library_versions()}: retrain with scripts/train_themes.py")
    unknown = set(meta.get("classes", [])) - set(themes)
    if unknown:
        raise ModelError(f"{meta_path}: themes {sorted(unknown)} are not in spec/problem_themes.tsv: retrain")
    if meta.get("features") != FEATURES:
        raise ModelError(f"{meta_path}: features {meta.get('features')!r} are not those of this code ({FEATURES!r})")
    return meta


class ThemeClassifier:
    def __init__(self, rules: RuleThemes, model: ThemeModel | None):
        self.rules = rules
        self.model = model

    @property
    def themes(self) -> tuple[str, ...]:
        return self.rules.themes

    def classify(self, text: str, tokens: str) -> ThemeResult:
        return self.classify_many([(text, tokens)])[0]

    def classify_many(self, statements: list[tuple[str, str]]) -> list[ThemeResult]:
        """The theme of each (text, tokens) pair, with one model call for them all."""
        modelled = [i for i, (_, tokens) in enumerate(statements) if self.model is not None and tokens.strip()]
        predicted = self.model.probabilities_many([statements[i][1] for i in modelled]) if modelled else []
        ml = dict(zip(modelled, predicted))
        return [self._combine(text, ml.get(i, {})) for i, (text, _) in enumerate(statements)]

    def _combine(self, text: str, ml_p: dict[str, float]) -> ThemeResult:
        rule_scores, fired = self.rules.scores(text)
        total = sum(rule_scores.values())
        rule_p = {t: s / total for t, s in rule_scores.items()} if total else {}
        if rule_p and ml_p:
            combined = {t: ML_WEIGHT * ml_p.get(t, 0.0) + (1 - ML_WEIGHT) * rule_p.get(t, 0.0) for t in self.themes}
            method = "hybrid"
        elif ml_p:
            combined, method = {t: ml_p.get(t, 0.0) for t in self.themes}, "ml"
        elif rule_p:
            combined, method = {t: rule_p.get(t, 0.0) for t in self.themes}, "rule"
        else:
            return ThemeResult("other", 0.2, "rule", (), (("other", 0.2),))
        ranking = sorted(combined.items(), key=lambda kv: (-kv[1], self.themes.index(kv[0])))
        return ThemeResult(ranking[0][0], ranking[0][1], method, fired,
                           tuple((t, round(s, 3)) for t, s in ranking[:3]))
