"""AWS error codes the extensions raise: moto serializes a ServiceException subclass by its code."""

from moto.core.exceptions import ServiceException


def aws_error(code: str) -> type[ServiceException]:
    """An exception class answering with AWS's error `code` (an HTTP 400 unless the model says)."""
    return type(code, (ServiceException,), {"code": code})
