"""The screening evaluation's kinds of issue 17 (bench/screening): each typing and reading error is one edit, and each
romanisation table gives the published spelling of known syllables."""

import random
import sys
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench" / "screening"))

import romanisations as rom  # noqa: E402
import shapes  # noqa: E402
import typos  # noqa: E402
import variants  # noqa: E402


@pytest.mark.parametrize("how", typos.EDITS)
def test_a_typing_error_is_one_edit(how):
    rng = random.Random(how)
    for text in ("Zhang Weiguo", "ZHANG Xiaoming", "Hans Müller"):
        typed, note = typos.edit(text, rng, how)
        assert note.startswith(how)
        distance = OSA.distance if how == "transpose" else Levenshtein.distance
        assert distance(typed, text) == 1, (text, typed)


def test_keyboard_neighbours_are_qwerty():
    assert set(typos.NEIGHBOURS["g"]) == set("fhtybv")
    assert set(typos.NEIGHBOURS["q"]) == set("wa")


def test_two_edits_only_on_long_names():
    rng = random.Random(1)
    assert all(";" not in typos.typo("Li Wei", rng)[1] for _ in range(50))
    assert any(";" in typos.typo("Ouyang Jianguo Xiaoming", rng)[1] for _ in range(50))


def test_a_scan_confuses_what_ocr_confuses():
    rng = random.Random(2)
    for _ in range(30):
        read, note = typos.ocr("ZHOU XIAOMING", rng)
        printed, _sep, rest = note.partition("->")
        assert printed in typos.OCR and rest.split("@")[0] in typos.OCR[printed]
        assert read != "ZHOU XIAOMING"


def test_a_missing_or_extra_space_or_hyphen():
    rng = random.Random(3)
    for _ in range(30):
        written, _note = typos.space_hyphen("Zhang Wei-guo", rng)
        assert written.replace(" ", "").replace("-", "") == "ZhangWeiguo" and written != "Zhang Wei-guo"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (rom.wade_giles, {"zhou": "chou", "qing": "ch'ing", "ping": "p'ing", "xue": "hsüeh", "zhi": "chih",
                          "ri": "jih", "si": "ssu", "guo": "kuo", "duo": "to", "jun": "chün", "lve": "lüeh",
                          "yan": "yen", "ke": "k'o", "gui": "kuei", "zhong": "chung", "xiong": "hsiung"}),
        (rom.tongyong, {"zhang": "jhang", "xue": "syue", "qiang": "ciang", "feng": "fong", "liu": "liou",
                        "wen": "wun", "zhi": "jhih", "xu": "syu", "hui": "huei", "zheng": "jheng"}),
        (rom.mps2, {"zhang": "jang", "xue": "shiue", "zhi": "jr", "qiang": "chiang", "xiao": "shiau", "zi": "tz",
                    "si": "sz", "zhong": "jung", "xu": "shiu", "liu": "liou"}),
        (rom.palladius, {"zhang": "чжан", "wei": "вэй", "jian": "цзянь", "guo": "го", "xiao": "сяо", "liu": "лю",
                         "zhou": "чжоу", "qing": "цин", "shi": "ши", "lv": "люй", "xue": "сюэ", "hong": "хун"}),
        (rom.macau, {"gwok": "kuok", "jat": "iat", "sing": "seng", "wai": "vai", "jyu": "u", "ceoi": "chui",
                     "siu": "sio", "lau": "lao", "joeng": "ieong", "ming": "meng", "gam": "kam", "zeon": "chon"}),
    ],
)  # fmt: skip
def test_the_published_tables(table, expected):
    assert {syllable: table(syllable) for syllable in expected} == expected


def test_the_machine_readable_zone():
    line = rom.mrz_name("LYU", ["XIAOMING"])
    assert line == "P<CHNLYU<<XIAOMING" + "<" * 26 and len(line) == 44
    assert rom.mrz_name("OUYANG", ["WEI", "GUO"], whole_line=False) == "OUYANG<<WEI<GUO"


def test_the_issue_examples_are_made():
    seen = {variants.render_kind("wade_giles_marks", "周庆平", random.Random(i))[0] for i in range(200)}
    assert "Chou Ch'ing-p'ing" in seen
    assert variants.render_kind("palladius", "张伟", random.Random(0))[0] == "Чжан Вэй"
    sea = {variants.render_kind("sea_dialect", "陈伟明", random.Random(i))[0].split()[0] for i in range(100)}
    assert {"Tan", "Sae-Tang"} <= sea


def test_nomenklatura_shapes_are_synthetic_and_as_many_as_asked():
    drawn = list(shapes.pairs(5, seed=1))
    assert len(drawn) == 5 * len(shapes.SHAPES) == 50
    assert {p.shape for p in drawn if not p.matches} == {k for k, (m, _d) in shapes.SHAPES.items() if not m}
    assert all(p.query != p.listed for p in drawn if p.shape != "same_name")
