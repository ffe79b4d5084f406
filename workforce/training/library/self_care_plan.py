"""Starter module: building your self-care plan."""

MODULE = {
    "key": "self-care-plan",
    "title": "Building your self-care plan",
    "summary": (
        "A practical walk through PeerWell's self-care plan: noticing your early signs, "
        "what helps, your people, and a crisis plan — written for you and kept by you."
    ),
    "category": "vicarious_trauma",
    "format": "in_app",
    "estimated_minutes": 30,
    "ce_hours": "0.50",
    "ce_category": "general",
    "renewal_months": None,
    "pass_mark": None,
    "required_for": [],
    "reflection_prompt": (
        "Write down one thing you will add to your plan this week, and when you'll do it. "
        "This stays private to you."
    ),
    "sections": [
        {
            "title": "Why a plan, and not just good intentions",
            "note": "",
            "body": """
When we are rested, we know what helps us. When we are worn down, that knowledge is often
the first thing to go. A self-care plan is a note from your steadier self to your
struggling self: what to watch for, what helps, and who to reach.

In PeerWell your plan belongs to you. Your manager, HR and the organization cannot see it.
You can share it with your supervisor or a colleague if you want to, and stop sharing at
any time. Every save keeps a version you can look back at.

There is no right way to fill it in. Every section is optional. A few honest lines are
worth more than a perfect document you never open.
""",
        },
        {
            "title": "Noticing your early signs",
            "note": "",
            "body": """
Depletion rarely arrives all at once. It usually starts with small changes that are easy to
explain away. Some people notice:

- sleeping more, or less, or waking at the same hour every night;
- skipping meals, or eating in a way that doesn't feel good;
- snapping at people they love;
- putting off calls, emails or paperwork;
- feeling flat on days off;
- old habits or cravings getting louder.

Think about the last time you were running on empty. What did you notice first? What did
other people notice? Write those in "What I notice when I'm getting depleted". The more
specific, the more useful: "I stop answering my sister's texts" says more than "I withdraw".
""",
        },
        {
            "title": "What helps, across your whole life",
            "note": "",
            "body": """
The plan asks about what helps in a few areas, because one kind of care rarely covers
everything:

- **Body:** sleep, movement, food, rest, medical care.
- **Mind and emotions:** things that settle or lift you — music, writing, time outside,
  prayer, therapy, a funny show.
- **Relationships:** people who make you feel like yourself.
- **Work and boundaries:** breaks, saying no, handing something over, leaving on time.
- **Meaning and spirit:** what reminds you why you do this work, or why life matters to you.

Include small things that take five minutes, not only big ones. On a hard day, "step
outside and feel the air for two minutes" is more likely to happen than "go on a retreat".
""",
        },
        {
            "title": "Your people, and who you'd rather not call",
            "note": "",
            "body": """
List a few people you can reach, how, and when: a friend who is good at listening, a
sponsor or mentor, a family member, a colleague, a counsellor. Noting *when* they are
around saves you from calling the wrong person at the wrong time.

There is also a private section for people you'd rather not contact when you're
struggling. That can be someone who pulls you back towards old patterns, or someone who
means well but makes things harder. Writing it down is a kindness to your future self.
""",
        },
        {
            "title": "A crisis plan, small goals, and coming back to it",
            "note": "This section mentions crisis and thoughts of self-harm.",
            "body": """
The crisis part of the plan is for the worst moments: steps you'll take, in order, and
lines you can call. Your organization may have listed local and national lines you can
add with one click. If you are ever thinking about harming yourself, please use it — and
know that reaching out is a strength.

The plan also has room for one or two small goals for this week. Keep them small enough
that you'd bet on doing them.

Finally, plans go stale. You can ask PeerWell for a gentle reminder to look at yours again
every month or few months. Reviewing it is a good moment to notice what has changed and
what has held up. You can also download your plan as a PDF, or a pocket-sized card with
your signs, what helps and who to call.

Ready to start? Open **My self-care plan** from the menu. It only takes a few minutes to
begin, and you can come back to it any time.
""",
        },
    ],
    "questions": [],
}
