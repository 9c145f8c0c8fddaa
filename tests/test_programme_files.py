"""Programme files: `programme show` gets a bundled programme out to copy; a quota for a city written
otherwise is refused with the city it means; the common variants of the narrative headings are read."""

from __future__ import annotations

from pathlib import Path

from conftest import CliRunner
from iso9001assess.loading.programme import bundled_programmes
from iso9001assess.staged.narrative import read_narrative_file

BUNDLED = bundled_programmes()["gd-2022-qms"]


def test_programme_show_prints_and_writes_the_bundled_file(run_cli: CliRunner, tmp_path: Path) -> None:
    shown = run_cli("programme", "show", "gd-2022-qms")
    assert shown.code == 0, shown.err
    assert shown.out == BUNDLED.read_text(encoding="utf-8")
    copy = tmp_path / "my-programme.yaml"
    written = run_cli("programme", "show", "gd-2022-qms", "-o", copy)
    assert written.code == 0, written.err
    assert copy.read_bytes() == BUNDLED.read_bytes()
    assert f"已写出 {copy}（gd-2022-qms 的项目方案文件，可复制后修改）" in written.err
    assert run_cli("programme", "validate", copy).code == 0
    copy.write_text("# edited\n", encoding="utf-8")
    kept = run_cli("programme", "show", "gd-2022-qms", "-o", copy)
    assert kept.code == 2 and "已存在；未覆盖（加 --force 可替换）" in kept.err
    assert copy.read_text(encoding="utf-8") == "# edited\n"  # an edited copy is not lost
    forced = run_cli("programme", "show", "gd-2022-qms", "-o", copy, "--force")
    assert forced.code == 0 and copy.read_bytes() == BUNDLED.read_bytes()
    unknown = run_cli("programme", "show", "no-such-programme")
    assert unknown.code == 2 and "gd-2022-qms" in unknown.err


def test_a_quota_for_a_city_written_otherwise_suggests_the_city(run_cli: CliRunner, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert "    佛山市: {enterprises_helped: 60}" in text
    typo = tmp_path / "typo.yaml"
    typo.write_text(
        text.replace("    佛山市: {enterprises_helped: 60}", "    佛山: {enterprises_helped: 60}"), "utf-8"
    )
    checked = run_cli("programme", "validate", typo)
    assert checked.code == 1
    assert (
        "为 '佛山' 设了名额，但它不在项目的城市列表（cities）中；是指 佛山市 吗？请写作 佛山市" in checked.err
    )
    assert f"{typo}:" in checked.err  # located in the file
    other = tmp_path / "other.yaml"
    other.write_text(
        text.replace("    佛山市: {enterprises_helped: 60}", "    杭州市: {enterprises_helped: 60}"), "utf-8"
    )
    refused = run_cli("programme", "validate", other)
    assert refused.code == 1 and "请把它加入 cities，或改成列表中的城市名" in refused.err


def test_common_variants_of_the_narrative_headings_are_read(tmp_path: Path) -> None:
    narrative = tmp_path / "narrative.md"
    narrative.write_text(
        "## 一、主要工作举措\n举措。\n\n## 二、主要成效\n成效。\n\n## （三）存在的困难和问题\n问题。\n\n"
        "## 四、下一步工作安排\n安排。\n\n## 五、意见建议\n建议。\n",
        encoding="utf-8",
    )
    assert read_narrative_file(narrative) == {
        "measures": "举措。",
        "results": "成效。",
        "problems": "问题。",
        "next_steps": "安排。",
        "suggestions": "建议。",
    }
    english = tmp_path / "narrative.yaml"
    english.write_text(
        "Next-step plans: Visit each city.\nRecommendations: More auditors.\n", encoding="utf-8"
    )
    assert read_narrative_file(english) == {"next_steps": "Visit each city.", "suggestions": "More auditors."}
