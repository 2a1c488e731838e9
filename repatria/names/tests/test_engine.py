"""The screening engine on its own: names across scripts, evidence, scores, the index and the CLI (no database)."""

import json
import random
import subprocess
import sys

import pytest

from repatria.names import DEFAULT_THRESHOLD, Entity, EntityError, Index, compare
from repatria.names.index import MIN_SCORE, RARE
from repatria.names.names import compare_names, prepare_name
from repatria.names.romanise import wade_giles
from repatria.names.scoring import prepare, weigh


def similarity(a: str, b: str) -> tuple[float, str]:
    return compare_names(prepare_name(a), prepare_name(b))


SAME_PERSON = [
    ("楊秀蘭", "杨秀兰", "characters"),
    ("Yang Xiulan", "杨秀兰", "pinyin"),
    ("yangxiulan", "杨秀兰", "pinyin"),
    ("Xiulan YANG", "杨秀兰", "pinyin"),
    ("YANG Xiu-lan", "杨秀兰", "pinyin"),
    ("Yáng Xiùlán", "杨秀兰", "pinyin"),
    ("Yang Hsiu-lan", "杨秀兰", "wade-giles"),
    ("YEUNG Sau Lan", "杨秀兰", "cantonese"),
    ("Chang Hsiu-chu", "张秀珠", "wade-giles"),
    ("CHEUNG Sau Chu", "张秀珠", "cantonese"),
    ("Tsang Chi Wai", "曾志伟", "cantonese"),
    ("Zeng Zhiwei", "曾志伟", "pinyin"),
    ("Shan Lei", "单磊", "pinyin"),
    ("Qiu Jun", "仇军", "pinyin"),
    ("Ou Hua", "区华", "pinyin"),
    ("Zha Ming", "查明", "pinyin"),
    ("Xie Fang", "解芳", "pinyin"),
    ("Qin Li", "覃丽", "pinyin"),
    ("Yue Tao", "乐涛", "pinyin"),
    ("Piao Hong", "朴红", "pinyin"),
    ("Ouyang Jianguo", "欧阳建国", "pinyin"),
    ("Jianguo Ouyang", "欧阳建国", "pinyin"),
    ("Sima Lin", "司马琳", "pinyin"),
    ("LYU Xiaolong", "吕小龙", "pinyin"),
    ("Lǚ Xiǎolóng", "吕小龙", "pinyin"),
    ("Lee Teng-hui", "李登辉", "wade-giles"),
    ("Aleksandr Petrov", "Александр Петров", "letters"),
]


@pytest.mark.parametrize(("query", "listed", "via"), SAME_PERSON)
def test_a_name_is_found_in_every_script_and_romanisation(query, listed, via):
    assert similarity(query, listed) == (1.0, via)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Zhang Wei", "张文"),  # one syllable apart
        ("Zhang Wei", "王伟"),
        ("Zhang Wen", "Zhang Wei"),
        ("Zhang Wei", "张伟国"),  # a syllable missing
        ("Huajun Wu", "吴军华"),  # the given name's syllables swapped
        ("CHEN Leili", "李丽珍"),  # only if read partly in Wade-Giles, partly in Cantonese
        ("梁磊武", "WU Lianglei"),  # surname in the middle
        ("杨秀兰", "杨修兰"),  # same sounds, another character
        ("Ivan Petrov", "Aleksandr Petrov"),
    ],
)
def test_another_name_does_not_reach_a_match(query, listed):
    assert similarity(query, listed)[0] < 0.8


def test_an_adopted_western_first_name_costs_little():
    assert similarity("David Zhang Wei", "张伟")[0] >= 0.9
    assert similarity("Zhang Wei", "David Zhang Wei")[0] >= 0.9
    assert similarity("Mary Zhang Wei", "David Zhang Wei")[0] < 0.8  # two different first names


def test_transliterations_of_one_foreign_name_are_close():
    assert similarity("Alexander Petrov", "Aleksandr Petrov") == (pytest.approx(0.95, abs=0.05), "spelling")
    assert similarity("Dmitriy Ivanov", "Dmitry Ivanov")[0] >= 0.9


def test_wade_giles_as_passports_write_it():
    assert [wade_giles(p) for p in ("xiu", "zhong", "zi", "shi", "guo", "gui", "xue", "jiang", "lv")] == [
        "hsiu", "chung", "tzu", "shih", "kuo", "kuei", "hsueh", "chiang", "lu",
    ]  # fmt: skip


def person(entity_id="p", names=("杨秀兰",), **fields) -> Entity:
    return Entity(entity_id, tuple(names), **fields)


def test_birth_date_sex_nationality_and_documents_weigh_in():
    listed = person(birth_dates=("1955-04-12",), genders=("female",), nationalities=("cn",), documents=("E1234567",))
    base = compare(person(names=("YEUNG Sau Lan",)), listed)
    assert base.match and base.explanations["name"]["detail"] == "YEUNG Sau Lan ≈ 杨秀兰 via Cantonese"
    full = compare(person(names=("YEUNG Sau Lan",), birth_dates=("1955-04-12",)), listed)
    year = compare(person(names=("YEUNG Sau Lan",), birth_dates=("1955",)), listed)
    month = compare(person(names=("YEUNG Sau Lan",), birth_dates=("1955-04",)), listed)
    assert full.score > month.score > year.score > base.score
    assert year.explanations["birth_date"]["code"] == "year"
    other_year = compare(person(names=("YEUNG Sau Lan",), birth_dates=("1956-04-12",)), listed)
    assert not other_year.match and other_year.explanations["birth_date"]["code"] == "contradicts"
    other_sex = compare(person(names=("YEUNG Sau Lan",), genders=("male",)), listed)
    assert other_sex.score < base.score
    document = compare(person(names=("Someone Else",), documents=("E1234567",)), listed)
    assert document.match and document.explanations["document"]["code"] == "agrees"


def test_threshold_sets_the_match_flag():
    pair = (person(names=("Yang Xiulan",)), person())
    assert compare(*pair).match
    assert not compare(*pair, threshold=0.99).match
    assert DEFAULT_THRESHOLD == 0.7


@pytest.fixture
def index() -> Index:
    return Index(
        [
            person("a", ("杨秀兰", "YANG Xiulan"), birth_dates=("1955-04-12",)),
            person("b", ("张伟",), birth_dates=("1970-01-01",)),
            person("c", ("张伟",), birth_dates=("1982-06-30",)),
            person("d", ("张文",), birth_dates=("1970-01-01",)),
            person("e", ("王伟",), birth_dates=("1970-01-01",)),
            person("f", ("Aleksandr Petrov",), documents=("720000001",)),
        ]
    )


def test_the_index_ranks_the_right_person_first(index):
    assert [r.id for r in index.match(person(names=("Yang Hsiu-lan",)))] == ["a"]
    results = index.match(person(names=("ZHANG Wei",), birth_dates=("1970-01-01",)))
    assert results[0].id == "b" and results[0].match
    assert [r.id for r in results if r.match] == ["b"]  # not 张伟 born 1982, not 张文, not 王伟
    assert [r.id for r in index.match(person(names=("Alexander Petrov",)))] == ["f"]
    assert [r.id for r in index.match(person(names=("nobody",), documents=("720000001",)))] == ["f"]


def test_the_index_changes_entry_by_entry(index):
    index.add(person("a", ("李华",)))  # replaces a
    assert index.match(person(names=("Yang Xiulan",))) == []
    assert [r.id for r in index.match(person(names=("Li Hua",)))] == ["a"]
    index.remove("a")
    assert index.match(person(names=("Li Hua",))) == [] and "a" not in index and len(index) == 5


def test_letters_read_as_syllables_also_find_a_foreign_name():
    index = Index([person("k1", ("임호준",)), person("k2", ("강훈우",)), person("c", ("林浩俊",))])
    assert "k1" in {r.id for r in index.match(person(names=("Im Hojun",)))}
    assert [r.id for r in index.match(person(names=("HUNU Gang",)))] == ["k2"]


def test_a_common_syllable_alone_is_no_lead():
    """A "Zhang" is rare among names in letters only because Chinese names are filed by their characters: it does not
    bring in every "ZHANG ..." passport spelling when the rest of the query matches nobody."""
    many = RARE // len(_GIVEN) + 1
    listed = [person(f"z{i}", (f"张{given}", f"ZHANG {spelt}")) for i, (given, spelt) in enumerate(_GIVEN * many)]
    index = Index([*listed, person("p", ("Zhang Jun",))])
    assert index.candidates(prepare(person(names=("Zhang Jun",)))) == {"p"}
    assert index.candidates(prepare(person(names=("Zhang Junwei",)))) == set()  # left with "Zhang" alone


def test_a_name_in_letters_is_looked_for_at_its_length():
    index = Index([person("a", ("李春",)), person("b", ("李春华",)), person("c", ("李华春",)), person("d", ("春李",))])
    assert index.candidates(prepare(person(names=("Li Chun",)))) == {"a", "d"}  # surname first or last
    assert index.candidates(prepare(person(names=("Li Chunhua",)))) == {"b", "c"}
    assert [r.id for r in index.match(person(names=("Li Chunhua",)))][:1] == ["b"]


_GIVEN = [("明安", "Mingan"), ("民安", "Minan"), ("红爱", "Hongai"), ("琼爱", "Qiongai"), ("桂爱", "Guiai")]


def _crowded_list(rng: random.Random) -> list[Entity]:
    """Persons drawn from few surnames, given names and birth years, so that namesakes, ties and near misses abound;
    some also listed in letters (pinyin or Cantonese), some foreign."""
    surnames, given = "李王张陈刘黄", ["伟", "春", "丽", "伟国", "春华", "丽娟", "国强", "华"]
    foreign = ["Aleksandr Petrov", "Alexander Petrova", "Kim Minho", "Lee Jisoo", "Maria Li", "Peter Wong"]
    persons = []
    for i in range(400):
        if rng.random() < 0.1:
            names = (rng.choice(foreign),)
        else:
            han = rng.choice(surnames) + rng.choice(given)
            spelt = prepare_name(han).slots
            letters = " ".join(min(slot.spellings) for slot in spelt)
            names = (han, letters) if rng.random() < 0.3 else (han,)
        year = str(rng.randint(1960, 1965))
        date = rng.choice([year, f"{year}-0{rng.randint(1, 3)}", f"{year}-0{rng.randint(1, 3)}-1{rng.randint(0, 2)}"])
        persons.append(person(f"p{i:03}", names, birth_dates=(date,), genders=(rng.choice(["male", "female"]),)))
    return persons


def test_the_index_answers_as_scoring_every_candidate_would():
    """Candidates are ruled out by a bound on their score before their names are compared: the answer must be
    the one comparing all of them gives, ties included (by id)."""
    rng = random.Random(7)
    listed = _crowded_list(rng)
    index = Index(listed)
    queries = [
        person("q", (name,), birth_dates=dates, genders=genders)
        for name in ("李伟", "Li Wei", "LEE Wai", "Wang Chun Hua", "张丽娟", "Chan Kwok Keung", "Petrov", "Li", "Kim")
        for dates in ((), ("1962",), ("1963-02",), ("1961-01-11",))
        for genders in ((), ("female",))
    ]
    for query in queries:
        for limit in (1, 3, 10):
            prepared = prepare(query)
            weighed = [weigh(prepared, index._listed[i]) for i in index.candidates(prepared)]
            ranked = sorted((w.total, w.listed.entity.id) for w in weighed if w.total >= MIN_SCORE)
            ranked.sort(key=lambda pair: -pair[0])  # stable: ties stay by id
            expected = [(entity_id, total) for total, entity_id in ranked[:limit]]
            assert [(r.id, r.score) for r in index.match(query, limit=limit)] == expected, (query, limit)


def test_entities_are_read_from_followthemoney():
    entity = Entity.from_ftm(
        {
            "id": "x",
            "schema": "Person",
            "properties": {
                "name": ["杨秀兰"],
                "alias": ["Yang Xiulan"],
                "birthDate": ["1955-04"],
                "gender": ["female"],
                "nationality": ["CN"],
                "passportNumber": ["e 123-4567"],
            },
        }
    )
    assert entity.names == ("杨秀兰", "Yang Xiulan") and entity.nationalities == ("cn",)
    assert entity.documents == ("E1234567",) and entity.birth_dates == ("1955-04",)
    for bad in ({"properties": {}}, {"schema": "Company", "properties": {"name": ["x"]}}, []):
        with pytest.raises(EntityError):
            Entity.from_ftm(bad)
    with pytest.raises(EntityError, match="birthDate"):
        Entity.from_ftm({"properties": {"name": ["x"], "birthDate": ["12/04/1955"]}})


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "repatria", *args], input=stdin, capture_output=True, text=True, env=env, check=False
    )


def write_lines(path, entities) -> str:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8")
    return str(path)


def ftm(entity_id, *names, **props):
    return {"id": entity_id, "schema": "Person", "properties": {"name": list(names), **props}}


def test_cli_screens_without_django(tmp_path):
    listed = write_lines(tmp_path / "list.jsonl", [ftm("p1", "杨秀兰", birthDate=["1955"]), ftm("p2", "张伟")])
    queries = write_lines(tmp_path / "q.jsonl", [ftm("q1", "YEUNG Sau Lan", birthDate=["1955-04-12"]), ftm("q2", "x")])
    probe = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_module('repatria', run_name='__main__')"
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-c", probe + "; import sys; assert 'django' not in sys.modules", "x", "screen"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "does.not.exist"},
    )
    assert "--list" in done.stderr  # argparse ran, no Django settings needed
    done = run("screen", "--list", listed, "--queries", queries, "--limit", "1", "--threshold", "0.5")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    assert lines[0]["results"][0]["id"] == "p1" and lines[0]["results"][0]["match"] is True
    assert set(lines[0]["results"][0]) == {"id", "score", "match", "explanations"}
    assert lines[1]["results"] == []


def test_cli_scores_pairs(tmp_path):
    pairs = [
        {"left": ftm("l", "Zhang Wei"), "right": ftm("r", "张伟")},
        {"left": ftm("l", "Zhang Wen"), "right": ftm("r", "张伟")},
    ]
    done = run("screen-pairs", "--pairs", "-", stdin="".join(json.dumps(p) + "\n" for p in pairs))
    scores = [json.loads(line) for line in done.stdout.splitlines()]
    assert [set(s) for s in scores] == [{"score", "match"}] * 2
    assert [s["match"] for s in scores] == [True, False] and scores[0]["score"] > scores[1]["score"]


def test_cli_stops_at_a_bad_line_before_printing(tmp_path):
    listed = write_lines(tmp_path / "list.jsonl", [ftm("p1", "杨秀兰")])
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps(ftm("q1", "Yang Xiulan")) + "\n{not json\n", encoding="utf-8")
    done = run("screen", "--list", listed, "--queries", str(queries), env={"LANG": "zh_CN.UTF-8", "PATH": "/usr/bin"})
    assert done.returncode == 2 and done.stdout == ""
    assert "第 2 行" in done.stderr
    done = run("screen", "--list", listed, "--queries", str(queries), env={"LANG": "C", "PATH": "/usr/bin"})
    assert "line 2" in done.stderr
