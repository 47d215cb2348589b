"""Time handling: parse what users type, store UTC, show local. Aware datetimes only."""

from __future__ import annotations

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
        raise UsageError(
            f"unknown time zone {name!r}", "use an IANA name such as Asia/Shanghai or UTC"
        ) from exc


def parse_time(text: str, tz: str) -> datetime:
    """Parse ISO-8601 ``text``; without an offset it is read in zone ``tz``. Returns UTC."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if " " in raw else raw)
    except ValueError as exc:
        raise UsageError(
            f"cannot read time {text!r}",
            "use ISO-8601 such as 2026-11-25T14:05 or 2026-11-25T14:05+08:00",
        ) from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.astimezone(UTC)


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
