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


# The same module in Spanish (see workforce.training.library).
SPANISH = {
    "title": "Qué es la supervisión de apoyo y cómo aprovecharla",
    "summary": (
        "Para qué sirve la supervisión en el trabajo entre pares, cómo prepararte para ella "
        "y obtener lo que necesitas, y qué hacer cuando no está funcionando. Para especialistas "
        "y para quienes supervisan."
    ),
    "reflection_prompt": (
        "¿Qué te gustaría más recibir de tu próxima sesión de supervisión? Solo tú puedes "
        "leer esto; más adelante puedes decidir si quieres mencionarlo o no."
    ),
    "sections": [
        {
            "title": "Para qué sirve la supervisión",
            "note": "",
            "body": """
La supervisión es un tiempo regular y protegido con una persona con experiencia para
reflexionar sobre tu trabajo. En el apoyo entre pares cumple tres funciones, todas a la vez:

- **Apoyo:** un lugar para dejar lo que has venido cargando, para que no te lo lleves
  a casa.
- **Aprendizaje:** desarrollar tus habilidades, conversar sobre situaciones difíciles,
  planear tu crecimiento y tu certificación.
- **Calidad y seguridad:** asegurar que las personas a quienes acompañas reciban una ayuda
  buena y ética, y que tú estés a salvo mientras la brindas.

La supervisión de apoyo no es vigilancia ni una evaluación de desempeño. Es una de las
mejores protecciones que existen contra el trauma vicario y el agotamiento, y funciona
mejor cuando ocurre con regularidad, no solo cuando algo ha salido mal.
""",
        },
        {
            "title": "Cómo prepararte para una sesión",
            "note": "",
            "body": """
Unos minutos de preparación hacen que la hora sea más útil. Podrías anotar:

- una situación que salió bien, y por qué;
- una que todavía te da vueltas en la cabeza;
- una pregunta, una decisión o una habilidad con la que quieras ayuda;
- cómo te sientes, en una escala que tú elijas;
- cualquier cosa sobre tu certificación o tu capacitación que quieras planear.

Tu plan de autocuidado tiene una sección llamada "Lo que quiero de la supervisión". Puedes
compartir tu plan con tu supervisor o supervisora si quieres que lo vea, y dejar de
compartirlo en cualquier momento. Siempre es tu decisión.
""",
        },
        {
            "title": "Hablar de lo difícil",
            "note": (
                "Esta sección menciona llevar a la supervisión reacciones relacionadas con "
                "tu propio trauma."
            ),
            "body": """
A veces lo más útil que puedes llevar es justo lo más difícil de decir: una reacción que
te sorprendió, un error, un límite que cruzaste, una historia que te hizo recordar tu
propio pasado.

Tu historia te pertenece y tú decides qué contar. Puedes decir "esto tocó algo personal
en mí" sin dar detalles. Una buena supervisión se enfoca en lo que necesitas ahora, no en
tu historia.

La retroalimentación va en ambas direcciones. Es válido decirle a quien te supervisa qué
te ayuda y qué no: "Me ayuda cuando empezamos hablando de cómo estoy" o "Me gustaría
dedicar más tiempo a planear".
""",
        },
        {
            "title": "Cuando la supervisión no está funcionando",
            "note": "",
            "body": """
A veces las sesiones se cancelan una y otra vez, o se convierten en listas de verificación,
o no sientes la seguridad para hablar con honestidad. Vale la pena atenderlo, y no es tu
culpa.

- Si puedes, empieza por mencionarlo con tu supervisor o supervisora: "Nuestras sesiones
  se siguen moviendo, ¿podemos encontrar un horario que podamos proteger?"
- Acuerden con qué frecuencia se reúnen y por cuánto tiempo, y déjenlo por escrito.
  PeerWell muestra la frecuencia esperada para cada relación de supervisión.
- Si aun así no funciona, o si la dificultad es con quien te supervisa, habla con la
  dirección de programas o con Recursos Humanos. Pedir una supervisión que funcione es
  una solicitud razonable.

**Para quienes supervisan:** empieza cada sesión preguntando cómo está la persona, protege
ese tiempo, da seguimiento a lo que acordaron y sé un ejemplo de los límites y el
autocuidado que esperas ver. Tu propia supervisión también importa.
""",
        },
    ],
    "questions": [
        {
            "text": (
                "¿Cuál de estas opciones NO es uno de los propósitos de la supervisión de apoyo?"
            ),
            "choices": [
                "Apoyo con lo que cargas a partir del trabajo",
                "Aprender y desarrollar habilidades",
                "Mantener el trabajo seguro y ético",
                "Vigilar tu vida privada",
            ],
            "explanation": (
                "La supervisión se trata de apoyo, aprendizaje y práctica segura, no de vigilancia."
            ),
        },
        {
            "text": "¿Cuál es el mejor momento para tener supervisión?",
            "choices": [
                "Solo después de que algo ha salido mal",
                "Con regularidad, con una frecuencia acordada",
                "Una vez al año, en la evaluación",
                "Solo cuando quien supervisa lo pide",
            ],
            "explanation": (
                "Las sesiones regulares protegen contra el trauma vicario y el agotamiento "
                "antes de que los problemas se acumulen."
            ),
        },
        {
            "text": (
                "Una historia en el trabajo removió algo de tu propio pasado. ¿Cuánto "
                "necesitas compartir en la supervisión?"
            ),
            "choices": [
                "Todo, con detalle",
                "Solo lo que tú decidas",
                "Nada: nunca debe mencionarse",
                "Lo que te pida tu supervisor o supervisora",
            ],
            "explanation": (
                "Tu historia te pertenece y tú decides qué contar. Decir que algo tocó algo "
                "personal en ti es suficiente para que quien te supervisa pueda apoyarte."
            ),
        },
    ],
}
