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


# The same module in Spanish (see workforce.training.library).
SPANISH = {
    "title": "Límites en el trabajo de apoyo entre pares",
    "summary": (
        "Cómo mantener las relaciones entre pares seguras y útiles para ambas personas: "
        "compartir tu historia con un propósito, las comunidades pequeñas, decir que no con "
        "amabilidad y qué hacer cuando se cruza un límite."
    ),
    "reflection_prompt": (
        "¿Qué límite te cuesta más sostener en el trabajo, y qué te lo haría un poco más "
        "fácil? Solo tú puedes leer esto."
    ),
    "sections": [
        {
            "title": "Qué es un límite (y qué no es)",
            "note": "",
            "body": """
Un límite es una línea que mantiene una relación segura y útil para ambas personas. En el
apoyo entre pares, los límites protegen a la persona que acompañas, y también te protegen a
ti, a tu recuperación y a tu capacidad de seguir haciendo este trabajo.

Los límites **no** son muros. El apoyo entre pares es más cálido y más de igual a igual que
muchas otras relaciones de ayuda, y esa es su fortaleza. Un buen límite te permite mostrarte
tal como eres y tener cercanía, sin perder de vista para qué existe la relación: las metas de
la otra persona.

Muchas personas aprendimos sobre los límites por las malas, de gente que ignoraba los
nuestros. Es comprensible que al principio te resulte incómodo sostenerlos, o que decir que
no despierte viejos miedos. Con práctica y apoyo, se vuelve más fácil.
""",
        },
        {
            "title": "Compartir tu historia con un propósito",
            "note": (
                "Esta sección menciona, en términos generales, el hecho de compartir "
                "experiencias de explotación y de recuperación."
            ),
            "body": """
Tu experiencia vivida es una herramienta y, como cualquier herramienta, funciona mejor
cuando la usas con intención. Antes de compartir algo de tu propia vida, puede ayudarte
preguntarte:

- **¿A la necesidad de quién responde esto?** ¿A la suya (esperanza, conexión, una idea que
  funcionó) o a la mía (que me entiendan, desahogarme)?
- **¿Es la medida justa?** Por lo general, basta con un fragmento breve. Los detalles del
  daño rara vez hacen falta y pueden abrumar a las dos personas.
- **¿Puedo devolverle el foco?** Termina devolviendo la atención a la otra persona: "Eso fue
  lo que me ayudó a mí. ¿Qué crees que podría ayudarte a ti?"

Siempre eres tú quien elige qué compartir. Nunca le debes tu historia a nadie: ni a las
personas que acompañas, ni a tus colegas, ni a la organización donde trabajas. "Pasé por
algo parecido, y en el trabajo no entro en detalles" es una respuesta completa.
""",
        },
        {
            "title": "Comunidades pequeñas y relaciones duales",
            "note": "",
            "body": """
Con frecuencia, quienes trabajan como especialistas de apoyo entre pares viven en las mismas
comunidades que las personas a las que acompañan. Puede que te encuentres con alguien en una
reunión, en una tienda o en un grupo de apoyo. Estas son algunas situaciones que conviene
pensar con anticipación, junto con tu supervisor o supervisora:

- **Encuentros fuera del trabajo.** Acuerda con la persona cómo lo van a manejar ("Si te
  veo por ahí, te dejo decidir si quieres saludarme").
- **Redes sociales.** La mayoría de las organizaciones piden a su personal que no se conecte
  desde sus cuentas personales con las personas que acompaña. Revisa la política de tu
  organización.
- **Dinero, regalos, favores y llevar a alguien en tu vehículo.** Los pequeños gestos de
  amabilidad pueden convertirse, casi sin notarlo, en obligaciones. Si tienes dudas,
  pregunta antes, no después.
- **Las relaciones románticas o sexuales** con las personas que acompañas nunca son
  aceptables, y eso sigue siendo así después de que termina el acompañamiento, durante el
  periodo que establezca la política de tu organización.
- **Espacios de recuperación compartidos.** Si ambas personas asisten al mismo grupo, habla
  con tu supervisor o supervisora sobre cómo proteger la recuperación de las dos.
""",
        },
        {
            "title": "Decir que no con amabilidad",
            "note": "",
            "body": """
Un "no" claro puede ser una de las cosas más respetuosas que ofreces: le muestra a la
persona cómo es una relación segura. Algunas formas de decirlo:

- "Eso no lo puedo hacer, pero esto sí puedo hacerlo."
- "No puedo prestar dinero. Veamos hoy quién puede ayudarte con eso."
- "No respondo mensajes de trabajo después de las seis, así que te contesto mañana por la
  mañana. Si es una emergencia, aquí tienes a quién llamar."
- "Me gustaría pensarlo y consultarlo con mi supervisor o supervisora antes de responderte."

Fíjate en cómo te sientes después. La culpa es común y suele pasar. Si no pasa, es un buen
tema para llevar a tu sesión de supervisión.
""",
        },
        {
            "title": "Cuando se cruza un límite",
            "note": "",
            "body": """
Todas las personas que hacen este trabajo cruzan un límite alguna vez: se quedan hasta muy
tarde, comparten demasiado, dicen que sí cuando querían decir que no. Lo importante es lo
que pasa después.

1. **Haz una pausa y observa** lo que pasó, sin castigarte.
2. **Habla con tu supervisor o supervisora.** No como una confesión, sino para pensarlo en
   conjunto y planear qué hacer. La supervisión existe justamente para esto.
3. **Repara si hace falta.** A menudo basta con una conversación breve y honesta con la
   persona: "Te dije que te llamaría esta noche, y me doy cuenta de que no es algo que
   pueda seguir haciendo."
4. **Aprende de lo que pasó.** ¿Hay algún patrón? ¿Tu carga de casos o tu horario te lo
   están poniendo más difícil? Agrega lo que aprendas a la sección "Mis límites en el
   trabajo" de tu plan de autocuidado.

Si el cruce de límites de otra persona pone a alguien en riesgo, sigue la política de
reporte de tu organización y, si tienes dudas, consúltalo con tu supervisor o supervisora.
""",
        },
    ],
    "questions": [
        {
            "text": "¿Cuál es el propósito principal de los límites en el apoyo entre pares?",
            "choices": [
                "Mantener distancia para no acercarte nunca a nadie",
                "Mantener la relación segura y útil para ambas personas",
                "Hacer que el trabajo sea más formal",
                "Proteger a la organización de las quejas",
            ],
            "explanation": (
                "Los límites te permiten mostrarte tal como eres y tener cercanía sin perder "
                "de vista las metas de la otra persona, y además te protegen a ti."
            ),
        },
        {
            "text": "Antes de compartir parte de tu propia historia, ¿qué pregunta ayuda más?",
            "choices": [
                "¿Esto hará que le caiga mejor?",
                "¿A la necesidad de quién responde compartir esto?",
                "¿Se lo conté antes a mi jefe o jefa?",
                "¿Es la parte más dramática?",
            ],
            "explanation": (
                "Compartir funciona mejor cuando está al servicio de la otra persona: de "
                "forma breve y devolviéndole el foco."
            ),
        },
        {
            "text": (
                "Una persona a la que acompañas te pide prestada una pequeña cantidad de "
                "dinero hasta el día de pago. ¿Qué respuesta respeta unos buenos límites?"
            ),
            "choices": [
                "Prestárselo, ya que es poco dinero",
                "Decirle que no con amabilidad y ayudarle a encontrar otra fuente de apoyo",
                "Ignorar la petición",
                "Prestárselo, pero pedirle que no se lo cuente a nadie",
            ],
            "explanation": (
                'Un "no" amable y claro, acompañado de ayuda práctica, mantiene la relación segura.'
            ),
        },
        {
            "text": (
                "Te das cuenta de que la semana pasada cruzaste un límite. ¿Cuál es un "
                "siguiente paso útil?"
            ),
            "choices": [
                "Ocultarlo para que nadie se entere",
                "Concluir que este trabajo no es para ti",
                "Hablarlo con tu supervisor o supervisora y reparar si hace falta",
                "Esperar a ver si vuelve a pasar",
            ],
            "explanation": (
                "Todas las personas cruzan límites alguna vez. La sesión de supervisión es el "
                "espacio para pensarlo con calma y planear cómo reparar."
            ),
        },
    ],
}
