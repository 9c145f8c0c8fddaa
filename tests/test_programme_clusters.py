"""Industry clusters: a cluster lists the industries it covers (codes of the industry vocabulary, default its
own id); an enterprise's ``industry`` (a code or its name in any language) places it in a cluster; the bundled
programme's clusters cover every industry of the vocabulary; unknown or doubly claimed industries are located
errors; ``progress`` says on stderr how many enterprises fall in no cluster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iso9001assess as qa
from conftest import CliRunner
from fixture_paths import FIXTURE_PLUGIN
from iso9001assess.i18n import message, vocab_codes
from iso9001assess.plugin_manager import add_local_plugins
from iso9001assess.store import Store
from staged_support import PROGRAMME, fill_store, write_programme_answers


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("clusters")
    add_local_plugins([str(FIXTURE_PLUGIN)])
    write_programme_answers(folder / "answers")
    store = Store(f"sqlite:///{folder / 'programme.db'}")
    fill_store(store, folder / "answers")
    return store


def test_the_bundled_programme_places_every_industry_of_the_vocabulary_in_a_cluster() -> None:
    programme = qa.load_programme("gd-2022-qms")
    placed = {code: programme.cluster_of(code) for code in vocab_codes("industry")}
    assert placed == {
        "automotive-parts": "automotive",
        "chemicals": "green-petrochemicals",
        "electronics": "electronic-information",
        "food": "agriculture-food",
        "home-appliances": "smart-appliances",
        "machinery": "high-end-equipment",
        "medical-devices": "biomedicine-health",
        "plastics": "light-industry-textiles",
        "textiles": "light-industry-textiles",
    }


@pytest.mark.parametrize(
    ("written", "cluster"),
    [
        ("电子信息", "electronic-information"),  # the zh name of electronics
        ("電子信息", "electronic-information"),  # zh-Hant
        (" Electronics ", "electronic-information"),  # en, spaces and case aside
        ("食品", "agriculture-food"),
        ("smart-appliances", "smart-appliances"),  # a cluster's id is still accepted
        ("半导体", None),  # free text no cluster covers
    ],
)
def test_an_industry_is_placed_by_its_code_its_name_or_a_cluster_id(
    written: str, cluster: str | None
) -> None:
    assert qa.load_programme("gd-2022-qms").cluster_of(written) == cluster


def programme_with_clusters(tmp_path: Path, clusters: str) -> Path:
    text = PROGRAMME.read_text(encoding="utf-8")
    start = text.index("clusters:\n")
    end = text.index("phases:\n")
    path = tmp_path / "programme.yaml"
    path.write_text(text[:start] + clusters + text[end:], encoding="utf-8")
    return path


def test_a_cluster_listing_an_industry_gathers_its_enterprises(store: Store, tmp_path: Path) -> None:
    # D (industry machinery) falls in no cluster of the fixture programme; listing machinery under
    # smart-appliances (beside its own industry) moves D there: B, E, F + D = 4.
    path = programme_with_clusters(
        tmp_path,
        "clusters:\n"
        "  - {id: electronic-information, title: {zh: 新一代电子信息}}\n"
        "  - {id: smart-appliances, title: {zh: 智能家电}, industries: [home-appliances, machinery]}\n",
    )
    figures = qa.progress(path, db=store, as_of=dt.date(2022, 11, 20))
    by_cluster = {group.key: group.counts.enrolled for group in figures.by_cluster}
    # electronic-information (default: its own id): A, C. smart-appliances: B, E, F (who wrote the cluster's
    # id, still accepted) and D; no enterprise is left outside.
    assert by_cluster == {"electronic-information": 2, "smart-appliances": 4}


@pytest.mark.usefixtures("in_english")
def test_an_industry_two_clusters_claim_is_a_located_error(tmp_path: Path, run_cli: CliRunner) -> None:
    path = programme_with_clusters(
        tmp_path,
        "clusters:\n"
        "  - {id: electronic-information, title: {zh: 新一代电子信息}, industries: [electronics]}\n"
        "  - {id: semiconductors-ic, title: {zh: 半导体与集成电路}, industries: [electronics]}\n",
    )
    outcome = run_cli("--plugin", FIXTURE_PLUGIN, "programme", "validate", path)
    assert outcome.code == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "semic" in text)
    column = lines[line - 1].index("[electronics]") + 2  # 1-based, the list's first item
    assert outcome.err.splitlines() == [
        f"{path}:{line}:{column}: the industry 'electronics' is already covered by the cluster "
        "'electronic-information'; it cannot also be in 'semiconductors-ic'"
    ]


CERAMICS_PLUGIN = """
from iso9001assess import hookimpl


@hookimpl
def register_messages(register):
    register({"vocab.industry.ceramics": {"en": "Ceramics", "zh": "陶瓷"}})
"""


@pytest.mark.usefixtures("in_english")
def test_a_plugins_industry_may_be_listed_and_is_unknown_without_the_plugin(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    plugin = tmp_path / "ceramics_words.py"
    plugin.write_text(CERAMICS_PLUGIN, encoding="utf-8")
    path = programme_with_clusters(
        tmp_path, "clusters:\n  - {id: advanced-materials, title: {zh: 先进材料}, industries: [ceramics]}\n"
    )
    assert run_cli("--plugin", FIXTURE_PLUGIN, "--plugin", plugin, "programme", "validate", path).code == 0
    without = run_cli("--plugin", FIXTURE_PLUGIN, "programme", "validate", path)
    assert without.code == 1
    assert "lists the industry 'ceramics', which is not an industry code" in without.err
    add_local_plugins([str(plugin)])
    assert qa.load_programme(path).cluster_of("陶瓷") == "advanced-materials"  # by the plugin's zh name


@pytest.mark.parametrize("lang", ["zh", "en", "zh-Hant"])
def test_progress_says_how_many_enterprises_fall_in_no_cluster(
    store: Store, tmp_path: Path, run_cli: CliRunner, lang: str
) -> None:
    out = tmp_path / "report.json"
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", PROGRAMME, "--db", store.url,
        "--as-of", "2022-11-20", "--lang", lang, "-o", out,
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    # D (machinery) is in neither of the fixture's two clusters.
    assert outcome.err.splitlines() == [message("progress.unclustered", lang, count=1)]
    assert out.is_file()


def test_progress_says_nothing_of_clusters_when_every_enterprise_is_in_one(
    store: Store, tmp_path: Path, run_cli: CliRunner
) -> None:
    path = programme_with_clusters(
        tmp_path,
        "clusters:\n"
        "  - {id: electronic-information, title: {zh: 新一代电子信息}}\n"
        "  - {id: smart-appliances, title: {zh: 智能家电}, industries: [machinery]}\n",
    )
    outcome = run_cli(
        "--plugin", FIXTURE_PLUGIN, "progress", "--programme", path, "--db", store.url,
        "--as-of", "2022-11-20", "-o", tmp_path / "report.json",
    )  # fmt: skip
    assert outcome.code == 0 and outcome.err == "", outcome.err
