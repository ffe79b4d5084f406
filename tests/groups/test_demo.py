"""The demo's groups: across the models, with agreements, liaisons and logged meetings."""

from __future__ import annotations

import time_machine
from django.core.management import call_command

from groups.models import AgreementVersion, Facilitator, Liaison, LiaisonNote, Meeting, SupportGroup
from groups.selectors import my_groups
from workforce.models import StaffProfile


@time_machine.travel("2027-03-10T16:00:00Z", tick=False)
def test_the_demo_has_groups_worth_looking_at_and_loads_twice(db) -> None:
    call_command("seed_demo")
    groups = SupportGroup.objects.all()
    assert groups.count() == 6
    assert len({g.model.key for g in groups}) == 6
    assert {g.status for g in groups} == {"meeting", "forming", "paused"}
    assert Facilitator.objects.filter(lead=True).count() == 6
    for liaison in Liaison.objects.all():  # never a facilitator of the same group
        assert not Facilitator.objects.filter(group=liaison.group, person=liaison.person).exists()
    assert Meeting.objects.filter(logged_at__isnull=False).count() >= 12
    assert AgreementVersion.objects.filter(number=2).count() == 1
    assert LiaisonNote.objects.count() == 1
    assert SupportGroup.objects.filter(in_finder=True).count() == 5
    assert SupportGroup.objects.filter(in_finder=True, show_address=True).count() == 1
    assert SupportGroup.objects.filter(in_finder=True, show_online_details=True).count() == 1
    jo = StaffProfile.objects.get(user__email="specialist@riverside.example")
    assert len(my_groups(jo.user).to_log) == 1
    counts = (SupportGroup.objects.count(), Meeting.objects.count(), LiaisonNote.objects.count())
    call_command("seed_demo")
    assert (
        SupportGroup.objects.count(),
        Meeting.objects.count(),
        LiaisonNote.objects.count(),
    ) == counts
