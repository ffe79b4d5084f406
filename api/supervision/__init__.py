"""The supervision API: `assignments` (who supervises whom, with the cadence; managers
write), `sessions` (scheduling, moving, cancelling, the log, reflections, sign-off and
corrections; notes and reflections only ever for the people in the session), `compliance`
(managers), `hours` (signed hours totals: HR, managers, admins) and the attestation PDF.
Anything the caller may not see or change is a 404."""

from api.supervision.assignments import SupervisorAssignmentViewSet
from api.supervision.reports import AttestationView, ComplianceView, SupervisedHoursView
from api.supervision.sessions import SupervisionSessionViewSet

__all__ = [
    "AttestationView",
    "ComplianceView",
    "SupervisedHoursView",
    "SupervisionSessionViewSet",
    "SupervisorAssignmentViewSet",
]
