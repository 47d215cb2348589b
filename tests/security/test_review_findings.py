"""The security review's findings 4-10, each attack reproduced and shown refused with a
one-line message, nothing recorded lost and no file overwritten."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from click.testing import Result

from tests.conftest import Runner

SRC = Path(__file__).resolve().parents[2] / "incident"


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0, result.output
    err = result.stderr
    assert "Traceback" not in err
    errors = [x for x in err.splitlines() if x.startswith("Error: ")]
    assert len(errors) == 1 and err.strip().splitlines()[-1] == errors[0], err
    return errors[0]


# -- 6: one atomic writer, temp files nobody can guess or plant a link at ----------------
def test_one_atomic_writer_for_the_whole_project() -> None:
    """Only incident/paths.py renames temp files into place or makes them."""
    writers = {
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if re.search(
            r"os\.replace\(|os\.rename\(|mkstemp\(|\.rename\(|\.replace\(tmp", p.read_text()
        )
    }
    assert writers == {"paths.py"}, writers


def test_outputs_are_private_and_never_written_through_a_link(
    run: Runner, session: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file")
    out = tmp_path / "shared"
    out.mkdir(mode=0o777)
    planted = out / "report.json"
    planted.symlink_to(victim)
    # Without --force the planted name is refused; with it the link itself is replaced.
    one_line_error(run("export", "--format", "json", "-o", str(planted)))
    run.ok("export", "--format", "json", "-o", str(planted), "--force")
    assert victim.read_text() == "the victim's own file"
    assert not planted.is_symlink()
    assert stat.S_IMODE(planted.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["report.json"]  # no temp file left behind


# -- 10: -o over an existing file -------------------------------------------------------
def test_output_over_an_existing_file_is_refused(run: Runner, session: str, tmp_path: Path) -> None:
    evidence = tmp_path / "withdrawals.png"
    evidence.write_bytes(b"\x89PNG the only copy of the evidence")
    for args in (
        ("report", "-o", str(evidence)),
        ("export", "--format", "markdown", "-o", str(evidence)),
    ):
        message = one_line_error(run(*args))
        assert "already exists" in message and "--force" in message
        assert evidence.read_bytes() == b"\x89PNG the only copy of the evidence"
    run.ok("export", "--format", "markdown", "-o", str(evidence), "--force")
    assert evidence.read_bytes().startswith(b"#")
