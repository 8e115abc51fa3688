"""Every string the windows and the CLI show has its Chinese translation."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "frontdesk_zh_CN.ts"


def _tool_module():
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / ".ci" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["update_translations"] = module
    spec.loader.exec_module(module)
    return module


def test_every_string_in_the_code_is_translated(tmp_path: Path):
    tool = _tool_module()
    fresh = tmp_path / TS.name
    shutil.copyfile(TS, fresh)
    subprocess.run([tool.tool("lupdate"), *tool.sources(), "-no-obsolete", "-locations", "none",
                    "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    assert tool.unfinished(fresh) == []


def test_compiled_catalogue_matches_its_source(tmp_path: Path):
    tool = _tool_module()
    compiled = tmp_path / "zh.qm"
    subprocess.run([tool.tool("lrelease"), str(TS), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()


def test_cli_speaks_chinese_from_the_same_catalogue():
    from frontdesk.messages import describe

    text = describe("invalid_phone", {"value": "123"}, "zh_CN")
    assert text == "“123”不是有效的手机号（以 1 开头的 11 位数字）。"
    assert describe("invalid_phone", {"value": "123"}, "en").startswith("“123” is not")
