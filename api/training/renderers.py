"""Renderers for the training API's file downloads (certificates and evidence)."""

from __future__ import annotations

import json

from rest_framework.renderers import BaseRenderer


class FileRenderer(BaseRenderer):
    """Lets a client ask for a file by its type. The view answers with the file itself; an
    error (a 404, say) still comes back as JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data).encode()


class PDFRenderer(FileRenderer):
    """Lets a client ask for a PDF by its type."""

    media_type = "application/pdf"
    format = "pdf"
