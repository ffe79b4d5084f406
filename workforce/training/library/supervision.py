"""Starter module: what supportive supervision is and how to use it."""

MODULE = {
    "key": "supportive-supervision",
    "title": "What supportive supervision is and how to use it",
    "summary": (
        "What supervision in peer work is for, how to prepare for it and get what you need "
        "from it, and what to do when it isn't working — for specialists and supervisors."
    ),
    "category": "trauma_informed",
    "format": "in_app",
    "estimated_minutes": 30,
    "ce_hours": "0.50",
    "ce_category": "general",
    "renewal_months": None,
    "pass_mark": 75,
    "required_for": ["specialist", "supervisor"],
    "reflection_prompt": (
        "What would you most like from your next supervision session? Only you can read "
        "this; you can decide later whether to bring it up."
    ),
    "sections": [
        {
            "title": "What supervision is for",
            "note": "",
            "body": """
Supervision is regular, protected time with an experienced person to think about your
work. In peer support it has three jobs, all at once:

- **Support:** a place to put down what you have been carrying, so it doesn't come home
  with you.
- **Learning:** building your skills, talking through tricky situations, planning your
  growth and your certification.
- **Quality and safety:** making sure the people you support get good, ethical help, and
  that you are safe doing it.

Supportive supervision is not surveillance and it is not a performance review. It is one
of the best protections against vicarious trauma and burnout that exists, and it works best
when it happens regularly — not only when something has gone wrong.
""",
        },
        {
            "title": "Getting ready for a session",
            "note": "",
            "body": """
A few minutes of preparation makes the hour more useful. You might jot down:

- one situation that went well, and why;
- one that is still on your mind;
- a question, a decision or a skill you want help with;
- how you are doing, on a scale you choose;
- anything about your certification or training you want to plan.

Your self-care plan has a section called "What I want from supervision". You can share
your plan with your supervisor if you'd like them to see it, and stop sharing at any time.
It is always your choice.
""",
        },
        {
            "title": "Talking about the hard parts",
            "note": (
                "This section mentions bringing reactions connected to your own trauma "
                "into supervision."
            ),
            "body": """
Sometimes the most useful thing to bring is the thing that is hardest to say: a reaction
that surprised you, a mistake, a boundary you crossed, a story that brought back your own
past.

You are in charge of your own story. You can say "this touched something personal for
me" without giving details. A good supervisor will focus on what you need now, not on your
history.

Feedback goes both ways. It's fair to tell your supervisor what helps you and what
doesn't: "It helps when we start with how I'm doing" or "I'd like more time on planning".
""",
        },
        {
            "title": "When supervision isn't working",
            "note": "",
            "body": """
Sometimes sessions get cancelled again and again, or they turn into checklists, or you
don't feel safe to be honest. That is worth addressing, and it is not your fault.

- Start by naming it with your supervisor if you can: "Our sessions keep getting moved —
  can we find a time we can protect?"
- Agree how often you meet and for how long, and write it down. PeerWell shows the expected
  cadence for each supervision relationship.
- If it still isn't working, or the issue is with your supervisor, talk to your program
  manager or HR. Asking for supervision that works is a reasonable request.

**For supervisors:** begin sessions by checking how the person is, keep the time
protected, follow up on what you agreed, and model the boundaries and self-care you hope
to see. Your own supervision matters too.
""",
        },
    ],
    "questions": [
        {
            "text": "Which of these is NOT one of the purposes of supportive supervision?",
            "choices": [
                ("Support with what you are carrying from the work", False),
                ("Learning and building skills", False),
                ("Keeping the work safe and ethical", False),
                ("Monitoring your private life", True),
            ],
            "explanation": (
                "Supervision is about support, learning and safe practice — not surveillance."
            ),
        },
        {
            "text": "When is the best time to have supervision?",
            "choices": [
                ("Only after something has gone wrong", False),
                ("Regularly, at an agreed cadence", True),
                ("Once a year at review time", False),
                ("Only when the supervisor asks", False),
            ],
            "explanation": (
                "Regular sessions protect against vicarious trauma and burnout before problems "
                "build up."
            ),
        },
        {
            "text": (
                "A story at work brought up something from your own past. How much do you "
                "need to share in supervision?"
            ),
            "choices": [
                ("Everything, in detail", False),
                ("Only as much as you choose", True),
                ("Nothing: it should never be mentioned", False),
                ("Whatever your supervisor asks for", False),
            ],
            "explanation": (
                "You are in charge of your story. Saying that something touched something "
                "personal is enough for your supervisor to support you."
            ),
        },
    ],
}
