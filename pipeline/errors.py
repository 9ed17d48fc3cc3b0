"""One exception hierarchy for the whole pipeline.

Every error a user can meet derives from :class:`DelibError`; it carries a
short ``code`` (written to files.jsonl) and a ``remedy`` telling what to do.
The CLI maps errors to exit codes in one place (:data:`EXIT_CODES`).
"""

from __future__ import annotations


class DelibError(Exception):
    """Base of all pipeline errors."""

    code = "error"
    remedy = ""

    def __init__(self, message: str, *, remedy: str | None = None) -> None:
        super().__init__(message)
        if remedy is not None:
            self.remedy = remedy

    def describe(self) -> str:
        """The message with its remedy, as written in files.jsonl."""
        text = str(self)
        return f"{text} — {self.remedy}" if self.remedy else text


class UsageError(DelibError):
    """Bad command-line use: a missing input, a bad option."""

    code = "usage"


class InputError(DelibError):
    """An input file cannot be read as a document."""

    code = "input"


class UnsupportedFileError(InputError):
    code = "unsupported"
    remedy = "convert it to PDF, an image (PNG, JPEG, TIFF) or UTF-8 text"


class EmptyFileError(InputError):
    code = "empty"
    remedy = "the file has no content; download or scan it again"


class CorruptFileError(InputError):
    code = "corrupt"
    remedy = "the file is damaged or truncated; download it again or repair it (qpdf --check)"


class EncryptedFileError(InputError):
    code = "encrypted"
    remedy = "remove the password first (qpdf --decrypt --password=... in.pdf out.pdf)"


class ResourceLimitError(InputError):
    """A page too large, a decompression bomb, too many pages."""

    code = "too_large"
    remedy = "split or downscale the file, or raise the limit in models/config.yaml"


class UnreadableFileError(InputError):
    code = "unreadable"
    remedy = "check the file's permissions"


class FileTimeoutError(InputError):
    code = "timeout"
    remedy = "raise --timeout, or split the file"


class OcrError(DelibError):
    """Tesseract failed or is missing."""

    code = "ocr"
    remedy = "check that tesseract-ocr and tesseract-ocr-fra are installed (make setup)"


class OutputError(DelibError):
    """The output folder cannot be written (read-only, full disk)."""

    code = "output"
    remedy = "choose another --out folder or free some space"


class WorkerCrashError(DelibError):
    """The worker process died (killed by the system, out of memory, a crash in a C library)."""

    code = "crashed"
    remedy = "the file crashed the worker even when run alone; check it, raise --memory-limit, or report it"


class InternalError(DelibError):
    """A bug: an unexpected exception while processing one file (the batch goes on)."""

    code = "internal"
    remedy = "this is a bug in delib: report it with the file and the worker log in <out>/.delib/logs/"


class ConfigError(DelibError):
    """A rule file in models/ is missing or invalid."""

    code = "config"


#: Exit status of ``delib``: 0 all files ok, 1 some file failed, 2 usage error.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_CODES: dict[type[DelibError], int] = {
    UsageError: EXIT_USAGE,
    ConfigError: EXIT_USAGE,
    OutputError: EXIT_USAGE,
}


def exit_code_for(error: DelibError) -> int:
    """Exit status for an error that stops the whole command."""
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return EXIT_SOME_FAILED
