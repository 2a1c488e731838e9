"""Search keys for personal names (repatria.registry.names); no database needed."""

import pytest

from repatria.names.chinese import detect_script, pinyin_syllables, split_surname, to_simplified
from repatria.registry.names import query_keys, search_keys


def matches(query: str, names: list[str]) -> bool:
    """What the list view does: OR of ``search_text__contains=key`` over the query keys."""
    text = search_keys(names)
    return any(key in text for key in query_keys(query))


QUERIES = ["杨秀兰", "楊秀蘭", "yang xiulan", "Yang Xiulan", "YANG XIU-LAN", "xiulan yang", "yangxiulan"]
QUERIES += ["杨秀", "楊秀", "xiulan", "yang xiu"]
STORED = [["杨秀兰"], ["楊秀蘭"], ["Yang Xiulan"], ["Xiulan Yang"], ["杨秀兰", "YANG Xiulan"]]


@pytest.mark.parametrize("names", STORED, ids=" + ".join)
@pytest.mark.parametrize("query", QUERIES)
def test_every_spelling_finds_the_person(query, names):
    assert matches(query, names)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("Yáng Xiùlán", ["杨秀兰"]),
        ("楊秀", ["杨秀兰"]),
        ("  yang  xiulan ", ["杨秀兰"]),
        ("wei zhang", ["张伟"]),
        ("ZHANGWEI", ["张伟"]),
        ("zeng wei", ["曾伟"]),
        ("ouyang xiu", ["欧阳修"]),
        ("xiu ouyang", ["歐陽修"]),
        ("lv wei", ["吕伟"]),
        ("Lǚ Wěi", ["吕伟"]),
        ("Müller", ["Anna Müller"]),
        ("muller anna", ["Anna Müller"]),
        ("petrova anna", ["Anna Maria Petrova"]),
        ("maria petrova", ["Anna Maria Petrova"]),
        ("jean pierre", ["Jean-Pierre Dubois"]),
        ("dubois jeanpierre", ["Jean-Pierre Dubois"]),
        ("o'neil", ["Sean O’Neil"]),
        ("Петров", ["Иван Петров"]),
        ("иван", ["ИВАН ПЕТРОВ"]),
        ("约翰", ["約翰·史密斯"]),
        ("yuehan shimisi", ["约翰·史密斯"]),
    ],
)
def test_matches(query, names):
    assert matches(query, names)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("wang wei", ["张伟"]),
        ("zhang wen", ["张伟"]),
        ("张文", ["张伟"]),
        ("王伟", ["张伟"]),
        ("yang xiulan", ["张伟", "Zhang Wei"]),
        ("ceng wei", ["曾伟"]),
        ("dan tian fang", ["单田芳"]),
    ],
)
def test_does_not_match(query, names):
    assert not matches(query, names)


@pytest.mark.parametrize(
    ("name", "syllables"),
    [
        ("杨秀兰", ["yang", "xiu", "lan"]),
        ("楊秀蘭", ["yang", "xiu", "lan"]),
        ("曾伟", ["zeng", "wei"]),
        ("单田芳", ["shan", "tian", "fang"]),
        ("欧阳修", ["ou", "yang", "xiu"]),
        ("仇伟", ["qiu", "wei"]),
        ("区伟", ["ou", "wei"]),
        ("查伟", ["zha", "wei"]),
        ("解伟", ["xie", "wei"]),
        ("覃伟", ["qin", "wei"]),
        ("乐伟", ["yue", "wei"]),
        ("朴伟", ["piao", "wei"]),
        ("盖伟", ["ge", "wei"]),
        ("召伟", ["shao", "wei"]),
        ("缪伟", ["miao", "wei"]),
        ("秘伟", ["bi", "wei"]),
        ("翟伟", ["zhai", "wei"]),
        ("祭伟", ["zhai", "wei"]),
        ("员伟", ["yun", "wei"]),
        ("折伟", ["she", "wei"]),
        ("句伟", ["gou", "wei"]),
        ("黑伟", ["he", "wei"]),
        ("薄田芳", ["bo", "tian", "fang"]),
        ("尉迟伟", ["yu", "chi", "wei"]),
        ("万俟伟", ["mo", "qi", "wei"]),
        ("长孙伟", ["zhang", "sun", "wei"]),
        ("诸葛明亮", ["zhu", "ge", "ming", "liang"]),
        ("吕伟", ["lv", "wei"]),
        ("乾偉", ["qian", "wei"]),
        ("杨 秀兰", ["yang", "xiu", "lan"]),
        ("", []),
    ],
)
def test_pinyin_syllables(name, syllables):
    assert pinyin_syllables(name) == syllables


def test_given_name_keeps_phrase_reading():
    # 长 in the given name 长江 is "chang"; as the surname 长孙 it is "zhang".
    assert pinyin_syllables("王长江") == ["wang", "chang", "jiang"]
    assert pinyin_syllables("曾曾") == ["zeng", "ceng"]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("欧阳修", ("欧阳", "修")),
        ("歐陽修", ("歐陽", "修")),
        ("司马光明", ("司马", "光明")),
        ("上官秀", ("上官", "秀")),
        ("杨秀兰", ("杨", "秀兰")),
        ("单于芳", ("单", "于芳")),
        ("欧阳", ("欧", "阳")),
        ("杨", ("杨", "")),
        (" 杨 秀兰 ", ("杨", "秀兰")),
        ("约翰·史密斯", ("", "约翰·史密斯")),
        ("", ("", "")),
    ],
)
def test_split_surname(name, parts):
    assert split_surname(name) == parts


def test_to_simplified():
    assert to_simplified("楊秀蘭") == "杨秀兰"
    assert to_simplified("歐陽修") == "欧阳修"
    assert to_simplified("杨秀兰") == "杨秀兰"
    assert to_simplified("Yang") == "Yang"
    assert to_simplified("") == ""


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("杨秀兰", "Hans"),
        ("楊秀蘭", "Hant"),
        ("秀兰", "Hans"),
        ("乾伟", "Hans"),
        ("Yang Xiulan", "Latn"),
        ("Yáng Xiùlán", "Latn"),
        ("Иван Петров", "Cyrl"),
        ("Ёлкин-Йодов", "Cyrl"),
        ("Νίκος", "Zyyy"),
        ("محمد", "Zyyy"),
        ("123", "Zyyy"),
        ("", "Zyyy"),
    ],
)
def test_detect_script(name, script):
    assert detect_script(name) == script


def test_search_keys_chinese():
    assert search_keys(["杨秀兰"]) == "杨秀兰 yangxiulan xiulanyang"
    assert search_keys(["欧阳修"]) == "欧阳修 ouyangxiu xiuouyang"


def test_search_keys_latin_orders():
    assert search_keys(["YANG XIU-LAN"]) == "yangxiulan xiulanyang"
    assert search_keys(["Anna Maria Petrova"]) == "annamariapetrova mariapetrovaanna petrovaannamaria"
    assert search_keys(["Zoë O'Brien-Smith Jr."]) == "zoeobriensmithjr obriensmithjrzoe jrzoeobriensmith"


def test_search_keys_other_scripts_and_edge_cases():
    assert search_keys(["Иван Петров"]) == "иванпетров"
    assert search_keys([]) == ""
    assert search_keys(["", "  "]) == ""


def test_search_keys_deduplicates():
    assert search_keys(["杨秀兰", "楊秀蘭", "Yang Xiulan", "xiulan YANG"]) == "杨秀兰 yangxiulan xiulanyang"
    keys = search_keys(["Anna Maria Petrova", "Petrova Anna Maria"]).split()
    assert keys == ["annamariapetrova", "mariapetrovaanna", "petrovaannamaria"]


def test_search_keys_accepts_any_iterable():
    assert search_keys(name for name in ("杨秀兰",)) == search_keys(["杨秀兰"])


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("楊秀", ["杨秀", "yangxiu"]),
        ("杨 秀兰", ["杨秀兰", "yangxiulan"]),
        ("Yáng Xiùlán", ["yangxiulan"]),
        ("YANG XIU-LAN", ["yangxiulan"]),
        ("Lǚ", ["lu", "lv"]),
        ("Иван", ["иван"]),
        ("", []),
        ("   ", []),
        (" \t\n", []),
    ],
)
def test_query_keys(query, keys):
    assert query_keys(query) == keys


@pytest.mark.parametrize("query", ["LYU Weiming", "lu weiming", "lv weiming", "吕伟明", "Lǚ Wěimíng"])
def test_a_name_with_u_umlaut_is_found_by_every_spelling(query):
    assert matches(query, ["吕伟明"])
