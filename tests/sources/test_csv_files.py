"""CSV files as real people save them: encodings, line ends, separators, broken quotes, odd cells."""

from __future__ import annotations

import csv
import unicodedata

import openpyxl
import pytest

from dvk.cli import main
from dvk.demo.files import to_tcvn3
from dvk.sources.files import read_file
from tests.sources.test_columns_and_refusals import HEADERS

TONES = "\u0300\u0301\u0303\u0309\u0323"
ROWS = [
    HEADERS,
    [
        "10/03/2026 08:00:00",
        "Sở Y tế",
        "Kinh tế",
        "Tổ hợp tác nuôi bò",
        "Tập thể",
        "thôn Đông",
        "Nội dung",
        "Mới",
    ],
    ["11/03/2026 08:00:00", "Công an tỉnh", "QP-AN", "Camera an ninh", "Tập thể", "", "Lắp đặt", "Nhân rộng"],
]


def to_cp1258(text: str) -> bytes:
    """As Vietnamese Windows saves text: base letters with their marks, tones as combining bytes."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in decomposed if c in TONES).encode("cp1258")
    return out


def as_text(rows, delimiter=",", newline="\r\n") -> str:
    return (
        newline.join(
            delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row) for row in rows
        )
        + newline
    )


def collect(tmp_path, path, capsys):
    out = tmp_path / "out"
    code = main(["collect", "--year", "2026", "--source", str(path), "--out", str(out)])
    printed = capsys.readouterr()
    return code, printed.out + printed.err, out


def registrations(out):
    with (out / "registrations.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [(r["unit_code"], r["model_name"], r["address"]) for r in csv.DictReader(handle)]


EXPECTED = [("SYT", "Tổ hợp tác nuôi bò", "thôn Đông"), ("CAT", "Camera an ninh", "")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8", as_text(ROWS).encode("utf-8")),
        ("utf8_bom", b"\xef\xbb\xbf" + as_text(ROWS).encode("utf-8")),
        ("utf16_bom", as_text(ROWS).encode("utf-16")),
        ("utf16_be_bom", b"\xfe\xff" + as_text(ROWS).encode("utf-16-be")),
        ("utf16_le_no_bom", as_text(ROWS).encode("utf-16-le")),
        ("windows_1258", to_cp1258(as_text(ROWS))),
        ("tcvn3", to_tcvn3(as_text(ROWS)).encode("cp1252")),
        ("cr_only", as_text(ROWS, newline="\r").encode("utf-8")),
        ("lf_only", as_text(ROWS, newline="\n").encode("utf-8")),
        ("semicolon", as_text(ROWS, delimiter=";").encode("utf-8")),
        ("tab", as_text(ROWS, delimiter="\t").encode("utf-8")),
    ],
)
def test_every_encoding_and_dialect_reads_the_same_rows(tmp_path, capsys, name, data):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 0, printed
    assert registrations(out) == EXPECTED
    assert "Traceback" not in printed


def test_a_stray_byte_is_flagged_on_its_row_not_turned_into_garbage(tmp_path, capsys):
    data = as_text(ROWS).encode("utf-8").replace(b"Camera", b"Cam\xffera")
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 0
    assert registrations(out) == EXPECTED[:1]
    with (out / "rejects.csv").open(encoding="utf-8-sig", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["source_row"], r["column"], r["code"]) for r in rejects] == [
        ("3", "Tên mô hình, điển hình", "undecodable")
    ]
    assert "1 ký tự không đọc được" in printed


@pytest.mark.parametrize("extra", [b"\x00", b"x\x00", b"\x00\x00"])
def test_a_nul_never_makes_a_file_utf16(tmp_path, capsys, extra):
    """Even or odd length, a NUL in a UTF-8 file is dropped with a note, the rest read as UTF-8."""
    data = as_text(ROWS).encode("utf-8").replace(b"Camera", b"Cam" + extra + b"era")
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 0
    assert registrations(out)[0] == EXPECTED[0]
    assert registrations(out)[1][1] in {"Camera an ninh", "Camxera an ninh"}
    assert "ký tự vô hình hoặc không hợp lệ" in printed


def test_long_cells_and_non_characters_are_cut_or_dropped_with_a_note(tmp_path, capsys):
    rows = [list(row) for row in ROWS]
    rows[1][6] = "nội dung " * 15_000  # 135,000 characters, over the csv module's default limit
    rows[2][3] = "Camera\ufffe an\uffff ninh\ufdd0"
    path = tmp_path / "f.csv"
    path.write_text(as_text(rows), encoding="utf-8")
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 0, printed
    assert [name for _, name, _ in registrations(out)] == ["Tổ hợp tác nuôi bò", "Camera an ninh"]
    assert "dòng 2, cột 7: ô dài quá 32.767 ký tự, đã cắt bớt" in printed
    assert "đã bỏ 3 ký tự vô hình hoặc không hợp lệ" in printed
    register = openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx").active
    contents = [row[8] for row in register.iter_rows(min_row=2, values_only=True)]
    assert len(contents[0]) == 32_767 and contents[0].endswith("…")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            as_text(ROWS)
            + '12/03/2026,Sở Y tế,Kinh tế,"Mô hình chưa đóng ngoặc,Tập thể,,,Mới\r\n'
            + as_text(ROWS[1:]),
            'dấu ngoặc kép (") mở ở bản ghi thứ 4 không được đóng',
        ),
        (
            as_text(ROWS[:2])
            + '12/03/2026,Sở Y tế,Kinh tế,"Mở ngoặc,Tập thể,,,Mới\r\n'
            + as_text(ROWS[1:] * 3)
            + 'x",Tập thể,,,Mới\r\n',
            "một ô ở bản ghi thứ 3 chứa cả những dòng sau nó",
        ),
    ],
)
def test_an_unclosed_quote_refuses_the_file_instead_of_swallowing_rows(tmp_path, capsys, text, said):
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 2
    assert said in printed and "«f.csv»" in printed and "Traceback" not in printed
    assert not (out / "registrations.csv").exists()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (as_text(ROWS[:1]).encode() + bytes(range(128, 256)) * 4, "bảng mã không nhận ra được"),
        (("Ten,Don vi\r\n" + "你好世界，测试文件" * 20).encode("gbk"), "bảng mã không nhận ra được"),
        (("Name,Unit\r\n" + "Привет мир " * 20).encode("cp1251"), "bảng mã không nhận ra được"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8, "tệp thực ra là tệp Excel (.xlsx)"),
    ],
)
def test_bytes_no_encoding_reads_as_vietnamese_are_refused(tmp_path, capsys, data, said):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    code, printed, _ = collect(tmp_path, path, capsys)
    assert code == 2 and said in printed and "«f.csv»" in printed


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\r\n"])
def test_an_empty_csv_is_named_as_skipped(tmp_path, capsys, data):
    path = tmp_path / "rong.csv"
    path.write_bytes(data)
    code, printed, _ = collect(tmp_path, path, capsys)
    assert code == 0 and "rong.csv: bỏ qua — tệp rỗng" in printed


def test_a_workbook_formatted_down_to_the_last_row_reads_only_its_used_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in ROWS:
        sheet.append(row)
    sheet.cell(row=1_048_576, column=200).number_format = "0.00"  # one formatted, empty cell
    workbook.save(tmp_path / "f.xlsx")
    [read] = read_file(tmp_path / "f.xlsx")
    assert len(read.grid) == 3 and max(len(row) for row in read.grid) == len(HEADERS)


def test_utf16_without_a_bom_needs_clear_evidence(tmp_path):
    vietnamese = "Tổ hợp tác nuôi bò, Lĩnh vực kinh tế\r\n".encode() * 10
    assert len(vietnamese) % 2 == 0
    (tmp_path / "f.csv").write_bytes(vietnamese)
    [sheet] = read_file(tmp_path / "f.csv")
    assert sheet.grid[0][0] == "Tổ hợp tác nuôi bò" and not sheet.notes


def test_a_long_answer_of_several_lines_with_commas_is_one_cell(tmp_path, capsys):
    rows = [list(row) for row in ROWS]
    rows[1][6] = "\n".join(["- tổ chức, cá nhân, hộ gia đình, thôn, xã, phường, huyện, tỉnh, vùng"] * 4)
    path = tmp_path / "f.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    code, printed, out = collect(tmp_path, path, capsys)
    assert code == 0, printed
    assert registrations(out) == EXPECTED
