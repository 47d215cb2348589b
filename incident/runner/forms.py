"""The questions behind each kind of evidence; each returns a core builder and files.

Every answer is checked with the core's own parsers as it is typed (a time, an amount,
an asset, an IP address, a file), so a typo is asked again instead of losing the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from incident.catalog import t
from incident.core import actions
from incident.core.attachments import read_file
from incident.core.evidence import CHANNELS, TX_TYPES, parse_amount, parse_asset
from incident.core.state import SessionState
from incident.runner.ask import Ask
from incident.times import local, parse_time


@dataclass
class Filled:
    """A filled-in form: what to record, and the files to attach."""

    build: actions.Build
    files: list[Path] = field(default_factory=list)


def path_of(text: str) -> Path:
    """The path a user typed or dropped on the terminal (quotes and ``\\ `` escapes removed)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text.replace("\\ ", " ")).expanduser()


def _check_file(text: str) -> None:
    read_file(path_of(text))


def _files(ask: Ask) -> list[Path]:
    lang = ask.lang
    given = ask.text(t("runner.ask.optional-file", lang), check=_check_file)
    return [path_of(given)] if given else []


def _time(ask: Ask, state: SessionState, now: datetime) -> str:
    example = local(now, state.tz).strftime("%Y-%m-%d %H:%M")
    value = ask.text(
        t("runner.ask.time", ask.lang, example=example),
        required=True,
        check=lambda v: parse_time(v, state.tz),
    )
    assert value is not None
    return value


def note(ask: Ask) -> Filled:
    lang = ask.lang
    text = ask.text(t("runner.ask.note", lang), required=True)
    assert text is not None
    return Filled(actions.note(text))


def file(ask: Ask) -> Filled:
    lang = ask.lang
    given = ask.text(t("runner.ask.file", lang), required=True, check=_check_file)
    assert given is not None
    path = path_of(given)
    text = ask.text(t("runner.ask.description", lang), default=path.name)
    return Filled(actions.note(text or path.name), [path])


def transaction(ask: Ask, state: SessionState, now: datetime) -> Filled:
    lang = ask.lang
    when = _time(ask, state, now)
    tx_type = ask.choose(
        t("runner.ask.tx-type", lang), [(x, t(f"tx.{x}", lang)) for x in TX_TYPES], "withdrawal"
    )
    asset = ask.text(t("runner.ask.asset", lang), required=True, check=parse_asset)
    amount = ask.text(t("runner.ask.amount", lang), required=True, check=parse_amount)
    assert asset is not None and amount is not None
    build = actions.transaction(
        time=when,
        tx_type=tx_type,
        asset=asset,
        amount=amount,
        to_address=ask.text(t("runner.ask.to-address", lang)),
        txid=ask.text(t("runner.ask.txid", lang)),
        network=ask.text(t("runner.ask.network", lang)),
        note=ask.text(t("runner.ask.optional-note", lang)),
    )
    return Filled(build, _files(ask))


def login(ask: Ask, state: SessionState, now: datetime) -> Filled:
    lang = ask.lang
    when = _time(ask, state, now)
    ip = ask.text(t("runner.ask.ip", lang), check=lambda v: actions.login(time=when, ip=v))
    build = actions.login(
        time=when,
        ip=ip,
        device=ask.text(t("runner.ask.device", lang)),
        location=ask.text(t("runner.ask.location", lang)),
        note=ask.text(t("runner.ask.optional-note", lang)),
    )
    return Filled(build, _files(ask))


def contact(ask: Ask, state: SessionState) -> Filled:
    lang = ask.lang
    official = state.channels
    default = official[0].kind if official else "chat"
    channel = ask.choose(
        t("runner.ask.channel", lang), [(x, t(f"channel.{x}", lang)) for x in CHANNELS], default
    )
    address = next((c.address for c in official if c.kind == channel and c.kind != "phone"), None)
    summary = ask.text(t("runner.ask.summary", lang), required=True)
    assert summary is not None
    build = actions.contact(
        channel=channel,
        summary=summary,
        ticket=ask.text(t("runner.ask.ticket", lang)),
        agent=ask.text(t("runner.ask.agent", lang)),
        url=ask.text(t("runner.ask.url", lang), default=address),
    )
    return Filled(build, _files(ask))
