"""The one writer of her recovery documents (tracker.recovery_models): conditional writes, as
tracker.days does for a day.

A document is stored as the client sent it if it is still at the version the client based its
change on (If-Match), or, with If-None-Match: *, only if it does not exist yet. A write to one
that exists without either is refused (428): replacing it blindly is how one phone would undo
another's change. A replayed body writes nothing. Every write is one statement, and a document
is always looked up among her own: another user's is never found.
"""

from collections.abc import Collection
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from tracker.days import ANY_VERSION, DayChanged, VersionRequired
from tracker.models import User
from tracker.recovery_models import VersionedDocument

Document = TypeVar("Document", bound=VersionedDocument)

# A stale or missing precondition is the same answer as for a day (412 or 428 with the
# document as it is now): the exceptions are shared.
Changed = DayChanged
Required = VersionRequired


def stored(model: type[Document], user: User, key: dict[str, Any]) -> QuerySet[Document]:
    return model.objects.filter(user=user, **key)


def get_document(model: type[Document], user: User, key: dict[str, Any]) -> Document | None:
    return stored(model, user, key).first()


def save_document(
    model: type[Document],
    user: User,
    key: dict[str, Any],
    values: dict[str, Any],
    *,
    if_match: Collection[str] | None = None,
    create_only: bool = False,
) -> tuple[Document, bool]:
    """Make her document at `key` hold `values` (validated, as stored). Returns it and whether
    it is new. Raises Changed or Required, having written nothing."""
    version = model.version_of(values)
    if if_match is not None:
        return update_document(model, user, key, values, version, if_match), False
    document = model(user=user, version=version, **key, **values)
    try:
        with transaction.atomic():
            document.save(force_insert=True)
    except IntegrityError:
        current = get_document(model, user, key)
        if create_only or current is None:
            raise Changed(current) from None
        raise Required(current) from None
    return document, True


def update_document(
    model: type[Document],
    user: User,
    key: dict[str, Any],
    values: dict[str, Any],
    version: str,
    if_match: Collection[str],
) -> Document:
    rows = stored(model, user, key)
    if ANY_VERSION not in if_match:
        rows = rows.filter(version__in=if_match)
    if version in if_match:
        # The client already holds exactly this: a replay.
        current = rows.first()
        if current is None:
            raise Changed(get_document(model, user, key))
        return current
    written = rows.exclude(version=version).update(
        **values, version=version, updated_at=timezone.now()
    )
    current = get_document(model, user, key)
    if written or (current is not None and current.version == version):
        return current
    raise Changed(current)


def delete_document(
    model: type[Document], user: User, key: dict[str, Any], if_match: Collection[str] | None
) -> bool:
    """Delete her document at `key` if it is at one of these versions; False when there is
    none. Raises Required without `if_match`, Changed when it is at another version."""
    rows = stored(model, user, key)
    if if_match is None:
        current = rows.first()
        if current is not None:
            raise Required(current)
        return False
    if ANY_VERSION not in if_match:
        rows = rows.filter(version__in=if_match)
    deleted, _ = rows.delete()
    if deleted:
        return True
    current = get_document(model, user, key)
    if current is None:
        return False
    raise Changed(current)
