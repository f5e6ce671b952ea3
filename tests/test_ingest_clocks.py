"""Historical clocks: a time on a named place's local clock gets the UTC offset that place had on that day.

Facts from the time-zone history (zoneinfo): Moscow kept summer time from 1981; China kept summer time from 1986
to 1991; Pyongyang stayed at UTC+9 through 1945-1991; Washington's daylight saving time ended on 28 October 1962.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.clocks import clock_offset, known_clock
from kg.ingest.wilson import parse_page


@pytest.mark.parametrize(("place", "day", "minutes"), [
    ("Moscow", dt.date(1950, 7, 1), 180),       # no summer time yet
    ("Moscow", dt.date(1985, 7, 1), 240),       # summer time
    ("Moscow", dt.date(1985, 1, 15), 180),
    ("Beijing", dt.date(1988, 7, 1), 540),      # Chinese summer time, 1986-1991
    ("Peking", dt.date(1988, 1, 15), 480),
    ("Beijing", dt.date(1950, 7, 1), 480),
    ("Pyongyang", dt.date(1950, 7, 1), 540),
    ("Pyongyang", dt.date(1985, 7, 1), 540),
    ("Washington", dt.date(1962, 10, 24), -240),  # daylight saving time
    ("Washington", dt.date(1962, 11, 9), -300),
    ("Havana", dt.date(1962, 1, 10), -300),
])
def test_the_offset_a_place_had_on_that_day(place: str, day: dt.date, minutes: int) -> None:
    assert clock_offset(place, day) == minutes


def test_an_unknown_place_or_a_missing_day_gives_no_offset() -> None:
    assert clock_offset("Exampleville", dt.date(1960, 1, 1)) is None and not known_clock("Exampleville")
    assert clock_offset("Moscow", None) is None and known_clock("Moscow")


def test_the_hour_of_the_switch_decides() -> None:
    """Moscow went to summer time on 1 April 1981 at midnight: 23:00 the day before still reads UTC+3."""
    assert clock_offset("Moscow", dt.date(1981, 3, 31), dt.time(23, 0)) == 180
    assert clock_offset("Moscow", dt.date(1981, 4, 1), dt.time(6, 0)) == 240


HEADER = ("Sent from Moscow on 1.7.85 at 03:30, Moscow time\n"
          "Received in Pyongyang on 1.7.85 at 09:00, local time\n\nAn invented telegram text.")
TAIL = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\n"
        "Rights\n\nReuse of this invented page is free.\n\nRecord ID\n\n4243\n")


def test_a_summer_telegram_compared_in_utc_with_the_clocks_of_that_day() -> None:
    """03:30 in Moscow (summer time, UTC+4) is 23:30 UTC the day before; 09:00 in Pyongyang (UTC+9) is 00:00 UTC.
    With a fixed Moscow offset of +3 the receipt would seem to come half an hour before the sending."""
    text = f"Skip to content\n\nJuly 1, 1985\n\nCiphered Telegram, Orlovsky to Han Dok Su\n\n{HEADER}{TAIL}"
    rec = parse_page(text, path="t.txt")
    sent, recv = rec.events
    assert (sent.kind, sent.clock_place, sent.clock_basis, sent.utc_offset) == ("sent", "Moscow", "stated", 240)
    assert (recv.kind, recv.clock_place, recv.utc_offset) == ("received", "Pyongyang", 540)

    def utc(ev: object) -> dt.datetime:
        return dt.datetime.combine(ev.date, ev.time) - dt.timedelta(minutes=ev.utc_offset)  # type: ignore[attr-defined]

    assert utc(sent) == dt.datetime(1985, 6, 30, 23, 30)
    assert utc(recv) == dt.datetime(1985, 7, 1, 0, 0)
    assert utc(recv) > utc(sent)
