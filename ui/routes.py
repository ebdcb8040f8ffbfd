"""The server's own routes beside Streamlit's, served when the app starts with `streamlit run serve.py`.

The session cookie is set and cleared by the server, with HttpOnly (no page
script can read it), SameSite=Strict, and Secure when the browser came over
HTTPS (directly, or through a proxy on loopback that sends
X-Forwarded-Proto: https, which uvicorn trusts by default). A page never
sees the token: after a login the browser is sent here with a one-time code
(data_access.accounts.sessions.issue_grant, valid 30 seconds), traded for the
cookie, and sent back to the page it was on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from data_access.accounts import sessions
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.core.errors import DATABASE_ERRORS

COOKIE = "office_session"
COOKIE_MAX_AGE_SECONDS = 12 * 3600  # the server ends idle sessions long before
SESSION_PATH = "/_office/session"
SIGNOUT_PATH = "/_office/signout"

_served = False


def serve() -> list[Route]:
    """Called by serve.py: the routes, and the pages learn that the server sets the cookie."""
    global _served
    _served = True
    return [Route(SESSION_PATH, _session, methods=["GET"]), Route(SIGNOUT_PATH, _signout, methods=["GET"])]


def served() -> bool:
    """Whether these routes exist in this process (else a login lasts until the page is reloaded)."""
    return _served


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect), never a scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _redirect(request: Request) -> RedirectResponse:
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the one-time code stays out of any Referer
    return response


async def _session(request: Request) -> Response:
    grant = request.query_params.get("grant", "")
    try:
        token = await run_in_threadpool(sessions.redeem_grant, get_engine(database_url()), grant)
    except DATABASE_ERRORS:
        token = None
    if token is None:  # used, expired or made up: back to the page, which asks for the login again
        return _redirect(request)
    response = _redirect(request)
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


async def _signout(request: Request) -> Response:
    """Clears the cookie (the session itself was ended by the page before sending the browser here)."""
    response = _redirect(request)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response
