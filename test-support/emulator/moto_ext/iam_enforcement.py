"""IAM policy enforcement closer to AWS's, for the deploy-role test (moto enforces IAM only after
`POST /moto-api/reset-auth` with a request count; until then nothing here runs).

What moto 5.2.3 evaluates when enforcing: the caller's identity policies (an IAM user's, or an
assumed role's inline and attached policies), by action; by resource only where it works the
resource out (S3 buckets and objects, IAM roles, STS AssumeRole); conditions of identity policies
not at all (no request context is collected, so every condition passes); no resource policies,
no permissions boundaries, no SCPs, and cross-account trust policies are not checked.

Three changes make a correct, resource-scoped policy pass where AWS would pass it:
- request signatures are not re-computed: moto's SigV4 re-computation rejects some of the Go
  SDK's GET requests (Route 53 GetChange) as SignatureDoesNotMatch; the access key id still
  decides whose policies apply, and an unknown key is still refused;
- where moto passes `*` as the resource (it did not work the resource out), a statement's
  Resource element is not compared, so only the action decides;
- the action prefix is IAM's, not the request's signing name (CloudWatch signs as `monitoring`,
  IAM calls its actions `cloudwatch:*`);
- S3 bucket sub-resources are named as IAM names them: moto asks `s3:PutPublicAccessBlock` (an
  account-level action) for a bucket's public access block, `s3:HeadBucket` (no IAM action) for
  HeadBucket, and `s3:ListBucket` / `s3:CreateBucket` / `s3:DeleteBucket` for the encryption,
  ownership controls, replication, object lock and request payment sub-resources it does not map.
"""

from typing import Any

from moto.iam.access_control import IAMPolicyStatement, IAMRequestBase
from moto.s3.responses import ACTION_MAP

# Signing names whose IAM action prefix differs.
IAM_PREFIX = {"monitoring": "cloudwatch", "email": "ses"}

_check_element_matches = IAMPolicyStatement._check_element_matches


def check_element_matches(self: IAMPolicyStatement, element: str, value: str) -> bool:
    if element == "Resource" and value == "*":
        return True  # moto did not determine the resource: the action alone decides
    return _check_element_matches(self, element, value)


IAMPolicyStatement._check_element_matches = check_element_matches

_request_init = IAMRequestBase.__init__


def request_init(self: IAMRequestBase, *args: Any, **kwargs: Any) -> None:
    _request_init(self, *args, **kwargs)
    service, action = self._action.split(":", 1)
    self._action = f"{IAM_PREFIX.get(service, service)}:{action}"


IAMRequestBase.__init__ = request_init


IAMRequestBase.check_signature = lambda self: None

# Bucket sub-resources by the query string key AWS sends, with the IAM action each needs.
_bucket = ACTION_MAP["BUCKET"]
_bucket["HEAD"]["DEFAULT"] = "ListBucket"
_bucket["GET"].update(
    {
        "publicAccessBlock": "GetBucketPublicAccessBlock",
        "encryption": "GetEncryptionConfiguration",
        "ownershipControls": "GetBucketOwnershipControls",
        "replication": "GetReplicationConfiguration",
        "object-lock": "GetBucketObjectLockConfiguration",
        "requestPayment": "GetBucketRequestPayment",
    }
)
for _method in ("PUT", "DELETE"):
    _bucket[_method].update(
        {
            "publicAccessBlock": "PutBucketPublicAccessBlock",
            "encryption": "PutEncryptionConfiguration",
            "ownershipControls": "PutBucketOwnershipControls",
        }
    )
