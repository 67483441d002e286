"""Who may write, and forms that cannot be forged.

Reviewers and their tokens come from config ``REVIEW_TOKENS`` (or the environment): ``name:token,name:token``.
A reviewer signs in once with the token; the session (a cookie signed with ``SECRET_KEY``) keeps it, and every
write checks it against the tokens configured now, so removing a token ends its sessions. Reading needs no token.

Every form carries this session's anti-forgery token (``csrf_token``), a random value kept in the session; a POST
without the same value is refused before anything else is looked at.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from flask import current_app, request, session

from .errors import CsrfRefused, NotAllowed

TOKENS_ENV = "REVIEW_TOKENS"
_CSRF_KEY = "csrf"
_TOKEN_KEY = "review_token"


def parse_tokens(raw: str | None) -> dict[str, str]:
    """``name:token,…`` -> {token: name}. Entries without a name and a token are ignored."""
    tokens = {}
    for entry in (raw or "").split(","):
        name, sep, token = entry.strip().partition(":")
        if sep and name.strip() and token.strip():
            tokens[token.strip()] = name.strip()
    return tokens


def configure(app) -> None:
    """Read the tokens, and choose the key that signs the session cookie: ``SECRET_KEY`` when configured, else one
    derived from the tokens (the same in every gunicorn worker), else a random one (then nobody can write)."""
    app.config.setdefault(TOKENS_ENV, os.environ.get(TOKENS_ENV, ""))
    if not app.config.get("SECRET_KEY"):
        secret = os.environ.get("SECRET_KEY")
        tokens = app.config[TOKENS_ENV]
        if not secret and tokens:
            secret = hashlib.sha256(f"review-session|{tokens}".encode()).hexdigest()
        app.config["SECRET_KEY"] = secret or secrets.token_hex(32)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)


def _tokens() -> dict[str, str]:
    return parse_tokens(current_app.config.get(TOKENS_ENV))


def reviewer() -> str | None:
    """The signed-in reviewer's name, if the session's token is still configured."""
    token = session.get(_TOKEN_KEY)
    if not token:
        return None
    for known, name in _tokens().items():
        if hmac.compare_digest(known, token):
            return name
    return None


def require_reviewer() -> str:
    name = reviewer()
    if name is None:
        raise NotAllowed("写操作需要审核员令牌：请先登录（令牌由管理员在 REVIEW_TOKENS 中配置）")
    return name


def sign_in(token: str) -> str:
    session[_TOKEN_KEY] = token.strip()
    name = reviewer()
    if name is None:
        session.pop(_TOKEN_KEY, None)
        raise NotAllowed("令牌无效")
    return name


def sign_out() -> None:
    session.pop(_TOKEN_KEY, None)


def csrf_token() -> str:
    """This session's anti-forgery token (made on first use)."""
    if _CSRF_KEY not in session:
        session[_CSRF_KEY] = secrets.token_urlsafe(32)
    return session[_CSRF_KEY]


def check_csrf() -> None:
    """Refuse a POST whose form does not carry this session's token."""
    expected = session.get(_CSRF_KEY)
    sent = request.form.get("csrf_token", "")
    if not expected or not hmac.compare_digest(expected, sent):
        raise CsrfRefused("表单已过期或不是从本站提交的（防跨站请求伪造）：请刷新页面后重试")
