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


# The same module in Spanish (see workforce.training.library).
SPANISH = {
    "title": "Cómo armar tu plan de autocuidado",
    "summary": (
        "Un recorrido práctico por el plan de autocuidado de PeerWell: reconocer tus primeras "
        "señales, lo que te ayuda, tu gente y un plan para momentos de crisis. Lo escribes tú "
        "y es solo tuyo."
    ),
    "reflection_prompt": (
        "Escribe una cosa que vas a agregar a tu plan esta semana, y cuándo lo harás. "
        "Esto queda en privado, solo para ti."
    ),
    "sections": [
        {
            "title": "Por qué un plan, y no solo buenas intenciones",
            "note": "",
            "body": """
Cuando tenemos energía, sabemos qué nos ayuda. Cuando nos quedamos sin fuerzas, eso suele ser
lo primero que se nos olvida. Un plan de autocuidado es una nota de tu versión más tranquila
para tu versión que está pasando un mal momento: a qué prestar atención, qué te ayuda y a
quién acudir.

En PeerWell, tu plan te pertenece. Ni la dirección de programas, ni Recursos Humanos, ni la
organización pueden verlo. Si quieres, puedes compartirlo con tu supervisor o supervisora o
con alguien de tu equipo, y dejar de compartirlo cuando quieras. Cada vez que guardas, se
conserva una versión que puedes volver a consultar.

No hay una forma correcta de llenarlo. Todas las secciones son opcionales. Unas pocas líneas
honestas valen más que un documento perfecto que nunca abres.
""",
        },
        {
            "title": "Reconocer tus primeras señales",
            "note": "",
            "body": """
El desgaste casi nunca llega de golpe. Por lo general empieza con cambios pequeños que es
fácil justificar. Algunas personas notan que:

- duermen más, o menos, o se despiertan a la misma hora todas las noches;
- se saltan comidas, o comen de una forma que no les hace bien;
- les responden mal a las personas que quieren;
- posponen llamadas, correos o papeleo;
- se sienten apagadas en sus días libres;
- los viejos hábitos o las ganas de consumir se hacen más fuertes.

Piensa en la última vez que te quedaste sin energía. ¿Qué fue lo primero que notaste? ¿Qué
notaron otras personas? Escríbelo en "Lo que noto cuando me estoy quedando sin fuerzas".
Mientras más concreto, más útil: "Dejo de contestarle los mensajes a mi hermana" dice más
que "Me aíslo".
""",
        },
        {
            "title": "Lo que te ayuda, en todos los aspectos de tu vida",
            "note": "",
            "body": """
El plan te pregunta qué te ayuda en varias áreas, porque un solo tipo de cuidado rara vez
lo cubre todo:

- **Cuerpo:** dormir, moverte, comer, descansar, la atención médica.
- **Mente y emociones:** lo que te calma o te levanta el ánimo: música, escribir, estar al
  aire libre, rezar, la terapia, una serie que te haga reír.
- **Relaciones:** las personas con quienes te sientes tú.
- **Trabajo y límites:** tomar pausas, decir que no, pasarle algo a otra persona, salir a
  tu hora.
- **Sentido y espiritualidad:** lo que te recuerda por qué haces este trabajo, o por qué la
  vida te importa.

Incluye cosas pequeñas que tomen cinco minutos, no solo las grandes. En un día difícil, es
más probable que hagas "salir y sentir el aire durante dos minutos" que "irme de retiro".
""",
        },
        {
            "title": "Tu gente, y a quién prefieres no llamar",
            "note": "",
            "body": """
Anota a algunas personas a las que puedes acudir, cómo contactarlas y cuándo: una amistad
que sabe escuchar, tu padrino o madrina, o alguien que te guía, un familiar, alguien de tu
equipo, un consejero o consejera. Anotar *cuándo* están disponibles te evita llamar a la
persona equivocada en el momento equivocado.

También hay una sección privada para las personas a las que prefieres no contactar cuando
estás pasando por un mal momento. Puede ser alguien que te empuja de vuelta a viejos
patrones, o alguien con buenas intenciones que termina haciéndote las cosas más difíciles.
Escribirlo es un acto de cariño hacia tu yo del futuro.
""",
        },
        {
            "title": "Un plan para momentos de crisis, metas pequeñas y volver a revisarlo",
            "note": "Esta sección menciona situaciones de crisis y pensamientos de hacerse daño.",
            "body": """
La parte del plan para momentos de crisis es para los peores momentos: los pasos que vas a
seguir, en orden, y las líneas a las que puedes llamar. Es posible que tu organización haya
incluido líneas de ayuda en crisis locales y nacionales que puedes agregar con un clic. Si
alguna vez piensas en hacerte daño, por favor úsala, y recuerda que pedir ayuda es una
muestra de fortaleza.

El plan también tiene espacio para una o dos metas pequeñas para esta semana. Que sean tan
pequeñas que apostarías a que las vas a cumplir.

Por último, los planes se desactualizan. Puedes pedirle a PeerWell que te envíe un
recordatorio amable para volver a mirar el tuyo cada mes o cada pocos meses. Revisarlo es un
buen momento para notar qué ha cambiado y qué se ha mantenido. También puedes descargar tu
plan en PDF, o como una tarjeta de bolsillo con tus señales, lo que te ayuda y a quién
llamar.

¿Lista o listo para empezar? Abre **Mi plan de autocuidado** desde el menú. Empezar solo toma
unos minutos, y puedes volver a él cuando quieras.
""",
        },
    ],
    "questions": [],
}
