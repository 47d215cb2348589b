"""Sessions made for tests straight through the core (no command line, one process).

``make = SessionFactory(store)``; ``sid = make(evidence=[...])`` starts an OKX session in
Asia/Shanghai discovered three hours before ``now`` and records each draft, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from incident.core import actions
from incident.core.store import Store

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TXID = "9f" * 32


@dataclass
class SessionFactory:
    store: Store
    now: datetime = NOW

    def __call__(
        self,
        *,
        evidence: Sequence[actions.Draft] = (),
        files: Sequence[Path] = (),
        playbook: str = "crypto-exchange",
        platform: str = "OKX",
        account: str = "lin@example.com",
        tz: str = "Asia/Shanghai",
        lang: str = "en",
        discovered_ago: timedelta = timedelta(hours=3),
        started_ago: timedelta = timedelta(hours=2),
    ) -> str:
        """A new session with ``evidence`` recorded a minute apart (``files`` on the first)."""
        state = actions.start(
            self.store,
            playbook=playbook,
            platform=platform,
            account=account,
            now=self.now - started_ago,
            discovered_at=(self.now - discovered_ago).isoformat(),
            tz=tz,
            lang=lang,  # type: ignore[arg-type]
        )
        for i, draft in enumerate(evidence):
            at = self.now - started_ago + timedelta(minutes=i + 1)
            actions.add_evidence(self.store, state.id, draft, now=at, files=files if i == 0 else ())
        return state.id


def typical() -> list[actions.Draft]:
    """Two withdrawals (one on an unknown network), a note with markup, an official contact."""
    return [
        actions.transaction(
            time="2026-11-25 04:52",
            tx_type="withdrawal",
            asset="USDT",
            amount="1520.5",
            network="TRC20",
            txid=TXID,
            to_address="TVeaRKoEn9T7U9x9LEzWQwNBejcL6L48nP",
        ),
        actions.transaction(
            time="2026-11-25 05:10",
            tx_type="withdrawal",
            asset="XYZ",
            amount="3",
            network="Moonchain",
            txid="ab" * 20,
        ),
        actions.note("账户里的 USDT 全部被提走了。<b>not bold</b>"),
        actions.contact(
            channel="chat",
            summary="Asked for a freeze",
            ticket="T-123",
            url="https://www.okx.com/help",
        ),
    ]
