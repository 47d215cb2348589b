"""Time handling: parse what users type, store UTC, show local. Aware datetimes only."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from incident.errors import UsageError


def utcnow() -> datetime:
    """The one clock of the command line; the core takes ``now`` as an argument."""
    return datetime.now(UTC)


def system_zone() -> str:
    """The system's IANA time zone name, or UTC when it cannot be found."""
    try:
        import tzlocal

        name = str(tzlocal.get_localzone_name() or "UTC")
        ZoneInfo(name)
        return name
    except Exception:  # tzlocal raises several kinds when the system has no zone set
        return "UTC"


def zone(name: str) -> ZoneInfo:
    """A ZoneInfo for ``name`` or a one-line error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError.said("time.zone", "time.zone-hint", values={"value": name}) from exc


SKEW = timedelta(minutes=5)  # a clock this far ahead is still "now", not the future
_CLOCK = re.compile(r"(\d{1,2})[:：](\d{2})")
# 下午3点 / 晚上9点半 / 上午10点15分 / 下午三点: a Chinese clock time, made "15:00" for the parser.
_CN_CLOCK = re.compile(
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*([0-9零〇一二两三四五六七八九十]{1,3})\s*[点點时時]"
    r"\s*(?:([0-9零〇一二两三四五六七八九十]{1,3})\s*分?|(半))?"
)
# 两小时前 / 三天前: Chinese numerals before a unit, made digits for the parser.
_CN_COUNT = re.compile(
    r"([零〇一二两三四五六七八九十]{1,3})(?=\s*个?\s*(?:小时|鐘頭|钟头|分钟|分鐘|天|日|周|星期))"
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_AFTERNOON = ("下午", "傍晚", "晚上", "夜里")


def parse_time(
    text: str, tz: str, now: datetime | None = None, *, field: str | None = None
) -> datetime:
    """What the user typed as an aware UTC instant; a time without an offset is in zone ``tz``.

    Read: ISO-8601 (``2026-11-25T14:05``, with or without an offset), ``HH:MM`` (today in
    ``tz``), and what a person says: ``yesterday 15:00``, ``3 hours ago``, ``昨天 15:00``,
    ``下午3点``, ``2小时前``. The last are read by dateparser, imported only for them. Given
    ``now``, a time more than a few minutes after it is refused, showing the time understood;
    without it, relative forms count from the system clock and nothing is refused as future
    (a replayed scenario's times are its own).
    """
    raw = text.strip()
    check_future = now is not None
    now = now or utcnow()
    value = _iso(raw, tz) or _clock(raw, tz, now) or _spoken(raw, tz, now)
    if value is None:
        raise UsageError.said(
            "time.unreadable",
            "time.hint",
            values={"value": raw},
            field=field,
        )
    if check_future and value > now + SKEW:
        raise UsageError.said(
            "time.future",
            "time.future-hint",
            values={"value": raw, "understood": fmt_local(value, tz), "now": fmt_local(now, tz)},
            field=field,
        )
    return value


def _iso(raw: str, tz: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if " " in raw else raw)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.astimezone(UTC)


def _clock(raw: str, tz: str, now: datetime) -> datetime | None:
    """``16:05``: that time today in ``tz``."""
    match = _CLOCK.fullmatch(raw)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    today = now.astimezone(zone(tz))
    return today.replace(
        hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0
    ).astimezone(UTC)


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = _CN_DIGITS.get(tens, -99) if tens else 1
        low = _CN_DIGITS.get(ones, -99) if ones else 0
        return high * 10 + low if high >= 0 and low >= 0 else None
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def _cn_clock(match: re.Match[str]) -> str:
    period, hour_text, minute_text, half = match.groups()
    hour = _cn_number(hour_text)
    minute = 30 if half else (_cn_number(minute_text) if minute_text else 0)
    if hour is None or minute is None or hour > 24 or minute > 59:
        return match[0]
    if (period in _AFTERNOON and hour < 12) or (period == "中午" and hour < 11):
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    return f" {hour % 24:02d}:{minute:02d}"


def _cn_count(match: re.Match[str]) -> str:
    number = _cn_number(match[1])
    return match[0] if number is None else str(number)


def _guess(said: str) -> bool:
    """Forms a parser would only guess at: no number at all ("yesterday": at what time?),
    a bare number ("12": a day? a year?), a date that is not year-month-day ("01/02/2026"),
    or a year-month-day that is no date ("2026-13-01")."""
    if not any(ch.isdigit() for ch in said) or said.isdigit() or _NUMERIC_DATE.search(said):
        return True
    ymd = _YMD.match(said)
    if ymd:
        try:
            datetime(int(ymd[1]), int(ymd[2]), int(ymd[3]))
        except ValueError:
            return True
    return False


def _spoken(raw: str, tz: str, now: datetime) -> datetime | None:
    """``yesterday 15:00``, ``2小时前``...: read by dateparser in English and Chinese."""
    said = _CN_CLOCK.sub(_cn_clock, raw).strip()
    said = _CN_COUNT.sub(_cn_count, said)
    if said != raw and (clock := _clock(said.replace("今天", "").strip(), tz, now)):
        return clock
    if _guess(said):
        return None
    import dateparser  # only here: --help, status and ISO input never load it

    local_now = now.astimezone(zone(tz))
    value = dateparser.parse(
        said,
        languages=["en", "zh"],
        settings={
            "TIMEZONE": tz,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
            "DATE_ORDER": "YMD",
        },
    )
    return value.astimezone(UTC) if value is not None else None


def local(value: datetime, tz: str) -> datetime:
    return value.astimezone(zone(tz))


def fmt_local(value: datetime, tz: str) -> str:
    """``2026-11-25 14:05 CST`` style: what a person reads."""
    loc = local(value, tz)
    return loc.strftime("%Y-%m-%d %H:%M ") + (loc.tzname() or tz)


def fmt_local_offset(value: datetime, tz: str) -> str:
    """``2026-11-25 14:05 +08:00``: local time with its numeric offset, never an abbreviation
    that could name two zones (CST is China's and America's)."""
    loc = local(value, tz)
    offset = loc.strftime("%z")
    return loc.strftime("%Y-%m-%d %H:%M ") + f"{offset[:3]}:{offset[3:]}"


def fmt_utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def fmt_offset(delta: timedelta) -> str:
    """``T+01:05`` (hours:minutes since discovery), days added when long."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total) // 60
    days, rem = divmod(total, 24 * 60)
    hours, minutes = divmod(rem, 60)
    if days:
        return f"T{sign}{days}d{hours:02d}:{minutes:02d}"
    return f"T{sign}{hours:02d}:{minutes:02d}"


def fmt_duration(delta: timedelta) -> str:
    """``2h 05m`` / ``3d 4h`` for clocks and 'overdue by'."""
    total = max(0, int(delta.total_seconds())) // 60
    days, rem = divmod(total, 24 * 60)
    hours, minutes = divmod(rem, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m"
