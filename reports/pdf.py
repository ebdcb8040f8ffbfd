"""A Word file as PDF, by LibreOffice without a screen (`soffice --headless --convert-to pdf`).

Each conversion runs in its own temporary directory with its own LibreOffice
profile, so conversions side by side never share a lock, and ends within
TIMEOUT_SECONDS (the whole process group is stopped if it hangs). Times New
Roman is printed with Liberation Serif, its metric twin, and LibreOffice
embeds the fonts it uses. Every Vietnamese letter needs Liberation 2
(Debian's fonts-liberation2): version 1 (fonts-liberation) lacks the letters
with two marks, such as ộ and ữ, which then come from a fallback font. When
soffice is missing or fails, PdfUnavailable says why with a catalogue key
(`report.<reason>`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from i18n import t

TIMEOUT_SECONDS = 60
EXECUTABLES = ("soffice", "libreoffice")


class PdfUnavailable(RuntimeError):
    """No PDF: `reason` is "pdf_missing" (no LibreOffice), "pdf_timeout" or "pdf_failed"; the message is
    `report.<reason>` in the current language, `detail` what LibreOffice said."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(self.message)

    @property
    def key(self) -> str:
        return f"report.{self.reason}"

    @property
    def message(self) -> str:
        return t(self.key)


def soffice_path() -> str | None:
    return next((found for name in EXECUTABLES if (found := shutil.which(name))), None)


def pdf_available() -> bool:
    """Whether this server can make PDFs (LibreOffice installed)."""
    return soffice_path() is not None


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT_SECONDS) -> bytes:
    executable = soffice_path()
    if executable is None:
        raise PdfUnavailable("pdf_missing")
    with tempfile.TemporaryDirectory(prefix="office-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        out = folder / "out"
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {**os.environ, "HOME": work, "TMPDIR": work}
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env=env,
            start_new_session=True,  # its own process group: a hung soffice.bin is stopped with its launcher
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise PdfUnavailable("pdf_timeout") from None
        finally:
            if process.poll() is None:
                _stop(process)
        pdf = out / "document.pdf"
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = (stderr or stdout or b"").decode("utf-8", "replace").strip()
            raise PdfUnavailable("pdf_failed", said or f"exit {process.returncode}")
        return pdf.read_bytes()


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
