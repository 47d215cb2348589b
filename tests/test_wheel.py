"""The built wheel carries the playbooks and the demo: install it in a fresh venv and run it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # builds a wheel and a venv: about 40 s; CI runs it


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        cwd=out,
    )
    [built] = list(out.glob("incident-*.whl"))
    return built


def test_wheel_contains_playbooks_and_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for book in ("crypto-exchange", "email-account", "payment-wallet", "generic-account"):
        assert f"incident/playbooks/{book}.yaml" in names
    assert "incident/examples/okx-takeover.yaml" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_lists_playbooks_and_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)
    work = tmp_path / "elsewhere"  # not the checkout: only the installed package can be found
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INCIDENT_", "PYTHONPATH"))}
    env["INCIDENT_HOME"] = str(tmp_path / "home")
    listed = subprocess.run(
        [str(bindir / "incident"), "playbooks", "list"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for book in ("crypto-exchange", "email-account", "payment-wallet", "generic-account"):
        assert book in listed.stdout
    demo = subprocess.run(
        [str(bindir / "incident"), "demo"], cwd=work, env=env, capture_output=True, text=True
    )
    assert demo.returncode == 0, demo.stderr
    pdf = work / "incident-demo.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    module = subprocess.run(
        [str(bindir / "python"), "-m", "incident", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "incident" in module.stdout
