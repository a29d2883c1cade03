"""OpenAPI details drf-spectacular does not work out by itself."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema


class RequestBodyOnDeleteSchema(AutoSchema):
    """Documents the request body that a DELETE declares with extend_schema(request=...).

    drf-spectacular documents bodies of PUT, PATCH and POST only and drops a DELETE's
    declared body without a word (tfranzel/drf-spectacular#809); OpenAPI 3.1 allows it.
    """

    def get_operation(self, path, path_regex, path_prefix, method, registry) -> dict | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None and self.method == "DELETE" and "requestBody" not in operation:
            body = self.delete_request_body()
            if body:
                operation["requestBody"] = body
        return operation

    def delete_request_body(self) -> dict | None:
        serializer = self.get_request_serializer()
        if serializer is None:
            return None
        component = self.resolve_serializer(serializer, "request")
        schema = {"schema": component.ref}
        return {"content": {media: schema for media in self.map_parsers()}, "required": True}


ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'What went wrong: {"detail": "..."}, or for a field or header at fault its name with '
        'the messages ({"date": ["Enter a date as YYYY-MM-DD."]}); a body that cannot be read '
        'is named "body".'
    ),
    "additionalProperties": True,
}
UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def add_error_responses(result: dict, generator, request, public) -> dict:
    """Document the errors every operation can answer with, by its shape (a postprocessing hook).

    DRF answers these for any view: 400 for a parameter or body that is not valid, 401 without
    valid credentials, 403 for a session write without its CSRF token, 404 for an id or page
    that is not hers or not there, 413 and 415 for a body too large or not JSON. Declaring them
    view by view would miss one; an operation's own description of a code is kept.
    """
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result["paths"].values():
        for method, operation in operations.items():
            for code, description in expected_errors(method, operation).items():
                response = operation["responses"].setdefault(code, {"description": description})
                response.setdefault(
                    "content",
                    {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                )
    return result


def expected_errors(method: str, operation: dict) -> dict[str, str]:
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    signed_in = any(requirement for requirement in operation.get("security", [{}]))
    errors = {}
    if parameters or has_body:
        errors["400"] = "A parameter, header or the body is not valid; the answer names it"
    if signed_in:
        errors["401"] = "No valid credentials (a token, or a session)"
        if method in UNSAFE_METHODS:
            errors["403"] = "A write with a session but without its CSRF token"
    if any(p["in"] == "path" for p in parameters) or any(p["name"] == "page" for p in parameters):
        errors["404"] = "Not found, or not hers (or a page past the last)"
    if has_body:
        errors["413"] = "The body is larger than the API accepts"
        errors["415"] = "The body is not JSON"
    return errors


def refuse_unknown_fields(result: dict, generator, request, public) -> dict:
    """Say in the schema what the strict serializers do: a body field they do not know is
    refused (core.api_fields.StrictSerializerMixin), not ignored (a postprocessing hook)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and "properties" in component:
            component["additionalProperties"] = False
    return result


class UniqueItemsListFieldExtension(OpenApiSerializerFieldExtension):
    """A list field with `unique_items = True` refuses repeats: the schema says so."""

    target_class = "rest_framework.fields.ListField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction) -> dict:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if getattr(self.target, "unique_items", False):
            schema["uniqueItems"] = True
        return schema
