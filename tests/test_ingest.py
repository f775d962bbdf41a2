"""Ingest behaviour with the hashing embedder: idempotent, replaces, removes, keeps other
paths, the `tracuu ingest` / `tracuu docs` commands, and the index manifest."""
from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from conftest import hashing_settings
from ingest.errors import IndexMismatchError
from ingest.pipeline import ingest_paths
from qa.factory import open_index
from test_hardening import index_state

pytestmark = pytest.mark.unit


def passage_ids_of(index, doc_id: str) -> set[str]:
    return {p.passage_id for p in index.catalog.iter_passages() if p.doc_id == doc_id}


def test_second_ingest_embeds_nothing_and_counts_are_equal(hashing_index, fixture_corpus):
    before = index_state(hashing_index)
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.embedded == 0 and not report.added and not report.replaced and not report.removed
    assert sorted(report.unchanged) == sorted(before.docs)
    assert report.passages == len(before.catalog)
    assert index_state(hashing_index) == before


def test_changed_file_replaces_its_passages_everywhere(hashing_index, fixture_corpus):
    old = passage_ids_of(hashing_index, "bao-cao-tinh-mau")
    path = fixture_corpus / "bao-cao-tinh-mau.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nChính sách hỗ trợ về nhà ở: 42 căn nhà.\n",
                    encoding="utf-8")
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.replaced == ["bao-cao-tinh-mau"] and report.unchanged == ["luat-mau"]
    new = passage_ids_of(hashing_index, "bao-cao-tinh-mau")
    state = index_state(hashing_index)
    assert not old & state.chroma and not old & set(state.keyword), "old passages left behind"
    assert new <= state.chroma and new <= set(state.keyword)
    assert state.consistent(), state.problems()
    assert any("42 căn nhà" in p.text for p in hashing_index.catalog.iter_passages())


def test_deleted_file_is_removed_everywhere(hashing_index, fixture_corpus):
    gone = passage_ids_of(hashing_index, "luat-mau")
    (fixture_corpus / "luat-mau.txt").unlink()
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.removed == ["luat-mau"]
    state = index_state(hashing_index)
    assert "luat-mau" not in state.docs and not gone & state.chroma and not gone & set(state.keyword)
    assert state.consistent(), state.problems()


def test_documents_from_another_path_stay(hashing_index, fixture_corpus, tmp_path):
    other = tmp_path / "khac"
    other.mkdir()
    (other / "thong-bao.txt").write_text("Thông báo về hỗ trợ tiền điện cho hộ nghèo.", encoding="utf-8")
    ingest_paths(hashing_index, [other / "thong-bao.txt"])
    (fixture_corpus / "luat-mau.txt").unlink()
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.removed == ["luat-mau"]
    assert set(index_state(hashing_index).docs) == {"bao-cao-tinh-mau", "thong-bao"}


def test_same_content_twice_is_skipped_with_a_clear_line(hashing_index, fixture_corpus):
    shutil.copy(fixture_corpus / "luat-mau.txt", fixture_corpus / "ban-sao.txt")
    report = ingest_paths(hashing_index, [fixture_corpus])
    line, = map(str, report.failed)
    assert line.endswith("ban-sao.txt: same content as the indexed document luat-mau "
                         f"({(fixture_corpus / 'luat-mau.txt').resolve()}); skipped")
    assert index_state(hashing_index).consistent()


def test_a_surviving_copy_of_a_deleted_file_takes_its_place(hashing_index, fixture_corpus):
    shutil.copy(fixture_corpus / "luat-mau.txt", fixture_corpus / "ban-sao.txt")
    (fixture_corpus / "luat-mau.txt").unlink()
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.removed == ["luat-mau"] and report.added == ["ban-sao"] and not report.failed


def test_hidden_files_and_folders_are_not_ingested(hashing_index, fixture_corpus):
    (fixture_corpus / ".git").mkdir()
    (fixture_corpus / ".git" / "ghi-chu.txt").write_text("Nội dung ẩn.", encoding="utf-8")
    (fixture_corpus / ".nhap.txt").write_text("Bản nháp ẩn.", encoding="utf-8")
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert not report.added and not report.failed


def test_symlinks_never_lead_outside_the_folder(hashing_index, fixture_corpus, tmp_path):
    secret = tmp_path / "bi-mat"
    secret.mkdir()
    (secret / "mat-khau.txt").write_text("Mật khẩu hệ thống là XYZ.", encoding="utf-8")
    (fixture_corpus / "lien-ket.txt").symlink_to(secret / "mat-khau.txt")
    (fixture_corpus / "thu-muc").symlink_to(secret, target_is_directory=True)
    (fixture_corpus / "hong.txt").symlink_to(tmp_path / "khong-ton-tai.txt")
    inside = fixture_corpus / "con"
    inside.mkdir()
    (inside / "noi-bo.txt").symlink_to(fixture_corpus / "luat-mau.txt")  # inside: the same document
    report = ingest_paths(hashing_index, [fixture_corpus])
    lines = sorted(map(str, report.failed))
    assert lines[0].endswith("hong.txt: a link to a file outside the folder; skipped") \
        or lines[0].endswith("hong.txt: a broken link; skipped"), lines
    assert any(ln.endswith("lien-ket.txt: a link to a file outside the folder; skipped") for ln in lines), lines
    assert any(ln.endswith("thu-muc: a link to a folder; links to folders are not followed") for ln in lines), lines
    assert len(lines) == 3 and not report.added, (lines, report.added)
    assert all("XYZ" not in p.text for p in hashing_index.catalog.iter_passages())


def test_info_logs_never_carry_document_text(tmp_path, fixture_corpus, caplog):
    marker = "Câu đánh dấu riêng XQZW không được xuất hiện trong nhật ký."
    (fixture_corpus / "rieng.txt").write_text(marker * 3, encoding="utf-8")
    caplog.set_level(logging.INFO)  # every logger, ours and the libraries'
    index = open_index(hashing_settings(tmp_path / "index"), create=True)
    try:
        ingest_paths(index, [fixture_corpus])
    finally:
        index.close()
    leaked = [r.name for r in caplog.records if "XQZW" in r.getMessage()]
    assert not leaked, f"document text logged at INFO or above by {leaked}"


# -- the command line ------------------------------------------------------------------
def test_cli_ingest_prints_one_summary_line(cli, fixture_corpus, tmp_path):
    result = cli("ingest", fixture_corpus, "--index-dir", tmp_path / "idx", "-q")
    assert result.exit_code == 0, result.output
    line, = result.stdout.strip().splitlines()
    assert re.fullmatch(r"2 documents ingested \(2 new, 0 changed\), 0 unchanged, 0 removed, 0 failed; "
                        r"\d+ passages in [\d.]+ s \([\d.]+ passages/s\)", line), line
    again = cli("ingest", fixture_corpus, "--index-dir", tmp_path / "idx", "-q")
    assert again.stdout.startswith("0 documents ingested (0 new, 0 changed), 2 unchanged"), again.stdout


def test_cli_ingest_reports_each_bad_file_on_one_line(cli, fixture_corpus, tmp_path):
    (fixture_corpus / "rong.txt").write_bytes(b"")
    result = cli("ingest", fixture_corpus, "--index-dir", tmp_path / "idx", "-q")
    assert result.exit_code == 0
    assert f"Bỏ qua: {fixture_corpus / 'rong.txt'}: the file is empty" in result.stderr.splitlines()
    assert "2 documents ingested" in result.stdout


def test_cli_docs_lists_and_removes(cli, hashing_index, fixture_corpus):
    where = ("--index-dir", hashing_index.dir)
    listing = cli("docs", *where)
    assert listing.exit_code == 0, listing.output
    rows = [line.split("\t") for line in listing.stdout.strip().splitlines()]
    assert [r[0] for r in rows] == ["bao-cao-tinh-mau", "luat-mau"]
    assert rows[1][1] == "Nghị định mẫu về hỗ trợ giảm nghèo" and rows[1][2].endswith("đoạn")
    removed = cli("docs", *where, "remove", "luat-mau")
    assert removed.exit_code == 0 and "Removed luat-mau" in removed.stdout
    state = index_state(hashing_index)
    assert list(state.docs) == ["bao-cao-tinh-mau"] and state.consistent(), state.problems()
    unknown = cli("docs", *where, "remove", "khong-co")
    assert unknown.exit_code == 2
    assert "Unknown document id(s): khong-co. Indexed documents: bao-cao-tinh-mau" in unknown.stderr


def test_cli_docs_on_an_empty_index_says_how_to_fill_it(cli, tmp_path, fixture_corpus):
    empty = tmp_path / "rong"
    empty.mkdir()
    cli("ingest", empty, "--index-dir", tmp_path / "idx", "-q")
    result = cli("docs", "--index-dir", tmp_path / "idx")
    assert result.exit_code == 0 and "tracuu ingest" in result.stdout


@pytest.mark.parametrize("env", [{"TRACUU_PASSAGES__MAX_CHARS": "800"}, {"TRACUU_EMBEDDER__DIM": "128"}])
def test_index_built_with_other_settings_says_how_to_rebuild(cli, hashing_index, fixture_corpus, monkeypatch, env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    where = ("--index-dir", hashing_index.dir)
    for command in (("docs",), ("ask", "thẻ bảo hiểm y tế"), ("ingest", fixture_corpus, "-q")):
        result = cli(*command, *where)
        assert result.exit_code == 1, (command, result.output)
        assert "was built with other settings" in result.stderr and "tracuu ingest --rebuild" in result.stderr
    rebuilt = cli("ingest", fixture_corpus, *where, "--rebuild", "-q")
    assert rebuilt.exit_code == 0 and rebuilt.stdout.startswith("2 documents ingested (2 new"), rebuilt.output
    assert cli("docs", *where).exit_code == 0
    asked = cli("ask", "thẻ bảo hiểm y tế cho người nghèo", *where)
    assert asked.exit_code == 0, asked.output


def test_opening_with_other_settings_raises_the_project_error(hashing_index):
    from ingest.settings import PassageSettings

    settings = hashing_settings(hashing_index.dir)
    settings.passages = PassageSettings(min_chars=200, max_chars=700)
    with pytest.raises(IndexMismatchError, match=r"max_chars: index has 1200, settings ask for 700"):
        open_index(settings)


def test_interrupted_rebuild_is_repaired_by_the_next_ingest(hashing_index, fixture_corpus, tmp_path):
    """A wipe killed halfway (keyword and catalog moved aside, Chroma and manifest not)."""
    expected = index_state(hashing_index)
    trash = hashing_index.dir / ".wipe"
    trash.mkdir()
    hashing_index.close()
    for name in ("keyword.json", "catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm"):
        if (hashing_index.dir / name).exists():
            (hashing_index.dir / name).rename(trash / name)
    index = open_index(hashing_settings(hashing_index.dir))
    try:
        report = ingest_paths(index, [fixture_corpus])
        assert report.repaired > 0 and sorted(report.added) == sorted(expected.docs)
        assert index_state(index).same_as(expected)
    finally:
        index.close()


def test_missing_index_says_how_to_build_it(cli, tmp_path):
    for command in (("docs",), ("ask", "thẻ bảo hiểm y tế"), ("docs", "remove", "x")):
        if command[0] == "docs" and len(command) > 1:
            result = cli("docs", "--index-dir", tmp_path / "khong-co", *command[1:])
        else:
            result = cli(*command, "--index-dir", tmp_path / "khong-co")
        assert result.exit_code == 1, (command, result.output)
        assert f"No index at {tmp_path / 'khong-co'}. Build it with: tracuu ingest" in result.stderr


def test_progress_callback_sees_every_file(hashing_index, fixture_corpus):
    seen: list[tuple[str, int, int]] = []
    (fixture_corpus / "moi.txt").write_text("Tài liệu mới về hỗ trợ sinh kế.", encoding="utf-8")
    ingest_paths(hashing_index, [fixture_corpus], progress=lambda *a: seen.append(a))
    assert [s[0] for s in seen] == ["bao-cao-tinh-mau.txt", "luat-mau.txt", "moi.txt", ""]
    assert seen[-1][1:] == (3, 3)


def test_index_dir_in_the_folder_is_not_ingested(cli, fixture_corpus):
    inside = fixture_corpus / ".tracuu"
    result = cli("ingest", fixture_corpus, "--index-dir", inside, "-q")
    assert result.exit_code == 0 and result.stdout.startswith("2 documents ingested"), result.output
    assert Path(inside / "manifest.json").exists()


def test_dot_dot_in_a_path_is_the_same_folder(hashing_index, fixture_corpus):
    """`corpus/../corpus` and `corpus/./x.txt` name the same files: nothing doubles."""
    before = index_state(hashing_index)
    report = ingest_paths(hashing_index, [fixture_corpus / ".." / fixture_corpus.name,
                                          fixture_corpus / "." / "luat-mau.txt"])
    assert not report.added and not report.failed and index_state(hashing_index) == before
