"""One request at a time.

moto's server answers each request on a thread of its own, but its backends are plain dicts and
lists that a request reads and then writes back: two requests changing one list at once can lose
a change. Seen with 20 event destinations of one set deleted in parallel on a loaded machine: a
delete read the list, another wrote it back without its own destination, and the first then found
its destination gone and answered EventDestinationDoesNotExist, attempt 1 of its call. AWS handles
each call atomically, so the emulator handles one request at a time. The request body is read
into memory before the lock is taken (the other modules read it from there) and the response is
sent after it is released, so a slow client holds no other request up: only moto's handling, a
few milliseconds, is serial.

Nothing moto does for the APIs our stacks use calls back into this server over HTTP: SNS
subscriptions to HTTP endpoints, Firehose HTTP endpoint destinations or EventBridge API
destinations would, and would wait for the lock forever.
"""

import io
import threading
from typing import Any, Callable

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_lock = threading.Lock()
_dispatch = DomainDispatcherApplication.__call__


def _read_body(environ: dict[str, Any]) -> None:
    """Reads the whole request body from the socket into memory."""
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):  # chunked: the stream ends where the body does
        body = stream.read()
    else:
        body = stream.read(int(environ.get("CONTENT_LENGTH") or 0))
    environ["wsgi.input"] = io.BytesIO(body)


def serial_call(self: DomainDispatcherApplication, environ: dict[str, Any], start: Callable) -> Any:
    _read_body(environ)
    with _lock:
        return _dispatch(self, environ, start)


DomainDispatcherApplication.__call__ = serial_call  # type: ignore[method-assign]
