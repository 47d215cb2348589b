"""Speed budgets: every case is timed against a baseline measured in the same run.

    python bench/run.py                  # every case; writes bench/RESULTS.md
    python bench/run.py status verify    # only these cases; prints, writes nothing
    python bench/run.py report --record  # only these; their rows replace theirs in RESULTS.md

Cases: help, append, status, verify, report, bundle, import, fixed (a note of the fixed
costs). Data is built in a temporary INCIDENT_HOME
(passphrase key) and removed afterwards. Each command runs as a child process
(posix_spawn + wait4, which also gives that child's peak memory); the figure is the
median of several runs after one warm-up run, baseline and figure runs interleaved so
that a busy neighbour slows both alike.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
PYTHON = sys.executable
# The console script next to this interpreter: a pyenv or asdf shim in front of it would
# add its own start-up (a shell script) to every run and hide what incident costs.
SCRIPT = str(Path(sys.executable).with_name("incident"))
if not Path(SCRIPT).exists():
    SCRIPT = shutil.which("incident") or "incident"


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    output: str


@dataclass
class Row:
    case: str
    figure: str
    baseline: str
    ratio: str
    budget: str
    ok: bool


def spawn(args: list[str], env: dict[str, str], scratch: Path) -> Run:
    """Run ``args`` to the end; its wall time, peak RSS and output (stdout and stderr)."""
    out = scratch / "child.out"
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    exe = args[0] if os.sep in args[0] else shutil.which(args[0]) or args[0]
    started = time.perf_counter()
    pid = os.posix_spawn(exe, args, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    text = out.read_text(encoding="utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} exited {code}:\n{text}")
    return Run(seconds, usage.ru_maxrss / 1024, text)


class Bench:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.scratch = home / "scratch"
        self.scratch.mkdir()
        self.env = dict(os.environ)
        self.env.update(
            INCIDENT_HOME=str(home / "data"),
            INCIDENT_PASSPHRASE="bench passphrase",
            INCIDENT_LOCK_TIMEOUT="30",
        )
        self.env.pop("INCIDENT_DEBUG", None)
        # Compiled bytecode, as an installed wheel has it; kept out of the source tree.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
        self.sessions: dict[int, str] = {}
        self.parent_rss = 0  # KiB
        self.elapsed: dict[str, float] = {}
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def run(self, args: list[str]) -> Run:
        # A spawned child's ru_maxrss starts from this process's RSS: keep track of it.
        self.parent_rss = max(self.parent_rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return spawn(args, self.env, self.scratch)

    def build(self, *args: str) -> dict[str, Any]:
        """Make data with bench/data.py in a child process; what it prints (JSON)."""
        made: dict[str, Any] = json.loads(self.run([PYTHON, str(HERE / "data.py"), *args]).output)
        return made

    def pair(
        self, figure: list[str], baseline: list[str], runs: int, warm_figure: bool = True
    ) -> tuple[list[Run], list[Run]]:
        """Warm both up once (the baseline alone when the figure is a long run of the same
        code), then alternate them ``runs`` times."""
        if warm_figure:
            self.run(figure)
        self.run(baseline)
        a: list[Run] = []
        b: list[Run] = []
        for _ in range(runs):
            a.append(self.run(figure))
            b.append(self.run(baseline))
        return a, b

    def timed(
        self,
        case: str,
        figure: list[Run],
        baseline: list[Run],
        *,
        max_ratio: float | None = None,
        under: float | None = None,
        label: str = "",
        paired: bool = False,
    ) -> None:
        """A row of run times: medians, with the range of the runs in brackets.

        ``paired``: the ratio is the median of each figure run over the baseline run right
        after it, which a neighbour's load changing from minute to minute moves far less
        than the ratio of the two medians (long runs on a shared machine).
        """
        ratio = None
        if paired:
            ratio = statistics.median(
                f.seconds / b.seconds for f, b in zip(figure, baseline, strict=True)
            )
        self.add(
            case,
            median(figure),
            median(baseline),
            max_ratio=max_ratio,
            under=under,
            label=label,
            spread=(_range(figure), _range(baseline)),
            ratio=ratio,
        )

    def add(
        self,
        case: str,
        figure: float,
        baseline: float,
        *,
        max_ratio: float | None = None,
        under: float | None = None,
        unit: str = "s",
        label: str = "",
        spread: tuple[str, str] = ("", ""),
        ratio: float | None = None,
    ) -> None:
        """A row: ``figure`` and ``baseline``; passes when figure / baseline <= ``max_ratio``,
        or when the figure itself is under ``under``."""
        ratio = figure / baseline if ratio is None else ratio
        if max_ratio is not None:
            ok, budget = ratio <= max_ratio, f"<= {max_ratio:g}x"
        else:
            assert under is not None
            ok, budget = figure < under, f"< {_fmt(under, unit)}"
        self.rows.append(
            Row(
                case,
                _fmt(figure, unit) + spread[0],
                _fmt(baseline, unit) + spread[1] + label,
                f"{ratio:.2f}x",
                budget,
                ok,
            )
        )
        self.print_row(self.rows[-1])

    def check(self, case: str, figure: str, budget: str, ok: bool, baseline: str = "") -> None:
        self.rows.append(Row(case, figure, baseline, "", budget, ok))
        self.print_row(self.rows[-1])

    @staticmethod
    def print_row(row: Row) -> None:
        verdict = "PASS" if row.ok else "FAIL"
        print(
            f"{row.case:<38} {row.figure:>24} {row.baseline:>40} {row.ratio:>7} "
            f"{row.budget:>10}  {verdict}",
            flush=True,
        )


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:g} {unit}" if value == int(value) else f"{value:.0f} {unit}"


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def _range(runs: list[Run]) -> str:
    low, high = min(r.seconds for r in runs), max(r.seconds for r in runs)
    return f" ({low:.2f}-{high:.2f})"


# -- cases ----------------------------------------------------------------------------------
def case_help(b: Bench) -> None:
    fig, base = b.pair([SCRIPT, "--help"], [PYTHON, "-c", "import click"], runs=9)
    b.timed("incident --help", fig, base, max_ratio=1.3, label=" import click")


def _sessions(b: Bench, sizes: tuple[int, ...]) -> dict[int, str]:
    """Sessions of these sizes, built once per run (append adds a few events: no matter)."""
    for size in sizes:
        if size not in b.sessions:
            made = b.build("sessions", str(size))
            b.sessions[size] = made[str(size)]
            print(f"  (built a session of {size:,} events in {made['seconds']:.1f} s)", flush=True)
    return b.sessions


def case_append(b: Bench) -> None:
    ids = _sessions(b, (10, 10_000))

    def add(sid: str) -> list[str]:
        return [SCRIPT, "evidence", "add", "--session", sid, "--note", "Called the bank again."]

    big, small = b.pair(add(ids[10_000]), add(ids[10]), runs=7)
    b.timed("evidence add, 10k events", big, small, max_ratio=1.2, label=" 10 events")


def case_status(b: Bench) -> None:
    ids = _sessions(b, (10, 10_000))
    big, small = b.pair(
        [SCRIPT, "status", "--session", ids[10_000]],
        [SCRIPT, "status", "--session", ids[10]],
        runs=9,
    )
    b.timed("status, 10k events", big, small, max_ratio=1.5, label=" 10 events")


def case_verify(b: Bench) -> None:
    ids = _sessions(b, (10, 10_000, 100_000))
    big, small = b.pair(
        [SCRIPT, "verify", "--json", "--session", ids[10_000]],
        [SCRIPT, "verify", "--json", "--session", ids[10]],
        runs=9,
    )
    b.timed("verify, 10k events", big, small, max_ratio=2.0, label=" 10 events")
    big, small = b.pair(
        [SCRIPT, "verify", "--json", "--session", ids[100_000]],
        [SCRIPT, "verify", "--json", "--session", ids[10]],
        runs=3,
        warm_figure=False,
    )  # 3 runs: a 3-4 s case, not a fast one
    entries = json.loads(big[0].output[big[0].output.index("{") :])["entries"]
    assert entries == 100_000, entries
    b.timed("verify, 100k events", big, small, under=5.0, label=" 10 events")


def _jpegs_embedded_as_is(pdf: Path, images: list[str]) -> tuple[int, int]:
    """How many JPEG screenshots appear byte for byte as a DCT image stream in ``pdf``."""
    import hashlib

    from pypdf import PdfReader

    wanted = {
        hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in images if p.endswith(".jpg")
    }
    found = set()
    for page in PdfReader(pdf).pages:
        resources: Any = page.get("/Resources")
        xobjects: Any = resources.get_object().get("/XObject") if resources else None
        for ref in (xobjects.get_object() if xobjects else {}).values():
            obj = ref.get_object()
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
            if "/DCTDecode" in names:
                found.add(hashlib.sha256(obj.get_data()).hexdigest())
    return len(wanted & found), len(wanted)


def _attached_bytes(pdf: Path) -> int:
    """Bytes of the files attached to ``pdf`` (its /EmbeddedFiles), each file once."""
    import hashlib

    from pypdf import PdfReader

    # pypdf lists a file under each of its names (/F and /UF): count distinct contents.
    files = {
        hashlib.sha256(data).digest(): len(data)
        for blobs in PdfReader(pdf).attachments.values()
        for data in blobs
    }
    return sum(files.values())


def _report_pair(
    b: Bench, made: dict[str, Any], shots: int, runs: int
) -> tuple[list[Run], list[Run], Path, dict[str, Any]]:
    """Time ``incident report`` on a session built by bench/data.py against the baseline
    laying out its plain twin; figure and baseline runs alternate."""
    content = made[str(shots)]["plain"]
    plain = b.scratch / f"report-{shots}.json"
    plain.write_text(json.dumps(content), encoding="utf-8")
    ours, bare = b.scratch / f"incident-{shots}.pdf", b.scratch / f"baseline-{shots}.pdf"
    figure = [SCRIPT, "report", "--session", made[str(shots)]["session"], "-o", str(ours)]
    baseline = [PYTHON, str(HERE / "baseline_report.py"), str(plain), str(bare), made["font"]]
    fig: list[Run] = []
    base: list[Run] = []
    for _ in range(runs):
        ours.unlink(missing_ok=True)  # -o never has to replace a file
        fig.append(b.run(figure))
        base.append(b.run(baseline))
    return fig, base, ours, content


# The report against bare reportlab laying out the same content (bench/baseline_report.py,
# unchanged): the report lays out each cell once and draws one-line cells as strings, so it
# must beat the baseline clearly with 50 screenshots. With 100, images (passed through by
# both) weigh more and the ratio moves towards 1.
REPORT_RATIO = {50: 0.6, 100: 0.75}


def _report_timed(
    b: Bench, made: dict[str, Any], shots: int
) -> tuple[float, float, Path, list[str]]:
    fig, base, pdf, content = _report_pair(b, made, shots, runs=3)
    name = f"report, {shots} screenshots"
    t_fig, t_base = median(fig), median(base)
    b.timed(
        f"{name}: time",
        fig,
        base,
        max_ratio=REPORT_RATIO[shots],
        label=" bare reportlab",
        paired=True,
    )
    rss = max(r.max_rss_mb for r in fig)
    b.add(
        f"{name}: peak RSS",
        rss,
        max(r.max_rss_mb for r in base),
        under=300,
        unit="MB",
        label=" bare reportlab",
    )
    return t_fig, t_base, pdf, content["images"]


def _report_file(b: Bench, shots: int, pdf: Path, images: list[str]) -> None:
    name = f"report, {shots} screenshots"
    image_bytes = sum(Path(p).stat().st_size for p in images)
    limit = 1.1 * image_bytes + 1024 * 1024
    size = pdf.stat().st_size
    b.check(
        f"{name}: file size",
        f"{size / 2**20:.1f} MB",
        f"<= {limit / 2**20:.1f} MB",
        size <= limit,
        f"images {image_bytes / 2**20:.1f} MB",
    )
    same, total = _jpegs_embedded_as_is(pdf, images)
    b.check(f"{name}: JPEGs not re-encoded", f"{same}/{total}", "all", same == total)
    attached = _attached_bytes(pdf)
    if attached:
        b.notes.append(
            f"{name}: files attached to the PDF (/EmbeddedFiles) take "
            f"{attached / 2**20:.1f} MB of its {size / 2**20:.1f} MB."
        )


def case_report(b: Bench) -> None:
    # A small session first, to warm up (bytecode, font, both image paths).
    _report_pair(b, b.build("report", "10", str(b.home / "shots"), "2"), 2, runs=1)
    made = b.build("report", "1000", str(b.home / "shots"), "50", "100")
    print(
        f"  (built 1,000-entry sessions with 50 and 100 screenshots in {made['seconds']:.1f} s)",
        flush=True,
    )
    fig50, base50, pdf50, images50 = _report_timed(b, made, 50)
    fig100, base100, pdf100, images100 = _report_timed(b, made, 100)
    # Linear growth: T = a + b * shots gives T100 / T50 <= 2 whatever the fixed part a.
    growth, bare = fig100 / fig50, base100 / base50
    b.check(
        "report time, 100 / 50 screenshots",
        f"{growth:.2f}x",
        "<= 2x (linear)",
        growth <= 2.0,
        f"{bare:.2f}x bare reportlab",
    )
    large = _report_large(b)
    # After all timing: reading the PDFs here grows this process, and a spawned child's
    # peak RSS starts from its parent's.
    _report_file(b, 50, pdf50, images50)
    _report_file(b, 100, pdf100, images100)
    _report_large_file(b, large)


def _report_large(b: Bench) -> Path:
    """100,000 entries (60% transactions): past the row limit the report summarises and
    attaches CSV files; absolute budgets, with `status` on the same session for scale."""
    sid = _sessions(b, (100_000,))[100_000]
    pdf = b.scratch / "incident-100k.pdf"
    figure = [SCRIPT, "report", "--session", sid, "-o", str(pdf)]
    fig: list[Run] = []
    base: list[Run] = []
    for _ in range(3):
        pdf.unlink(missing_ok=True)  # -o never has to replace a file
        fig.append(b.run(figure))
        base.append(b.run([SCRIPT, "status", "--session", sid]))
    name = "report, 100k entries"
    b.timed(f"{name}: time", fig, base, under=60.0, label=" status")
    b.add(
        f"{name}: peak RSS",
        max(r.max_rss_mb for r in fig),
        max(r.max_rss_mb for r in base),
        under=500,
        unit="MB",
        label=" status",
    )
    return pdf


def _report_large_file(b: Bench, pdf: Path) -> None:
    from pypdf import PdfReader

    name = "report, 100k entries"
    reader = PdfReader(pdf)
    files = sorted(n for n in reader.attachments if not n.startswith("L"))
    b.check(
        f"{name}: lists attached as CSV",
        ", ".join(files),
        "all five",
        len(files) == 5,
        f"{len(reader.pages)} pages, {pdf.stat().st_size / 2**20:.1f} MB",
    )


# What every command pays before it does anything: its imports, and (passphrase keys) scrypt.
_FIXED = """
import json, sys, time
t0 = time.perf_counter()
import incident.playbook.schema
t1 = time.perf_counter()
import incident.cli, incident.core.store, incident.core.status
t2 = time.perf_counter()
from incident.journal import keys
salt = bytes(16)
keys._scrypt("bench passphrase", salt, keys.SCRYPT_N)
t3 = time.perf_counter()
print(json.dumps({"schema": t1 - t0, "imports": t2 - t0, "scrypt": t3 - t2}))
"""


def case_fixed(b: Bench) -> None:
    """Not a budget: the fixed costs under every figure above, as notes."""
    runs = [json.loads(b.run([PYTHON, "-c", _FIXED]).output) for _ in range(6)][1:]
    imports = statistics.median(r["imports"] for r in runs)
    schema = statistics.median(r["schema"] for r in runs)
    scrypt = statistics.median(r["scrypt"] for r in runs)
    b.notes.append(
        f"Fixed costs of every command (median of 5 runs after a warm-up): imports "
        f"{imports:.2f} s, of which incident.playbook.schema (pydantic models) {schema:.2f} s; "
        f"scrypt for a passphrase key {scrypt:.2f} s. A command on 10 events is mostly these."
    )
    print(f"  ({b.notes[-1]})", flush=True)


def case_bundle(b: Bench) -> None:
    """The case file against the PDF with the originals attached, which it contains."""
    made = b.build("report", "1000", str(b.home / "shots"), "50")
    sid = made["50"]["session"]
    case, pdf = b.scratch / "case.zip", b.scratch / "originals.pdf"
    figure = [SCRIPT, "bundle", "--session", sid, "-o", str(case)]
    baseline = [SCRIPT, "report", "--attach-originals", "--session", sid, "-o", str(pdf)]
    fig: list[Run] = []
    base: list[Run] = []
    for i in range(4):  # the first pair warms up (bytecode, font) and is not counted
        case.unlink(missing_ok=True)  # neither command replaces a file
        pdf.unlink(missing_ok=True)
        one, two = b.run(figure), b.run(baseline)
        if i:
            fig.append(one)
            base.append(two)
    name = "bundle, 1,000 entries, 50 screenshots"
    b.timed(f"{name}: time", fig, base, max_ratio=1.5, label=" report --attach-originals")
    b.add(
        f"{name}: peak RSS",
        max(r.max_rss_mb for r in fig),
        max(r.max_rss_mb for r in base),
        under=300,
        unit="MB",
        label=" report --attach-originals",
    )


def _withdrawal_history(path: Path, rows: int) -> None:
    """A Binance withdrawal history of ``rows`` rows: TRON and Ethereum, every TxID distinct."""
    tron, eth = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    lines = ["Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"]
    for i in range(rows):
        when = f"2026-11-{1 + i // 86400 % 28:02d} {i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        if i % 4:
            lines.append(f"{when},USDT,TRX,{i + 1}.{i % 97:02d},1,{tron},{i:064x},Completed")
        else:
            lines.append(f"{when},ETH,ETH,0.{i + 1:06d},0.0004,{eth},0x{i:064x},Completed")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def case_import(b: Bench) -> None:
    """Import a 10,000-row withdrawal history into a new session, against verify on the result."""
    rows = 10_000
    export = b.scratch / "Withdraw_History.csv"
    _withdrawal_history(export, rows)

    def new_session() -> str:
        made = b.run(
            [
                SCRIPT,
                "start",
                "--playbook",
                "crypto-exchange",
                "--platform",
                "Binance",
                "--account",
                "bench@example.com",
                "--tz",
                "UTC",
                "--no-run",
                "--json",
            ]
        )
        return str(json.loads(made.output[made.output.index("{") :])["session_id"])

    imports: list[Run] = []
    verifies: list[Run] = []
    for attempt in range(6):  # the first pair warms up; five pairs are timed
        sid = new_session()
        done = b.run([SCRIPT, "evidence", "import", str(export), "--session", sid, "--yes"])
        assert f"Recorded {rows:,} transaction(s)" in done.output or (
            f"Recorded {rows} transaction(s)" in done.output
        ), done.output[-500:]
        checked = b.run([SCRIPT, "verify", "--json", "--session", sid])
        entries = json.loads(checked.output[checked.output.index("{") :])["entries"]
        assert entries == rows + 2, entries  # start, the file's note, the rows
        if attempt:
            imports.append(done)
            verifies.append(checked)
    b.timed("import 10k-row history", imports, verifies, max_ratio=2.0, label=" verify result")
    peak = max(r.max_rss_mb for r in imports)
    b.add("import 10k-row history: peak RSS", peak, 200, under=200, unit="MB", label="")


CASES: dict[str, Callable[[Bench], None]] = {
    "help": case_help,
    "append": case_append,
    "status": case_status,
    "verify": case_verify,
    "report": case_report,
    "bundle": case_bundle,
    "import": case_import,
    "fixed": case_fixed,
}


# -- the record -----------------------------------------------------------------------------
def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Memory": memory,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "OS": platform.platform(),
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# The rows each case writes, by the start of their name (to merge a partial run's rows).
ROWS_OF = {
    "help": ("incident --help",),
    "append": ("evidence add",),
    "status": ("status,",),
    "verify": ("verify,",),
    "report": ("report",),
    "fixed": (),
}


def earlier_rows(rerun: list[str]) -> list[Row]:
    """The rows of RESULTS.md that the cases in ``rerun`` do not write again."""
    if not RESULTS.exists():
        return []
    fresh = tuple(p for case in rerun for p in ROWS_OF[case])
    rows = []
    for line in RESULTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] in ("Case", "---") or cells[0].startswith(fresh):
            continue
        case, figure, baseline, ratio, budget, result = cells
        if not baseline.endswith("(earlier run)"):
            baseline += " (earlier run)"
        rows.append(Row(case, figure, baseline, ratio, budget, result == "PASS"))
    return rows


def write_results(b: Bench, info: dict[str, str], load_before: str, seconds: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `python bench/run.py`; every figure is compared with a baseline measured "
        "in the same run: the median of 9 runs (--help, status, verify on 10,000 events), 7 "
        "(append) or 3 (verify on 100,000 events, report), figure and baseline runs "
        "alternating after a warm-up; in brackets the fastest and slowest run. Rows marked "
        "'earlier run' were kept from the last run that measured them (`--record` on a "
        "subset of cases).",
        "",
        "| Case | Figure | Baseline | Ratio | Budget | Result |",
        "|---|---|---|---|---|---|",
    ]
    for r in b.rows:
        lines.append(
            f"| {r.case} | {r.figure} | {r.baseline} | {r.ratio} | {r.budget} | "
            f"{'PASS' if r.ok else 'FAIL'} |"
        )
    lines += ["", "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines += [
        f"- Load average before / after: {load_before} / {load()}",
        f"- Peak RSS of bench/run.py itself when it started a child: "
        f"{b.parent_rss / 1024:.0f} MB (a floor under the children's RSS figures)",
        f"- Whole run: {seconds:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in b.elapsed.items())
        + ")",
        "",
        "## How",
        "",
    ]
    lines += [
        f"- `incident` is the console script next to the interpreter ({SCRIPT}), not a "
        "version-manager shim.",
        "- Sessions of 10,000 and 100,000 events are written in one pass with the journal's "
        "own sealing code (bench/data.py); the timed commands are the real CLI.",
        "- Children run with bytecode caching on (PYTHONPYCACHEPREFIX in the temporary "
        "folder, filled by the warm-up run), as after a wheel install; this machine sets "
        "PYTHONDONTWRITEBYTECODE, which would otherwise recompile incident on every run.",
        "- Peak RSS is the child's own ru_maxrss (os.wait4). The data is built by a separate "
        "child (bench/data.py), so the parent stays small: a spawned child's ru_maxrss "
        "starts from its parent's RSS.",
        "- Baseline report: bench/baseline_report.py, bare reportlab laying out the same "
        "tables (rows, columns, cell text, font) and images as the report, from plain JSON. "
        "The report's ratio is the median of the ratios of each report run to the baseline "
        "run right after it (the load of a shared machine changes from minute to minute).",
        "- Report file size budget: 1.1 x the screenshots' bytes + 1 MB; 'JPEGs not "
        "re-encoded' compares each JPEG's SHA-256 with the PDF's DCT image streams.",
        "- Report, 100k entries: the session of verify's 100,000 events (60% transactions, "
        "each to its own address); past 2,000 rows a listing is summarised and attached as "
        "CSV, so the time and memory are absolute budgets (60 s, 500 MB); `status` on the "
        "same session is shown for scale.",
    ]
    lines += [f"- {n}" for n in b.notes]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _merge(kept: list[Row], new: list[Row]) -> list[Row]:
    """Rows in the order of CASES: each case's rows, new or kept."""

    def case_of(row: Row) -> int:
        names = list(ROWS_OF)
        for i, name in enumerate(names):
            if ROWS_OF[name] and row.case.startswith(ROWS_OF[name]):
                return i
        return len(names)

    return sorted(kept + new, key=case_of)  # stable: rows of one case keep their order


def main(argv: list[str]) -> int:
    record = "--record" in argv
    argv = [a for a in argv if a != "--record"]
    chosen = argv or list(CASES)
    unknown = [c for c in chosen if c not in CASES]
    if unknown:
        print(f"unknown case(s) {', '.join(unknown)}; choose from {', '.join(CASES)}")
        return 2
    started, before, info = time.perf_counter(), load(), machine()
    print(f"{info['CPU']}, {info['Cores']} cores, Python {info['Python']}, load {before}")
    print(f"{'case':<38} {'figure':>24} {'baseline':>40} {'ratio':>7} {'budget':>10}  result")
    with tempfile.TemporaryDirectory(prefix="incident-bench-") as tmp:
        b = Bench(Path(tmp))
        for name in chosen:
            case_started = time.perf_counter()
            CASES[name](b)
            b.elapsed[name] = time.perf_counter() - case_started
    seconds = time.perf_counter() - started
    for note in b.notes:
        print(f"note: {note}")
    print(f"done in {seconds:.0f} s; load average now {load()}")
    if not argv or record:
        if argv:  # the other cases' rows stay as the last run that measured them wrote them
            kept = earlier_rows(chosen)
            b.rows = _merge(kept, b.rows)
        write_results(b, info, before, seconds)
        print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0 if all(r.ok for r in b.rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
