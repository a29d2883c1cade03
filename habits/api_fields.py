"""Serializer fields for catalogue keys: a known key of one kind, or a list of them.

They live with the catalogue, above the shared fields they build on (core.api_fields), and the
schema extension beside them lists the keys, so the OpenAPI document says what is accepted.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from core.api_fields import StrictCharField, UniqueListField
from habits.catalogue_data import CATALOGUE
from habits.models import CatalogueItem


class CatalogueKeyField(StrictCharField):
    """A known catalogue key of one kind (retired ones too), checked against the context."""

    default_error_messages = {"unknown": _('"{value}" is not a known {kind}.')}

    def __init__(self, kind: str, **kwargs) -> None:
        self.kind = kind
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        key = super().to_internal_value(data)
        if key not in self.context["catalogue"][self.kind]:
            self.fail("unknown", value=key, kind=CatalogueItem.Kind(self.kind).label.lower())
        return key


class CatalogueKeyListField(UniqueListField):
    def __init__(self, kind: str, **kwargs) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("default", list)
        super().__init__(child=CatalogueKeyField(kind), **kwargs)


class CatalogueKeyFieldExtension(OpenApiSerializerFieldExtension):
    """A catalogue key is one of the catalogue's keys of its kind (GET /api/v1/catalogue/ has
    their names); the catalogue is content in the code, so the schema lists them."""

    target_class = "habits.api_fields.CatalogueKeyField"

    def map_serializer_field(self, auto_schema, direction) -> dict:
        keys = sorted(key for kind, key, *_rest in CATALOGUE if kind == self.target.kind)
        return {"type": "string", "enum": keys}
