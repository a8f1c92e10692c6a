"""'Today' for the as-of default: the date in Asia/Shanghai (UTC+8, no daylight saving since
1991, so a fixed offset is exact and needs no time-zone database).  Only the CLI calls
this; everything below it takes the date as a parameter."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def today_in_china(now: datetime | None = None) -> date:
    moment = now or datetime.now(timezone.utc)
    return moment.astimezone(CHINA).date()
