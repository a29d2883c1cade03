"""How a backup that cannot be loaded says why: the error, and the field paths it names.
Shared by the backup of her days and settings (reports.backup) and of her recovery's
documents (reports.recovery_backup)."""

from typing import Any

from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup that cannot be loaded; `errors` maps a field path to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in errors.items()))
        self.errors = errors


def listed(data: dict, key: str, errors: dict[str, list[str]]) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        errors[key] = [_("This must be a list.")]
        return []
    return value


def flatten(prefix: str, errors: Any) -> dict[str, list[str]]:
    """DRF's nested errors as {"days[3].pain_ratings[0].score": [...]}."""
    if isinstance(errors, dict):
        flat: dict[str, list[str]] = {}
        for key, value in errors.items():
            # Errors of list items come keyed by their index.
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = prefix if key == "non_field_errors" else f"{prefix}.{key}"
            flat.update(flatten(path, value))
        return flat
    if any(isinstance(error, dict | list) for error in errors):
        flat = {}
        for index, value in enumerate(errors):
            if value:
                flat.update(flatten(f"{prefix}[{index}]", value))
        return flat
    return {prefix: [str(error) for error in errors]}
