"""The value types of the partnership format: strict text, ids, dates, numbers, choices.

Types are strict where YAML would otherwise let a mistake through: text must be text,
dates must be dates. Every model of the format (`partnerkit.format.model`) is built from them.
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from partnerkit.format.slugs import ID_LIMIT, SLUG_PATTERN

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN, max_length=ID_LIMIT)]
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """One rule for dates, in `check` and in the JSON Schema (`format: date`, RFC 3339):
    YYYY-MM-DD with two-digit month and day, quoted or not. Other text stays text and
    fails as a date."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "date_impossible",
                "{value} is not a real date ({reason})",
                {"value": value, "reason": str(exc)},
            ) from None
    return value


Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date)]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Currency = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")]
Fingerprint = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{12}$")]
Rating = Annotated[int, Strict(), Field(ge=1, le=5)]
TextList = list[Text]

Kind = Literal["vendor", "internal", "community", "school", "other"]
Status = Literal[
    "heard", "exploring", "proposed", "active", "under-review", "renewing", "ended"
]
Role = Literal["lead", "provider", "funder", "member", "advisor"]
Interest = Literal["training-need", "training-source", "funder", "learner", "sponsor", "other"]
CostType = Literal["real", "intangible", "possible"]
DeliverableStatus = Literal["planned", "in-progress", "done", "late", "dropped"]
MeetingRhythm = Literal["weekly", "fortnightly", "monthly", "quarterly"]
Level = Literal["reaction", "learning", "behaviour", "results", "roi"]
Cadence = Literal["monthly", "quarterly", "half-yearly", "yearly"]
ReviewKind = Literal["kickoff", "periodic", "annual", "closing"]

# Days in one review cycle: overdue reviews, stale health and the next review date use it.
CADENCE_DAYS: dict[str, int] = {"monthly": 31, "quarterly": 92, "half-yearly": 183, "yearly": 366}

SIX_CS = ("commitment", "communication", "credibility", "clarity", "cadence", "collaboration")


class FormatModel(BaseModel):
    """A part of the format: unknown keys refused, values frozen, validated at first use.

    A list or mapping key with nothing under it (`expectations:` followed only by
    commented examples) is the empty list or mapping: a person writes items one per line
    under the key, and a key whose items are not written yet is not an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _nothing_yet_is_empty(cls, data: Any) -> Any:
        if not isinstance(data, dict) or None not in data.values():
            return data
        empty = _empty_values(cls)
        return {k: empty[k]() if v is None and k in empty else v for k, v in data.items()}


_EMPTY: dict[type, dict[str, Any]] = {}


def _empty_values(model: type[BaseModel]) -> dict[str, Any]:
    """Keys (as written) of the list and mapping fields that default to empty: their maker."""
    if model not in _EMPTY:
        found: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if info.default_factory in (list, dict):
                found[info.alias or name] = info.default_factory
            elif info.default in ([], {}):
                found[info.alias or name] = type(info.default)
        _EMPTY[model] = found
    return _EMPTY[model]
