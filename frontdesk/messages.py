"""Words for the domain's refusal codes, shared by the windows and the CLI.

The domain raises ``DomainError(code, **details)``. Here each code has its
English source text; the Chinese lives in resources/translations as a Qt
translation (context "Domain"), so the windows translate it with Qt and the
command line reads the same .ts file, one catalogue for both front ends.
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

CONTEXT = "Domain"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation without translating it here."""
    return text


MESSAGES: dict[str, str] = {
    # roster and courses
    "name_required": QT_TRANSLATE_NOOP("Domain", "A name is required."),
    "name_too_long": QT_TRANSLATE_NOOP("Domain", "The name is longer than {max} characters."),
    "invalid_phone": QT_TRANSLATE_NOOP("Domain", "“{value}” is not a mainland mobile number (11 digits starting with 1)."),
    "duplicate_learner": QT_TRANSLATE_NOOP("Domain", "{name} with this phone number is already on the roster (learner {code})."),
    "duplicate_instructor": QT_TRANSLATE_NOOP("Domain", "Instructor {name} with this phone number already exists."),
    "learner_not_found": QT_TRANSLATE_NOOP("Domain", "That learner is not on the roster."),
    "instructor_not_found": QT_TRANSLATE_NOOP("Domain", "That instructor does not exist."),
    "course_not_found": QT_TRANSLATE_NOOP("Domain", "That course does not exist."),
    "lesson_not_found": QT_TRANSLATE_NOOP("Domain", "That lesson does not exist."),
    "enrollment_not_found": QT_TRANSLATE_NOOP("Domain", "That enrollment does not exist."),
    "title_required": QT_TRANSLATE_NOOP("Domain", "A course title is required."),
    "capacity_invalid": QT_TRANSLATE_NOOP("Domain", "The capacity must be at least 1."),
    "price_negative": QT_TRANSLATE_NOOP("Domain", "The market price cannot be negative."),
    "inclusive_needs_price": QT_TRANSLATE_NOOP("Domain", "An inclusive course needs a market price."),
    "threshold_invalid": QT_TRANSLATE_NOOP("Domain", "The completion threshold must be between 1% and 100%."),
    "hours_invalid": QT_TRANSLATE_NOOP("Domain", "Total hours cannot be negative."),
    "course_ends_before_start": QT_TRANSLATE_NOOP("Domain", "The course ends before it starts."),
    "course_code_taken": QT_TRANSLATE_NOOP("Domain", "Course code {code} is already used."),
    "lesson_ends_before_start": QT_TRANSLATE_NOOP("Domain", "The lesson ends before it starts."),
    "lesson_too_long": QT_TRANSLATE_NOOP("Domain", "A lesson cannot be longer than 12 hours."),
    "lesson_exists": QT_TRANSLATE_NOOP("Domain", "This course already has a lesson at that time."),
    "pattern_no_weekday": QT_TRANSLATE_NOOP("Domain", "Choose at least one weekday."),
    "pattern_weeks_invalid": QT_TRANSLATE_NOOP("Domain", "The number of weeks must be between 1 and {max}."),
    "already_enrolled": QT_TRANSLATE_NOOP("Domain", "{learner_name} is already on {course_title}."),
    "already_withdrawn": QT_TRANSLATE_NOOP("Domain", "This enrollment was already withdrawn."),
    "already_completed": QT_TRANSLATE_NOOP("Domain", "A completed enrollment cannot be withdrawn."),
    "store_not_empty": QT_TRANSLATE_NOOP("Domain", "The store already has learners; the demo school needs an empty store."),
    # settings
    "school_name_required": QT_TRANSLATE_NOOP("Domain", "The school's name is required."),
    "unknown_timezone": QT_TRANSLATE_NOOP("Domain", "Unknown time zone: {value}."),
    "ratio_out_of_range": QT_TRANSLATE_NOOP("Domain", "The inclusive price ratio must be between 0% and 100%."),
    "prefix_invalid": QT_TRANSLATE_NOOP("Domain", "A number prefix may use only letters and digits: {value}."),
    "checkin_window_invalid": QT_TRANSLATE_NOOP("Domain", "The check-in times are out of range."),
    # money
    "amount_negative": QT_TRANSLATE_NOOP("Domain", "The amount cannot be negative."),
    "amount_zero": QT_TRANSLATE_NOOP("Domain", "The amount must be more than zero."),
    "amount_not_a_number": QT_TRANSLATE_NOOP("Domain", "“{value}” is not an amount."),
    "amount_too_many_decimals": QT_TRANSLATE_NOOP("Domain", "An amount has at most two decimals (fen)."),
    # store
    "cannot_open": QT_TRANSLATE_NOOP("Domain", "The store cannot be opened or written: {detail}"),
    "not_a_store": QT_TRANSLATE_NOOP("Domain", "This is not a FrontDesk store: {detail}"),
    "newer_version": QT_TRANSLATE_NOOP("Domain", "This store was written by a newer FrontDesk ({detail}). Update FrontDesk to open it."),
    "locked": QT_TRANSLATE_NOOP("Domain", "The store is in use by another FrontDesk on this computer."),
    "server_down": QT_TRANSLATE_NOOP("Domain", "The database server cannot be reached: {detail}"),
}


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, details: Mapping[str, Any]) -> str:
    return template.format_map(_SafeDict(details))


@functools.cache
def _catalogue(lang: str) -> dict[tuple[str, str], str]:
    from frontdesk.paths import resource

    path = resource("translations", f"frontdesk_{lang}.ts")
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") is None:
                table[(name, source)] = translation.text
    return table


def translate(context: str, source: str, lang: str) -> str:
    """A source text in ``lang`` from the shared Qt catalogue (CLI side)."""
    if lang.startswith("en"):
        return source
    try:
        return _catalogue("zh_CN").get((context, source), source)
    except (OSError, ET.ParseError):
        return source


def cli_language() -> str:
    value = os.environ.get("FRONTDESK_LANG") or os.environ.get("LANG", "zh_CN")
    return "en" if value.lower().startswith(("en", "c.", "posix")) or value == "C" else "zh_CN"


def describe(code: str, details: Mapping[str, Any], lang: str) -> str:
    """The refusal ``code`` as a sentence in ``lang`` (for the command line)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    return fill(translate(CONTEXT, template, lang), details)
