"""Reading learner cards with a webcam.

Frames come from QtMultimedia; a few a second are handed to zxing-cpp on a
worker thread, and frames arriving while it is busy are dropped (most frames
hold no code at all). A code that stays in view is answered once, not on
every frame. The desk works the same without a camera, or without camera
permission: the button is then disabled and says why.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from ui.kit.worker import Worker

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoFrame, QVideoSink

FRAME_INTERVAL_S = 0.2  # at most five frames a second go to the decoder
HOLD_S = 3.0  # the same code seen again within this is the same card still in view


def _decode(image: QImage) -> list[str]:
    import zxingcpp

    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=qr_only)
    return [barcode.text for barcode in found if barcode.valid and barcode.text]


class FrameDecoder(QObject):
    """Decodes frames off the GUI thread; emits ``decoded(text)`` on the GUI thread."""

    decoded = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = Worker("qr", self)
        self.worker.succeeded.connect(self.on_worker_succeeded)
        self.worker.failed.connect(self.on_worker_failed)
        self._last_frame = 0.0
        self._seen: dict[str, float] = {}
        self.dropped = 0

    def wants_frame(self) -> bool:
        """Whether a frame offered now would be decoded (not busy, not too soon)."""
        return (not self.worker.busy
                and time.monotonic() - self._last_frame >= FRAME_INTERVAL_S)

    def submit(self, image: QImage) -> bool:
        """Offer a frame; False when it was dropped (decoder busy or too soon)."""
        now = time.monotonic()
        if not self.wants_frame() or image.isNull():
            self.dropped += 1
            return False
        self._last_frame = now
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)  # a private copy
        self.worker.start(lambda: _decode(gray))
        return True

    @Slot(object, object)
    def on_worker_failed(self, _token: object, _error: object) -> None:
        """A frame the decoder could not read holds no code: the next one may."""

    @Slot(object, object)
    def on_worker_succeeded(self, _token: object, texts: object) -> None:
        now = time.monotonic()
        self._seen = {t: at for t, at in self._seen.items() if now - at < HOLD_S}
        for text in texts if isinstance(texts, list) else []:
            held = text in self._seen
            self._seen[text] = now
            if not held:
                self.decoded.emit(text)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """For tests and shutdown: wait until the frame in hand is decoded."""
        return self.worker.wait(timeout)

    def shutdown(self) -> None:
        self.worker.wait()


def camera_problem() -> str | None:
    """None when a camera can be used, else a code: no_multimedia or no_camera."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return "no_multimedia"
    return None if QMediaDevices.videoInputs() else "no_camera"


class CameraScanner(QObject):
    """The default camera, feeding a FrameDecoder while switched on."""

    def __init__(self, decoder: FrameDecoder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder = decoder
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None

    @property
    def running(self) -> bool:
        return self._camera is not None

    def start(self) -> bool:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        if self.running or camera_problem() is not None:
            return False
        camera, session, sink = QCamera(self), QMediaCaptureSession(self), QVideoSink(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(self.on_sink_video_frame_changed)
        camera.start()
        self._camera, self._session, self._sink = camera, session, sink
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            for part in (self._sink, self._session, self._camera):
                if part is not None:
                    part.deleteLater()
        self._camera = self._session = self._sink = None

    @Slot(object)
    def on_sink_video_frame_changed(self, frame: QVideoFrame) -> None:
        if not self.decoder.wants_frame():
            return  # do not even copy the frame
        self.decoder.submit(frame.toImage())
