"""This project's additions to moto 5.2.3: the AWS APIs our stacks use that moto lacks or answers
differently from AWS. Each module names the APIs it implements; importing the package applies
them all, before moto's server builds its routes."""

from . import athena, iam_enforcement, models, route53, ses, sesv2, sesv2_sets  # noqa: F401
from . import route53_changes  # noqa: F401  (after route53: it wraps that module's answers)
# Each wraps the request handling the ones before it set up: serial (its lock, the body read into
# memory) around request_log around retries.
from . import retries  # noqa: F401
from . import request_log  # noqa: F401
from . import serial  # noqa: F401
