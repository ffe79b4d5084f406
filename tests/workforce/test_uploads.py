"""Evidence uploads: only plain PDFs and photos get in, photos lose their metadata, names are
random, and stored files go back out only as private downloads."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import override_settings
from PIL import ExifTags, Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from workforce import uploads
from workforce.uploads import evidence_response, validate_evidence

Change = Callable[[PdfWriter], object]  # adds something to a one-page PDF

# ---------------------------------------------------------------------------- building files


def _upload(
    content: bytes, name: str = "certificate.pdf", content_type: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type or "application/pdf")


def _reportlab_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=1)
    page.drawString(72, 720, "Certificate of completion: Trauma-informed peer support")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _writer_pdf(change: Change | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _hand_pdf(*extra: bytes) -> bytes:
    """A one-page PDF with a classic xref table, plus `extra` objects numbered from 4."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_with_script_in_object_stream() -> bytes:
    """The usual evasion: the script action sits in a compressed object stream (PDF 1.5)."""
    script = b"<< /S /JavaScript /JS (app.alert(1)) >>"
    packed = zlib.compress(b"4 0 " + script)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        5: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >> stream\n%s\n"
        b"endstream" % (len(packed), packed),
    }
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[6] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, 7):
        if number == 4:  # compressed: in object stream 5, at index 0
            rows.append(struct.pack(">BIH", 2, 5, 0))
        else:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >> stream\n" % (
        len(table)
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def _image(kind: str, *, size: tuple[int, int] = (40, 20), exif: Image.Exif | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=kind, **extra)
    return buffer.getvalue()


def _exif_with_gps(*, orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (41.0, 52.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (87.0, 37.0, 12.0)
    return exif


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions: tiny to upload, gigabytes to decode."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(tag + body)
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("certificate.pdf", b"%PDF-1.4 not really")
    return buffer.getvalue()


def _code(upload: SimpleUploadedFile) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_evidence(upload)
    return caught.value.code


# ---------------------------------------------------------------------------- what gets in


def test_it_accepts_a_reportlab_certificate_unchanged() -> None:
    data = _reportlab_pdf()
    evidence = validate_evidence(_upload(data))
    assert (evidence.content_type, evidence.extension) == ("application/pdf", ".pdf")
    assert evidence.content.read() == data


def test_it_accepts_a_pdf_that_opens_at_its_first_page() -> None:
    # Many PDF makers set an /OpenAction that only picks a page and zoom: that is harmless.
    data = _writer_pdf(lambda w: setattr(w, "open_destination", w.pages[0]))
    assert b"/OpenAction" in data
    assert validate_evidence(_upload(data)).content_type == "application/pdf"


def test_it_ignores_script_like_bytes_inside_stream_data() -> None:
    # Compressed data is random bytes: a chance "/JS " in it must not reject a real certificate.
    noise = b"\x00\x9c/JS /AA\n\xff/JavaScript "
    data = _hand_pdf(b"<< /Length %d >> stream\n%s\nendstream" % (len(noise), noise))
    assert validate_evidence(_upload(data)).content_type == "application/pdf"


def test_it_gives_the_file_a_random_name() -> None:
    first = validate_evidence(_upload(_reportlab_pdf(), name="Alice Legal - certificate.pdf"))
    second = validate_evidence(_upload(_reportlab_pdf(), name="Alice Legal - certificate.pdf"))
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", first.content.name)
    assert first.content.name != second.content.name
    assert isinstance(first.content, ContentFile)


@pytest.mark.parametrize(
    ("kind", "content_type", "extension"),
    [("PNG", "image/png", ".png"), ("JPEG", "image/jpeg", ".jpg")],
)
def test_it_accepts_photos(kind: str, content_type: str, extension: str) -> None:
    evidence = validate_evidence(_upload(_image(kind), name="photo", content_type="text/plain"))
    assert (evidence.content_type, evidence.extension) == (content_type, extension)
    assert evidence.content.name.endswith(extension)
    with Image.open(evidence.content) as stored:
        assert (stored.format, stored.size) == (kind, (40, 20))


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        *[("PNG", mode) for mode in ("RGBA", "P", "L", "1", "I;16")],
        *[("JPEG", mode) for mode in ("L", "CMYK")],
    ],
)
def test_it_keeps_photos_of_every_common_kind(kind: str, mode: str) -> None:
    buffer = io.BytesIO()
    extra = {"transparency": 0} if mode == "P" else {}
    Image.new(mode, (30, 10)).save(buffer, format=kind, **extra)
    evidence = validate_evidence(_upload(buffer.getvalue(), name="scan"))
    with Image.open(evidence.content) as stored:
        assert (stored.format, stored.mode, stored.size) == (kind, mode, (30, 10))
        assert stored.info.get("transparency") == extra.get("transparency")


@pytest.mark.skipif("WEBP" not in uploads.IMAGE_KINDS, reason="Pillow built without WebP")
def test_it_accepts_webp_photos() -> None:
    evidence = validate_evidence(_upload(_image("WEBP"), name="photo.webp"))
    assert evidence.content_type == "image/webp"


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_it_strips_location_and_camera_details_from_photos(kind: str) -> None:
    data = _image(kind, exif=_exif_with_gps())
    with Image.open(io.BytesIO(data)) as original:  # the test photo really carries a location
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    evidence = validate_evidence(_upload(data, name="IMG_0001.jpg", content_type="image/jpeg"))
    with Image.open(evidence.content) as stored:
        exif = stored.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert len(exif) == 0
        assert "exif" not in stored.info
    assert b"PhoneMaker" not in evidence.content.read()


def test_it_turns_photos_upright_before_forgetting_the_orientation() -> None:
    data = _image("JPEG", size=(40, 20), exif=_exif_with_gps(orientation=6))
    evidence = validate_evidence(_upload(data, name="IMG_0002.jpg"))
    with Image.open(evidence.content) as stored:
        assert stored.size == (20, 40)
        assert ExifTags.Base.Orientation not in stored.getexif()


# ---------------------------------------------------------------------------- size


def test_it_rejects_an_empty_file() -> None:
    assert _code(_upload(b"")) == "empty"


@override_settings(EVIDENCE_MAX_BYTES=2 * 1024 * 1024)
def test_it_rejects_a_file_over_the_limit_and_names_the_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_evidence(_upload(b"%PDF-" + b"0" * (2 * 1024 * 1024)))
    assert caught.value.code == "too_large"
    assert "2.0\xa0MB" in caught.value.messages[0]


@override_settings(EVIDENCE_MAX_BYTES=1000)
def test_it_does_not_trust_a_declared_size() -> None:
    upload = _upload(b"%PDF-" + b"0" * 5000)
    upload.size = 10  # a lying client or a custom upload handler
    assert _code(upload) == "too_large"


def test_it_uses_ten_megabytes_unless_configured(settings) -> None:
    del settings.EVIDENCE_MAX_BYTES
    assert uploads.EVIDENCE_MAX_BYTES == 10 * 1024 * 1024
    settings.EVIDENCE_MAX_BYTES = 5
    assert uploads.EVIDENCE_MAX_BYTES == 5


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [10_000, 30_000])  # just over Pillow's limit; far over it
def test_it_rejects_decompression_bombs(side: int) -> None:
    assert _code(_upload(_png_header_only(side, side), name="x.png")) == "image_too_large"


# ---------------------------------------------------------------------------- type, by content


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (
            b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
            "cert.pdf",
            "application/pdf",
        ),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "cert.pdf", "application/pdf"),
        (_zip(), "photo.jpg", "image/jpeg"),
        (b"I completed the course, honest.\n", "cert.pdf", "application/pdf"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "a.png",
            "image/png",
        ),
        (b"GIF89a\x01\x00\x01\x00", "photo.jpg", "image/jpeg"),
    ],
    ids=["windows-exe-as-pdf", "elf-as-pdf", "zip-as-jpg", "text-as-pdf", "svg-as-png", "gif"],
)
def test_it_rejects_anything_that_is_not_a_pdf_or_photo(
    content: bytes, name: str, content_type: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_evidence(_upload(content, name=name, content_type=content_type))
    assert caught.value.code == "unsupported_type"
    assert "PDF or a photo" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.4\nthis is not really a pdf\n", "cert.pdf"),
        (_writer_pdf()[:60], "cert.pdf"),
        (_image("PNG")[:40], "photo.png"),
        (_image("JPEG")[:30], "photo.jpg"),
    ],
    ids=["pdf-garbage", "pdf-truncated", "png-truncated", "jpeg-truncated"],
)
def test_it_rejects_damaged_files(content: bytes, name: str) -> None:
    assert _code(_upload(content, name=name)) == "unreadable"


def test_it_rejects_a_pdf_without_pages() -> None:
    writer = PdfWriter()
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _code(_upload(buffer.getvalue())) == "unreadable"


# ---------------------------------------------------------------------------- active PDFs


def _with_page_actions(writer: PdfWriter) -> None:
    action = DictionaryObject({NameObject("/S"): NameObject("/URI")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})


def _with_xfa(writer: PdfWriter) -> None:
    form = DictionaryObject({NameObject("/XFA"): TextStringObject("<xdp/>")})
    writer.root_object[NameObject("/AcroForm")] = form


@pytest.mark.filterwarnings("ignore:add_js is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    "change",
    [
        lambda w: w.add_js("app.alert('hello');"),
        lambda w: w.add_open_action(JavaScript("this.print();")),
        lambda w: w.add_attachment("notes.txt", b"hello"),
        _with_page_actions,
        _with_xfa,
    ],
    ids=["javascript", "open-action-script", "embedded-file", "additional-actions", "xfa"],
)
def test_it_rejects_pdfs_with_active_content(change: Change) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_evidence(_upload(_writer_pdf(change)))
    assert caught.value.code == "pdf_active_content"
    assert "print to PDF" in caught.value.messages[0]


def test_it_sees_through_hex_escaped_names() -> None:
    # /J#61vaScript is /JavaScript to a PDF reader. The object is not linked from anywhere,
    # so only the scan of the raw bytes can find it.
    data = _hand_pdf(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")
    assert b"/JavaScript" not in data
    assert _code(_upload(data)) == "pdf_active_content"


def test_it_finds_scripts_hidden_in_compressed_object_streams() -> None:
    data = _pdf_with_script_in_object_stream()
    assert b"JavaScript" not in data  # invisible to a byte scan
    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # a well-formed PDF
    assert _code(_upload(data)) == "pdf_active_content"


def test_it_rejects_password_protected_pdfs() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_evidence(_upload(_writer_pdf(lambda w: w.encrypt("pw"))))
    assert caught.value.code == "pdf_encrypted"
    assert "password-protected" in caught.value.messages[0]


# ---------------------------------------------------------------------------- downloads


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(name: str, content: bytes) -> FieldFile:
    saved = default_storage.save(name, ContentFile(content))
    return FieldFile(instance=None, field=FileField(), name=saved)


# db: closing a response sends request_finished, and Django then tidies DB connections.
def test_it_serves_evidence_as_a_private_attachment(db, media: Path) -> None:
    data = _reportlab_pdf()
    evidence = validate_evidence(_upload(data))
    field_file = _stored(evidence.content.name, evidence.content.read())
    assert (media / field_file.name).exists()
    response = evidence_response(
        field_file, content_type="application/pdf", download_name="certificate.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    assert b"".join(response.streaming_content) == data
    response.close()


def test_it_never_serves_a_type_it_does_not_accept(db, media: Path) -> None:
    field_file = _stored("page.html", b"<script>alert(1)</script>")
    response = evidence_response(field_file, content_type="text/html", download_name="page.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    response.close()


def test_it_answers_404_when_the_file_is_gone(media: Path) -> None:
    missing = FieldFile(instance=None, field=FileField(), name="0123456789abcdef.pdf")
    with pytest.raises(Http404):
        evidence_response(missing, content_type="application/pdf", download_name="c.pdf")
    empty = FieldFile(instance=None, field=FileField(), name="")
    with pytest.raises(Http404):
        evidence_response(empty, content_type="application/pdf", download_name="c.pdf")


def test_it_reads_a_hostile_stream_layout_in_linear_time() -> None:
    """Many stream starts and no end: refused as unreadable, at once (no regex blow-up)."""
    import time

    data = b"%PDF-1.4\n" + b">>stream\n" * 100_000
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        validate_evidence(_upload(data))
    assert time.perf_counter() - started < 2  # the quadratic version took minutes here


def test_it_refuses_a_pdf_that_opens_a_web_address_or_submits_a_form() -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    for action in (
        {"/S": NameObject("/URI"), "/URI": TextStringObject("https://example.com/track")},
        {"/S": NameObject("/SubmitForm"), "/F": TextStringObject("https://example.com/")},
    ):
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject(k): v for k, v in action.items()}
        )
        buffer = io.BytesIO()
        writer.write(buffer)
        with pytest.raises(ValidationError) as error:
            validate_evidence(_upload(buffer.getvalue()))
        assert error.value.code == "pdf_active_content"
