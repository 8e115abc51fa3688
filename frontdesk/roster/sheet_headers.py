"""Which column of a sign-up sheet feeds which field, judged by what its header means.

Forms decorate their questions ("2、您的手机号码：（必填）"), add columns of
their own (序号, 提交答卷时间, 来自IP) and ask for other people's numbers
(紧急联系人电话). A header is first stripped of question numbers, colons,
bracketed remarks and polite words, then scored against each field: the
exact word scores highest, a header that merely contains it less, the longer
the rest the less, and one that speaks of someone else (紧急联系人) hardly at
all. Each field takes its best column; the others that could have fed it are
kept as its rivals, so the preview can show the choice. The clerk may point
any field at any column by hand (:func:`with_overrides`).
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from frontdesk.errors import DomainError


class Field(enum.StrEnum):
    NAME = "name"
    PHONE = "phone"
    GENDER = "gender"
    OCCUPATION = "occupation"
    NOTE = "note"
    COURSE = "course"
    CONSENT = "consent"
    SUBMITTED = "submitted"  # the form's submission time: first come, first served


# Headers that mean the field exactly, compared after header_key().
_EXACT: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("姓名", "学员姓名", "真实姓名", "名字", "name", "fullname", "learnername",
                 "studentname"),
    Field.PHONE: ("手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "联系方式",
                  "phone", "mobile", "mobilephone", "phonenumber", "tel"),
    Field.GENDER: ("性别", "gender", "sex"),
    Field.OCCUPATION: ("职业", "行业", "所在行业", "工作", "工作单位", "occupation", "job",
                       "industry"),
    Field.NOTE: ("备注", "说明", "note", "notes", "remark", "remarks"),
    Field.COURSE: ("课程", "课程名称", "报名课程", "课程编号", "课程代码", "班级", "course",
                   "coursecode", "coursetitle"),
    Field.CONSENT: ("同意回访", "是否同意回访", "回访", "consent", "follow-upconsent"),
    Field.SUBMITTED: ("提交答卷时间", "提交时间", "结束答题时间", "填写时间", "submitted",
                      "submittedat", "submissiontime"),
}
# Words a header need only contain.
_CONTAINS: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("姓名",),
    Field.PHONE: ("手机", "电话", "联系方式", "phone", "mobile"),
    Field.GENDER: ("性别", "gender"),
    Field.OCCUPATION: ("职业", "行业", "工作单位", "occupation", "industry"),
    Field.NOTE: ("备注", "remark"),
    Field.COURSE: ("课程", "班", "course"),
    Field.CONSENT: ("回访", "consent"),
    Field.SUBMITTED: ("提交时间", "提交答卷时间", "结束答题时间"),
}
# A header that holds one of these is about someone or something else: it may
# rival the field but never feeds it by itself.
_ELSEWHERE: dict[Field | None, tuple[str, ...]] = {
    None: ("紧急", "联系人", "家长", "家属", "监护人", "推荐人", "介绍人", "emergency", "parent",
           "guardian", "referr"),
    Field.NAME: ("拼音", "pinyin", "英文", "昵称"),
    Field.COURSE: ("上班", "下班", "加班"),
}
EXACT_SCORE, WEAK_SCORE, FEEDS_AT = 100, 5, 20

_NUMBER = re.compile(r"^(?:q?\d{1,3}[、.:：)）\]]|第\d{1,3}题[、.:：]?)")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>")
_POLITE = ("您的", "你的", "请填写", "请输入", "请选择", "请问", "填写")
_TRAILING = "*:?!。.、"


def header_key(text: object) -> str:
    """A header as compared: full-width folded, no case or spaces, no question
    number ("1、"), bracketed remark (（必填）), colon or polite words."""
    key = unicodedata.normalize("NFKC", str(text or "")).casefold()
    key = re.sub(r"\s+", "", key)
    key = _BRACKETED.sub("", _NUMBER.sub("", key)).strip(_TRAILING)
    while polite := next((w for w in _POLITE if key.startswith(w) and key != w), None):
        key = key.removeprefix(polite)
    return key.strip(_TRAILING)


def _score(key: str, field: Field) -> int:
    if not key:
        return 0
    if key in _EXACT_KEYS[field]:
        return EXACT_SCORE
    word = next((w for w in _CONTAINS[field] if w in key), None)
    if word is None:
        return 0
    if any(w in key for w in (*_ELSEWHERE[None], *_ELSEWHERE.get(field, ()))):
        return WEAK_SCORE
    return max(FEEDS_AT, 60 - (len(key) - len(word)) * 2)


_EXACT_KEYS = {field: {header_key(w) for w in words} for field, words in _EXACT.items()}


def best_field(header: object) -> tuple[Field | None, int]:
    """The field a header most looks like, and how much (0: none)."""
    key = header_key(header)
    scored = [(_score(key, field), field) for field in Field]
    score, field = max(scored, key=lambda s: s[0])
    return (field, score) if score else (None, 0)


def field_for_header(header: object) -> Field | None:
    """The field a header feeds on its own ("２、手机号码（必填）：" is the phone), or None."""
    field, score = best_field(header)
    return field if score >= FEEDS_AT else None


def column_letter(index: int) -> str:
    """A, B, … Z, AA: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class ColumnMap:
    """Which column (by index) feeds which field, and what was passed over."""

    headers: tuple[str, ...]  # as written, by column index
    fields: Mapping[Field, int]
    rivals: Mapping[Field, tuple[int, ...]]  # could have fed the field; not chosen
    by_hand: frozenset[Field] = frozenset()

    def column(self, field: Field) -> int | None:
        return self.fields.get(field)

    @property
    def ignored(self) -> tuple[int, ...]:
        """Every column with a header that feeds no field."""
        used = set(self.fields.values())
        return tuple(i for i, h in enumerate(self.headers) if h and i not in used)

    def describe(self, index: int) -> str:
        """"F 2、您的手机号码：" — the letter and the header, as the clerk sees them."""
        return f"{column_letter(index)} {self.headers[index]}".strip()

    @property
    def signature(self) -> str:
        """The same form's next export has the same signature."""
        joined = "\x1f".join(header_key(h) for h in self.headers)
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def auto_map(headers: Sequence[str]) -> ColumnMap:
    """Each field fed by the column whose header means it best (the leftmost on a tie)."""
    candidates: dict[Field, list[tuple[int, int]]] = {}
    for index, header in enumerate(headers):
        field, score = best_field(header)
        if field is not None:
            candidates.setdefault(field, []).append((score, index))
    fields: dict[Field, int] = {}
    rivals: dict[Field, tuple[int, ...]] = {}
    for field, found in candidates.items():
        found.sort(key=lambda c: (-c[0], c[1]))
        best_score, best = found[0]
        if best_score >= FEEDS_AT:
            fields[field] = best
            rivals[field] = tuple(index for _s, index in found[1:])
        else:
            rivals[field] = tuple(index for _s, index in found)
    return ColumnMap(tuple(headers), fields, rivals)


ColumnRef = int | str | None  # an index, a letter or header text, or None: not used


def resolve_column(headers: Sequence[str], ref: int | str) -> int:
    """The index a column reference names: "F", "6" (counting from 1) or a header."""
    if isinstance(ref, int):
        index = ref
    else:
        text = unicodedata.normalize("NFKC", ref).strip()
        index = -1
        if re.fullmatch(r"[A-Za-z]{1,3}", text):
            index = 0
            for ch in text.upper():
                index = index * 26 + ord(ch) - ord("A") + 1
            index -= 1
        elif text.isdigit():
            index = int(text) - 1
        else:
            keys = [header_key(h) for h in headers]
            if header_key(text) in keys:
                index = keys.index(header_key(text))
    if not 0 <= index < len(headers):
        raise DomainError("import_map_unknown_column", value=str(ref),
                          columns="、".join(describe_headers(headers)))
    return index


def describe_headers(headers: Sequence[str]) -> list[str]:
    return [f"{column_letter(i)} {h}".strip() for i, h in enumerate(headers) if h]


def with_overrides(found: ColumnMap, overrides: Mapping[Field, ColumnRef]) -> ColumnMap:
    """``found`` with fields pointed at columns by hand (None: the field is not used).

    A column given to a field by hand feeds no other field."""
    if not overrides:
        return found
    fields = dict(found.fields)
    rivals = dict(found.rivals)
    for field, ref in overrides.items():
        # What the headers chose becomes a rival of the clerk's choice.
        passed = tuple(i for i in (fields.pop(field, None),) if i is not None)
        rivals[field] = passed + tuple(i for i in rivals.get(field, ()) if i not in passed)
        if ref is None or ref == "":
            continue
        index = resolve_column(found.headers, ref)
        for other, column in list(fields.items()):
            if column == index:
                del fields[other]
        fields[field] = index
        rivals[field] = tuple(i for i in rivals[field] if i != index)
    return ColumnMap(found.headers, fields, rivals, found.by_hand | frozenset(overrides))


# The field as a clerk names it on the command line: --map 手机=F
FIELD_WORDS: dict[str, Field] = {
    **{f.value: f for f in Field},
    "姓名": Field.NAME, "手机": Field.PHONE, "电话": Field.PHONE, "性别": Field.GENDER,
    "职业": Field.OCCUPATION, "备注": Field.NOTE, "课程": Field.COURSE, "回访": Field.CONSENT,
    "同意回访": Field.CONSENT, "提交时间": Field.SUBMITTED, "mobile": Field.PHONE,
}
_UNUSED = {"-", "none", "无", "不用"}


def parse_map_option(text: str) -> tuple[Field, str | None]:
    """"手机=F" -> (Field.PHONE, "F"); "课程=-" -> (Field.COURSE, None)."""
    field_word, sep, ref = unicodedata.normalize("NFKC", text).partition("=")
    field = FIELD_WORDS.get(field_word.strip().casefold())
    if not sep or field is None:
        raise DomainError("import_map_invalid", value=text,
                          fields="、".join(k for k in FIELD_WORDS if not k.isascii()))
    ref = ref.strip()
    return field, None if ref.casefold() in _UNUSED or not ref else ref


def remembered_key(signature: str) -> str:
    """The store setting that keeps a form's hand-made mapping."""
    return f"import_mapping:{signature}"
