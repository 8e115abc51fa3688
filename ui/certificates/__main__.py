"""``python -m ui.certificates``: this page on its own, over a throw-away demo school."""

from ui.certificates.page import CertificatesPage
from ui.kit.preview import look_at

raise SystemExit(look_at(CertificatesPage))
