"""Evidence files people upload (certificates from outside courses, certification evidence).

Every file is judged by what it contains, never by its name or the browser's word: only plain
PDFs and photos get through. Photos are re-encoded so their metadata (a phone's GPS position
could reveal where a survivor lives) never reaches storage; every file is stored under a random
name and only ever served back as a private download.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, features
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
# Pillow format -> (content type, extension) of the photos we accept.
IMAGE_KINDS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
if features.check("webp"):
    IMAGE_KINDS["WEBP"] = ("image/webp", ".webp")
ALLOWED_CONTENT_TYPES = frozenset({PDF, *(kind[0] for kind in IMAGE_KINDS.values())})

# Names that make a PDF do things when opened: scripts, launching programs, embedded files,
# automatic actions, Flash and XFA forms. An /OpenAction that only picks the first page is
# harmless; one that runs a script leads to /JavaScript or /Launch, which are caught here.
ACTIVE_PDF_NAMES = frozenset(
    [
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/AA",
        "/RichMedia",
        "/XFA",
        # Actions that reach out when the file is opened or a link is followed automatically.
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
    ]
)
_ACTIVE_NAME_BYTES = frozenset(name.encode() for name in ACTIVE_PDF_NAMES)
_PDF_NAME = re.compile(rb"/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Compressed stream data is random-looking bytes, and a 10 MB scan would often find "/AA" or
# "/JS" in it by chance; the objects inside compressed streams are checked by the walk instead.
# They are cut out with a forward-only scan (a lazy regex over ">>stream" with no
# "endstream" takes time growing with the square of the file: a 10 MB upload would hold a
# worker for hours).
_STREAM_START = re.compile(rb">>\s*stream\r?\n")

MESSAGES = {
    "empty": _("This file is empty. Please choose it again; it may not have saved properly."),
    "too_large": _("This file is larger than %(limit)s. Please upload a smaller copy."),
    "unsupported_type": _(
        "Please upload a PDF or a photo (JPEG, PNG). This file doesn't look like either, "
        "whatever its name says. A certificate can usually be saved or printed as a PDF."
    ),
    "unreadable": _(
        "We couldn't open this file; it may be damaged or only partly saved. "
        "Please save it again and upload the new copy."
    ),
    "image_too_large": _(
        "This photo has too many pixels for us to handle. Please upload a smaller photo or a "
        "screenshot of it."
    ),
    "pdf_encrypted": _(
        "This PDF is password-protected or locked, so we can't check it. Please save an "
        "unlocked copy (print it to PDF) and upload that."
    ),
    "pdf_active_content": _(
        "This PDF contains scripts or embedded files, which we can't accept. Please save it "
        "as a plain PDF (print to PDF) and upload that."
    ),
}


def evidence_max_bytes() -> int:
    """The upload limit, read on every call so a settings change (or a test) takes effect."""
    return getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)


def __getattr__(name: str) -> int:
    # `uploads.EVIDENCE_MAX_BYTES` stays a live view of the setting rather than a copy taken
    # at import time.
    if name == "EVIDENCE_MAX_BYTES":
        return evidence_max_bytes()
    raise AttributeError(name)


@dataclass(frozen=True)
class Evidence:
    """A checked, cleaned upload, named at random and ready to save to a FileField."""

    content_type: str
    extension: str
    content: ContentFile


def _reject(code: str, **params: object) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def validate_evidence(file: UploadedFile) -> Evidence:
    """Check an uploaded certificate or evidence file; raise ValidationError if unsafe."""
    data = _read_limited(file)
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        content_type, extension, body = PDF, ".pdf", data
    elif kind := _sniff_image(data):
        content_type, extension = IMAGE_KINDS[kind]
        body = _clean_image(data, kind=kind)
    else:
        raise _reject("unsupported_type")
    name = secrets.token_hex(16) + extension  # the uploader's file name may say who they are
    return Evidence(
        content_type=content_type, extension=extension, content=ContentFile(body, name=name)
    )


def _read_limited(file: UploadedFile) -> bytes:
    limit = evidence_max_bytes()
    if file.size is not None and file.size > limit:
        raise _reject("too_large", limit=filesizeformat(limit))
    file.seek(0)
    data = file.read(limit + 1)  # never more: the declared size might not be the truth
    if not data:
        raise _reject("empty")
    if len(data) > limit:
        raise _reject("too_large", limit=filesizeformat(limit))
    return data


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and "WEBP" in IMAGE_KINDS:
        return "WEBP"
    return None


def _check_pdf(data: bytes) -> None:
    if _raw_pdf_names(data) & _ACTIVE_NAME_BYTES:
        raise _reject("pdf_active_content")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _reject("pdf_encrypted")
        if len(reader.pages) < 1:
            raise _reject("unreadable")
        active = _has_active_objects(reader)
    except ValidationError:
        raise
    except Exception as exc:  # hostile files make pypdf fail in many ways; all mean "unreadable"
        raise _reject("unreadable") from exc
    if active:
        raise _reject("pdf_active_content")


def _without_streams(data: bytes) -> bytes:
    """The file with each stream's data cut out, in one forward pass. A stream that never
    ends is a damaged (or hostile) file."""
    parts, position = [], 0
    while (start := _STREAM_START.search(data, position)) is not None:
        end = data.find(b"endstream", start.end())
        if end < 0:
            raise _reject("unreadable")
        parts.append(data[position : start.start()])
        parts.append(b">> stream endstream")
        position = end + len(b"endstream")
    parts.append(data[position:])
    return b"".join(parts)


def _raw_pdf_names(data: bytes) -> set[bytes]:
    """Every name token outside stream data, with #xx escapes undone (/J#61vaScript)."""
    skeleton = _without_streams(data)
    return {
        _NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name)
        for name in _PDF_NAME.findall(skeleton)
    }


def _has_active_objects(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer, including those in compressed streams.

    This covers the catalog's /Names -> /JavaScript tree, /OpenAction and /AA, and the same
    things hidden on pages, annotations and form fields.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, NameObject) and obj in ACTIVE_PDF_NAMES:
            return True
        if isinstance(obj, DictionaryObject):
            if _opens_a_link(obj):
                return True
            stack.extend(obj.keys())  # keys such as /JS and /AA are names too
            stack.extend(obj.values())  # raw values: references are resolved once, above
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _opens_a_link(obj: DictionaryObject) -> bool:
    """An /OpenAction that goes to a web address as the file opens (links a reader clicks
    are fine: certificates often carry the provider's)."""
    action = obj.get("/OpenAction")
    if isinstance(action, IndirectObject):
        action = action.get_object()
    return isinstance(action, DictionaryObject) and action.get("/S") == "/URI"


def _clean_image(data: bytes, *, kind: str) -> bytes:
    try:
        # `formats=` stops Pillow trying other decoders (EPS would run Ghostscript).
        with Image.open(io.BytesIO(data), formats=[kind]) as probe:
            limit = Image.MAX_IMAGE_PIXELS  # None means a deployment chose no limit
            if limit and probe.width * probe.height > limit:
                raise _reject("image_too_large")
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.load()
            return _reencode(ImageOps.exif_transpose(image), kind=kind)
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise _reject("image_too_large") from exc
    except Exception as exc:  # Pillow's errors on broken files vary by format and version
        raise _reject("unreadable") from exc


def _reencode(image: Image.Image, *, kind: str) -> bytes:
    """Save only the pixels: EXIF (GPS, camera, time), XMP and comments are left behind."""
    transparency = image.info.get("transparency")
    image.info = {} if transparency is None else {"transparency": transparency}
    out = io.BytesIO()
    if kind == "PNG":
        image.save(out, format="PNG")
    else:
        image.save(out, format=kind, quality=90)
    return out.getvalue()


def evidence_response(
    field_file: FieldFile, *, content_type: str, download_name: str
) -> FileResponse:
    """Stream a stored evidence file as a private download that browsers never render inline."""
    if content_type not in ALLOWED_CONTENT_TYPES:
        content_type = "application/octet-stream"
    if not field_file.name:
        raise Http404
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
