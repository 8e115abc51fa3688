"""The bundled font chain: every name prints, copies back, or is refused by name."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from frontdesk.documents import fonts


def test_each_character_is_drawn_from_a_font_that_has_it():
    pieces = fonts.runs("王喆 Żaneta 刘䶮 陈𠀋")
    assert pieces == [(fonts.SANS, "王喆 Żaneta 刘"), ("FrontDeskExtA", "䶮"),
                      (fonts.SANS, " 陈"), ("FrontDeskExtA", "𠀋")]


def test_a_character_no_font_has_is_refused_by_name():
    with pytest.raises(fonts.MissingGlyphs) as refused:
        fonts.runs("王\U000e0100喆\U0010fffd")
    assert refused.value.characters == "\U000e0100\U0010fffd"


def test_long_text_shrinks_to_its_box():
    size = fonts.fit_size("阿依古丽·买买提·艾则孜·热合曼", 100, 24)
    assert size < 24
    assert fonts.text_width("阿依古丽·买买提·艾则孜·热合曼", size) <= 100.01


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_names_beyond_the_basic_plane_copy_back_from_the_pdf(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "names.pdf"
    page = canvas.Canvas(str(path), initialFontName=fonts.register_base_font())
    fonts.draw(page, 50, 700, "陈𠀋 刘䶮 Żaneta", 24)
    page.save()
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "陈𠀋 刘䶮 Żaneta" in text
