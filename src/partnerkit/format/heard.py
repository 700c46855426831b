"""An initiative the team has heard about, before anyone explores a partnership with it."""

from __future__ import annotations

from pydantic import Field

from partnerkit.format.types import Date, FormatModel, Text, TextList


class Heard(FormatModel):
    """An initiative heard about (`status: heard`): what, from whom, and what we could offer."""

    what: Text | None = Field(None, description="What we heard: the initiative, in a sentence.")
    source: Text | None = Field(None, description="From whom we heard it.")
    date: Date | None = Field(None, description="When we heard it (YYYY-MM-DD).")
    known_by: TextList = Field([], description="Who on our team knows its people.")
    offer: TextList = Field([], description="What we could offer it.")
