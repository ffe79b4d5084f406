"""Training through the API: the catalogue, assignments, a learner's way through a module,
completions with their certificates and evidence, and the team views.

A thin layer over workforce.training, calling the same services and selectors as the pages;
workforce.access decides who sees what. Reflections are only ever the caller's own: no
endpoint or field returns anyone else's.

One module per subdomain: `catalogue` (modules), `content` and `learning` (a learner's way
through an in-app module), `my_training`, `assignments`, `records` (completions,
certificates, evidence, attendance) and `team` (the matrix and the overdue list); `fields`
and `renderers` are shared. The views api.urls routes to are re-exported here.
"""

from __future__ import annotations

from api.training.assignments import TrainingAssignmentViewSet
from api.training.catalogue import TrainingModuleViewSet
from api.training.my_training import MyTrainingView
from api.training.records import TrainingAttendanceView, TrainingCompletionViewSet
from api.training.team import TrainingMatrixView, TrainingOverdueViewSet

__all__ = [
    "MyTrainingView",
    "TrainingAssignmentViewSet",
    "TrainingAttendanceView",
    "TrainingCompletionViewSet",
    "TrainingMatrixView",
    "TrainingModuleViewSet",
    "TrainingOverdueViewSet",
]
