"""OpenAPI details drf-spectacular does not work out by itself."""

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
