"""Chinese names in the romanisations met abroad, from the standards' published tables, NOT from the engine's code.

Nothing here imports ``repatria.names``, and none of it uses pypinyin's own romanisation styles (which an engine may
use): each system is written from its published table, applied to the toneless pinyin syllable (pypinyin only
reads the characters). The sources:

- Wade-Giles: the Library of Congress "Pinyin/Wade-Giles conversion table" (ALA-LC romanisation, 2000), as rules
  on initials and finals plus its whole-syllable exceptions (chih, tzu, ssu, erh, yü …).
- Tongyong Pinyin: the Ministry of Education (Taiwan) table of 2002, used on Taiwanese passports 2002-2008.
- MPS II (Mandarin Phonetic Symbols II, 國語注音符號第二式): the Ministry of Education (Taiwan) table of 1986.
- Palladius (Russian Cyrillic): the Palladius system as in the standard tables (Кондрашевский/Ошанин), with its
  consonant and final correspondences (чж, цз, эй, ань …).
- Southeast Asian dialect surnames: the Hokkien, Teochew, Hakka, Hainanese and Cantonese spellings of each surname as
  registered in Singapore, Malaysia, Indonesia (older Dutch-based forms), Thailand ("Sae-") and the Philippines, as
  in the published lists of Chinese surnames' romanisations (e.g. the "List of common Chinese surnames" table's
  regional columns); one spelling per (surname, place) as met on identity documents.
- Passport machine-readable zone: ICAO Doc 9303 part 3 §4.6 (name field: surname, "<<", given names, spaces and
  hyphens as "<", filled with "<" to 39 characters after "P<" and the issuing state).
- Jyutping: pycantonese (a second library; the engine reads Cantonese with ToJyutping); Yale: the
  cantonese-romanisation package's Yale table.
- Macau: the Macau government's Portuguese-based spelling of Cantonese, by its onset and rhyme correspondences and
  its surnames' spellings (Chan, Vong, Lei, Cheong, Leong, Lao, Kuok, Ieong …), from Pycantonese's Jyutping.
"""

from __future__ import annotations

import functools
import random

# ---- Wade-Giles (Library of Congress conversion table) ---------------------------------------------------------

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s")
_WG_INITIAL = {
    "b": "p", "p": "p'", "d": "t", "t": "t'", "g": "k", "k": "k'", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch",
    "ch": "ch'", "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s",
}  # fmt: skip
_WG_WHOLE = {
    "zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih", "zi": "tzu", "ci": "tz'u", "si": "ssu", "er": "erh",
    "yi": "i", "you": "yu", "yu": "yü", "yue": "yüeh", "yuan": "yüan", "yun": "yün", "yan": "yen", "ye": "yeh",
    "yong": "yung", "e": "o", "ge": "ko", "ke": "k'o", "he": "ho",
}  # fmt: skip
_WG_FINAL = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "v": "ü", "ve": "üeh", "van": "üan", "vn": "ün"}


def _split(syllable: str) -> tuple[str, str]:
    """(initial, final) of a toneless pinyin syllable, ü as "v"; after j, q, x a written u is ü."""
    initial = next((i for i in _INITIALS if syllable.startswith(i) and len(syllable) > len(i)), "")
    final = syllable[len(initial) :]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    if initial in ("l", "n") and final == "ue":
        final = "ve"
    return initial, final


def wade_giles(syllable: str) -> str:
    """Wade-Giles with apostrophes and umlauts (LoC table)."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    initial, final = _split(syllable)
    if final == "uo" and initial not in ("g", "k", "h", "sh"):
        final = "o"  # duo to, zhuo cho, but guo kuo, shuo shuo
    elif final == "ui" and initial in ("g", "k"):
        final = "uei"
    final = _WG_FINAL.get(final, final)
    return _WG_INITIAL.get(initial, initial) + final


# ---- Tongyong Pinyin (MOE 2002) and MPS II (MOE 1986) ------------------------------------------------------------

_TY_INITIAL = {"q": "c", "x": "s", "zh": "jh"}
_TY_WHOLE = {"zhi": "jhih", "chi": "chih", "shi": "shih", "ri": "rih", "zi": "zih", "ci": "cih", "si": "sih",
             "wen": "wun", "weng": "wong"}  # fmt: skip
_TY_FINAL = {"v": "yu", "ve": "yue", "van": "yuan", "vn": "yun", "iong": "yong", "eng": "ong", "iu": "iou",
             "ui": "uei"}  # fmt: skip


def tongyong(syllable: str) -> str:
    if syllable in _TY_WHOLE:
        return _TY_WHOLE[syllable]
    initial, final = _split(syllable)
    if final == "eng" and initial not in ("b", "p", "m", "f", "w"):
        return _TY_INITIAL.get(initial, initial) + final  # only feng, meng, beng, peng, weng become -ong
    return _TY_INITIAL.get(initial, initial) + _TY_FINAL.get(final, final)


_MPS_INITIAL = {"q": "ch", "x": "sh", "zh": "j", "z": "tz", "c": "ts"}
_MPS_WHOLE = {"zhi": "jr", "chi": "chr", "shi": "shr", "ri": "r", "zi": "tz", "ci": "tsz", "si": "sz", "yu": "yu",
              "yue": "yue", "yuan": "yuan", "yun": "yun", "yong": "yung", "you": "you"}  # fmt: skip
_MPS_FINAL = {"v": "iu", "ve": "iue", "van": "iuan", "vn": "iun", "iong": "iung", "ong": "ung", "iu": "iou",
              "ui": "uei", "un": "uen", "ao": "au", "iao": "iau"}  # fmt: skip


def mps2(syllable: str) -> str:
    if syllable in _MPS_WHOLE:
        return _MPS_WHOLE[syllable]
    initial, final = _split(syllable)
    if syllable.startswith("y") and final in ("ao",):
        return "yau"
    return _MPS_INITIAL.get(initial, initial) + _MPS_FINAL.get(final, final)


# ---- Palladius -----------------------------------------------------------------------------------------------------

_PAL_INITIAL = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г", "k": "к", "h": "х",
    "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с", "": "",
}  # fmt: skip
_PAL_FINAL = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю", "ian": "янь",
    "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй",
    "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ", "van": "юань", "vn": "юнь",
}  # fmt: skip
_PAL_WHOLE = {
    "zhi": "чжи", "chi": "чи", "shi": "ши", "ri": "жи", "zi": "цзы", "ci": "цы", "si": "сы", "er": "эр", "yi": "и",
    "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян", "ying": "ин",
    "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "wu": "у", "wa": "ва", "wo": "во",
    "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн", "guo": "го",
    "kuo": "ко", "huo": "хо", "shuo": "шо", "e": "э", "o": "о",
}  # fmt: skip


def palladius(syllable: str) -> str:
    if syllable in _PAL_WHOLE:
        return _PAL_WHOLE[syllable]
    initial, final = _split(syllable)
    return _PAL_INITIAL[initial] + _PAL_FINAL.get(final, final)


# ---- Southeast Asian dialect surnames ------------------------------------------------------------------------------

# surname -> {place: spelling}; sg/my: Singapore and Malaysia (Hokkien, Teochew, Hakka, Hainanese, Cantonese forms
# as registered there), id: Indonesia (Dutch-based), ph: the Philippines (Hokkien), th: Thailand ("Sae-" + Teochew).
SEA_SURNAMES = {
    "陈": {"sg": ("Tan", "Chin"), "id": ("Tan", "Tjhin"), "ph": ("Tan",), "th": ("Sae-Tang",)},
    "林": {"sg": ("Lim",), "id": ("Liem", "Lim"), "ph": ("Lim",), "th": ("Sae-Lim",)},
    "黄": {"sg": ("Ng", "Wee", "Wong"), "id": ("Oei", "Oey"), "ph": ("Uy", "Ng"), "th": ("Sae-Ung",)},
    "张": {"sg": ("Teo", "Chong", "Cheong"), "id": ("Thio", "Tjong"), "ph": ("Tiu",)},
    "吴": {"sg": ("Goh", "Ng"), "id": ("Go", "Gouw"), "ph": ("Go",)},
    "王": {"sg": ("Ong", "Heng"), "id": ("Ong",), "ph": ("Ong",)},
    "李": {"sg": ("Lee", "Lie"), "id": ("Lie", "Li"), "ph": ("Dy", "Lee"), "th": ("Sae-Lee",)},
    "郭": {"sg": ("Kwok", "Quek", "Kuek"), "id": ("Kwee", "Kwik"), "ph": ("Kwok",)},
    "许": {"sg": ("Koh", "Khoo"), "id": ("Khouw", "Khoe"), "ph": ("Co", "Khoo")},
    "蔡": {"sg": ("Chua", "Choy"), "id": ("Tjoa", "Tsai"), "ph": ("Chua",)},
    "杨": {"sg": ("Yeo", "Yong", "Yeoh"), "id": ("Njoo", "Nyoo"), "ph": ("Yeo",)},
    "刘": {"sg": ("Lau", "Low", "Liew"), "id": ("Lauw", "Liauw"), "ph": ("Lao",)},
    "郑": {"sg": ("Tay", "Teh", "Chang"), "id": ("Tee", "The"), "ph": ("Tee",)},
    "洪": {"sg": ("Ang", "Hung"), "id": ("Ang",), "ph": ("Ang",)},
    "谢": {"sg": ("Chia", "Seah", "Cheah"), "id": ("Tjia", "Sia"), "ph": ("Sia",)},
    "萧": {"sg": ("Seow", "Siow"), "id": ("Siauw",), "ph": ("Siao",)},
    "周": {"sg": ("Chew", "Chiu", "Chow"), "id": ("Tjioe", "Chiu"), "ph": ("Chiu",)},
    "邱": {"sg": ("Khoo", "Hiew"), "id": ("Khu",), "ph": ("Khu",)},
    "梁": {"sg": ("Leong", "Neo", "Nio"), "id": ("Nio", "Liong"), "ph": ("Nio",)},
    "苏": {"sg": ("Soh", "Saw"), "id": ("Souw", "So"), "ph": ("So",)},
    "罗": {"sg": ("Loh", "Lo", "Law"), "id": ("Lo",), "ph": ("Lo",)},
    "叶": {"sg": ("Yap", "Yeap", "Yip"), "id": ("Yap", "Jap"), "ph": ("Yap",)},
    "卢": {"sg": ("Loo", "Lo"), "id": ("Lo",), "ph": ("Lu",)},
    "潘": {"sg": ("Phua", "Poon"), "id": ("Phoa",), "ph": ("Pua",)},
    "孙": {"sg": ("Soon", "Sng"), "id": ("Soen",), "ph": ("Sun",)},
    "朱": {"sg": ("Choo", "Chu"), "id": ("Tjoe", "Chu"), "ph": ("Chu",)},
    "柯": {"sg": ("Kua", "Kuah"), "id": ("Kwa",), "ph": ("Co", "Ko")},
    "庄": {"sg": ("Chng", "Chong"), "id": ("Tjhong",), "ph": ("Chong",)},
    "钟": {"sg": ("Cheong", "Chong"), "id": ("Tjong",), "ph": ("Chung",)},
    "余": {"sg": ("Ee", "Yee", "Yu"), "id": ("Ie", "Oe"), "ph": ("Uy",)},
    "沈": {"sg": ("Sim", "Shum"), "id": ("Sim",), "ph": ("Sim",)},
    "彭": {"sg": ("Phang", "Pang"), "id": ("Phang",), "ph": ("Pe",)},
    "高": {"sg": ("Koh", "Kow"), "id": ("Ko", "Kho"), "ph": ("Ko",)},
    "曾": {"sg": ("Chan", "Tsang", "Chen"), "id": ("Tjan",), "ph": ("Chan",)},
    "胡": {"sg": ("Oh", "Foo", "Aw"), "id": ("Ouw", "Oh"), "ph": ("Oh",)},
    "徐": {"sg": ("Chee", "Tsi", "Khoo"), "id": ("Tjie",), "ph": ("Chi",)},
    "何": {"sg": ("Ho", "Hoh"), "id": ("Ho",), "ph": ("Ho",)},
    "方": {"sg": ("Png", "Hong", "Pang"), "id": ("Hong",), "ph": ("Pang",)},
    "赖": {"sg": ("Lai", "Loa"), "id": ("Lay",), "ph": ("Lai",)},
    "马": {"sg": ("Ma", "Beh"), "id": ("Be", "Ma"), "ph": ("Ma",)},
    "戴": {"sg": ("Tay", "Tai"), "id": ("Tee",), "ph": ("Te",)},
    "魏": {"sg": ("Gui", "Ngui"), "id": ("Gwie",), "ph": ("Gui",)},
    "温": {"sg": ("Woon", "Voon", "Boon"), "id": ("Oen", "Boen"), "ph": ("Un",)},
    "邓": {"sg": ("Teng", "Tang"), "id": ("Theng",), "ph": ("Teng",)},
    "冯": {"sg": ("Pang", "Fung"), "id": ("Phang",), "ph": ("Pang",)},
    "唐": {"sg": ("Tng", "Tong"), "id": ("Tng",), "ph": ("Tong",)},
    "吕": {"sg": ("Lu", "Loo", "Lui"), "id": ("Lie",), "ph": ("Lu",)},
    "韩": {"sg": ("Han", "Hon"), "id": ("Han",), "ph": ("Han",)},
}


def sea_surname(surname: str, rng: random.Random) -> tuple[str, str] | None:
    """(spelling, place) of a surname in one Southeast Asian place, or None when the table has not the surname."""
    places = SEA_SURNAMES.get(surname)
    if not places:
        return None
    place = rng.choice(sorted(places))
    return rng.choice(places[place]), place


# ---- Macau (Portuguese-based Cantonese romanisation) -----------------------------------------------------------

# Jyutping onset and rhyme -> the Macau government's spelling on identity documents (ch for z/c, i for j, v for w,
# ku for gw/kw; -ao, -io, -eng, -ek, -ong, -ok, -eong, -ui, -un, -u), as described in the published accounts of the
# Macau romanisation (e.g. Wikipedia's "Cantonese romanisation" article, section Macau) and its surnames' list.
_MACAU_ONSET = {"b": "p", "d": "t", "g": "k", "gw": "ku", "kw": "ku", "z": "ch", "c": "ch", "w": "v", "j": "i"}
_MACAU_RHYME = {
    "aa": "a", "aai": "ai", "aau": "ao", "aam": "am", "aan": "an", "aang": "ang", "aap": "ap", "aat": "at",
    "aak": "ak", "au": "ao", "iu": "io", "ing": "eng", "ik": "ek", "ung": "ong", "uk": "ok", "oeng": "eong",
    "oek": "eok", "eoi": "ui", "eon": "on", "eot": "ot", "yu": "u", "yun": "un", "yut": "ut",
}  # fmt: skip
MACAU_SURNAMES = {
    "陈": "Chan", "黄": "Wong", "李": "Lei", "张": "Cheong", "梁": "Leong", "刘": "Lao", "何": "Ho", "林": "Lam",
    "郑": "Cheang", "吴": "Ng", "叶": "Ip", "罗": "Lo", "杨": "Ieong", "周": "Chao", "徐": "Chui", "许": "Hoi",
    "邓": "Tang", "谢": "Che", "冯": "Fong", "曾": "Chang", "朱": "Chu", "潘": "Pun", "苏": "Sou", "卢": "Lou",
    "麦": "Mak", "郭": "Kuok", "蔡": "Choi", "关": "Kuan", "区": "Au", "胡": "Wu", "高": "Kou", "马": "Ma", "袁": "Un",
    "萧": "Sio", "钟": "Chong", "余": "U", "彭": "Pang", "王": "Vong", "唐": "Tong", "韩": "Hon", "蒋": "Cheong",
    "孙": "Sun", "江": "Kong", "甘": "Kam", "温": "Wan", "文": "Man", "方": "Fong", "莫": "Mok", "魏": "Ngai",
    "赵": "Chio", "宋": "Song", "严": "Im", "沈": "Sam", "黎": "Lai", "傅": "Fu", "程": "Cheng", "吕": "Loi",
}  # fmt: skip


def macau(jyutping: str) -> str:
    """One toneless Jyutping syllable as Macau spells it (gwok Kuok, jat Iat, sing Seng, wai Vai, jyu U)."""
    onset = next((o for o in ("gw", "kw", "ng") if jyutping.startswith(o) and len(jyutping) > 2), jyutping[:1])
    if onset not in "bpmfdtnlgkhwzcsj" and onset not in ("gw", "kw", "ng"):
        onset = ""
    rhyme = jyutping[len(onset) :]
    if not rhyme:  # the syllabic nasals m, ng
        return jyutping
    spelled = _MACAU_RHYME.get(rhyme, rhyme)
    if onset == "j" and (rhyme.startswith(("i", "y"))):
        return spelled  # ji I, jiu Io, jyu U, jyun Un
    if onset == "w" and rhyme == "u":
        return "wu"
    return _MACAU_ONSET.get(onset, onset) + spelled


# ---- ICAO 9303 machine-readable zone -------------------------------------------------------------------------------

MRZ_NAME_LENGTH = 39  # line 1 of a TD3 passport: "P<" + state (3) + 39 name characters


def mrz_name(surname: str, given: list[str], state: str = "CHN", whole_line: bool = True) -> str:
    """The name as the MRZ prints it: SURNAME<<GIVEN<NAMES, filled with "<" (ICAO 9303-3 §4.6)."""

    def field(part: str) -> str:
        return "".join(c if c.isalpha() else "<" for c in part.upper())

    name = field(surname) + "<<" + "<".join(field(g) for g in given)
    if not whole_line:
        return name
    return f"P<{state}{name[:MRZ_NAME_LENGTH]:<<{MRZ_NAME_LENGTH}}"


# ---- Cantonese from second libraries -------------------------------------------------------------------------------


@functools.cache
def _pycantonese():
    import pycantonese

    return pycantonese


@functools.cache
def jyutping(chars: str) -> tuple[str, ...]:
    """Toneless Jyutping of the characters by pycantonese (its reading of the word), () where it has none."""
    out: list[str] = []
    for _word, reading in _pycantonese().characters_to_jyutping(chars):
        syllables = _pycantonese().parse_jyutping(reading) if reading else []
        out.extend(s.onset + s.nucleus + s.coda for s in syllables)
    return tuple(out)


@functools.cache
def _cantoroman():
    from cantoroman import Cantonese

    return Cantonese()


# Colloquial finals and their literary counterparts (平 peng / ping): names take the literary reading.
_LITERARY = (("eng", "ing"), ("ek", "ik"), ("aang", "ang"), ("aak", "ak"))


def _literary(readings: list[str]) -> str:
    toneless = [r.rstrip("123456") for r in readings]
    chosen = toneless[0]
    for colloquial, literary in _LITERARY:
        if chosen.endswith(colloquial) and chosen[: -len(colloquial)] + literary in toneless:
            return chosen[: -len(colloquial)] + literary
    return chosen


def yale(traditional: str) -> list[str]:
    """Toneless Yale of each (traditional) character from cantonese-romanisation's table, "" where it has none."""
    return [_literary(found) if found else "" for found in _cantoroman().getYale(traditional)]
