"""AWS error codes the extensions raise: moto serializes a ServiceException subclass by its code."""

from moto.core.exceptions import ServiceException


def aws_error(service: str, code: str) -> type[ServiceException]:
    """An exception class answering with AWS's error `code`. moto finds the API model to
    serialize it with from the class's module (`moto.<service>....`), so the class says which."""
    return type(code, (ServiceException,), {"code": code, "__module__": f"moto.{service}.exceptions"})
