"""Starting points for common peer-work credentials, from the issuing bodies' published rules
as PeerWell understood them in 2026. Boards change their rules: every preset is an ordinary
type the organization can edit, and the form says to check the board's current handbook."""

from __future__ import annotations

PRESETS = [
    {
        "key": "icrc-peer-recovery",
        "name": "IC&RC Peer Recovery (PR)",
        "issuing_body": "IC&RC member board in your state",
        "validity_months": 24,
        "ce_hours_required": "20",
        "minimums": {"ethics": "6"},
        "supervised_hours_required": "0",
        "renewal_window_days": 90,
        "required_for": ["specialist"],
    },
    {
        "key": "state-cps",
        # States differ: the cycle's CE hours are left for the organization to fill in.
        "name": "Certified Peer Specialist (state)",
        "issuing_body": "State certification board",
        "validity_months": 24,
        "ce_hours_required": "0",
        "minimums": {},
        "supervised_hours_required": "0",
        "renewal_window_days": 90,
        "provisional_months": 6,
        "provisional_supervised_hours": "250",
        "required_for": [],
    },
    {
        "key": "cpr-first-aid",
        # Red Cross and AHA certificates are valid for two years.
        "name": "CPR and first aid",
        "issuing_body": "An accredited training provider",
        "validity_months": 24,
        "ce_hours_required": "0",
        "minimums": {},
        "supervised_hours_required": "0",
        "renewal_window_days": 60,
        "required_for": [],
    },
    {
        "key": "mandated-reporter",
        # How often it must be retaken depends on the state: set it if yours has a rule.
        "name": "Mandated reporter training",
        "issuing_body": "State child-welfare agency",
        "validity_months": None,
        "ce_hours_required": "0",
        "minimums": {},
        "supervised_hours_required": "0",
        "renewal_window_days": None,
        "required_for": [],
    },
]
