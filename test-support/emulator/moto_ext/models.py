"""API model members newer than Debian 12's botocore (1.29), which moto parses and serializes with:
without them moto drops the fields from requests and responses, and the provider sees drift.

- Firehose ExtendedS3Destination{Configuration,Description,Update}: FileExtension, CustomTimeZone.
- S3 GetBucketLifecycleConfiguration / PutBucketLifecycleConfiguration:
  TransitionDefaultMinimumObjectSize (header x-amz-transition-default-minimum-object-size).
"""

from typing import Any

from botocore.loaders import Loader

STRING = {"type": "string"}
TRANSITION_SIZE = {
    "type": "string",
    "enum": ["varies_by_storage_class", "all_storage_classes_128K"],
}
TRANSITION_SIZE_MEMBER = {
    "shape": "TransitionDefaultMinimumObjectSize",
    "location": "header",
    "locationName": "x-amz-transition-default-minimum-object-size",
}


def _add_members(model: dict[str, Any], shapes: list[str], members: dict[str, Any]) -> None:
    for shape in shapes:
        if shape in model["shapes"]:
            model["shapes"][shape]["members"].update(members)


def _firehose(model: dict[str, Any]) -> None:
    model["shapes"].setdefault("FileExtension", STRING)
    model["shapes"].setdefault("CustomTimeZone", STRING)
    _add_members(
        model,
        [
            "ExtendedS3DestinationConfiguration",
            "ExtendedS3DestinationDescription",
            "ExtendedS3DestinationUpdate",
        ],
        {"FileExtension": {"shape": "FileExtension"}, "CustomTimeZone": {"shape": "CustomTimeZone"}},
    )


def _s3(model: dict[str, Any]) -> None:
    model["shapes"].setdefault("TransitionDefaultMinimumObjectSize", TRANSITION_SIZE)
    _add_members(
        model,
        [
            "GetBucketLifecycleConfigurationOutput",
            "PutBucketLifecycleConfigurationOutput",
            "PutBucketLifecycleConfigurationRequest",
        ],
        {"TransitionDefaultMinimumObjectSize": TRANSITION_SIZE_MEMBER},
    )


PATCHES = {"firehose": _firehose, "s3": _s3}


def load_service_model(self: Loader, service_name: str, type_name: str, *args: Any, **kw: Any):
    model = _original_load_service_model(self, service_name, type_name, *args, **kw)
    patch = PATCHES.get(service_name)
    if patch and type_name == "service-2" and not model.get("_ses_e2e_patched"):
        patch(model)
        model["_ses_e2e_patched"] = True
    return model


_original_load_service_model = Loader.load_service_model
Loader.load_service_model = load_service_model  # type: ignore[method-assign]
