"""SES (v1) configuration sets and their event destinations, as AWS answers for them.

moto 5.2.3 lacks PutConfigurationSetDeliveryOptions, UpdateConfigurationSetSendingEnabled, the
tracking-options calls and DeleteConfigurationSetEventDestination; its DescribeConfigurationSet
omits the options and keeps one destination per set, and destination names clash across sets.
Here each set keeps its options and a list of destinations whose names are unique per set.
"""

from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.ses.models import ConfigurationSet, SESBackend
from moto.ses.responses import EmailResponse

from .errors import aws_error


EventDestinationAlreadyExists = aws_error("ses", "EventDestinationAlreadyExists")
EventDestinationDoesNotExist = aws_error("ses", "EventDestinationDoesNotExist")
TrackingOptionsAlreadyExistsException = aws_error("ses", "TrackingOptionsAlreadyExistsException")
def _destinations(config_set: ConfigurationSet) -> list[dict[str, Any]]:
    if not hasattr(config_set, "event_destination_list"):
        config_set.event_destination_list = []  # type: ignore[attr-defined]
    return config_set.event_destination_list  # type: ignore[attr-defined]


def _set(self: EmailResponse) -> ConfigurationSet:
    backend: SESBackend = self.backend
    return backend.describe_configuration_set(self._get_param("ConfigurationSetName"))


def put_configuration_set_delivery_options(self: EmailResponse) -> ActionResult:
    """PutConfigurationSetDeliveryOptions: TlsPolicy (and SendingPoolName)."""
    _set(self).delivery_options = self._get_param("DeliveryOptions") or {}
    return EmptyResult()


def update_configuration_set_sending_enabled(self: EmailResponse) -> ActionResult:
    """UpdateConfigurationSetSendingEnabled."""
    _set(self).enabled = self._get_bool_param("Enabled", True)
    return EmptyResult()


def create_configuration_set_tracking_options(self: EmailResponse) -> ActionResult:
    """CreateConfigurationSetTrackingOptions: one custom redirect domain per set."""
    config_set = _set(self)
    if config_set.tracking_options:
        raise TrackingOptionsAlreadyExistsException(
            f"Tracking options already exist for {config_set.configuration_set_name}."
        )
    config_set.tracking_options = self._get_param("TrackingOptions") or {}
    return EmptyResult()


def update_configuration_set_tracking_options(self: EmailResponse) -> ActionResult:
    """UpdateConfigurationSetTrackingOptions."""
    _set(self).tracking_options = self._get_param("TrackingOptions") or {}
    return EmptyResult()


def delete_configuration_set_tracking_options(self: EmailResponse) -> ActionResult:
    """DeleteConfigurationSetTrackingOptions."""
    _set(self).tracking_options = {}
    return EmptyResult()


def create_configuration_set_event_destination(self: EmailResponse) -> ActionResult:
    """CreateConfigurationSetEventDestination: names are unique within a set, not across sets."""
    config_set = _set(self)
    destination = self._get_param("EventDestination") or {}
    destination.setdefault("Enabled", False)
    if any(d["Name"] == destination["Name"] for d in _destinations(config_set)):
        raise EventDestinationAlreadyExists(
            f"Event destination {destination['Name']} already exists in "
            f"{config_set.configuration_set_name}."
        )
    _destinations(config_set).append(destination)
    return EmptyResult()


def delete_configuration_set_event_destination(self: EmailResponse) -> ActionResult:
    """DeleteConfigurationSetEventDestination."""
    config_set = _set(self)
    name = self._get_param("EventDestinationName")
    remaining = [d for d in _destinations(config_set) if d["Name"] != name]
    if len(remaining) == len(_destinations(config_set)):
        raise EventDestinationDoesNotExist(
            f"No event destination {name} in {config_set.configuration_set_name}."
        )
    config_set.event_destination_list = remaining  # type: ignore[attr-defined]
    return EmptyResult()


def describe_configuration_set(self: EmailResponse) -> ActionResult:
    """DescribeConfigurationSet with the requested attributes, every destination included."""
    config_set = _set(self)
    wanted = self._get_param("ConfigurationSetAttributeNames", [])
    result: dict[str, Any] = {"ConfigurationSet": {"Name": config_set.configuration_set_name}}
    if "eventDestinations" in wanted:
        result["EventDestinations"] = list(_destinations(config_set))
    if "deliveryOptions" in wanted and config_set.delivery_options:
        # One set, two spellings: v1 says Require/Optional where the v2 API says REQUIRE/OPTIONAL.
        tls = config_set.delivery_options.get("TlsPolicy")
        result["DeliveryOptions"] = {
            **config_set.delivery_options,
            **({"TlsPolicy": tls.capitalize()} if tls else {}),
        }
    if "trackingOptions" in wanted and config_set.tracking_options:
        result["TrackingOptions"] = config_set.tracking_options
    if "reputationOptions" in wanted:
        reputation = config_set.reputation_options or {}
        result["ReputationOptions"] = {
            "ReputationMetricsEnabled": reputation.get("ReputationMetricsEnabled", False),
            "SendingEnabled": config_set.enabled if isinstance(config_set.enabled, bool) else True,
        }
    return ActionResult(result)


for _function in [
    put_configuration_set_delivery_options,
    update_configuration_set_sending_enabled,
    create_configuration_set_tracking_options,
    update_configuration_set_tracking_options,
    delete_configuration_set_tracking_options,
    create_configuration_set_event_destination,
    delete_configuration_set_event_destination,
    describe_configuration_set,
]:
    setattr(EmailResponse, _function.__name__, _function)
