"""The exported verification page in a real headless Chromium, as a phone opens it.

One browser for the module (starting Chromium is the slow part). Each case
opens the page from disk with the code in the fragment, as the QR's
ADDRESS#CODE does once the folder is uploaded, and reads what it shows.
Skipped, with the reason, where Debian's chromium or chromium-driver is
missing; .ci/run installs both.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFilter

from frontdesk.certificates import verification
from frontdesk.certificates.issue import CertificateContent, revoke
from frontdesk.certificates.keys import Signer, key_id_of, public_keys_pem
from frontdesk.certificates.publish import export_page
from frontdesk.certificates.verification import (
    CertificateClaim,
    encode,
    encode_legacy,
    verify_offline,
)
from frontdesk.documents.certificate import render_certificates
from frontdesk.store.engine import Store
from tests.conftest import FIXED_NOW, _copy_store
from tests.domain.keys_fixtures import signer_of
from tests.domain.test_eligibility import ADMIN
from tests.domain.test_verification_page import (
    ADDRESS,
    contents_by_name,
    issued_school,
    set_address,
)

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")
NAMES = ["张伟", "李娜", "欧阳明月"]
PHONE = {"width": 390, "height": 844, "pixelRatio": 2}


@dataclass
class Published:
    store: Store
    page: Path
    contents: dict[str, CertificateContent]
    foreign: Any  # an Ed25519 private key the page does not know
    pem: str


@dataclass
class Shown:
    status: str
    engine: str
    text: str  # everything the page shows, both languages
    fields: dict[str, str]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("needs Debian's chromium and chromium-driver (.ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (test extras)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def published(template_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = tmp_path_factory.mktemp("verification")
    store = _copy_store(template_path, folder / "store.sqlite3")
    issued_school(store, FIXED_NOW, NAMES)
    set_address(store, ADDRESS, FIXED_NOW)
    contents = contents_by_name(store)
    with store.write() as s:
        revoke(s, contents["李娜"].certificate_id, "issued in error", ADMIN, FIXED_NOW)
        export_page(s, folder / "page", ADMIN, FIXED_NOW)
        pem = public_keys_pem(s)
    yield Published(store, folder / "page", contents, Ed25519PrivateKey.generate(), pem)
    store.dispose()


def page_url(page: Path, code: str, engine: str = "") -> str:
    query = f"?engine={engine}" if engine else ""
    return f"{page.joinpath('index.html').as_uri()}{query}#{code}"


def show(driver: Any, url: str) -> Shown:
    """Open ``url`` afresh and wait for the verdict."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    verdict = driver.find_element("id", "verdict")
    WebDriverWait(driver, 10).until(lambda _d: verdict.get_attribute("data-status"))
    fields = {e.get_attribute("data-field"): e.text
              for e in driver.find_elements("css selector", "dd[data-field]")}
    return Shown(verdict.get_attribute("data-status"), verdict.get_attribute("data-engine"),
                 driver.find_element("tag name", "body").text, fields)


def fragment(qr_text: str) -> str:
    """The code part of what a certificate's QR holds (ADDRESS#CODE)."""
    address, _, code = qr_text.partition("#")
    assert address == ADDRESS
    return code


def flip(code: str, index: int) -> str:
    return code[:index] + ("B" if code[index] == "A" else "A") + code[index + 1:]


def keyed_code(claim: CertificateClaim, key: Any) -> str:
    """A code in the keyed form the page reads ("C2": it names its key's id)."""
    return encode(claim, Signer(key_id_of(key.public_key()), key))


ENGINES = ["webcrypto", "tweetnacl"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_genuine_certificate_shows_its_details(browser: Any, published: Published,
                                                 engine: str) -> None:
    item = published.contents["欧阳明月"]
    shown = show(browser, page_url(published.page, fragment(item.qr_text), engine))
    assert (shown.status, shown.engine) == ("genuine", engine)
    assert "真实有效" in shown.text and "Genuine" in shown.text
    assert shown.fields == {"learner_name": "欧阳明月", "course_title": "AI+短视频拍摄与剪辑",
                            "issued_on": "2026-12-01", "serial": item.serial}
    assert "本页只验证 水贝夜校 签发的证书" in shown.text
    assert "Shuibei Night School" in shown.text
    assert "撤销名单更新于 2026-12-01 19:05" in shown.text


@pytest.mark.parametrize("engine", ENGINES)
def test_a_revoked_certificate_says_so_with_the_lists_date(browser: Any, published: Published,
                                                           engine: str) -> None:
    shown = show(browser, page_url(published.page, fragment(published.contents["李娜"].qr_text),
                                   engine))
    assert shown.status == "revoked" and "已撤销" in shown.text and "Revoked" in shown.text
    assert "依据 2026-12-01 19:05 的撤销名单" in shown.text
    assert shown.fields["learner_name"] == "李娜"


@pytest.mark.parametrize("engine", ENGINES)
def test_one_changed_character_is_not_genuine(browser: Any, published: Published,
                                              engine: str) -> None:
    code = fragment(published.contents["张伟"].qr_text)
    for index in (-12, 30):  # in the signature, and in the signed details
        shown = show(browser, page_url(published.page, flip(code, index), engine))
        assert shown.status in ("forged", "unreadable"), index
        assert shown.fields == {}
    shown = show(browser, page_url(published.page, flip(code, -12), engine))
    assert shown.status == "forged"
    assert "不是真实证书" in shown.text and "Not genuine" in shown.text


@pytest.mark.parametrize("engine", ENGINES)
def test_a_key_the_page_does_not_know(browser: Any, published: Published, engine: str) -> None:
    claim = CertificateClaim("SB-2026-0009", "张伟", "AI+短视频拍摄与剪辑", FIXED_NOW.date())
    shown = show(browser, page_url(published.page, keyed_code(claim, published.foreign), engine))
    assert shown.status == "unknown_key"
    assert "未知的签名密钥" in shown.text
    assert "Signed by a key this page does not know" in shown.text
    # A keyed code signed with the school's own key reads genuine: rotated keys slot in.
    with published.store.write() as s:
        ours = encode(claim, signer_of(s))
    assert show(browser, page_url(published.page, ours, engine)).status == "genuine"
    # Today's codes name no key: one signed elsewhere cannot be told from a tampered one.
    shown = show(browser, page_url(published.page, encode_legacy(claim, published.foreign),
                                   engine))
    assert shown.status == "forged"


def test_garbage_and_cut_short_codes(browser: Any, published: Published) -> None:
    for garbage in ("HELLO", "F1ABCDEFGH2345", "%E4%BD%A0%E5%A5%BD"):
        shown = show(browser, page_url(published.page, garbage))
        assert shown.status == "not_a_certificate", garbage
        assert "不是证书码" in shown.text and "Not a certificate code" in shown.text
    code = fragment(published.contents["张伟"].qr_text)
    assert show(browser, page_url(published.page, code[:60])).status == "unreadable"
    shown = show(browser, page_url(published.page, ""))
    assert shown.status == "empty" and "请扫描证书上的二维码" in shown.text


def test_without_webcrypto_ed25519_the_library_takes_over(browser: Any,
                                                          published: Published) -> None:
    hidden = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": "Object.defineProperty(window.crypto, 'subtle', {value: undefined});"})
    try:
        code = fragment(published.contents["欧阳明月"].qr_text)
        shown = show(browser, page_url(published.page, code))
        assert (shown.status, shown.engine) == ("genuine", "tweetnacl")
        assert show(browser, page_url(published.page, flip(code, -12))).status == "forged"
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                                {"identifier": hidden["identifier"]})
    assert show(browser, page_url(published.page, code)).engine == "webcrypto"


def test_phone_screenshots(browser: Any, published: Published, tmp_path: Path) -> None:
    code = fragment(published.contents["欧阳明月"].qr_text)
    for name, text in (("genuine", code), ("forged", flip(code, -12))):
        assert show(browser, page_url(published.page, text)).status == name
        target = tmp_path / f"{name}.png"
        browser.save_screenshot(str(target))
        with Image.open(target) as shot:
            assert shot.size == (PHONE["width"] * 2, PHONE["height"] * 2)
        # Nothing runs past the phone's width.
        assert browser.execute_script(
            "return document.documentElement.scrollWidth") <= PHONE["width"]


# -- from paper: the printed QR opens the page ------------------------------------------


def rendered_page(pdf: Path, dpi: int) -> Image.Image:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(prefix)], check=True)
    return Image.open(prefix.with_suffix(".png")).convert("L")


def decode_qr(image: Image.Image) -> str:
    import zxingcpp

    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    return str(found[0].text)


def phone_photo(page: Image.Image, width: int, blur: float) -> Image.Image:
    """The page as a phone camera frames it: fewer pixels, a little out of focus."""
    height = round(page.height * width / page.width)
    return page.resize((width, height), Image.Resampling.BILINEAR).filter(
        ImageFilter.GaussianBlur(blur))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_the_printed_qr_opens_the_page_and_reads_genuine(browser: Any, published: Published,
                                                          tmp_path: Path, layout: str) -> None:
    item = published.contents["欧阳明月"]
    pdf = tmp_path / "certificate.pdf"
    render_certificates(pdf, [item], layout)
    page = rendered_page(pdf, 300)
    assert decode_qr(page) == item.qr_text
    # A phone framing the whole A4 page at 1200 pixels across (about 100 dpi), out of focus.
    scanned = decode_qr(phone_photo(page, 1200, 1.0))
    assert scanned == f"{ADDRESS}#{item.verification_code}"
    shown = show(browser, page_url(published.page, fragment(scanned)))
    assert shown.status == "genuine" and shown.fields["learner_name"] == "欧阳明月"


# -- two verifiers, one answer -------------------------------------------------------


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_CLAIMS = st.builds(CertificateClaim, st.text("ABCXYZ0123456789-", min_size=1, max_size=14)
                    .map(lambda s: "R-" + s), _TEXT, _TEXT,
                    st.dates(verification._EPOCH, verification._EPOCH.replace(year=2179)))
_EDITS = st.one_of(
    st.just(("none", 0, "")),
    st.tuples(st.just("replace"), st.integers(2, 400), st.sampled_from("AB27Z01=#")),
    st.tuples(st.just("cut"), st.integers(2, 400), st.just("")),
    st.tuples(st.just("foreign"), st.just(0), st.just("")),
    st.tuples(st.just("lower"), st.just(0), st.just("")),
)


def edited(code: str, edit: tuple[str, int, str], foreign_code: str) -> str:
    kind, at, char = edit
    at = 2 + at % (len(code) - 2)  # inside the payload: the prefix says which format
    if kind == "replace":
        return code[:at] + char + code[at + 1:]
    if kind == "cut":
        return code[:at]
    if kind == "foreign":
        return foreign_code
    return code.lower() if kind == "lower" else code


def browser_verdicts(driver: Any, codes: list[str]) -> list[dict[str, Any]]:
    return driver.execute_async_script(  # type: ignore[no-any-return]
        "const done = arguments[arguments.length - 1];"
        "Promise.all(arguments[0].map(c => window.FrontDeskVerifier.check(c)))"
        ".then(done, e => done([String(e)]));", codes)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(st.tuples(_CLAIMS, _EDITS), min_size=1, max_size=25))
@example(cases=[  # a byte-order mark is a character like any other; the year's last day
    (CertificateClaim("R-1", "\ufeff张伟", "\ufeffAI", dt.date(2026, 12, 31)), ("none", 0, "")),
    (CertificateClaim("R-2", "Zoë", "", dt.date(2000, 1, 1)), ("replace", 57, "=")),
])
def test_the_browser_and_the_desk_agree(browser: Any, published: Published,
                                        cases: list[tuple[CertificateClaim, Any]]) -> None:
    with published.store.write() as s:
        signer = signer_of(s)
    codes = [edited(encode(claim, signer), edit, encode_legacy(claim, published.foreign))
             for claim, edit in cases]
    if not browser.execute_script("return !!window.FrontDeskVerifier"):
        show(browser, page_url(published.page, ""))
    answers = browser_verdicts(browser, codes)
    for code, answer in zip(codes, answers, strict=True):
        desk = verify_offline(published.pem, code)
        # A key id changed in transit names no key: the page says "a key this page
        # does not know", the desk (holding every key) calls the code forged.
        page = "forged" if answer["status"] == "unknown_key" else answer["status"]
        assert page == desk.status.value, code
        if desk.genuine:
            claim = answer["claim"]
            assert (claim["serial"], claim["learner_name"], claim["course_title"],
                    claim["issued_on"]) == (desk.serial, desk.learner_name, desk.course_title,
                                            desk.issued_on.isoformat() if desk.issued_on else "")
