"""Route 53 private hosted zones shared across accounts, as AWS documents them.

moto 5.2.3 lacks VPC association authorizations (Create/List/DeleteVPCAssociationAuthorization),
looks a zone up only in the caller's account (AssociateVPCWithHostedZone,
DisassociateVPCFromHostedZone, ListHostedZonesByVPC), makes a public zone when CreateHostedZone
carries a VPC without HostedZoneConfig.PrivateZone, issues zone ids that need not start with Z,
and can lose one of two concurrent ChangeResourceRecordSets deletions in the same zone.
"""

import threading
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.ec2.models import ec2_backends
from moto.route53 import urls
from moto.route53.exceptions import NoSuchHostedZone, PublicZoneVPCAssociation
from moto.route53.models import (
    FakeZone,
    HostedZoneIdentifier,
    Route53Backend,
    route53_backends,
)
from moto.route53.responses import Route53

from .errors import aws_error

ZONE_PATH = r"{0}/(?P<api_version>[\d_-]+)/hostedzone/(?P<zone_id>[^/]+)"
urls.url_paths[ZONE_PATH + r"/authorizevpcassociation$"] = Route53.dispatch
urls.url_paths[ZONE_PATH + r"/deauthorizevpcassociation$"] = Route53.dispatch


NotAuthorizedException = aws_error("route53", "NotAuthorizedException")
VPCAssociationAuthorizationNotFound = aws_error("route53", "VPCAssociationAuthorizationNotFound")
InvalidVPCId = aws_error("route53", "InvalidVPCId")
def _authorizations(backend: Route53Backend) -> dict[str, list[dict[str, str]]]:
    """Zone id -> authorized VPCs ({VPCId, VPCRegion}), kept on the zone owner's backend."""
    if not hasattr(backend, "vpc_association_authorizations"):
        backend.vpc_association_authorizations = {}  # type: ignore[attr-defined]
    return backend.vpc_association_authorizations  # type: ignore[attr-defined]


def _zone_id(raw: str) -> str:
    return raw.replace("/hostedzone/", "")


def _owner_of(zone_id: str, partition: str) -> tuple[str, Route53Backend, FakeZone]:
    """The account that owns a zone, whichever account asks (zone ids are global in AWS)."""
    for account_id in list(route53_backends.keys()):
        backend = route53_backends[account_id][partition]
        zone = backend.zones.get(_zone_id(zone_id))
        if zone is not None:
            return account_id, backend, zone
    raise NoSuchHostedZone(zone_id)


def _require_vpc(account_id: str, vpc_id: str, region: str) -> None:
    """AWS accepts only a VPC that exists, in the caller's account, for an association."""
    if vpc_id not in ec2_backends[account_id][region].vpcs:
        raise InvalidVPCId(f"The VPC {vpc_id} does not exist in account {account_id} ({region}).")


def generate_zone_id(self: HostedZoneIdentifier, *args: Any, **kwargs: Any) -> str:
    """Zone ids as AWS issues them, starting with Z (moto's may start with any letter)."""
    return "Z" + _original_generate(self, *args, **kwargs)[:20]


def create_hosted_zone(self: Route53) -> ActionResult:
    # CreateHostedZone with a VPC makes a private zone; the provider does not send PrivateZone.
    if self._get_param("VPC.VPCId") and not self._get_param("HostedZoneConfig.PrivateZone"):
        config = self.params.setdefault("HostedZoneConfig", {})
        config["PrivateZone"] = True
    return _original_create_hosted_zone(self)


def create_vpc_association_authorization(self: Route53) -> ActionResult:
    """CreateVPCAssociationAuthorization: only the zone's owner may authorize another VPC."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    if not zone.private_zone:
        raise PublicZoneVPCAssociation()
    vpc = {"VPCId": self._get_param("VPC.VPCId"), "VPCRegion": self._get_param("VPC.VPCRegion")}
    authorized = _authorizations(self.backend).setdefault(zone.resource_id, [])
    if vpc not in authorized:
        authorized.append(vpc)
    return ActionResult({"HostedZoneId": zone.resource_id, "VPC": vpc})


def list_vpc_association_authorizations(self: Route53) -> ActionResult:
    """ListVPCAssociationAuthorizations (one page: a zone has at most a few hundred)."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    vpcs = _authorizations(self.backend).get(zone.resource_id, [])
    return ActionResult({"HostedZoneId": zone.resource_id, "VPCs": list(vpcs)})


def delete_vpc_association_authorization(self: Route53) -> ActionResult:
    """DeleteVPCAssociationAuthorization: fails when there is no such authorization."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    vpc_id = self._get_param("VPC.VPCId")
    authorized = _authorizations(self.backend).get(zone.resource_id, [])
    remaining = [vpc for vpc in authorized if vpc["VPCId"] != vpc_id]
    if len(remaining) == len(authorized):
        raise VPCAssociationAuthorizationNotFound(
            f"The VPC {vpc_id} is not authorized to be associated with zone {zone.resource_id}."
        )
    _authorizations(self.backend)[zone.resource_id] = remaining
    return EmptyResult()


def associate_vpc_with_hosted_zone(self: Route53) -> ActionResult:
    """AssociateVPCWithHostedZone, also for a zone in another account: that account must have
    authorized this VPC first, and the VPC must be the caller's."""
    zone_id = self._get_param("HostedZoneId")
    vpc_id = self._get_param("VPC.VPCId")
    region = self._get_param("VPC.VPCRegion")
    owner, owner_backend, zone = _owner_of(zone_id, self.partition)
    if not zone.private_zone:
        raise PublicZoneVPCAssociation()
    _require_vpc(self.current_account, vpc_id, region)
    if owner != self.current_account:
        authorized = _authorizations(owner_backend).get(zone.resource_id, [])
        if not any(vpc["VPCId"] == vpc_id for vpc in authorized):
            raise NotAuthorizedException(
                f"The VPC {vpc_id} has not been authorized to be associated with hosted zone "
                f"{zone.resource_id}, which account {owner} owns."
            )
    zone.add_vpc(vpc_id, region)
    return _change_info(self._get_param("Comment"))


def disassociate_vpc_from_hosted_zone(self: Route53) -> ActionResult:
    """DisassociateVPCFromHostedZone by the VPC's owner, whichever account owns the zone."""
    zone_id = self._get_param("HostedZoneId")
    _, owner_backend, zone = _owner_of(zone_id, self.partition)
    owner_backend.disassociate_vpc_from_hosted_zone(zone.resource_id, self._get_param("VPC.VPCId"))
    return _change_info(self._get_param("Comment"))


def list_hosted_zones_by_vpc(self: Route53) -> ActionResult:
    """ListHostedZonesByVPC lists the zones of every account the VPC is associated with."""
    vpc_id = self._get_param("VPCId")
    summaries = []
    for account_id in list(route53_backends.keys()):
        for zone in route53_backends[account_id][self.partition].zones.values():
            if zone.private_zone and any(v.get("vpc_id") == vpc_id for v in zone.vpcs):
                summaries.append(
                    {
                        "HostedZoneId": zone.resource_id,
                        "Name": zone.name,
                        "Owner": {"OwningAccount": account_id},
                    }
                )
    return ActionResult({"HostedZoneSummaries": summaries})


_RECORD_CHANGES = threading.Lock()


def change_resource_record_sets(self: Route53Backend, *args: Any, **kwargs: Any) -> Any:
    """ChangeResourceRecordSets is atomic in AWS; moto's server runs requests on threads and
    rebuilds a zone's record list, so two concurrent deletions could lose one."""
    with _RECORD_CHANGES:
        return _original_change_resource_record_sets(self, *args, **kwargs)


def _change_info(comment: Any) -> ActionResult:
    from moto.core.utils import utcnow

    return ActionResult(
        {
            "ChangeInfo": {
                "Id": "/change/C2682N5HXP0BZ4",
                "Status": "INSYNC",
                "SubmittedAt": utcnow(),
                "Comment": comment,
            }
        }
    )


_original_change_resource_record_sets = Route53Backend.change_resource_record_sets
Route53Backend.change_resource_record_sets = change_resource_record_sets  # type: ignore[method-assign]
_original_generate = HostedZoneIdentifier.generate
HostedZoneIdentifier.generate = generate_zone_id  # type: ignore[method-assign]
_original_create_hosted_zone = Route53.create_hosted_zone
Route53.create_hosted_zone = create_hosted_zone  # type: ignore[method-assign]
Route53.create_vpc_association_authorization = create_vpc_association_authorization  # type: ignore[attr-defined]
Route53.list_vpc_association_authorizations = list_vpc_association_authorizations  # type: ignore[attr-defined]
Route53.delete_vpc_association_authorization = delete_vpc_association_authorization  # type: ignore[attr-defined]
Route53.associate_vpc_with_hosted_zone = associate_vpc_with_hosted_zone  # type: ignore[method-assign]
Route53.disassociate_vpc_from_hosted_zone = disassociate_vpc_from_hosted_zone  # type: ignore[method-assign]
Route53.list_hosted_zones_by_vpc = list_hosted_zones_by_vpc  # type: ignore[method-assign]
