"""One log line per request naming the API action, in place of werkzeug's access line ("POST / 200"
says nothing of which of a dozen SES calls failed). A call an AWS SDK sends again (after a 5xx, or
after an answer it never read) says which attempt it is, and whether retries.py answered it with
its first answer. A failed Terraform run quotes these lines."""

import io
import logging
import re
import sys
import time
from typing import Any, Callable
from urllib.parse import parse_qs

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

logging.getLogger("werkzeug").setLevel(logging.WARNING)

_dispatch = DomainDispatcherApplication.__call__


def _action(environ: dict[str, Any]) -> str:
    """The Query API's Action, the JSON API's X-Amz-Target, or the REST method and path."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.split(".")[-1]
    query = parse_qs(environ.get("QUERY_STRING", "")).get("Action")
    if query:
        return query[0]
    body = environ["wsgi.input"]
    form_encoded = environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded")
    if form_encoded and isinstance(body, io.BytesIO):  # in memory: serial.py read it
        form = parse_qs(body.getvalue().decode("utf-8", "replace")).get("Action")
        if form:
            return form[0]
    return f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"


def _attempt(environ: dict[str, Any]) -> str:
    """` attempt N` when an AWS SDK sends a call again (its `amz-sdk-request: attempt=N; max=M`)."""
    found = re.search(r"attempt=(\d+)", environ.get("HTTP_AMZ_SDK_REQUEST", ""))
    return f" attempt {found[1]}" if found and found[1] != "1" else ""


def logged_call(self: DomainDispatcherApplication, environ: dict[str, Any], start: Callable) -> Any:
    action = _action(environ)
    attempt = _attempt(environ)
    began = time.monotonic()

    def start_response(status: str, headers: Any, *rest: Any) -> Any:
        took = time.monotonic() - began
        repeated = " (first answer repeated)" if environ.get("moto_ext.repeated") else ""
        line = f"{time.strftime('%H:%M:%S')} {action} {status.split()[0]} {took:.2f}s{attempt}{repeated}"
        sys.stderr.write(line + "\n")
        return start(status, headers, *rest)

    return _dispatch(self, environ, start_response)


DomainDispatcherApplication.__call__ = logged_call  # type: ignore[method-assign]
