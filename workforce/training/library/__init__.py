"""The starter library: four modules written for PeerWell, loaded into an organization's
catalogue by `manage.py load_training_library` (and by the demo). Each module is a Python
module defining MODULE (a dict, see workforce.training.library_loader)."""

from workforce.training.library import boundaries, self_care_plan, supervision, vicarious_trauma

MODULES = [
    vicarious_trauma.MODULE,
    boundaries.MODULE,
    self_care_plan.MODULE,
    supervision.MODULE,
]
