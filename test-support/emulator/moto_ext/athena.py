"""Athena named queries as AWS answers for them.

moto 5.2.3 lacks DeleteNamedQuery, GetNamedQuery of an unknown id fails with a server error
where AWS answers InvalidRequestException "... does not exist" (which the provider reads as gone),
and ListTagsForResource of a workgroup without tags answers "Does Not Exist" instead of no tags.
"""

import json

from moto.athena.responses import AthenaResponse


def _not_found(query_id: str) -> tuple[str, dict[str, int]]:
    message = f"NamedQuery {query_id} does not exist"
    return json.dumps({"__type": "InvalidRequestException", "Message": message}), {"status": 400}


_original_get_named_query = AthenaResponse.get_named_query


def get_named_query(self: AthenaResponse):  # type: ignore[no-untyped-def]
    """GetNamedQuery, answering InvalidRequestException for an unknown id."""
    query_id = self._get_param("NamedQueryId")
    if self.athena_backend.get_named_query(query_id) is None:
        return _not_found(query_id)
    return _original_get_named_query(self)


def delete_named_query(self: AthenaResponse):  # type: ignore[no-untyped-def]
    """DeleteNamedQuery."""
    query_id = self._get_param("NamedQueryId")
    if self.athena_backend.named_queries.pop(query_id, None) is None:
        return _not_found(query_id)
    return "{}"


_original_list_tags_for_resource = AthenaResponse.list_tags_for_resource


def list_tags_for_resource(self: AthenaResponse):  # type: ignore[no-untyped-def]
    """ListTagsForResource: an existing workgroup without tags has an empty list."""
    resource_arn = self._get_param("ResourceARN")
    workgroups = self.athena_backend.work_groups.values()
    if not self.athena_backend.list_tags_for_resource(resource_arn) and any(
        w.arn == resource_arn for w in workgroups
    ):
        return json.dumps({"Tags": []})
    return _original_list_tags_for_resource(self)


for _function in [get_named_query, delete_named_query, list_tags_for_resource]:
    setattr(AthenaResponse, _function.__name__, _function)
