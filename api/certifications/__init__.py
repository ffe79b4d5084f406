"""Certifications through the API: the types an organization tracks (with presets), the
certifications people hold with their renewals, HR's checks and evidence files, the
continuing-education (CE) ledger, and HR's roster and missing list.

A thin layer over workforce.certifications, calling the same services and selectors as the
pages; workforce.access decides who sees what. Evidence files open only for their holder, HR
and org admins: supervisors and program managers read the records, never the files.

One module per subdomain: `types` (types and presets), `held` (certifications held, their
renewals and HR's checks), `readiness` (a cycle's renewal readiness), `evidence` (files behind
a certification), `ce` (the CE ledger) and `roster` (the roster and the missing list); `fields`
is shared. The views api.urls routes to are re-exported here.
"""

from __future__ import annotations

from api.certifications.ce import CEEntryViewSet
from api.certifications.evidence import CertificationEvidenceView
from api.certifications.held import CertificationViewSet
from api.certifications.roster import CertificationMissingView, CertificationRosterViewSet
from api.certifications.types import CertificationTypeViewSet

__all__ = [
    "CEEntryViewSet",
    "CertificationEvidenceView",
    "CertificationMissingView",
    "CertificationRosterViewSet",
    "CertificationTypeViewSet",
    "CertificationViewSet",
]
