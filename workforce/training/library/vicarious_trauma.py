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


# The same module in Spanish (see workforce.training.library).
SPANISH = {
    "title": "Comprender el trauma vicario y el estrés traumático secundario",
    "summary": (
        "Lo que nos puede pasar cuando pasamos los días acompañando el dolor de otras personas, "
        "cómo notarlo a tiempo y qué ayuda: para ti, para tu equipo y para la organización."
    ),
    "reflection_prompt": (
        "Piensa en una semana en la que el trabajo se quedó contigo después de llegar a casa. "
        "¿Qué notaste en ti y qué te ayudó, aunque fuera algo pequeño? Nadie más verá lo que "
        "escribas aquí."
    ),
    "sections": [
        {
            "title": "Por qué esto importa en el apoyo entre pares",
            "note": "",
            "body": """
Te contrataron por quien eres y por lo que has vivido. Esa experiencia vivida es lo que
hace que el apoyo entre pares funcione: las personas se dan cuenta cuando alguien de verdad
las entiende.

Esa misma cercanía tiene un costo. Día tras día escuchas historias de daño, control y
pérdida, y algunas pueden parecerse mucho a partes de la tuya. Que eso te afecte no es una
debilidad ni una señal de que estás en el trabajo equivocado. Es lo que les pasa a las
personas que se preocupan por los demás y hacen este trabajo, en todas las profesiones de
ayuda y quizá un poco más en puestos como el tuyo.

Este módulo te da palabras para lo que puede pasar, formas de notarlo a tiempo e ideas sobre
lo que ayuda. Avanza a tu propio ritmo. Puedes detenerte en cualquier momento y volver
después: PeerWell recuerda dónde te quedaste.
""",
        },
        {
            "title": "Qué significan las palabras",
            "note": "Esta sección nombra reacciones comunes ante el trauma de otras personas.",
            "body": """
Se usan varios términos, y se superponen entre sí. Ninguno de ellos es un diagnóstico.

**Estrés traumático secundario** es una reacción de estrés al escuchar o presenciar el
trauma de otra persona. Puede aparecer rápido —a veces después de una sola conversación— y
parecerse a tus propias reacciones al trauma: estar con los nervios de punta, dormir mal,
imágenes que no te puedes sacar de la cabeza.

**Trauma vicario** es más lento. Con meses de hacer este trabajo, puede cambiar cómo ves el
mundo y cómo te ves a ti: si se puede confiar en la gente, si hay algún lugar seguro, si lo
que haces sirve de algo.

**Desgaste profesional (burnout)** es un agotamiento que viene sobre todo de las condiciones
de trabajo: demasiadas personas a quienes apoyar, muy poco tiempo, expectativas poco claras,
poca voz en las decisiones. Puede pasar en cualquier trabajo.

**Satisfacción por compasión** es la otra cara: el sentido y la energía que vienen de ayudar
bien a alguien. Es real, te protege y vale la pena notarla a propósito.

Puedes sentir más de una de estas cosas a la vez. Ponerle nombre a lo que está pasando es el
primer paso para hacer algo al respecto.
""",
        },
        {
            "title": "Cómo puede manifestarse",
            "note": (
                "Esta sección describe reacciones que pueden resultarte conocidas, incluidos "
                "recuerdos que regresan sin aviso."
            ),
            "body": """
Cada persona es distinta, pero estas reacciones son comunes. No hace falta que te
identifiques con muchas para que valga la pena prestarles atención.

- **Cuerpo:** cansancio que no se quita durmiendo, dolores de cabeza, tensión, enfermarte
  más seguido, cambios en el apetito.
- **Emociones:** sentir que nada te mueve o que todo te da igual, irritabilidad, ganas de
  llorar o ansiedad antes de ir a trabajar; sentir culpa cuando descansas.
- **Pensamientos:** una historia del trabajo que se repite una y otra vez en tu cabeza;
  esperar lo peor de la gente; pensar "nada de lo que hago importa" o "solo yo puedo
  ayudar".
- **Relaciones:** alejarte de tus amistades y tu familia, o que te cueste hablar de algo que
  no sea el trabajo.
- **En el trabajo:** temer ciertas conversaciones, evitar el papeleo o las llamadas,
  trabajar cada vez más horas, que te cueste mantener tus límites.
- **Tu propia recuperación:** viejas ansias, viejas formas de sobrellevar las cosas o viejos
  recuerdos que se hacen más fuertes.

Si notas algunas de estas señales, es información útil, no un fracaso. Tu plan de
autocuidado en PeerWell tiene un espacio para tus propias señales tempranas, así puedes
reconocerlas antes la próxima vez.
""",
        },
        {
            "title": "Cuando la historia de alguien se parece a la tuya",
            "note": (
                "Esta sección habla de cuando el trabajo te recuerda tu propia experiencia de "
                "explotación."
            ),
            "body": """
A veces, una persona a quien acompañas dice algo —un lugar, una frase, la forma en que
alguien la trató— que te lleva directo a tu propio pasado. Tu cuerpo puede reaccionar antes
de que tu mente alcance a entender qué pasa.

Algunas cosas que ayudan en el momento:

1. **Nótalo.** Decirte "esta es una reacción a mi propia historia" ya pone un poco de
   distancia entre tú y lo que sientes.
2. **Ánclate en el presente.** Siente tus pies en el suelo, respira más despacio, mira a tu
   alrededor y nombra algunas cosas que puedas ver.
3. **Está bien hacer una pausa.** Puedes decir "Dame un momento", cerrar la conversación con
   amabilidad y retomarla después, o pedirle a alguien de tu equipo que te releve.

Y después:

- **Llévalo a tu sesión de supervisión.** Tú decides cuánto de tu propia historia compartir;
  nunca tienes que contar más de lo que quieras. Lo importante es que no lo cargues en
  soledad.
- **Revisa tu plan.** Mira qué te ayuda y a qué personas puedes acudir.
- **Trátate con cariño.** Que la historia de alguien te conmueva es parte de por qué haces
  bien este trabajo. No significa que estés retrocediendo.
""",
        },
        {
            "title": "Qué ayuda: para ti, para tu equipo y para la organización",
            "note": "",
            "body": """
Prevenir el trauma vicario no es solo tu responsabilidad. Es una responsabilidad compartida.

**Para ti**

- Las cosas pequeñas y constantes funcionan mejor que las grandes y ocasionales: un descanso
  de verdad para comer, una caminata entre visitas, un ritual que marque el final de la
  jornada.
- Cuida las partes de tu vida que no tienen nada que ver con el trabajo.
- Usa tu plan de autocuidado y vuelve a revisarlo cuando las cosas cambien.
- Fíjate en los momentos de satisfacción por compasión: anota uno al final de un buen día.

**Con tu equipo**

- Supervisión regular y que te apoye (hay un módulo sobre esto en esta biblioteca).
- Colegas que se preguntan entre sí cómo están, sin juzgar.
- Hablar de las partes difíciles del trabajo como algo normal, no como una confesión.

**De parte de la organización**

- Cargas de casos razonables y tiempo para hacer bien el trabajo.
- Capacitación, supervisión y días de descanso que las personas realmente puedan usar.
- Líderes que digan en voz alta que es normal que el trabajo nos afecte, y que actúen en
  consecuencia.

Si en algún momento sientes que no estás a salvo, o estás pensando en hacerte daño, por favor
busca ayuda de inmediato: en la sección de crisis de tu plan están las personas y las líneas
de ayuda en crisis que elegiste.
""",
        },
    ],
    "questions": [
        {
            "text": "¿Cuál de estas opciones describe mejor el trauma vicario?",
            "choices": [
                "Una señal de que alguien no tiene el perfil para el apoyo entre pares",
                (
                    "Un cambio gradual en cómo una persona que ayuda a otras ve el mundo y se ve "
                    "a sí misma, por pasar tiempo junto al trauma de otras personas"
                ),
                "Otro nombre para el cansancio después de una semana con mucho trabajo",
                "Algo que solo les pasa a quienes recién empiezan en el trabajo",
            ],
            "explanation": (
                "El trauma vicario se acumula con el tiempo y cambia las creencias sobre la "
                "seguridad, la confianza y el sentido. También les pasa a personas comprometidas "
                "y con experiencia."
            ),
        },
        {
            "text": (
                "Durante una conversación, algo que dice una persona te trae recuerdos muy "
                "vívidos de tu propio pasado. ¿Cuál es un primer paso útil?"
            ),
            "choices": [
                "Reprimirlo y seguir como si nada hubiera pasado",
                (
                    "Notar la reacción, anclarte en el presente y, más tarde, llevarlo a "
                    "supervisión o hablarlo con alguien de confianza de tu equipo"
                ),
                "Decidir que deberías dejar este trabajo",
                "Contarle a la persona toda tu historia para que sepa que la entiendes",
            ],
            "explanation": (
                "Notar la reacción y anclarte ponen distancia entre tú y lo que sientes; la "
                "supervisión hace que no lo cargues en soledad, y tú eliges cuánto compartir."
            ),
        },
        {
            "text": "¿Quiénes comparten la responsabilidad de prevenir el trauma vicario?",
            "choices": [
                "Solo la persona que hace el trabajo",
                "Solo su supervisor o supervisora",
                "La persona, su equipo y la organización, en conjunto",
                "Nadie: no se puede prevenir",
            ],
            "explanation": (
                "Los hábitos personales importan, y también la supervisión, la cultura del "
                "equipo, las cargas de casos y las políticas de la organización."
            ),
        },
        {
            "text": "¿Qué es la satisfacción por compasión?",
            "choices": [
                "Sentir satisfacción cuando el trabajo ya dejó de importarte",
                "El sentido y la energía que vienen de ayudar bien a alguien",
                "Una calificación que te pone tu jefe o jefa",
                "Estar de acuerdo con todo lo que dice una persona",
            ],
            "explanation": (
                "La satisfacción por compasión es el lado gratificante del trabajo, y notarla a "
                "propósito ayuda a protegerte del desgaste profesional y del trauma vicario."
            ),
        },
    ],
}
