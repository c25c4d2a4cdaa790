"""SESv2 domain identities as AWS answers for them, and the account's sending status.

moto 5.2.3 lacks GetAccount (what `smtp-check api` asks: sandbox, quota, enforcement),
PutEmailIdentityMailFromAttributes and PutEmailIdentityConfigurationSetAttributes,
returns no Easy DKIM tokens, writes LastKeyGenerationTimestamp as an ISO string (the API sends
epoch seconds) and tags identities under `email-identity/NAME` where AWS's ARN is `identity/NAME`.
"""

import json
import secrets
import time
from typing import Any

from moto.ses.models import EmailIdentity
from moto.sesv2.models import SESV2Backend
from moto.sesv2 import urls
from moto.sesv2.responses import SESV2Response
from moto.utilities.utils import get_partition

IDENTITY_PATH = "{0}/v2/email/identities/(?P<EmailIdentity>[^/]+)"
urls.url_paths[IDENTITY_PATH + "/mail-from$"] = SESV2Response.dispatch
urls.url_paths[IDENTITY_PATH + "/configuration-set$"] = SESV2Response.dispatch
urls.url_paths["{0}/v2/email/account$"] = SESV2Response.dispatch


def _identity_arn(backend: SESV2Backend, name: str) -> str:
    region = backend.region_name
    return f"arn:{get_partition(region)}:ses:{region}:{backend.account_id}:identity/{name}"


def _easy_dkim(identity: EmailIdentity) -> None:
    """Easy DKIM: three tokens, key length as asked (RSA_2048_BIT unless given), epoch times."""
    attributes = identity.dkim_attributes
    signing = identity.dkim_signing_attributes if isinstance(
        identity.dkim_signing_attributes, dict
    ) else {}
    if signing.get("DomainSigningPrivateKey"):
        attributes["SigningAttributesOrigin"] = "EXTERNAL"
        attributes["Tokens"] = [signing.get("DomainSigningSelector", "")]
        attributes.pop("LastKeyGenerationTimestamp", None)
        return
    length = signing.get("NextSigningKeyLength", "RSA_2048_BIT")
    attributes.update(
        {
            "SigningEnabled": True,
            "Status": "PENDING",
            "SigningAttributesOrigin": "AWS_SES",
            "Tokens": [secrets.token_hex(16) for _ in range(3)],
            "CurrentSigningKeyLength": length,
            "NextSigningKeyLength": length,
            "LastKeyGenerationTimestamp": int(time.time()),
        }
    )


def create_email_identity(self: SESV2Response) -> str:
    """CreateEmailIdentity: domains get Easy DKIM; tags go under the identity's real ARN."""
    name = self._get_param("EmailIdentity")
    tags = self._get_param("Tags")
    identity = self.sesv2_backend.create_email_identity(
        email_identity=name,
        tags=None,
        dkim_signing_attributes=self._get_param("DkimSigningAttributes"),
        configuration_set_name=self._get_param("ConfigurationSetName"),
    )
    identity.tags = tags
    if tags:
        self.sesv2_backend.core_backend.tagger.tag_resource(
            _identity_arn(self.sesv2_backend, name), tags
        )
    if identity.identity_type == "DOMAIN":
        _easy_dkim(identity)
    return json.dumps(
        {
            "IdentityType": identity.identity_type,
            "VerifiedForSendingStatus": identity.verified_for_sending_status,
            "DkimAttributes": identity.dkim_attributes,
        }
    )


def get_email_identity(self: SESV2Response) -> str:
    """GetEmailIdentity, with MailFromAttributes and the tags kept under the identity's ARN."""
    name = self._get_param("EmailIdentity")
    identity = self.sesv2_backend.get_email_identity(email_identity=name)
    response: dict[str, Any] = dict(identity.get_response_object)
    response["Tags"] = self.sesv2_backend.list_tags_for_resource(
        _identity_arn(self.sesv2_backend, name)
    )
    mail_from = getattr(identity, "mail_from_attributes", None)
    if mail_from:
        response["MailFromAttributes"] = mail_from
    return json.dumps(response)


def delete_email_identity(self: SESV2Response) -> str:
    name = self._get_param("EmailIdentity")
    self.sesv2_backend.delete_email_identity(email_identity=name)
    self.sesv2_backend.core_backend.tagger.delete_all_tags_for_resource(
        _identity_arn(self.sesv2_backend, name)
    )
    return json.dumps({})


def put_email_identity_mail_from_attributes(self: SESV2Response) -> str:
    """PutEmailIdentityMailFromAttributes (an empty MailFromDomain removes it)."""
    identity = self.sesv2_backend.get_email_identity(self._get_param("EmailIdentity"))
    domain = self._get_param("MailFromDomain")
    identity.mail_from_attributes = (  # type: ignore[attr-defined]
        {
            "MailFromDomain": domain,
            "MailFromDomainStatus": "PENDING",
            "BehaviorOnMxFailure": self._get_param("BehaviorOnMxFailure") or "USE_DEFAULT_VALUE",
        }
        if domain
        else None
    )
    return json.dumps({})


def put_email_identity_configuration_set_attributes(self: SESV2Response) -> str:
    """PutEmailIdentityConfigurationSetAttributes (an empty name removes the default set)."""
    identity = self.sesv2_backend.get_email_identity(self._get_param("EmailIdentity"))
    identity.configuration_set_name = self._get_param("ConfigurationSetName")
    return json.dumps({})


def get_account(self: SESV2Response) -> str:
    """GetAccount: a new account as AWS has it, in the sandbox, with SES v1's sending count."""
    quota = self.sesv2_backend.core_backend.get_send_quota()
    return json.dumps(
        {
            "DedicatedIpAutoWarmupEnabled": False,
            "EnforcementStatus": "HEALTHY",
            "ProductionAccessEnabled": False,
            "SendingEnabled": True,
            "SendQuota": {
                "Max24HourSend": float(quota.max24_hour_send),
                "MaxSendRate": float(quota.max_send_rate),
                "SentLast24Hours": float(quota.sent_last24_hours),
            },
        }
    )


for _function in [
    get_account,
    create_email_identity,
    get_email_identity,
    delete_email_identity,
    put_email_identity_mail_from_attributes,
    put_email_identity_configuration_set_attributes,
]:
    setattr(SESV2Response, _function.__name__, _function)
