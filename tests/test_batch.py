"""batch: outputs per good file, nothing for a bad one, errors.txt, summary.csv, resuming, processes."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001assess as qa
from iso9001assess.cli import main
from iso9001assess.errors import InvalidInputError, NotFoundError
from iso9001assess.i18n import message
from iso9001assess.plugin_manager import add_local_plugins, reset_registry

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MINI = FIXTURES / "mini-checklist.yaml"
BASE_ANSWERS = yaml.safe_load((FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"))


def answers(**changes: dict[str, Any]) -> dict[str, Any]:
    """The mini fixture's answers, with fields of ``enterprise`` or ``assessment`` changed."""
    document: dict[str, Any] = json.loads(json.dumps(BASE_ANSWERS, default=str))
    for key, value in changes.items():
        document[key] = {**document[key], **value}
    return document


def write(path: Path, document: dict[str, Any] | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = document if isinstance(document, str) else yaml.safe_dump(document, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Two good enterprises and two bad files (an unknown item; broken YAML)."""
    folder = tmp_path / "in"
    write(folder / "acme.yaml", answers())
    better = answers(enterprise={"name": "Beta & <Sons>", "credit_code": None, "has_lab": False})
    better["answers"] = {"4.1-01": 4, "4.1-02": 4, "4.3-01": 4, "8.3-01": 4}
    write(folder / "beta.yaml", better)
    bad = answers()
    bad["answers"]["9.9-01"] = 3
    write(folder / "unknown-item.yaml", bad)
    write(folder / "broken.yaml", "schema_version: 1\nchecklist: mini\nenterprise: {name: [\n")
    write(folder / "notes.txt", "not an input")
    return folder


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_good_files_are_written_and_bad_ones_are_listed(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen: list[str] = []
    report = qa.batch(
        inputs,
        out,
        formats=["json"],
        jobs=1,
        checklist=MINI,
        portfolio_formats=["json"],
        on_failure=lambda failure: seen.append(failure.path),
    )
    assert not report.ok
    assert sorted(p.name for p in out.iterdir()) == [
        ".iso9001assess-manifest.json",  # what each report was made from
        "acme.json",
        "beta.json",
        "errors.txt",
        "portfolio.json",
        "summary.csv",
    ]
    assert sorted(Path(p).name for p in seen) == ["broken.yaml", "unknown-item.yaml"]
    errors = (out / "errors.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(f"{inputs / 'unknown-item.yaml'}:") and "'9.9-01'" in line for line in errors)
    assert any(line.startswith(f"{inputs / 'broken.yaml'}:4:") for line in errors)
    # The JSON result is the result of scoring the file, read back.
    acme = qa.Result.model_validate_json((out / "acme.json").read_text(encoding="utf-8"))
    assert acme.overall.score == 56.25  # (2·0.75 + 0.25 + 0.5) / 4
    assert acme.lab.score == 100.0  # LAB.1-01 only: 2·1 / 2 (LAB.1-02 is not assessed)
    assert (acme.lab.completeness, acme.lab.verdict) == (0.5, "incomplete")  # 1 of 2 lab items answered


def test_summary_csv_has_one_row_per_good_enterprise_in_input_order(inputs: Path, tmp_path: Path) -> None:
    report = qa.batch(
        inputs, tmp_path / "out", formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[]
    )
    table = rows(tmp_path / "out" / "summary.csv")
    assert [row["source"] for row in table] == ["acme", "beta"]
    acme, beta = table
    assert acme["name"] == "广州某某电子科技有限公司"
    assert (acme["city"], acme["industry"], acme["size"]) == ("广州市", "electronics", "small")
    # Shown once, rounded half up: 56.25 -> 56.3.
    assert (acme["overall"], acme["maturity_level"], acme["readiness"]) == ("56.3", "3", "not-ready")
    assert (acme["lab_index"], acme["major"], acme["minor"], acme["observation"]) == ("100.0", "0", "1", "1")
    assert (acme["completeness"], acme["lab_completeness"], acme["lab_verdict"]) == (
        "1.000",
        "0.500",
        "incomplete",
    )
    # beta: every QMS item at 4 → 100; no lab, so no lab index and no lab finding.
    assert (beta["name"], beta["overall"], beta["lab_index"], beta["readiness"]) == (
        "Beta & <Sons>",
        "100.0",
        "",
        "ready",
    )
    assert (beta["major"], beta["minor"], beta["observation"]) == ("0", "0", "0")
    assert [s.name for s in report.summaries] == ["广州某某电子科技有限公司", "Beta & <Sons>"]


def test_two_processes_give_the_same_files_as_one(inputs: Path, tmp_path: Path) -> None:
    one = qa.batch(
        inputs, tmp_path / "one", formats=["json"], jobs=1, checklist=MINI, portfolio_formats=["json"]
    )
    two = qa.batch(
        inputs, tmp_path / "two", formats=["json"], jobs=2, checklist=MINI, portfolio_formats=["json"]
    )
    assert len(one.summaries) == len(two.summaries) == 2
    for name in ("acme.json", "beta.json", "summary.csv", "portfolio.json", "errors.txt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_rerun_keeps_current_reports_and_renders_the_rest(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[])
    assert (first.written, first.kept) == (2, 0)
    unchanged = qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[])
    assert (unchanged.written, unchanged.kept) == (0, 2)
    (out / "acme.json").write_text("edited", encoding="utf-8")  # not the file the batch wrote: never trusted
    (out / "beta.json").unlink()  # stands for one an interruption prevented
    again = qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[])
    assert (again.written, again.kept) == (2, 0)
    assert json.loads((out / "acme.json").read_text(encoding="utf-8"))["enterprise"]["name"]
    assert json.loads((out / "beta.json").read_text(encoding="utf-8"))["overall"]["score"] == 100.0
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))  # no temporary file left behind
    assert [row["source"] for row in rows(out / "summary.csv")] == ["acme", "beta"]  # summary stays whole
    forced = qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[], force=True)
    assert (forced.written, forced.kept) == (2, 0)


def test_a_clean_run_removes_a_stale_errors_file(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[])
    assert (out / "errors.txt").exists()
    for bad in ("unknown-item.yaml", "broken.yaml"):
        (inputs / bad).unlink()
    report = qa.batch(inputs, out, formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[])
    assert report.ok and report.errors_path is None
    assert not (out / "errors.txt").exists()


def test_two_inputs_with_one_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "acme.yaml", answers())
    (folder / "acme.json").write_text(json.dumps(answers(), ensure_ascii=False), encoding="utf-8")
    report = qa.batch(
        folder, tmp_path / "out", formats=["json"], jobs=1, checklist=MINI, portfolio_formats=[]
    )
    assert len(report.summaries) == 1
    assert [Path(f.path).name for f in report.failures] == ["acme.yaml"]  # acme.json sorts first
    assert "same name 'acme'" in report.failures[0].problems[0].message


def test_unknown_format_is_refused_before_anything_is_written(inputs: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="export format 'nope'"):
        qa.batch(inputs, tmp_path / "out", formats=["nope"], checklist=MINI)
    with pytest.raises(NotFoundError, match="portfolio format 'docx'"):
        qa.batch(inputs, tmp_path / "out", formats=["json"], portfolio_formats=["docx"], checklist=MINI)
    assert not (tmp_path / "out").exists()


def test_outputs_beside_the_inputs_are_refused(inputs: Path) -> None:
    with pytest.raises(InvalidInputError, match="other than the inputs"):
        qa.batch(inputs, inputs, formats=["json"], checklist=MINI)


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInputError, match="no answer files"):
        qa.batch(tmp_path / "empty", tmp_path / "out", formats=["json"])


PLUGIN = '''
from iso9001assess import hookimpl


class Fragile:
    """Writes half a file, then fails for one enterprise: the batch must leave nothing of it."""

    suffixes = (".frag",)

    def export(self, result, out, options):
        out.write(b"half a report")
        if result.enterprise.name.startswith("Beta"):
            raise RuntimeError("exporter bug")
        out.write(b" and the rest")


@hookimpl
def register_exporters(register):
    register("frag", Fragile())
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_plugin_exporter_leaves_no_file_of_its_format_and_the_rest_is_done(
    inputs: Path, tmp_path: Path, jobs: int
) -> None:
    plugin = write(tmp_path / "fragile_plugin.py", PLUGIN)
    reset_registry()
    add_local_plugins([str(plugin)])  # worker processes load it too
    try:
        out = tmp_path / "out"
        report = qa.batch(
            inputs, out, formats=["json", "frag"], jobs=jobs, checklist=MINI, portfolio_formats=[]
        )
    finally:
        reset_registry()
    assert (out / "acme.frag").read_bytes() == b"half a report and the rest"
    assert not (out / "beta.frag").exists()  # nothing half-written of the format that failed
    assert json.loads((out / "beta.json").read_text(encoding="utf-8"))["enterprise"]["name"].startswith(
        "Beta"
    )
    assert not list(out.glob(".*.part"))  # no temporary file left behind
    # Beta is diagnosed (the input is fine): the plugin's failure is listed apart from the bad inputs.
    assert "beta" in [row["source"] for row in rows(out / "summary.csv")]
    assert not any(f.path.endswith("beta.yaml") for f in report.failures)
    (failure,) = report.plugin_failures
    assert failure.path.endswith("beta.yaml") and failure.problems == ()
    message = f"plugin {plugin}: exporter 'frag' failed: RuntimeError: exporter bug"
    assert failure.plugin[0].message == message
    # errors.txt speaks the batch's language (Chinese by default); the plugin's own words are quoted as they are.
    said = f"插件 {plugin}：导出器 'frag' 运行失败：RuntimeError: exporter bug"
    assert f"beta.yaml: {said}" in (out / "errors.txt").read_text(encoding="utf-8")
    assert not report.ok


def test_cli_batch_exit_code_stderr_and_no_progress_bar_off_a_terminal(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = [
        "batch",
        str(inputs),
        "-o",
        str(out),
        "--formats",
        "json",
        "--jobs",
        "1",
        "--checklist",
        str(MINI),
    ]
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--portfolio-formats", "json,csv"])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "4 个答卷文件中 2 个已诊断" in captured.out
    assert message("cli.status.portfolio", "zh", path=out / "portfolio.csv") in captured.out
    stderr = captured.err.splitlines()
    assert any("unknown-item.yaml:" in line and "9.9-01" in line for line in stderr)
    assert any("broken.yaml:4:" in line for line in stderr)
    bar = message("cli.bar.diagnosing", "zh")
    assert bar not in captured.err and "%|" not in captured.err  # stderr is not a terminal
    for bad in ("unknown-item.yaml", "broken.yaml"):
        (inputs / bad).unlink()
    main([*args, "--portfolio-formats", ""])  # all good: exit 0
    assert not (out / "errors.txt").exists()


def test_progress_bar_when_asked(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qa.batch(
        inputs,
        tmp_path / "out",
        formats=["json"],
        jobs=1,
        checklist=MINI,
        portfolio_formats=[],
        progress=True,
    )
    assert "4/4" in capsys.readouterr().err


def test_pdf_reports_and_portfolio_pdf(inputs: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    report = qa.batch(inputs, out, formats=["pdf", "json"], jobs=2, checklist=MINI, lang="en")
    assert sorted(p.name for p in out.glob("*.pdf")) == ["acme.pdf", "beta.pdf", "portfolio.pdf"]
    beta = "\n".join(page.extract_text() for page in PdfReader(out / "beta.pdf").pages)
    assert "Beta & <Sons>" in beta  # shown literally
    portfolio = "\n".join(page.extract_text() for page in PdfReader(out / "portfolio.pdf").pages)
    assert (
        "Enterprises: 2 · assessments: 2" in portfolio and "Beta & <Sons>" not in portfolio
    )  # no lab: no candidate
    assert report.portfolio_paths == [out / "portfolio.pdf"]
    assert not (out / "unknown-item.pdf").exists() and not (out / "broken.pdf").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_portfolio_names_weak_clauses_in_every_run(inputs: Path, tmp_path: Path, jobs: int) -> None:
    # Titles travel once per run and checklist: a second run in the same process must get them again.
    for run in ("first", "second"):
        qa.batch(inputs, tmp_path / run, formats=[], jobs=jobs, checklist=MINI, portfolio_formats=["json"])
        weak = json.loads((tmp_path / run / "portfolio.json").read_text(encoding="utf-8"))["weak_clauses"]
        assert [(c["id"], c["title"]["en"]) for c in weak] == [
            ("4.3", "Determining the scope of the QMS"),  # acme 50
            ("4.1", "Understanding the organization and its context"),  # acme 58.33
        ]


def test_any_executor_runs_the_batch(inputs: Path, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    qa.batch(inputs, tmp_path / "one", formats=["json"], jobs=1, checklist=MINI, portfolio_formats=["json"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        report = qa.batch(
            inputs,
            tmp_path / "pool",
            formats=["json"],
            executor=pool,
            checklist=MINI,
            portfolio_formats=["json"],
        )
        assert pool.submit(lambda: "still open").result() == "still open"  # the caller's executor is not shut
    assert len(report.summaries) == 2 and len(report.failures) == 2
    for name in ("acme.json", "beta.json", "summary.csv", "portfolio.json", "errors.txt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name
