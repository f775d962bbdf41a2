"""Loaders: every format, every encoding we promise, and every kind of broken file.

Fixtures are generated here (python-docx, matplotlib's PDF backend, pypdf), not committed
as binaries, so each test shows exactly what its file holds.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ingest.errors import UnreadableFileError
from ingest.loaders import load_document
from ingest.loaders.encoding import decode_bytes
from ingest.loaders.tcvn3 import _HIGH, encode_tcvn3
from ingest.normalize import normalize_text

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VI = ("Chính sách hỗ trợ về y tế: cấp thẻ bảo hiểm y tế cho người nghèo, đồng bào dân tộc "
      "thiểu số ở Quảng Trị. Thủy lợi, khỏe mạnh, hoà bình, quý vị, Ưu tiên, Đakrông, "
      "Hướng Hóa, trợ giúp pháp lý, nước sạch, việc làm.")
_TONES = "\u0300\u0301\u0303\u0309\u0323"


# -- file makers ---------------------------------------------------------------------
def cp1258_bytes(text: str) -> bytes:
    """Encode as Windows does: letters cp1258 lacks precomposed become base + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
            out += (base + "".join(c for c in nfd if c in _TONES)).encode("cp1258")
    return bytes(out)


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.core_properties.title = title
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(pages: list[list[str]], title: str = "", image_only: bool = False) -> bytes:
    """A real PDF with a text layer (matplotlib embeds DejaVu Sans, which has Vietnamese)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": title} if title else None) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=(8.27, 11.69))
            if image_only:  # a "scan": pixels, no text layer
                ax = fig.add_axes([0, 0, 1, 1])
                ax.imshow(np.random.default_rng(0).random((40, 30)))
                ax.axis("off")
            for i, line in enumerate(lines):
                fig.text(0.06, 0.95 - 0.025 * i, line, fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    return buf.getvalue()


def encrypted_pdf(data: bytes, user_password: str, algorithm: str = "RC4-128") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def load_error(path: Path) -> str:
    with pytest.raises(UnreadableFileError) as info:
        load_document(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message, message
    return message


# -- text and front matter -----------------------------------------------------------
def test_text_front_matter_becomes_metadata_and_body_follows(tmp_path):
    head = ("---\ntitle: Báo cáo mẫu\nnumber: 12/BC-UBND\nissuer: UBND tỉnh\ndate: 2020-12-31\n"
            "completeness: partial (phần đầu)\n---\n")
    doc = load_document(write(tmp_path, "bao-cao.txt", head + VI))
    assert (doc.title, doc.number, doc.issuer, doc.date) == ("Báo cáo mẫu", "12/BC-UBND", "UBND tỉnh", "2020-12-31")
    assert doc.is_partial
    assert doc.text.strip() == normalize_text(VI), "the body must follow the front matter verbatim"


def test_markdown_takes_its_first_heading_as_title_without_front_matter(tmp_path):
    doc = load_document(write(tmp_path, "ghi-chu.md", "# Ghi chú họp\n\n" + VI))
    assert doc.title == "Ghi chú họp"


def test_front_matter_with_crlf_line_ends(tmp_path):
    doc = load_document(write(tmp_path, "w.txt", f"---\r\ntitle: Văn bản Windows\r\n---\r\n{VI}\r\n"))
    assert doc.title == "Văn bản Windows" and "\r" not in doc.text


# -- encodings -----------------------------------------------------------------------
@pytest.mark.parametrize("encoding,data", [
    ("utf-8", VI.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + VI.encode("utf-8")),
    ("utf-16 LE with BOM", b"\xff\xfe" + VI.encode("utf-16-le")),
    ("utf-16 BE with BOM", b"\xfe\xff" + VI.encode("utf-16-be")),
    ("utf-16 LE without BOM", VI.encode("utf-16-le")),
    ("windows-1258 (tone marks as combining characters)", cp1258_bytes(VI)),
    ("TCVN3 (ABC)", encode_tcvn3(normalize_text(VI).replace("Ưu", "ưu"))),
])
def test_every_encoding_reads_to_the_same_normalised_text(tmp_path, encoding, data):
    expected = normalize_text(VI if encoding != "TCVN3 (ABC)" else VI.replace("Ưu", "ưu"))
    doc = load_document(write(tmp_path, "van-ban.txt", data))
    assert doc.text.strip() == expected, f"{encoding} decoded wrongly: {doc.text[:80]!r}"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_cp1258_really_uses_combining_tone_marks():
    raw = cp1258_bytes("hỗ trợ")
    assert raw.decode("cp1258") != "hỗ trợ", "the fixture must exercise base letter + combining mark"
    assert normalize_text(decode_bytes(raw, "x")) == "hỗ trợ"


def test_front_matter_survives_legacy_encodings(tmp_path):
    text = "---\ntitle: Báo cáo tỉnh Quảng Trị\n---\n" + VI
    for name, data in (("a.txt", cp1258_bytes(text)), ("b.txt", text.encode("utf-16"))):
        assert load_document(write(tmp_path, name, data)).title == "Báo cáo tỉnh Quảng Trị", name


def test_tcvn3_table_matches_glibc_iconv():
    """Our table against an independent implementation (glibc's TCVN5712-1) byte by byte."""
    try:
        raw = bytes(range(0xA0, 0x100))
        got = [subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"a" + bytes([b]),
                              capture_output=True, check=True).stdout.decode() for b in raw]
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("iconv with TCVN5712-1 is not available on this machine")
    for byte, ours, theirs in zip(raw, _HIGH, got):
        assert unicodedata.normalize("NFC", "a" + ours) == unicodedata.normalize("NFC", theirs), hex(byte)


def _corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs += [p for p in normalize_text(path.read_text(encoding="utf-8")).split("\n") if len(p) > 30]
    return paragraphs


def test_legacy_encodings_round_trip_real_vietnamese_text():
    """Every corpus paragraph that the encoding can hold, alone (little evidence) and whole."""
    paragraphs = _corpus_paragraphs()
    checked = {"cp1258": 0, "tcvn3": 0}
    for para in paragraphs:
        for name, encode in (("cp1258", cp1258_bytes), ("tcvn3", encode_tcvn3)):
            try:
                raw = encode(para)
            except UnicodeEncodeError:
                continue  # TCVN3 has no upper-case toned letters; cp1258 no arrows
            if raw.isascii():
                continue
            got = normalize_text(decode_bytes(raw, "x"))
            assert got == para, f"{name} misread: {para[:60]!r} -> {got[:60]!r}"
            checked[name] += 1
    assert checked["cp1258"] > 100 and checked["tcvn3"] > 50, checked


def test_legacy_encodings_on_short_snippets():
    """Detection needs a few words of evidence. Measured on corpus snippets (seeded):
    one TCVN3 word alone is ambiguous ~15% of the time, five words almost never."""
    words = " ".join(_corpus_paragraphs()).split()
    rng = random.Random(7)
    for n, floor in ((5, 0.99), (10, 1.0)):
        for name, encode in (("cp1258", cp1258_bytes), ("tcvn3", encode_tcvn3)):
            ok = total = 0
            for _ in range(300):
                i = rng.randrange(len(words) - n)
                phrase = " ".join(words[i:i + n])
                try:
                    raw = encode(phrase)
                except UnicodeEncodeError:
                    continue
                if raw.isascii():
                    continue
                total += 1
                ok += normalize_text(decode_bytes(raw, "x")) == phrase
            assert total > 200 and ok / total >= floor, f"{name}, {n} words: {ok}/{total}"


def test_other_legacy_languages_are_not_forced_into_vietnamese():
    assert decode_bytes("Le café est très bon, voilà. Ça coûte 3€.".encode("cp1252"), "x") == \
        "Le café est très bon, voilà. Ça coûte 3€."
    assert decode_bytes("Grüße aus München".encode("latin-1"), "x") == "Grüße aus München"
    assert decode_bytes("Привет мир, это тест кодировки.".encode("cp1251"), "x") == "Привет мир, это тест кодировки."


def test_utf8_with_one_broken_byte_stays_utf8():
    raw = ("Chính sách hỗ trợ về y tế cho người nghèo. " * 30).encode()
    at = raw.index(b" ", 300)
    raw = raw[:at] + b"\xff" + raw[at:]
    text = decode_bytes(raw, "x")
    assert text.count("người nghèo") >= 29 and text.count("\ufffd") == 1


# -- docx, pdf, html -----------------------------------------------------------------
def test_docx_paragraphs_table_rows_and_core_title(tmp_path):
    data = docx_bytes(["Báo cáo kết quả giảm nghèo.", VI],
                      table=[["Huyện", "Số hộ nghèo"], ["Đakrông", "1.234"], ["Hướng Hóa", "2.345"]],
                      title="Báo cáo Word")
    doc = load_document(write(tmp_path, "bao-cao.docx", data))
    assert doc.title == "Báo cáo Word"
    assert normalize_text(VI) in doc.text
    assert "Huyện | Số hộ nghèo\n\nĐakrông | 1.234\n\nHướng Hóa | 2.345" in doc.text, doc.text


def test_docx_without_title_uses_the_file_name(tmp_path):
    doc = load_document(write(tmp_path, "ke_hoach-2021.docx", docx_bytes([VI])))
    assert doc.title == "ke hoach 2021"


def test_pdf_text_layer_with_a_page_on_every_passage(tmp_path):
    from ingest.passages import PassageBounds, build_passages

    page1 = [f"Chính sách hỗ trợ về y tế, mục {i}: cấp thẻ bảo hiểm y tế cho hộ nghèo." for i in range(12)]
    page2 = [f"Chính sách hỗ trợ về giáo dục, mục {i}: miễn học phí cho học sinh." for i in range(12)]
    doc = load_document(write(tmp_path, "bao-cao.pdf", pdf_bytes([page1, page2], title="Báo cáo PDF")))
    assert doc.title == "Báo cáo PDF"
    assert [p for _, _, p in doc.pages] == [1, 2]
    passages = build_passages(doc, PassageBounds(200, 500))
    assert passages and all(p.page in (1, 2) for p in passages), [p.page for p in passages]
    for p in passages:
        assert doc.text[p.start:p.end] == p.text
        assert p.page == (1 if "y tế" in p.text else 2), (p.page, p.text[:60])


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_encrypted_with_an_empty_user_password_still_opens(tmp_path, algorithm):
    """Official PDFs often restrict printing only (owner password): they must open."""
    if algorithm.startswith("AES"):
        pytest.importorskip("cryptography", reason="pypdf needs `cryptography` for AES")
    plain = pdf_bytes([[VI[:80]]])
    doc = load_document(write(tmp_path, "han-che-in.pdf", encrypted_pdf(plain, "", algorithm)))
    assert "Chính sách hỗ trợ" in doc.text


def test_html_visible_text_only_and_title(tmp_path):
    html = """<html><head><title>Tin giảm nghèo</title><style>p { color: red }</style>
    <script>var bimat = "không được hiện";</script></head>
    <body><h1>Tiêu đề</h1><p>Đoạn một về y tế.</p><noscript>bật JavaScript</noscript>
    <script>document.write("cũng không")</script><table><tr><td>Huyện</td><td>Số hộ</td></tr></table></body></html>"""
    doc = load_document(write(tmp_path, "tin.html", html))
    assert doc.title == "Tin giảm nghèo"
    assert "Đoạn một về y tế." in doc.text and "Huyện | Số hộ" in doc.text
    for hidden in ("bimat", "không được hiện", "color", "cũng không", "bật JavaScript"):
        assert hidden not in doc.text, hidden


# -- broken files: one clear line each -----------------------------------------------
def test_zero_bytes(tmp_path):
    assert "empty" in load_error(write(tmp_path, "rong.txt", b""))


def test_random_bytes_named_pdf(tmp_path):
    assert "not a PDF" in load_error(write(tmp_path, "gia.pdf", random.Random(1).randbytes(3000)))


def test_truncated_pdf(tmp_path):
    data = pdf_bytes([[VI[:80]]])
    assert "damaged PDF" in load_error(write(tmp_path, "cut.pdf", data[: len(data) // 2]))


def test_truncated_docx(tmp_path):
    data = docx_bytes([VI])
    assert "not a valid .docx" in load_error(write(tmp_path, "cut.docx", data[: len(data) // 2]))


def test_password_protected_pdf(tmp_path):
    data = encrypted_pdf(pdf_bytes([[VI[:80]]]), "mat-khau")
    assert "password-protected" in load_error(write(tmp_path, "khoa.pdf", data))


def test_image_only_pdf_says_no_text_layer_and_no_ocr(tmp_path):
    message = load_error(write(tmp_path, "scan.pdf", pdf_bytes([[], []], image_only=True)))
    assert "no text layer" in message and "OCR is not supported" in message


def test_binary_named_txt(tmp_path):
    assert "binary data" in load_error(write(tmp_path, "anh.txt", bytes(range(256)) * 8))


def test_control_characters_in_a_file_name_are_escaped_in_messages(tmp_path):
    path = write(tmp_path, "x\x1b[31m\nrong.txt", b"")
    with pytest.raises(UnreadableFileError) as info:
        load_document(path)
    assert "\x1b" not in str(info.value) and "\n" not in str(info.value)
    assert "\\x1b[31m\\nrong.txt: the file is empty" in str(info.value)


def test_control_characters_in_a_file_name_never_reach_the_title(tmp_path):
    doc = load_document(write(tmp_path, "bao\x07cao\ttinh.txt", VI))
    assert doc.title == "bao cao tinh"


def test_a_bad_batch_reports_each_file_once_and_ingests_the_rest(tmp_path):
    """The whole catalogue of broken files in one folder, through the real pipeline."""
    from conftest import hashing_settings
    from ingest.pipeline import ingest_paths
    from qa.factory import open_index

    folder = tmp_path / "docs"
    folder.mkdir()
    outside = write(tmp_path, "mat.txt", "Tài liệu bí mật ngoài thư mục.")
    good = {
        "tot.txt": VI.encode(),
        "tot-1258.txt": cp1258_bytes("Báo cáo về nước sạch và vệ sinh môi trường nông thôn."),
        "tot.docx": docx_bytes([VI], title="Word tốt"),
        "tot.pdf": pdf_bytes([[VI[:90]]]),
        "tot.html": f"<title>Trang</title><p>{VI}</p>".encode(),
        "ten\x07la.txt": "Tài liệu có tên lạ vẫn được nạp.".encode(),
    }
    bad = {
        "rong.txt": (b"", "empty"),
        "gia.pdf": (os.urandom(2048), "not a PDF"),
        "cut.docx": (docx_bytes([VI])[:900], "not a valid .docx"),
        "khoa.pdf": (encrypted_pdf(pdf_bytes([[VI[:50]]]), "mk"), "password-protected"),
        "scan.pdf": (pdf_bytes([[]], image_only=True), "OCR is not supported"),
        "to.txt": (b"a" * (1024 * 1024 + 1), "larger than the 1 MB limit"),
    }
    for name, data in good.items():
        write(folder, name, data)
    for name, (data, _) in bad.items():
        write(folder, name, data)
    (folder / "lien-ket.txt").symlink_to(outside)
    index = open_index(hashing_settings(tmp_path / "index"), create=True)
    try:
        report = ingest_paths(index, [folder], max_bytes=1024 * 1024)
        lines = [str(err) for err in report.failed]
        assert len(lines) == len(bad) + 1, "\n".join(lines)
        for name, (_, reason) in bad.items():
            line, = [ln for ln in lines if ln.startswith(str(folder / name) + ":")]
            assert reason in line and "\n" not in line, line
        assert any("lien-ket.txt: a link to a file outside the folder" in ln for ln in lines), lines
        assert sorted(d.title for d in index.documents()) == sorted(
            ["tot", "tot 1258", "Word tốt", "tot", "Trang", "ten la"]), [d.title for d in index.documents()]
        assert all("bí mật" not in p.text for p in index.catalog.iter_passages())
    finally:
        index.close()
