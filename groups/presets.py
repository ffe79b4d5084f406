"""The group models and the starter agreement every organization begins with, written for
PeerWell in its own words. The facts are the models' public facts; the descriptions are ours.
Each organization gets its own editable copy (groups.services.group_models_ensure)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from groups.models import Approach, Focus, LedBy


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    summary: str
    approach: str
    structured: bool
    gender_specific: bool
    focus: str
    led_by: str
    facts: tuple[str, ...]
    meeting_plan: tuple[str, ...]


OPENING = _("Welcome everyone, and read the group agreement aloud.")
CLOSING = _("Close on time, and remind people how to reach the liaison.")

PRESETS = (
    Preset(
        key="twelve-step",
        name="12-step",
        summary=_(
            "Members share their own experience of recovery, in turn, with no cross-talk. "
            "The steps speak of a higher power, which each person understands in their own way."
        ),
        approach=Approach.SPIRITUAL,
        structured=False,
        gender_specific=False,
        focus=Focus.SUBSTANCE_USE,
        led_by=LedBy.PEERS,
        facts=(
            _("Twelve steps, worked at each person's own pace."),
            _("Spiritual, not tied to any religion."),
            _("Peer-led: no professional runs the meeting."),
            _("Sponsors: a member further along supports a newer member one to one."),
        ),
        meeting_plan=(
            OPENING,
            _("A short reading chosen by the group."),
            _("Open sharing, one person at a time; passing is always fine."),
            CLOSING,
        ),
    ),
    Preset(
        key="smart-recovery",
        name="SMART Recovery",
        summary=_(
            "A practical, secular program: members learn tools drawn from cognitive and "
            "behavioural therapy and try them on what is happening in their week."
        ),
        approach=Approach.SECULAR,
        structured=True,
        gender_specific=False,
        focus=Focus.SUBSTANCE_USE,
        led_by=LedBy.PEERS_OR_PROFESSIONALS,
        facts=(
            _(
                "The 4 Points: building motivation, coping with urges, managing thoughts, "
                "feelings and behaviours, and living a balanced life."
            ),
            _("Tools from cognitive behavioural therapy, practised in the meeting."),
            _("Secular and structured."),
            _("Facilitated by a trained peer or a professional."),
        ),
        meeting_plan=(
            OPENING,
            _("A round of check-ins: how the week went."),
            _("Work through one or two situations with a tool."),
            _("Each person names what they'll try this week."),
            CLOSING,
        ),
    ),
    Preset(
        key="women-for-sobriety",
        name="Women for Sobriety",
        summary=_(
            "A secular group for women, centred on self-worth, emotional growth and a new way "
            "of seeing oneself."
        ),
        approach=Approach.SECULAR,
        structured=True,
        gender_specific=True,
        focus=Focus.SUBSTANCE_USE,
        led_by=LedBy.PEERS,
        facts=(
            _("Built on the 13 Acceptance Statements and the 6 Levels of the New Life program."),
            _("For women, including trans women; ask the facilitator about anyone else."),
            _("Secular; members speak positively about themselves and each other."),
        ),
        meeting_plan=(
            OPENING,
            _("Read the Acceptance Statements together."),
            _("Each woman shares something positive from her week."),
            _("A topic for discussion, then a closing round."),
            CLOSING,
        ),
    ),
    Preset(
        key="lifering",
        name="LifeRing Secular Sobriety",
        summary=_(
            "Secular, and built on each person's own plan: members talk about their week and "
            "support one another's sober self."
        ),
        approach=Approach.SECULAR,
        structured=False,
        gender_specific=False,
        focus=Focus.SUBSTANCE_USE,
        led_by=LedBy.PEERS,
        facts=(
            _("The 3-S philosophy: sobriety, secularity and self-help."),
            _("A workbook helps each person build a recovery plan of their own."),
            _("Peer-led conversation, with no steps to follow."),
        ),
        meeting_plan=(
            OPENING,
            _("How was your week? Each person in turn."),
            _("Open conversation on what came up."),
            CLOSING,
        ),
    ),
    Preset(
        key="seeking-safety",
        name="Seeking Safety",
        summary=_(
            "For people living with both trauma and substance use: each meeting teaches one "
            "safe coping skill, and nobody is asked to tell the story of their trauma."
        ),
        approach=Approach.SECULAR,
        structured=True,
        gender_specific=False,
        focus=Focus.TRAUMA_AND_SUBSTANCE_USE,
        led_by=LedBy.PEERS_OR_PROFESSIONALS,
        facts=(
            _("One topic per meeting from a set list, each a safe coping skill."),
            _("Focused on safety in the present; no detailed trauma stories."),
            _("Facilitated by a trained peer or a professional."),
        ),
        meeting_plan=(
            OPENING,
            _("Check-in: how are you, and one safe coping skill you used."),
            _("A short quotation, then today's topic."),
            _("Relate the topic to your own life."),
            _("Check-out: one thing you'll take with you, and a commitment."),
            CLOSING,
        ),
    ),
    Preset(
        key="peer-designed",
        name=_("Designed by our peers"),
        summary=_(
            "A format the members shape together: what to talk about, how to share and how "
            "to close."
        ),
        approach=Approach.SECULAR,
        structured=False,
        gender_specific=False,
        focus=Focus.WELLBEING,
        led_by=LedBy.PEERS,
        facts=(
            _("The members decide the format and can change it together."),
            _("Peer-led."),
        ),
        meeting_plan=(OPENING, _("Open sharing or the topic the group chose."), CLOSING),
    ),
)

# The starter agreement: one item per theme a group agreement covers. Members edit it freely.
STARTER_AGREEMENT = (
    _(
        "We respect each other's boundaries and personal space. We ask before touching, "
        "and it is fine to say no."
    ),
    _(
        "We share what we want to share, when we are ready. We don't go into details of "
        "trauma that could upset others, and we can ask for a pause."
    ),
    _(
        "What is shared here stays private: we don't repeat who was here or what they said. "
        "Nobody can promise that everyone will keep this, so we share with care."
    ),
    _(
        "If this agreement is broken, the facilitator pauses the group. Anyone can speak to "
        "the facilitator or the liaison. We listen, and we work out together how to repair "
        "the harm."
    ),
    _(
        "We listen without interrupting. Listening without speaking is always welcome; "
        "nobody has to share."
    ),
    _(
        "A return to use never means being asked to leave. Everyone is welcome back, "
        "whatever happened since the last meeting."
    ),
)

# Words that describe a crime or a victim rather than the experience: a group's name or
# description that uses them gets a gentle suggestion (never a refusal).
LABEL_WORDS = (
    "trafficking",
    "trafficked",
    "victim",
    "victims",
    "prostitution",
    "prostitute",
    "prostituted",
    "exploited",
    "addict",
    "addicts",
    "junkie",
    "trata",
    "víctima",
    "víctimas",
    "prostitución",
)
SUGGESTED_NAME = _("Trauma and Substance Use Peer Support Group")


@cache
def _messages() -> dict[str, object]:
    """Every preset wording, by its text in the site's language (as organizations get it)."""
    texts = [OPENING, CLOSING]
    for preset in PRESETS:
        texts += [preset.name, preset.summary, *preset.facts, *preset.meeting_plan]
    with translation.override(settings.LANGUAGE_CODE):
        return {str(text): text for text in texts}


def in_reader_language(text: str) -> str:
    """A preset's wording the organization hasn't changed, in the reader's language; its own
    words (a model it added, a line it edited) exactly as written."""
    return str(_messages().get(text.strip(), text))
