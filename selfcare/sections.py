"""The self-care plan's sections: their keys, titles, and the prompts written for PeerWell.

A plan version's content is one JSON document (encrypted at rest) with a key per section. Text
sections hold a string; "people" and "crisis_lines" hold lists of small records. Org admins may
replace any prompt with their own words (PlanPrompt); these are the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 4000  # characters per text section
LIST_LIMIT = 20  # people or crisis lines
FIELD_LIMIT = 200  # characters per field of a person or a crisis line


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    prompt: object
    kind: str = "text"  # text | people | lines
    shareable: bool = True  # False: never shown to anyone the plan is shared with
    card: bool = False  # on the pocket emergency card


SECTIONS = [
    Section(
        "crisis_steps",
        _("My crisis plan"),
        _(
            "If things get really hard, what are the first small steps you'd like to take? "
            "Write them the way you'd want to read them on a bad day: short and kind. "
            "For example: “Step outside and breathe slowly for two minutes. Text my sponsor. "
            "Go somewhere I feel safe.”"
        ),
        card=True,
    ),
    Section(
        "crisis_lines",
        _("Crisis lines I can call"),
        _(
            "Numbers you can call or text at any hour. Your organization may have listed some "
            "you can add with one click."
        ),
        kind="lines",
        card=True,
    ),
    Section(
        "warning_signs",
        _("What I notice when I'm getting depleted"),
        _(
            "The early signs that you're running low — in your body, your sleep, your mood, or "
            "how you are with people. For example: “I stop answering friends”, “I can't switch "
            "off after a hard call”, “my shoulders are tight all day.”"
        ),
        card=True,
    ),
    Section(
        "helps_body",
        _("What helps: body"),
        _("Things that settle your body: movement, rest, food, being outdoors, a shower, music."),
        card=True,
    ),
    Section(
        "helps_mind",
        _("What helps: mind and emotions"),
        _(
            "What gives your mind a break or helps feelings move through: writing, prayer, "
            "a meeting, a favorite show, time alone, crying it out."
        ),
        card=True,
    ),
    Section(
        "helps_relationships",
        _("What helps: relationships"),
        _("The people, groups or animals that make you feel more like yourself."),
    ),
    Section(
        "helps_work",
        _("What helps: work and boundaries"),
        _(
            "At work, what keeps you steady? Breaks between hard conversations, debriefing, "
            "closing your laptop on time, saying “let me get back to you.”"
        ),
    ),
    Section(
        "helps_meaning",
        _("What helps: meaning and spirit"),
        _(
            "Faith, nature, creativity, community, recovery — whatever reconnects you with why "
            "you do this."
        ),
    ),
    Section(
        "boundaries",
        _("My boundaries at work"),
        _(
            "The limits that protect you: hours you're reachable, topics you don't share about "
            "your own story, what you hand over to a colleague."
        ),
    ),
    Section(
        "people",
        _("People I can reach, and how"),
        _("Who you can turn to, how to reach them, and when is a good time."),
        kind="people",
        card=True,
    ),
    Section(
        "meaning",
        _("What gives me meaning and hope in this work"),
        _("Moments, people or reasons that remind you this work matters — and that you matter."),
    ),
    Section(
        "goals",
        _("One or two small goals for this week"),
        _("Small and doable counts. “Eat lunch away from my desk twice” is a great goal."),
    ),
    Section(
        "avoid_contacts",
        _("People I'd rather not contact when I'm struggling"),
        _("Only you ever see this section, even if you share your plan."),
        shareable=False,
    ),
    Section(
        "supervision_wants",
        _("What I want from supervision"),
        _(
            "What would make supervision most useful to you right now? Topics, pace, or how "
            "you'd like feedback."
        ),
    ),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
PERSON_FIELDS = ("name", "relationship", "contact", "when")
LINE_FIELDS = ("name", "number", "hours")


def empty_content() -> dict[str, object]:
    return {s.key: ([] if s.kind != "text" else "") for s in SECTIONS}
