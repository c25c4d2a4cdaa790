"""A call an AWS SDK sends again after the emulator answered it with success gets that answer again.

The aws provider's SDK sometimes abandons an answer it was sent: on a loaded machine, its client
closed the connection right after the answer's status line and headers arrived, before the body,
and sent the call again (the same `amz-sdk-invocation-id`, `amz-sdk-request: attempt=2`). Seen in
packet captures for AssumeRole; for CreateConfigurationSetEventDestination, done twice, the second
answer was EventDestinationAlreadyExists and the apply failed. An SDK never sends a call again once
it has read a success, so such a retry means the first answer was lost on its way: it is answered
with that first answer, as a client that had read it would have had it, and nothing runs twice.

A call whose earlier attempt failed (5xx, throttling) runs again as usual. Only the last 500
successful answers are kept: a retry comes within seconds.
"""

from collections import OrderedDict
from typing import Any, Callable

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

KEPT = 500

# invocation id -> (status, headers, body) of its successful answer
_answers: "OrderedDict[str, tuple[str, list[tuple[str, str]], bytes]]" = OrderedDict()
_dispatch = DomainDispatcherApplication.__call__


def answering_once(self: DomainDispatcherApplication, environ: dict[str, Any], start: Callable) -> Any:
    invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID")
    if invocation in _answers:
        status, headers, body = _answers[invocation]
        environ["moto_ext.repeated"] = True
        start(status, headers)
        return [body]
    answer: dict[str, Any] = {}

    def recording_start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
        answer.update(status=status, headers=headers)
        return start(status, headers, *rest)

    chunks = _dispatch(self, environ, recording_start)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    if invocation and answer["status"].startswith("2"):
        _answers[invocation] = (answer["status"], answer["headers"], body)
        while len(_answers) > KEPT:
            _answers.popitem(last=False)
    return [body]


DomainDispatcherApplication.__call__ = answering_once  # type: ignore[method-assign]
