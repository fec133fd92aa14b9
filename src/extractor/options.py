"""What every article of a run gets, in one frozen object validated once.

The CLI builds an `ExtractOptions` from its flags; the readers, `api.Extractor`, the
worker pool (`batch`) and the Dask path (`cluster`) all receive that one object, so an
option cannot reach one of them and miss another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

# spaCy's own default `nlp.max_length`: its parser and NER need about 1 GB of memory per
# 100,000 characters, and a news article is a few thousand.
DEFAULT_MAX_CHARS = 1_000_000


class DateOrder(StrEnum):
    """How to read an all-numeric date such as 03/04/2016."""

    MDY = "MDY"  # month first, as in the US: 4 March
    DMY = "DMY"  # day first: 3 April


# The one default of the date order, for the CLI, the API and the date code alike: news in
# English is read month first (US wire style); day-first sources pass DMY.
DEFAULT_DATE_ORDER = DateOrder.MDY


class OptionError(ValueError):
    """An option with a value it cannot have; `str(error)` is one line for the user."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option  # the keyword: date_order (the CLI says --date-order)
        self.message = message


@dataclass(frozen=True)
class ExtractOptions:
    """The options of one run: the same for every article, whatever reads or analyses it.

    `date` (YYYY-MM-DD) overrides the published date found in the article; `date_order`
    reads all-numeric dates, in the text and in the container's metadata alike;
    `max_chars` refuses longer articles; `text_field` names the JSON field holding the
    text (dots reach into objects: "body.text"); `show_text` adds the analysed text to
    the record.
    """

    date: str | None = None
    date_order: DateOrder = DEFAULT_DATE_ORDER
    max_chars: int = DEFAULT_MAX_CHARS
    text_field: str = "text"
    show_text: bool = False

    def __post_init__(self) -> None:
        # Exact names only: "dmy" is refused rather than read as the default.
        if not isinstance(self.date_order, DateOrder):
            try:
                object.__setattr__(self, "date_order", DateOrder(self.date_order))
            except ValueError:
                raise OptionError(
                    "date_order",
                    f"{self.date_order!r} is not one of {', '.join(DateOrder)}",
                ) from None
        if self.date is not None and not _is_iso_date(self.date):
            raise OptionError("date", f"{self.date!r} is not a date in the form YYYY-MM-DD")
        if isinstance(self.max_chars, bool) or not isinstance(self.max_chars, int):
            raise OptionError("max_chars", f"{self.max_chars!r} is not a whole number")
        if self.max_chars < 1:
            raise OptionError("max_chars", f"{self.max_chars} is not at least 1")
        if not self.text_field:
            raise OptionError("text_field", "no field name given")

    @property
    def day_first(self) -> bool:
        return self.date_order is DateOrder.DMY


def _is_iso_date(value: str) -> bool:
    # fromisoformat alone would also take "20160727"; the contract's dates are YYYY-MM-DD.
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
