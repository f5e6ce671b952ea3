"""Which UTC offset a clock reading had: the local time of a named place, on the day it was read.

A header time reads the clock of a place ("Moscow time", "local time" of the place a telegram was sent from). The
offset of that clock changes over the years and seasons (Moscow summer time from 1981, Beijing summer time
1986-1991, Seoul's half-hour zone in the 1950s, daylight saving time in Washington), so it is looked up in the
historical time-zone database (``zoneinfo``, from the system or the ``tzdata`` package) for the date and time read.
A place not listed here, or a reading without a date, has no known offset: its time is kept as written and never
compared with another clock's.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# the time zone whose history each place's clocks followed (1945-1991); names as the pages write them
CLOCK_ZONES: dict[str, str] = {
    "Moscow": "Europe/Moscow", "Leningrad": "Europe/Moscow", "Kremlin": "Europe/Moscow",
    "Pyongyang": "Asia/Pyongyang", "Kaesong": "Asia/Pyongyang", "Wonsan": "Asia/Pyongyang",
    "Seoul": "Asia/Seoul", "Busan": "Asia/Seoul", "Pusan": "Asia/Seoul", "Panmunjom": "Asia/Seoul",
    "Beijing": "Asia/Shanghai", "Peking": "Asia/Shanghai", "Peiping": "Asia/Shanghai", "Shanghai": "Asia/Shanghai",
    "Harbin": "Asia/Shanghai", "Nanjing": "Asia/Shanghai", "Nanking": "Asia/Shanghai", "Tianjin": "Asia/Shanghai",
    "Guangzhou": "Asia/Shanghai", "Canton": "Asia/Shanghai", "Shenyang": "Asia/Shanghai", "Mukden": "Asia/Shanghai",
    "Dalian": "Asia/Shanghai", "Dairen": "Asia/Shanghai", "Port Arthur": "Asia/Shanghai", "Wuhan": "Asia/Shanghai",
    "Hong Kong": "Asia/Hong_Kong", "Taipei": "Asia/Taipei", "Tokyo": "Asia/Tokyo",
    "Vladivostok": "Asia/Vladivostok", "Khabarovsk": "Asia/Vladivostok", "Chita": "Asia/Chita",
    "Ulan Bator": "Asia/Ulaanbaatar", "Ulaanbaatar": "Asia/Ulaanbaatar",
    "Hanoi": "Asia/Bangkok", "Haiphong": "Asia/Bangkok", "Saigon": "Asia/Ho_Chi_Minh",
    "Phnom Penh": "Asia/Phnom_Penh", "Vientiane": "Asia/Vientiane", "Rangoon": "Asia/Yangon",
    "Jakarta": "Asia/Jakarta", "Delhi": "Asia/Kolkata", "New Delhi": "Asia/Kolkata", "Karachi": "Asia/Karachi",
    "Kabul": "Asia/Kabul", "Tehran": "Asia/Tehran", "Baghdad": "Asia/Baghdad", "Damascus": "Asia/Damascus",
    "Beirut": "Asia/Beirut", "Ankara": "Europe/Istanbul", "Cairo": "Africa/Cairo", "Tashkent": "Asia/Tashkent",
    "Alma-Ata": "Asia/Almaty", "Almaty": "Asia/Almaty", "Tbilisi": "Asia/Tbilisi", "Minsk": "Europe/Minsk",
    "Berlin": "Europe/Berlin", "Bonn": "Europe/Berlin", "Warsaw": "Europe/Warsaw", "Prague": "Europe/Prague",
    "Budapest": "Europe/Budapest", "Bucharest": "Europe/Bucharest", "Sofia": "Europe/Sofia",
    "Belgrade": "Europe/Belgrade", "Tirana": "Europe/Tirane", "Vienna": "Europe/Vienna", "Geneva": "Europe/Zurich",
    "Paris": "Europe/Paris", "Rome": "Europe/Rome", "London": "Europe/London", "Helsinki": "Europe/Helsinki",
    "Stockholm": "Europe/Stockholm", "Madrid": "Europe/Madrid", "Lisbon": "Europe/Lisbon",
    "The Hague": "Europe/Amsterdam", "Brussels": "Europe/Brussels",
    "Washington": "America/New_York", "Washington, DC": "America/New_York", "New York": "America/New_York",
    "Ottawa": "America/Toronto", "Havana": "America/Havana", "Mexico City": "America/Mexico_City",
}
# Kiev's zone was renamed Kyiv in 2022; older zone data knows only the old name
_ALTERNATIVES = {"Kiev": ("Europe/Kyiv", "Europe/Kiev"), "Kyiv": ("Europe/Kyiv", "Europe/Kiev")}


def clock_zone(place: str | None) -> ZoneInfo | None:
    """The time zone of a place's clocks, or None when the place is not known here."""
    if not place:
        return None
    return _zone(place.strip())


@lru_cache(maxsize=256)
def _zone(place: str) -> ZoneInfo | None:
    keys = _ALTERNATIVES.get(place) or ((CLOCK_ZONES[place],) if place in CLOCK_ZONES else ())
    for key in keys:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def clock_offset(place: str | None, date: dt.date | None, time: dt.time | None = None) -> int | None:
    """Minutes east of UTC of the local clock of ``place`` on ``date`` at ``time`` (noon when no time is given).
    None when the place is unknown or there is no date (the offset of a clock with summer time depends on it)."""
    zone = clock_zone(place)
    if zone is None or date is None:
        return None
    local = dt.datetime.combine(date, time or dt.time(12, 0)).replace(tzinfo=zone)
    off = local.utcoffset()
    return None if off is None else int(off.total_seconds() // 60)


def known_clock(place: str | None) -> bool:
    """Whether a place's clock has a known history here (its offset can be looked up for a date)."""
    return clock_zone(place) is not None
