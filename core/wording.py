"""Wording PeerWell wrote, kept in an organization's own editable copy (group model presets,
the starter training modules): shown in the reader's language for as long as the copy still
says what PeerWell wrote, and exactly as written once the organization changes it."""

from __future__ import annotations

from collections.abc import Callable


class InReaderLanguage:
    """A read-only model attribute: `field`'s text through `translate` (which gives the
    reader's-language version of PeerWell's wording, and any other text unchanged).

        shown_title = InReaderLanguage("title", library.in_reader_language)
    """

    def __init__(self, field: str, translate: Callable[[str], str]) -> None:
        self.field = field
        self.translate = translate

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        return self.translate(getattr(instance, self.field))
