"""The certification roster as files to hand on: a CSV for HR's spreadsheets and a PDF for an
auditor or a funder. Both take `selectors.roster(...)` (already scoped, filtered and sorted)
and read it once, as plain values through a cursor (`.iterator()`), CHUNK rows at a time: the
CSV streams as it reads; the PDF keeps only each row's cells (it prints the counts by status
above the table).

The PDF carries names, credentials, dates, statuses and CE hours, nothing more: no roles (in
this field "peer specialist" says someone is a survivor), no legal names, no contact details.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import islice
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, Spacer, TableStyle
from reportlab.platypus.tables import CellStyle

from core.pdf import UNICODE, document, drawable, font_for
from core.spreadsheets import safe_cell
from workforce.models import Certification, CertificationStatus, Organization, Role, RoleGrant

ZERO = Decimal("0")

CHUNK = 2000  # rows read per round trip (and, for the CSV, whose roles are looked up)
# What the reports read of each row: plain values, not model instances (a third of the time
# at 20,000 rows), and of the roster's annotations only `state` and `ce_earned` (the stored
# total), so the per-category CE sub-queries don't run; `readiness` is worked out here from
# the two columns (as the selector does).
FIELDS = (
    "person_id",
    "person__chosen_name",
    "type__name",
    "credential_number",
    "issued_on",
    "expires_on",
    "state",
    "ce_earned",
    "type__ce_hours_required",
)


def _batches(rows: QuerySet[Certification]) -> Iterator[list]:
    """The rows as named tuples, CHUNK at a time (a server-side cursor on PostgreSQL)."""
    values = rows.values_list(*FIELDS, named=True).iterator(chunk_size=CHUNK)
    while batch := list(islice(values, CHUNK)):
        yield batch


def _headers() -> list[str]:
    return [
        _("Name"),
        _("Credential"),
        _("Credential number"),
        _("Issued"),
        _("Expires"),
        _("Days to expiry"),
        _("Status"),
        _("CE earned"),
        _("CE required"),
        _("Readiness %"),
    ]


def _cells(row, today: date, statuses: dict[str, str]) -> list[str]:
    """One certification as the report's cells (text; numbers as the sheet should read them)."""
    expires = row.expires_on
    return [
        row.person__chosen_name,
        row.type__name,
        row.credential_number,
        row.issued_on.isoformat(),
        expires.isoformat() if expires else "",
        str((expires - today).days) if expires else "",
        statuses[row.state],
        _hours(row.ce_earned),
        _hours(row.type__ce_hours_required),
        _percent(row.ce_earned, row.type__ce_hours_required),
    ]


def _statuses() -> dict[str, str]:
    """Status labels, translated once per report rather than once per row."""
    return {value: str(label) for value, label in CertificationStatus.choices}


def _hours(value: Decimal | None) -> str:
    hours = (value or ZERO).quantize(Decimal("0.01")).normalize()
    return f"{hours:f}"


def _percent(earned: Decimal | None, required: Decimal) -> str:
    """The roster's readiness (100 when no CE is required) as the person's page shows a
    percent: whole, at most 100."""
    if not required:
        return "100"
    ratio = (earned or ZERO) * 100 / required
    return str(min(100, int(ratio.to_integral_value(ROUND_HALF_UP))))


# --- CSV -------------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def roster_csv(*, rows: QuerySet[Certification], today: date) -> Iterator[str]:
    """The (filtered) roster as CSV, yielded CHUNK lines at a time: for each chunk one query
    for the rows (one cursor) and one for their people's roles."""
    writer = csv.writer(_Echo())
    headers = _headers()
    statuses = _statuses()
    yield writer.writerow([headers[0], _("Roles"), *headers[1:]])
    for batch in _batches(rows):
        roles = _roles_of({row.person_id for row in batch})
        lines = []
        for row in batch:
            name, credential, number, *rest = _cells(row, today, statuses)
            role = roles.get(row.person_id, "")
            cells = [safe_cell(name), role, safe_cell(credential), safe_cell(number), *rest]
            lines.append(writer.writerow(cells))
        yield "".join(lines)


def _roles_of(people: set[int]) -> dict[int, str]:
    """Each person's roles as the people list names them (in Role order), in one query."""
    order = {value: (i, str(label)) for i, (value, label) in enumerate(Role.choices)}
    held: dict[int, list[tuple[int, str]]] = {}
    for person, role in RoleGrant.objects.filter(profile_id__in=people).values_list(
        "profile_id", "role"
    ):
        held.setdefault(person, []).append(order[role])
    return {
        person: ", ".join(label for _, label in sorted(roles)) for person, roles in held.items()
    }


# --- PDF -------------------------------------------------------------------------------------

FONT, BOLD, SIZE = "Helvetica", "Helvetica-Bold", 7.5
ROW, HEAD_ROW = 11, 20  # points, fixed: no cell is ever measured
PADDING = 6  # SimpleDocTemplate's frame padding, on each side
# Columns as shares of the width, and which ones are numbers (right-aligned).
SHARES = (0.19, 0.20, 0.11, 0.07, 0.07, 0.055, 0.14, 0.11, 0.055)
NUMBERS = (5, 8)  # right-aligned: days to expiry, readiness
TEXT_COLUMNS = (0, 1, 2)  # people's and credentials' names and numbers: any alphabet
# Colour objects, not strings: ReportLab would parse a string again wherever it meets one.
INK = HexColor("#1f2a33")
ACCENT = HexColor("#0b5d66")
MUTED = HexColor("#4a5866")
RULE = HexColor("#c9d3da")


def roster_pdf(
    *,
    rows: QuerySet[Certification],
    organization: Organization,
    today: date,
    filters_text: str,
    pagesize: tuple[float, float] = landscape(letter),
) -> bytes:
    """Title, organization, date, the filters, counts by status, then every row in a table
    whose header repeats on each page; "Page x of y" at the foot. One query."""
    buffer = io.BytesIO()
    title = _("Certification roster")
    doc = document(
        buffer,
        title=f"{title}: {organization.name}",
        author=organization.name,
        pagesize=pagesize,
        margin=12 * mm,
        bottom=14 * mm,
    )
    inner = doc.width - 2 * PADDING
    widths = [inner * share for share in SHARES]
    body, counts, wide = _pdf_rows(rows, today, widths)
    generated = _("Generated %(date)s") % {"date": today.isoformat()}
    org_font, org_name = font_for(organization.name, FONT)
    intro = [
        Paragraph(escape(title), _style(16, BOLD, ACCENT)),
        Paragraph(escape(f"{org_name} · {generated}"), _style(10, org_font, INK)),
        Paragraph(escape(_("Filters: %(filters)s") % {"filters": filters_text}), _muted()),
        Spacer(1, 2 * mm),
        Paragraph(escape(_summary(counts)), _style(10, BOLD, INK)),
        Spacer(1, 3 * mm),
    ]
    if not body:
        intro.append(Paragraph(escape(_("No certifications match these filters.")), _muted()))
    room = doc.height - 2 * PADDING
    first = room - sum(flowable.wrap(inner, room)[1] for flowable in intro)
    flow = intro + _page_tables(body, widths, wide, first=first, room=room)
    doc.build(flow, canvasmaker=_numbered(f"{org_name} · {title} · {generated}", org_font))
    return buffer.getvalue()


def _pdf_headers() -> list[str]:
    return [
        _("Name"),
        _("Credential"),
        _("Credential number"),
        _("Issued"),
        _("Expires"),
        _("Days to\nexpiry"),
        _("Status"),
        _("CE hours\nearned / required"),
        _("Readiness\n%"),
    ]


def _pdf_rows(
    rows: QuerySet[Certification], today: date, widths: list[float]
) -> tuple[list[list[str]], Counter, set[tuple[int, int]]]:
    """Each row's cells, text cut to its column, the number of rows in each status, and
    which cells need the Unicode font."""
    counts: Counter = Counter()
    statuses = _statuses()
    body: list[list[str]] = []
    wide: set[tuple[int, int]] = set()  # (row, column) of cells Helvetica can't draw
    for batch in _batches(rows):
        for row in batch:
            counts[row.state] += 1
            name, credential, number, issued, expires, days, status, earned, required, ready = (
                _cells(row, today, statuses)
            )
            body.append(
                [
                    _fit(name, widths[0]),
                    _fit_repeated(credential, widths[1]),
                    _fit(number, widths[2]),
                    issued,
                    expires,
                    days,
                    status,
                    f"{earned} / {required}",
                    ready,
                ]
            )
            wide.update((len(body) - 1, col) for col in TEXT_COLUMNS if not drawable(body[-1][col]))
    return body, counts, wide


def _summary(counts: Counter) -> str:
    total = _("Certifications: %(count)s") % {"count": sum(counts.values())}
    parts = [f"{label}: {counts[state]}" for state, label in _statuses().items()]
    return "   ·   ".join([total, *parts])


def _page_tables(
    body: list[list[str]],
    widths: list[float],
    wide: set[tuple[int, int]],
    *,
    first: float,
    room: float,
) -> list[LongTable]:
    """One table a page (the first shorter, under the summary), each starting with the header.

    A single long table is split page by page, and each split copies and walks every row
    left: quadratic, most of the time at 20,000 rows. Should a page hold fewer rows than
    counted here, its table still splits cleanly (repeatRows)."""
    sizes = [max(1, int((first - HEAD_ROW) // ROW)), int((room - HEAD_ROW) // ROW)]
    head = _pdf_headers()
    tables: list[LongTable] = []
    start = 0
    while start < len(body) or not tables:
        size = sizes[min(len(tables), 1)]
        mine = {(row - start + 1, col) for row, col in wide if start <= row < start + size}
        tables.append(_table([head, *body[start : start + size]], widths, mine))
        start += size
    return tables


def _table(
    cells: list[list[str]], widths: list[float], wide: set[tuple[int, int]] = frozenset()
) -> LongTable:
    """Strings in fixed widths and heights, with cell styles shared by all rows. (A
    TableStyle's per-cell commands make and set a CellStyle for every cell: at this size,
    seconds; Paragraph cells would take minutes. They also change the style in place, so
    the rare cell in the Unicode font gets a style of its own here instead.)"""
    head = [_CELL["head_right" if i in NUMBERS else "head"] for i in range(len(widths))]
    body = [_CELL["right" if i in NUMBERS else "left"] for i in range(len(widths))]
    styles = [head] + [body] * (len(cells) - 1)
    for row, col in wide:
        styles[row] = [*styles[row]]
        styles[row][col] = _CELL["unicode"]
    table = LongTable(
        cells,
        colWidths=widths,
        rowHeights=[HEAD_ROW] + [ROW] * (len(cells) - 1),
        repeatRows=1,
        cellStyles=styles,
    )
    table.setStyle(_LINES)
    return table


def _cell_style(name: str, font: str, alignment: str) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, SIZE, SIZE * 1.2
    style.color, style.alignment, style.valign = INK, alignment, "MIDDLE"
    style.topPadding, style.bottomPadding = 1, 2
    style.leftPadding = style.rightPadding = 3
    return style


_CELL = {
    "head": _cell_style("head", BOLD, "LEFT"),
    "head_right": _cell_style("head_right", BOLD, "RIGHT"),
    "left": _cell_style("left", FONT, "LEFT"),
    "right": _cell_style("right", FONT, "RIGHT"),
    "unicode": _cell_style("unicode", UNICODE, "LEFT"),
}
_LINES = TableStyle(
    [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
)


def _fit(text: str, width: float) -> str:
    """Shorten a cell that would run into the next one, with an ellipsis (measured in the
    font it will be drawn in)."""
    font, text = font_for(text, FONT)
    room = width - 6  # the cell's left and right padding
    if stringWidth(text, font, SIZE) <= room:
        return text
    return _shortened(text, room, font)


@lru_cache(maxsize=1024)
def _fit_repeated(text: str, width: float) -> str:
    """_fit for text that repeats on every page (credential names): measured once."""
    return _fit(text, width)


@lru_cache(maxsize=1024)
def _shortened(text: str, room: float, font: str = FONT) -> str:
    while text and stringWidth(text + "…", font, SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _style(size: float, font: str, color: HexColor) -> ParagraphStyle:
    return ParagraphStyle("s", fontName=font, fontSize=size, leading=size * 1.3, textColor=color)


def _muted() -> ParagraphStyle:
    return _style(8.5, FONT, MUTED)


def _numbered(footer: str, font: str = FONT) -> type[Canvas]:
    """A canvas that holds its pages until the end, to write "Page x of y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.setFont(font, 7.5)
            self.setFillColor(MUTED)
            self.drawString(12 * mm, 7 * mm, footer)
            self.setFont(FONT, 7.5)
            page = _("Page %(number)s of %(total)s") % {"number": number, "total": total}
            self.drawRightString(self._pagesize[0] - 12 * mm, 7 * mm, page)

    return NumberedCanvas
