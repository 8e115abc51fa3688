"""Certificates drawn beside their destination, moved into place once issued.

A batch is drawn before its serials are spent (see
:mod:`frontdesk.certificates.handout`): into a hidden folder next to where
the user wants it, then moved into place with ``os.replace`` once the store
has committed the batch. A cancelled or failed batch leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from frontdesk.certificates.design import CertificateStyle
from frontdesk.certificates.issue import CertificateContent
from frontdesk.documents.certificate import (
    Cancel,
    Progress,
    render_certificate_files,
    render_certificates,
)


@dataclass
class Staged:
    """A drawn batch waiting to be moved into place (or thrown away)."""

    target: Path
    folder: Path  # the hidden staging folder
    files: list[Path] = field(default_factory=list)
    per_learner: bool = False
    cancelled: bool = False

    def publish(self) -> list[Path]:
        """Move the files into place; returns where they now are."""
        placed: list[Path] = []
        try:
            if self.per_learner and self.target.suffix.lower() != ".zip":
                self.target.mkdir(parents=True, exist_ok=True)
                for path in self.files:
                    os.replace(path, self.target / path.name)
                    placed.append(self.target / path.name)
            else:
                for path in self.files:
                    os.replace(path, self.target)
                    placed.append(self.target)
        finally:
            self.discard()
        return placed

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def per_learner_target(target: Path, text: str) -> bool:
    """A .zip, an existing folder or a path ending in a separator: a PDF each."""
    return target.suffix.lower() == ".zip" or target.is_dir() or text.endswith(("/", "\\"))


def stage_certificates(
    target: str | os.PathLike[str], items: Sequence[CertificateContent], style: CertificateStyle,
    *, per_learner: bool, progress: Progress | None = None, cancel: Cancel | None = None,
) -> Staged:
    """Draw ``items`` into a hidden folder beside ``target`` (nothing visible yet)."""
    destination = Path(target)
    home = destination if per_learner and destination.suffix.lower() != ".zip" \
        else destination.parent
    home.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".frontdesk-", dir=home))
    staged = Staged(destination, folder, per_learner=per_learner)
    try:
        if per_learner and destination.suffix.lower() != ".zip":
            result = render_certificate_files(folder / "files", items, style, progress, cancel)
        elif per_learner:
            result = render_certificate_files(folder / destination.name, items, style,
                                              progress, cancel)
        else:
            result = render_certificates(folder / destination.name, items, style, progress,
                                         cancel)
    except BaseException:
        staged.discard()
        raise
    staged.files = list(result.files)
    staged.cancelled = result.cancelled
    if result.cancelled:
        staged.discard()
    return staged
