"""Starter module: boundaries in peer support work."""

MODULE = {
    "key": "boundaries",
    "title": "Boundaries in peer support work",
    "summary": (
        "How to keep peer relationships safe and useful for both people: sharing your story "
        "with purpose, small communities, saying no kindly, and what to do when a line gets "
        "crossed."
    ),
    "category": "boundaries_ethics",
    "format": "in_app",
    "estimated_minutes": 40,
    "ce_hours": "1.00",
    "ce_category": "ethics",
    "renewal_months": 24,
    "pass_mark": 75,
    "required_for": ["specialist"],
    "reflection_prompt": (
        "Which boundary is hardest for you to hold at work, and what would make it a little "
        "easier? Only you can read this."
    ),
    "sections": [
        {
            "title": "What a boundary is (and isn't)",
            "note": "",
            "body": """
A boundary is a line that keeps a relationship safe and useful for both people. In peer
support, boundaries protect the person you support — and they protect you, your recovery
and your ability to keep doing this work.

Boundaries are **not** walls. Peer support is warmer and more equal than many helping
relationships, and that is its strength. A good boundary lets you be genuine and close
while staying clear about what the relationship is for: the other person's goals.

Many of us learned about boundaries the hard way, from people who ignored ours. It makes
sense if holding them feels uncomfortable at first, or if saying no brings up old fears.
That gets easier with practice and support.
""",
        },
        {
            "title": "Sharing your story with purpose",
            "note": (
                "This section mentions, in general terms, sharing experiences of "
                "exploitation and recovery."
            ),
            "body": """
Your lived experience is a tool, and like any tool it works best when used on purpose.
Before sharing something about your own life, it can help to ask:

- **Whose need does this meet?** Theirs (hope, connection, an idea that worked) — or mine
  (to be understood, to vent)?
- **Is this the right amount?** Usually a short piece is enough. Details of harm are rarely
  needed and can overwhelm both of you.
- **Can I bring it back to them?** End by returning the focus: "That's what helped me —
  what do you think might help you?"

You always choose what to share. You never owe anyone your story — not the people you
support, not your colleagues, not your employer. "I've been somewhere like that, and I
don't go into the details at work" is a complete answer.
""",
        },
        {
            "title": "Small communities and dual relationships",
            "note": "",
            "body": """
Peer specialists often live in the same communities as the people they support. You may
run into someone at a meeting, the shops or a support group. Some situations to think
through ahead of time, with your supervisor:

- **Meeting outside work.** Agree with the person how you'll handle it ("If I see you
  around, I'll let you decide whether to say hello").
- **Social media.** Most organizations ask staff not to connect with the people they
  support on personal accounts. Check your organization's policy.
- **Money, gifts, favours and rides.** Small kindnesses can blur into obligations. When in
  doubt, ask before, not after.
- **Romantic or sexual relationships** with people you support are never acceptable, and
  that remains true after the work ends for a period your organization's policy sets.
- **Shared recovery spaces.** If you both attend the same group, talk with your supervisor
  about how to protect both of your recoveries.
""",
        },
        {
            "title": "Saying no kindly",
            "note": "",
            "body": """
A clear no can be one of the most respectful things you offer: it shows the person what a
safe relationship looks like. Some ways to say it:

- "I can't do that, and here's what I can do."
- "I'm not able to lend money. Let's look at who can help with that today."
- "I don't answer work messages after six, so I'll get back to you tomorrow morning. If it's
  an emergency, here's who to call."
- "I'd like to think about that and check with my supervisor before I answer."

Notice how you feel afterwards. Guilt is common and usually fades. If it doesn't, that's a
good thing to bring to supervision.
""",
        },
        {
            "title": "When a line gets crossed",
            "note": "",
            "body": """
Everyone who does this work crosses a line sometimes — stays too late, shares too much,
says yes when they meant no. What matters is what happens next.

1. **Pause and notice** what happened, without beating yourself up.
2. **Talk to your supervisor.** Not as a confession, but so you can think it through
   together and plan what to do. Supervision is there for exactly this.
3. **Repair if needed.** Often a short, honest conversation with the person is enough: "I
   said I'd call you tonight, and I realise that isn't something I can keep doing."
4. **Learn from it.** Is there a pattern? Is your caseload or schedule making it harder? Add
   what you learn to your self-care plan's "my boundaries at work".

If someone else's boundary crossing puts a person at risk, follow your organization's
reporting policy, and ask your supervisor if you are unsure.
""",
        },
    ],
    "questions": [
        {
            "text": "What is the main purpose of boundaries in peer support?",
            "choices": [
                ("To keep distance so you never get close to anyone", False),
                ("To keep the relationship safe and useful for both people", True),
                ("To make the work more formal", False),
                ("To protect the organization from complaints", False),
            ],
            "explanation": (
                "Boundaries let you be genuine and close while keeping the focus on the "
                "other person's goals, and they protect you too."
            ),
        },
        {
            "text": "Before sharing part of your own story, which question helps most?",
            "choices": [
                ("Will this make them like me more?", False),
                ("Whose need does sharing this meet?", True),
                ("Have I shared this with my manager first?", False),
                ("Is this the most dramatic part?", False),
            ],
            "explanation": (
                "Sharing works best when it serves the other person — briefly, and turning "
                "the focus back to them."
            ),
        },
        {
            "text": (
                "Someone you support asks to borrow a small amount of money until payday. "
                "What fits good boundaries?"
            ),
            "choices": [
                ("Lend it, since it's a small amount", False),
                ("Say no kindly and help them find another source of support", True),
                ("Ignore the request", False),
                ("Lend it but ask them not to tell anyone", False),
            ],
            "explanation": (
                "A kind, clear no paired with practical help keeps the relationship safe."
            ),
        },
        {
            "text": "You realise you crossed a boundary last week. What's a helpful next step?",
            "choices": [
                ("Hide it so nobody finds out", False),
                ("Decide you're not cut out for this work", False),
                ("Talk it through with your supervisor and repair if needed", True),
                ("Wait and see if it happens again", False),
            ],
            "explanation": (
                "Everyone crosses lines sometimes. Supervision is the place to think it "
                "through and plan a repair."
            ),
        },
    ],
}
