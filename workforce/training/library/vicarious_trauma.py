"""Starter module: understanding vicarious trauma and secondary traumatic stress."""

MODULE = {
    "key": "vicarious-trauma",
    "title": "Understanding vicarious trauma and secondary traumatic stress",
    "summary": (
        "What can happen to us when we spend our days alongside other people's pain, how to "
        "notice it early, and what helps — for you, your team and the organization."
    ),
    "category": "vicarious_trauma",
    "format": "in_app",
    "estimated_minutes": 45,
    "ce_hours": "1.00",
    "ce_category": "trauma",
    "renewal_months": 12,
    "pass_mark": 75,
    "required_for": ["specialist", "supervisor"],
    "reflection_prompt": (
        "Think of a week when the work stayed with you after you went home. What did you "
        "notice in yourself, and what (even something small) helped? Nobody else will see "
        "what you write here."
    ),
    "sections": [
        {
            "title": "Why this matters in peer work",
            "note": "",
            "body": """
You were hired because of who you are and what you have lived through. That lived
experience is what makes peer support work: people can tell when someone really
understands.

The same closeness has a cost. Day after day you listen to stories of harm, control and
loss, and some of them may sound a lot like parts of your own. Being affected by that is
not a weakness and it is not a sign you are in the wrong job. It is what happens to caring
people who do this work — in every helping profession, and perhaps a little more in
roles like yours.

This module gives you words for what can happen, ways to notice it early, and ideas for
what helps. Take it at your own pace. You can stop at any point and come back: PeerWell
remembers where you were.
""",
        },
        {
            "title": "What the words mean",
            "note": "This section names common reactions to other people's trauma.",
            "body": """
People use several terms, and they overlap. None of them is a diagnosis.

**Secondary traumatic stress** is a stress reaction to hearing about or witnessing
someone else's trauma. It can come on quickly — sometimes after a single conversation —
and can look like your own trauma reactions: being on edge, trouble sleeping, images you
can't put down.

**Vicarious trauma** is slower. Over months of this work, it can shift how you see the
world and yourself: whether people can be trusted, whether anywhere is safe, whether what
you do makes any difference.

**Burnout** is exhaustion that comes mostly from the conditions of work — too many people
to support, too little time, unclear expectations, not enough say. It can happen in any
job.

**Compassion satisfaction** is the other side: the meaning and energy that come from
helping someone well. It is real, it protects you, and it is worth noticing on purpose.

You can feel more than one of these at once. Naming what is going on is the first step to
doing something about it.
""",
        },
        {
            "title": "How it can show up",
            "note": (
                "This section describes reactions that may feel familiar, including "
                "memories that come back without warning."
            ),
            "body": """
Everyone is different, but these are common. You don't need to tick many of them for it to
be worth paying attention.

- **Body:** tiredness that sleep doesn't fix, headaches, tension, getting ill more often,
  changes in appetite.
- **Feelings:** feeling numb or flat, irritable, tearful, or anxious before work; feeling
  guilty when you rest.
- **Thoughts:** a story from work playing over and over; expecting the worst of people;
  thinking "nothing I do matters" — or "only I can help".
- **Relationships:** pulling away from friends and family, or finding it hard to talk
  about anything but work.
- **At work:** dreading certain conversations, avoiding paperwork or calls, working longer
  and longer hours, finding it hard to keep boundaries.
- **Your own recovery:** old cravings, old coping habits or old memories getting louder.

If you notice some of these, that is useful information, not a failing. Your self-care plan
in PeerWell has a place for your own early signs, so you can spot them sooner next time.
""",
        },
        {
            "title": "When someone's story sounds like yours",
            "note": (
                "This section talks about being reminded of your own experience of "
                "exploitation during the work."
            ),
            "body": """
Sometimes a person you support says something — a place, a phrase, a way someone treated
them — that takes you straight back to your own past. Your body may react before your
mind catches up.

Some things that help in the moment:

1. **Notice it.** Saying to yourself "this is a reaction to my own history" already puts a
   little space between you and it.
2. **Ground yourself.** Feel your feet on the floor, slow your breathing, look around and
   name a few things you can see.
3. **It's all right to pause.** You can say "Let me take a moment" or end a conversation
   kindly and come back to it, or ask a colleague to step in.

And afterwards:

- **Bring it to supervision.** You decide how much of your own story to share; you never
  have to share more than you want to. What matters is that you are not carrying it alone.
- **Check your plan.** Look at what helps you, and at the people you can reach.
- **Be gentle with yourself.** Being moved by someone's story is part of why you are good
  at this. It doesn't mean you are going backwards.
""",
        },
        {
            "title": "What helps — for you, your team and the organization",
            "note": "",
            "body": """
Preventing vicarious trauma is not only your job. It is shared.

**For you**

- Small, regular things beat big occasional ones: a real lunch break, a walk between
  visits, a ritual that marks the end of the workday.
- Keep up the parts of life that have nothing to do with work.
- Use your self-care plan, and look at it again when things change.
- Notice moments of compassion satisfaction — write one down at the end of a good day.

**With your team**

- Regular, supportive supervision (there is a module about it in this library).
- Colleagues who check in with each other, without judgment.
- Talking about the hard parts of the work as normal, not as a confession.

**From the organization**

- Reasonable caseloads and time to do the work well.
- Training, supervision and time off that people can actually use.
- Leaders who say out loud that being affected is normal — and act like it.

If you ever feel you are not safe, or you are thinking about harming yourself, please
reach out right away: your plan's crisis section lists people and lines you chose.
""",
        },
    ],
    "questions": [
        {
            "text": "Which of these best describes vicarious trauma?",
            "choices": [
                ("A sign that someone is not suited to peer support work", False),
                (
                    "A gradual change in how a helper sees themselves and the world, from "
                    "spending time with other people's trauma",
                    True,
                ),
                ("Another name for being tired after a busy week", False),
                ("Something that only happens to people who are new to the job", False),
            ],
            "explanation": (
                "Vicarious trauma builds up over time and shifts beliefs about safety, trust "
                "and meaning. It happens to caring, experienced people too."
            ),
        },
        {
            "text": (
                "During a conversation, something a person says brings back vivid memories "
                "of your own past. What is a helpful first step?"
            ),
            "choices": [
                ("Push it down and carry on as if nothing happened", False),
                (
                    "Notice the reaction, ground yourself, and bring it to supervision or a "
                    "trusted colleague later",
                    True,
                ),
                ("Decide you should stop doing this work", False),
                ("Tell the person your whole story so they know you understand", False),
            ],
            "explanation": (
                "Noticing and grounding put space between you and the reaction; supervision "
                "means you don't carry it alone, and you choose how much to share."
            ),
        },
        {
            "text": "Who shares responsibility for preventing vicarious trauma?",
            "choices": [
                ("Only the person doing the work", False),
                ("Only their supervisor", False),
                ("The person, their team and the organization together", True),
                ("Nobody: it cannot be prevented", False),
            ],
            "explanation": (
                "Individual habits matter, and so do supervision, team culture, caseloads and "
                "the organization's policies."
            ),
        },
        {
            "text": "What is compassion satisfaction?",
            "choices": [
                ("Feeling satisfied when you have stopped caring about work", False),
                ("The meaning and energy that come from helping someone well", True),
                ("A score your manager gives you", False),
                ("Agreeing with everything a person says", False),
            ],
            "explanation": (
                "Compassion satisfaction is the rewarding side of the work, and noticing it "
                "on purpose helps protect against burnout and vicarious trauma."
            ),
        },
    ],
}
