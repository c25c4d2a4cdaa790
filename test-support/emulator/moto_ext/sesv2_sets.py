"""SESv2 configuration sets, event destinations and account settings, as AWS answers for them.

moto 5.2.3 has CreateConfigurationSet/GetConfigurationSet for v2 but none of the Put*Options
calls, no v2 event destination API, no PutAccountSuppressionAttributes/PutAccountVdmAttributes (GetAccount, from sesv2.py, gets
their attributes here),
and its GetConfigurationSet nests SendingOptions and returns empty option blocks.

v1 and v2 manage the SAME configuration sets in AWS (a set made with one is read with the other),
so both APIs here read and write the one moto ConfigurationSet object and its one destination list
(kept by ses.py in the v1 shape): each API converts to its own spelling on the way in and out
(`IAMRoleARN`/`IamRoleArn`, `SNSDestination`/`SnsDestination`, `deliveryDelay`/`DELIVERY_DELAY`,
`Require`/`REQUIRE`).
"""

import json
import re
from typing import Any

from moto.ses.exceptions import ConfigurationSetDoesNotExist
from moto.ses.models import ConfigurationSet
from moto.sesv2 import urls
from moto.sesv2.models import SESV2Backend
from moto.sesv2.responses import SESV2Response

from .errors import aws_error
from .ses import _destinations

NotFoundException = aws_error("sesv2", "NotFoundException")
AlreadyExistsException = aws_error("sesv2", "AlreadyExistsException")

SET_PATH = "{0}/v2/email/configuration-sets/(?P<ConfigurationSetName>[^/]+)"
for _suffix in [
    "delivery-options",
    "reputation-options",
    "sending",
    "suppression-options",
    "tracking-options",
    "vdm-options",
    "event-destinations",
]:
    urls.url_paths[f"{SET_PATH}/{_suffix}$"] = SESV2Response.dispatch
urls.url_paths[SET_PATH + "/event-destinations/(?P<EventDestinationName>[^/]+)$"] = (
    SESV2Response.dispatch
)
urls.url_paths["{0}/v2/email/account/suppression$"] = SESV2Response.dispatch
urls.url_paths["{0}/v2/email/account/vdm$"] = SESV2Response.dispatch

# v1 key -> v2 key, inside an event destination.
V1_TO_V2_KEYS = {
    "SNSDestination": "SnsDestination",
    "TopicARN": "TopicArn",
    "IAMRoleARN": "IamRoleArn",
    "DeliveryStreamARN": "DeliveryStreamArn",
}
V2_TO_V1_KEYS = {v2: v1 for v1, v2 in V1_TO_V2_KEYS.items()}


def upper_snake(camel: str) -> str:
    """`deliveryDelay` -> `DELIVERY_DELAY` (v1 spelling to v2)."""
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", camel).upper()


def lower_camel(snake: str) -> str:
    """`DELIVERY_DELAY` -> `deliveryDelay` (v2 spelling to v1)."""
    head, *rest = snake.lower().split("_")
    return head + "".join(part.capitalize() for part in rest)


def _convert(value: Any, keys: dict[str, str], spell: Any) -> Any:
    if isinstance(value, list):
        return [_convert(v, keys, spell) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in ("MatchingEventTypes",):
            item = [spell(t) for t in item]
        elif key == "DimensionValueSource":
            item = spell(item)
        out[keys.get(key, key)] = _convert(item, keys, spell)
    return out


def destination_to_v2(v1: dict[str, Any]) -> dict[str, Any]:
    return _convert(v1, V1_TO_V2_KEYS, upper_snake)


def destination_to_v1(name: str, v2: dict[str, Any]) -> dict[str, Any]:
    destination = _convert(v2, V2_TO_V1_KEYS, lower_camel)
    destination["Name"] = name
    destination.setdefault("Enabled", False)
    return destination


def _set(self: SESV2Response) -> ConfigurationSet:
    name = self._get_param("ConfigurationSetName")
    try:
        return self.sesv2_backend.core_backend.describe_configuration_set(name)
    except ConfigurationSetDoesNotExist:
        raise NotFoundException(f"Configuration set <{name}> does not exist.")


def _body(self: SESV2Response) -> dict[str, Any]:
    return json.loads(self.body) if self.body else {}


def create_configuration_set(self: SESV2Response) -> str:
    """CreateConfigurationSet: SendingEnabled kept as v1 keeps it (a bool), TlsPolicy upper case."""
    body = _body(self)
    name = body["ConfigurationSetName"]
    backend = self.sesv2_backend.core_backend
    if name in backend.config_sets:
        raise AlreadyExistsException(f"Configuration set <{name}> already exists.")
    self.sesv2_backend.create_configuration_set(
        configuration_set_name=name,
        tracking_options=body.get("TrackingOptions"),
        delivery_options=body.get("DeliveryOptions"),
        reputation_options=body.get("ReputationOptions"),
        sending_options=None,
        tags=body.get("Tags"),
        suppression_options=None,
        vdm_options=body.get("VdmOptions"),
    )
    config_set = backend.config_sets[name]
    config_set.enabled = body.get("SendingOptions", {}).get("SendingEnabled", True)
    # None: not set (the account's list applies); {"SuppressedReasons": []}: this set suppresses nothing.
    config_set.suppression_options = body.get("SuppressionOptions")
    return json.dumps({})


def get_configuration_set(self: SESV2Response) -> str:
    """GetConfigurationSet of a set made with either API, with only the options it has."""
    config_set = _set(self)
    delivery = dict(config_set.delivery_options or {})
    if "TlsPolicy" in delivery:
        delivery["TlsPolicy"] = delivery["TlsPolicy"].upper()
    reputation = config_set.reputation_options or {}
    response: dict[str, Any] = {
        "ConfigurationSetName": config_set.configuration_set_name,
        "DeliveryOptions": delivery or {"TlsPolicy": "OPTIONAL"},
        "ReputationOptions": {
            "ReputationMetricsEnabled": reputation.get("ReputationMetricsEnabled", False)
        },
        "SendingOptions": {
            "SendingEnabled": config_set.enabled if isinstance(config_set.enabled, bool) else True
        },
        "Tags": self.sesv2_backend.list_tags_for_resource(_set_arn(self, config_set)),
    }
    if config_set.tracking_options:
        response["TrackingOptions"] = config_set.tracking_options
    if config_set.suppression_options is not None and config_set.suppression_options != {}:
        response["SuppressionOptions"] = config_set.suppression_options
    if config_set.vdm_options:
        response["VdmOptions"] = config_set.vdm_options
    return json.dumps(response)


def _set_arn(self: SESV2Response, config_set: ConfigurationSet) -> str:
    backend: SESV2Backend = self.sesv2_backend
    region = backend.region_name
    return f"arn:aws:ses:{region}:{backend.account_id}:configuration-set/{config_set.configuration_set_name}"


def put_configuration_set_delivery_options(self: SESV2Response) -> str:
    body = _body(self)
    _set(self).delivery_options = {
        k: body[k] for k in ("TlsPolicy", "SendingPoolName", "MaxDeliverySeconds") if k in body
    }
    return json.dumps({})


def put_configuration_set_reputation_options(self: SESV2Response) -> str:
    config_set = _set(self)
    config_set.reputation_options = {
        **(config_set.reputation_options or {}),
        "ReputationMetricsEnabled": bool(_body(self).get("ReputationMetricsEnabled", False)),
    }
    return json.dumps({})


def put_configuration_set_sending_options(self: SESV2Response) -> str:
    _set(self).enabled = bool(_body(self).get("SendingEnabled", False))
    return json.dumps({})


def put_configuration_set_suppression_options(self: SESV2Response) -> str:
    """PutConfigurationSetSuppressionOptions: the set's own list from now on (none given: empty)."""
    _set(self).suppression_options = {"SuppressedReasons": _body(self).get("SuppressedReasons", [])}
    return json.dumps({})


def put_configuration_set_tracking_options(self: SESV2Response) -> str:
    body = _body(self)
    _set(self).tracking_options = {
        k: body[k] for k in ("CustomRedirectDomain", "HttpsPolicy") if body.get(k)
    }
    return json.dumps({})


def put_configuration_set_vdm_options(self: SESV2Response) -> str:
    _set(self).vdm_options = _body(self).get("VdmOptions") or {}
    return json.dumps({})


def create_configuration_set_event_destination(self: SESV2Response) -> str:
    """CreateConfigurationSetEventDestination into the list the v1 API reads too."""
    config_set = _set(self)
    body = _body(self)
    name = body["EventDestinationName"]
    if any(d["Name"] == name for d in _destinations(config_set)):
        raise AlreadyExistsException(f"Event destination {name} already exists.")
    _destinations(config_set).append(destination_to_v1(name, body.get("EventDestination", {})))
    return json.dumps({})


def get_configuration_set_event_destinations(self: SESV2Response) -> str:
    config_set = _set(self)
    return json.dumps(
        {"EventDestinations": [destination_to_v2(d) for d in _destinations(config_set)]}
    )


def _destination_index(self: SESV2Response, config_set: ConfigurationSet) -> int:
    name = self._get_param("EventDestinationName")
    for i, destination in enumerate(_destinations(config_set)):
        if destination["Name"] == name:
            return i
    raise NotFoundException(f"No event destination {name} in {config_set.configuration_set_name}.")


def update_configuration_set_event_destination(self: SESV2Response) -> str:
    config_set = _set(self)
    i = _destination_index(self, config_set)
    name = _destinations(config_set)[i]["Name"]
    _destinations(config_set)[i] = destination_to_v1(name, _body(self).get("EventDestination", {}))
    return json.dumps({})


def delete_configuration_set_event_destination(self: SESV2Response) -> str:
    config_set = _set(self)
    del _destinations(config_set)[_destination_index(self, config_set)]
    return json.dumps({})


def _account(self: SESV2Response) -> dict[str, Any]:
    backend = self.sesv2_backend
    if not hasattr(backend, "account_settings"):
        backend.account_settings = {  # type: ignore[attr-defined]
            "SuppressionAttributes": {"SuppressedReasons": []},
            "VdmAttributes": {"VdmEnabled": "DISABLED"},
        }
    return backend.account_settings  # type: ignore[attr-defined]


# sesv2.py's GetAccount (sandbox, quota), loaded before this module.
_account_without_settings = SESV2Response.get_account


def get_account(self: SESV2Response) -> str:
    """GetAccount as sesv2.py answers it, with the suppression and VDM attributes put here."""
    return json.dumps({**json.loads(_account_without_settings(self)), **_account(self)})


def put_account_suppression_attributes(self: SESV2Response) -> str:
    _account(self)["SuppressionAttributes"] = {
        "SuppressedReasons": _body(self).get("SuppressedReasons", [])
    }
    return json.dumps({})


def put_account_vdm_attributes(self: SESV2Response) -> str:
    _account(self)["VdmAttributes"] = _body(self).get("VdmAttributes", {})
    return json.dumps({})


for _function in [
    create_configuration_set,
    get_configuration_set,
    put_configuration_set_delivery_options,
    put_configuration_set_reputation_options,
    put_configuration_set_sending_options,
    put_configuration_set_suppression_options,
    put_configuration_set_tracking_options,
    put_configuration_set_vdm_options,
    create_configuration_set_event_destination,
    get_configuration_set_event_destinations,
    update_configuration_set_event_destination,
    delete_configuration_set_event_destination,
    get_account,
    put_account_suppression_attributes,
    put_account_vdm_attributes,
]:
    setattr(SESV2Response, _function.__name__, _function)
