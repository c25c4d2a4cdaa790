"""Route 53 changes that are in sync when answered, without a change to wait for.

AWS answers CreateHostedZone, DeleteHostedZone, ChangeResourceRecordSets,
AssociateVPCWithHostedZone and DisassociateVPCFromHostedZone with a ChangeInfo that is PENDING
until every Route 53 server has the change. The aws provider then sleeps 10 to 30 s before its
first GetChange, whatever the answer would be. The emulator applies a change before it answers,
so its ChangeInfo is INSYNC at once and the sleep proves nothing: these answers carry no
ChangeInfo, which the provider reads as nothing to wait for (it waits only `if ChangeInfo != nil`,
in every resource our stacks use). That saves 10 to 30 s of wall time per zone, record and
association change, and no CPU. Nothing in this project reads ChangeInfo.
"""

from typing import Any, Callable

from moto.core.responses import ActionResult
from moto.route53.responses import Route53

CHANGES = (
    "create_hosted_zone",
    "delete_hosted_zone",
    "change_resource_record_sets",
    "associate_vpc_with_hosted_zone",
    "disassociate_vpc_from_hosted_zone",
)


def _without_change_info(answer: Callable[..., Any]) -> Callable[..., Any]:
    def answered(self: Route53) -> Any:
        result = answer(self)
        if isinstance(result, ActionResult) and isinstance(result.result, dict):
            return ActionResult({k: v for k, v in result.result.items() if k != "ChangeInfo"})
        return result

    return answered


for _name in CHANGES:
    setattr(Route53, _name, _without_change_info(getattr(Route53, _name)))
