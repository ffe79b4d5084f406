"""Spanish wording for the strings people meet first: emails, check-ins, reminders, navigation.

Run after `manage.py makemessages -l es` to fill these into locale/es, then compilemessages.
Strings not listed here stay in English until someone translates them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ES = {
    # Date format in reminder emails ("jueves 10 de diciembre de 2026").
    "l j F Y": "l j \\d\\e F \\d\\e Y",
    # Emails
    "You're invited to PeerWell": "Te damos la bienvenida a PeerWell",
    "Reset your PeerWell password": "Restablece tu contraseña de PeerWell",
    "Hello %(name)s,": "Hola, %(name)s:",
    "Hello,": "Hola:",
    "Hi %(name)s,": "Hola, %(name)s:",
    "You've been invited to PeerWell. Choose your password here:": "Te han invitado a PeerWell. Elige tu contraseña aquí:",
    "This link works once and for %(valid_hours)s hours. If it runs out, you can ask for a new one on the sign-in page.": "Este enlace funciona una sola vez y durante %(valid_hours)s horas. Si caduca, puedes pedir uno nuevo en la página de inicio de sesión.",
    "If you weren't expecting this, you can ignore this email.": "Si no esperabas este mensaje, puedes ignorarlo.",
    "Someone asked to reset your PeerWell password. If that was you, choose a new one here:": "Alguien pidió restablecer tu contraseña de PeerWell. Si fuiste tú, elige una nueva aquí:",
    "This link works once and for %(valid_hours)s hours.": "Este enlace funciona una sola vez y durante %(valid_hours)s horas.",
    "If it wasn't you, you can ignore this email: your password stays the same.": "Si no fuiste tú, puedes ignorar este mensaje: tu contraseña no cambia.",
    "A check-in is here whenever you're ready": "Tu momento para ti te espera, cuando quieras",
    "A check-in is here whenever you're ready.": "Tu momento para ti te espera, cuando quieras.",
    "A check-in is waiting for you, whenever you're ready. It takes about a minute, and it's only for you.": "Tienes un momento para ti esperándote, cuando quieras. Lleva un minuto y es solo para ti.",
    "Not a good time for reminders? Pause them with one click:": "¿No es buen momento para recordatorios? Páusalos con un clic:",
    "Change when they arrive:": "Cambia cuándo llegan:",
    "Someone would like some support": "Alguien agradecería tu apoyo",
    "Your self-care plan is here whenever you'd like to look it over.": "Tu plan de autocuidado está aquí para cuando quieras revisarlo.",
    # Navigation and page frame
    "Home": "Inicio",
    "Self-care": "Autocuidado",
    "My profile": "Mi perfil",
    "Notifications": "Notificaciones",
    "Privacy": "Privacidad",
    "Account & security": "Cuenta y seguridad",
    "Sign out": "Cerrar sesión",
    "Quick exit": "Salida rápida",
    "Or press Shift 3 times": "O pulsa Mayús 3 veces",
    "Skip to main content": "Ir al contenido principal",
    "Who can see what": "Quién puede ver qué",
    # Check-ins
    "Check in with yourself": "Un momento para ti",
    "This is for you. Your answers are private: your employer, HR and managers never see them. Skip anything you like.": "Esto es para ti. Tus respuestas son privadas: tu empleador, Recursos Humanos y la dirección nunca las ven. Sáltate lo que quieras.",
    "How is your energy today?": "¿Cómo está tu energía hoy?",
    "running on empty": "sin fuerzas",
    "plenty in the tank": "con mucha energía",
    "How settled do you feel inside?": "¿Qué tan en calma te sientes por dentro?",
    "very stirred up": "muy agitada o agitado",
    "calm and steady": "en calma",
    "How has your sleep been lately?": "¿Cómo has dormido últimamente?",
    "very poor": "muy mal",
    "restful": "descansando bien",
    "How connected do you feel to people who support you?": "¿Qué tan conectada o conectado te sientes con quienes te apoyan?",
    "on my own": "sola o solo",
    "well held": "muy acompañada o acompañado",
    "How well have you kept the work boundaries you want?": "¿Qué tan bien has mantenido los límites que quieres en el trabajo?",
    "not at all": "nada",
    "fully": "del todo",
    "1 = %(low)s, 5 = %(high)s. You can skip this.": "1 = %(low)s, 5 = %(high)s. Puedes saltarla.",
    "Anything you want to note for yourself": "Algo que quieras anotar para ti",
    "Private to you. Stored encrypted.": "Solo para ti. Se guarda cifrado.",
    "I'd like some support": "Me gustaría recibir apoyo",
    "Save my check-in": "Guardar",
    "Thank you for checking in with yourself.": "Gracias por tomarte este momento.",
    # Pausing reminders
    "Pause check-in reminders": "Pausar los recordatorios",
    "Take a break from reminders whenever you need one. Nothing else changes, and nobody is told.": "Tómate un descanso de los recordatorios cuando lo necesites. Nada más cambia y no se avisa a nadie.",
    "What would you like?": "¿Qué prefieres?",
    "Pause for a week": "Pausar una semana",
    "Pause for a month": "Pausar un mes",
    "Turn them off until I turn them back on": "Desactivarlos hasta que yo los vuelva a activar",
    "Confirm": "Confirmar",
    "Check-in reminders are paused": "Los recordatorios están en pausa",
    "Check-in reminders are off": "Los recordatorios están desactivados",
    "This link doesn't work any more": "Este enlace ya no funciona",
    # Training: navigation
    "Training": "Capacitación",
    "Team training": "Capacitación del equipo",
    "My training": "Mi capacitación",
    # Training: reminder emails and notifications
    "Training due soon": "Se acerca la fecha de tu capacitación",
    "%(module)s is due on %(date)s.": "La fecha para %(module)s es el %(date)s.",
    "A gentle reminder: %(module)s is due on %(date)s. Everything you need is in PeerWell, whenever you're ready:": "Un recordatorio amable: la fecha para %(module)s es el %(date)s. Todo lo que necesitas está en PeerWell, para cuando quieras:",
    "You can still complete your training": "Todavía puedes completar tu capacitación",
    "The due date for %(module)s has passed — you can still complete it whenever you're ready.": "La fecha para %(module)s pasó — todavía puedes completarlo cuando quieras.",
    "To stop training emails (reminders stay in PeerWell): %(url)s": "Para dejar de recibir correos sobre la capacitación (los recordatorios seguirán en PeerWell): %(url)s",
    "Your weekly training summary": "Tu resumen semanal de capacitación",
    "Training this week: %(overdue)s overdue, %(soon)s due in the next 7 days.": "Capacitación esta semana: %(overdue)s con la fecha pasada, %(soon)s con fecha en los próximos 7 días.",
    "Here is this week's training summary for %(organization)s:": "Este es el resumen de capacitación de esta semana para %(organization)s:",
    "Overdue: %(overdue)s": "Con la fecha pasada: %(overdue)s",
    "Due in the next 7 days: %(soon)s": "Con fecha en los próximos 7 días: %(soon)s",
    "A friendly check-in, and time set aside to learn, help more than pressure. See the details:": "Una conversación amable y tiempo reservado para aprender ayudan más que la presión. Mira los detalles:",
    # Training: stopping training emails
    "Stop training emails": "Dejar de recibir correos sobre la capacitación",
    "You'll get no more emails about training. Reminders still appear in your notifications in PeerWell, and you can turn emails back on from your training page.": "No recibirás más correos sobre la capacitación. Los recordatorios seguirán apareciendo en tus notificaciones de PeerWell, y puedes volver a activar los correos desde tu página de capacitación.",
    "Training emails are off": "Los correos sobre la capacitación están desactivados",
    "Reminders still appear in your notifications in PeerWell. You can turn emails back on from your training page at any time.": "Los recordatorios siguen apareciendo en tus notificaciones de PeerWell. Puedes volver a activar los correos desde tu página de capacitación cuando quieras.",
    "These links only work for a while, and only exactly as they were sent. Nothing has been changed.": "Estos enlaces solo funcionan durante un tiempo, y solo tal como se enviaron. No se ha cambiado nada.",
    "You can turn training emails off from your training page after signing in.": "Puedes desactivar los correos sobre la capacitación desde tu página de capacitación, después de iniciar sesión.",
    "Training emails are on.": "Los correos sobre la capacitación están activados.",
    "Training emails are off. Reminders still appear in your notifications here.": "Los correos sobre la capacitación están desactivados. Los recordatorios siguen apareciendo aquí, en tus notificaciones.",
    # Training: the dashboard card
    "Your training": "Tu capacitación",
    "%(counter)s module waiting for you.": (
        "%(counter)s módulo te espera.",
        "%(counter)s módulos te esperan.",
    ),
    "Next:": "Lo siguiente:",
    "due date passed — you can still complete it": "la fecha pasó — todavía puedes completarlo",
    "due %(d)s": "para el %(d)s",
    # Training: my training
    "Reminders": "Recordatorios",
    "A week before a due date we send a gentle reminder, and another if the date passes. They always appear in your notifications here; email is up to you.": "Una semana antes de la fecha te enviamos un recordatorio amable, y otro si la fecha pasa. Siempre aparecen aquí, en tus notificaciones; recibirlos también por correo lo decides tú.",
    "Also email me about training": "Enviarme también correos sobre la capacitación",
    "Save": "Guardar",
    "Your supervisor, program managers, HR and org admins can see which training you've been asked to do and when you completed it. Your answers to reflections are private: only you can ever read them.": "Tu supervisor o supervisora, quienes coordinan los programas, Recursos Humanos y quienes administran la organización pueden ver qué capacitaciones te han pedido y cuándo las completaste. Tus respuestas a las reflexiones son privadas: solo tú puedes leerlas.",
    "To do": "Por hacer",
    "Record it when you've done it": "Regístralo cuando lo hayas hecho",
    "about %(n)s minutes": "unos %(n)s minutos",
    "Due date passed — you can still complete it": "La fecha pasó — todavía puedes completarlo",
    "Due %(d)s": "Para el %(d)s",
    "%(done)s of %(total)s sections": "%(done)s de %(total)s secciones",
    "Nothing waiting for you right now.": "Ahora mismo no hay nada esperándote.",
    "Done": "Hecho",
    "Record a course or session you took outside PeerWell": "Registra un curso o una sesión que hiciste fuera de PeerWell",
    "Module": "Módulo",
    "Completed": "Completado",
    "CE hours": "Horas de educación continua",
    "Certificate": "Certificado",
    "Download (PDF)": "Descargar (PDF)",
    "Your uploaded file": "El archivo que subiste",
    "Modules you complete will appear here, each with a certificate.": "Los módulos que completes aparecerán aquí, cada uno con su certificado.",
    "More you can take": "Más módulos que puedes hacer",
    "In-app module": "Módulo en PeerWell",
    "External course": "Curso externo",
    "Live session": "Sesión en vivo",
    # Training: a module and its sections
    "Vicarious trauma & self-care": "Trauma vicario y autocuidado",
    "Trauma-informed practice": "Práctica informada sobre el trauma",
    "Boundaries & ethics": "Límites y ética",
    "Crisis response": "Respuesta a crisis",
    "Recovery support": "Apoyo en la recuperación",
    "Harm reduction": "Reducción de daños",
    "Mandated reporting": "Notificación obligatoria",
    "Other": "Otro",
    "%(h)s CE hours": "%(h)s horas de educación continua",
    "You completed this on %(d)s.": "Lo completaste el %(d)s.",
    "Download your certificate (PDF)": "Descarga tu certificado (PDF)",
    "Sections": "Secciones",
    "You can stop at any point and come back: your place is saved. Sections with a content note tell you what they cover first, so you can prepare or skip ahead.": "Puedes parar cuando quieras y volver después: guardamos por dónde ibas. Las secciones con un aviso de contenido te cuentan primero de qué tratan, para que puedas prepararte o pasar a la siguiente.",
    "content note": "aviso de contenido",
    "skipped for now": "para más adelante",
    "read": "leída",
    "Ends with a short knowledge check (pass mark %(n)s%%, as many tries as you like).": "Termina con unas breves preguntas de repaso (se aprueba con un %(n)s%%, y puedes intentarlo todas las veces que quieras).",
    "Go to the knowledge check": "Ir a las preguntas de repaso",
    "There is a private reflection too, if you'd like it: only you can read it.": "También hay una reflexión privada, si quieres hacerla: solo tú puedes leerla.",
    "Open my reflection": "Abrir mi reflexión",
    "Continue where I left off": "Seguir donde lo dejé",
    "Begin": "Empezar",
    "Take the knowledge check": "Responder las preguntas de repaso",
    "Take it again": "Hacerlo de nuevo",
    "Start this module": "Empezar este módulo",
    "This module has been archived and can't be started.": "Este módulo está archivado y ya no se puede empezar.",
    "Section %(n)s of %(total)s": "Sección %(n)s de %(total)s",
    "Content note": "Aviso de contenido",
    "Take a moment if you need it. You can read it now, or skip ahead and come back another time: skipping won't stop you finishing the module.": "Tómate un momento si lo necesitas. Puedes leerla ahora, o pasar a la siguiente y volver en otro momento: saltarla no te impide terminar el módulo.",
    "Continue to this section": "Seguir con esta sección",
    "Skip ahead for now": "Pasar a la siguiente por ahora",
    "Done — next section": "Hecho — siguiente sección",
    "Stop here for now": "Parar aquí por ahora",
    # Training: knowledge check and reflection
    "Knowledge check": "Preguntas de repaso",
    "You scored %(s)s%% — well done.": "Obtuviste un %(s)s%% — ¡muy bien!",
    "You've completed this module.": "Completaste este módulo.",
    "You've already completed this module.": "Ya completaste este módulo.",
    "Finish the remaining sections to complete the module.": "Termina las secciones que faltan para completar el módulo.",
    "Back to the module": "Volver al módulo",
    "You scored %(s)s%%; the pass mark is %(n)s%%.": "Obtuviste un %(s)s%%; para aprobar hace falta un %(n)s%%.",
    "That's fine — have another look at the explanations below and try again whenever you're ready.": "No pasa nada — vuelve a mirar las explicaciones de abajo e inténtalo otra vez cuando quieras.",
    "Please answer every question": "Por favor, responde todas las preguntas",
    "Please choose an answer.": "Por favor, elige una respuesta.",
    "Check my answers": "Revisar mis respuestas",
    "My reflection": "Mi reflexión",
    "Only you can ever read this: not your supervisor, not your manager, not HR, not the organization. It's optional and doesn't affect completing the module.": "Solo tú puedes leer esto: ni tu supervisor o supervisora, ni tu jefe o jefa, ni Recursos Humanos, ni la organización. Es opcional y no afecta a que completes el módulo.",
    "Please keep it under %(n)s characters.": "Por favor, escribe menos de %(n)s caracteres.",
    "Your reflection is saved. Only you can read it.": "Tu reflexión está guardada. Solo tú puedes leerla.",
    # Training: recording a course taken outside PeerWell
    "Record a course you took": "Registra un curso que hiciste",
    "For courses and sessions outside PeerWell. HR checks the CE hours before they count toward a certification renewal.": "Para cursos y sesiones fuera de PeerWell. Recursos Humanos revisa las horas de educación continua antes de que cuenten para renovar una certificación.",
    "Record it": "Registrarlo",
    "Cancel": "Cancelar",
    "Your organization's catalogue has no external courses or live sessions yet.": "El catálogo de tu organización todavía no tiene cursos externos ni sesiones en vivo.",
    "Please check the following": "Por favor, revisa lo siguiente",
    "optional": "opcional",
    "Course or session": "Curso o sesión",
    "Date you completed it": "Fecha en que lo completaste",
    "Certificate (PDF or photo)": "Certificado (PDF o foto)",
    "Needed for external courses. Up to 10 MB. Stored privately: only you, HR and org admins can open it.": "Necesario para los cursos externos. Hasta 10 MB. Se guarda de forma privada: solo tú, Recursos Humanos y quienes administran la organización pueden abrirlo.",
    "Please add the certificate you received for this course.": "Por favor, adjunta el certificado que recibiste en este curso.",
    "You've already recorded this module for that date.": "Ya registraste este módulo con esa fecha.",
    "Choose a module from your organization.": "Elige un módulo de tu organización.",
    "Modules in PeerWell complete themselves.": "Los módulos de PeerWell se completan solos cuando los terminas.",
    "This module is archived.": "Este módulo está archivado.",
    "Please give the date it was completed.": "Por favor, indica la fecha en que se completó.",
    "The date can't be in the future.": "La fecha no puede ser posterior a hoy.",
    "Recorded. Your certificate is under “Done”; HR will look at the CE hours.": "Registrado. Tu certificado está en «Hecho»; Recursos Humanos revisará las horas de educación continua.",
    # Uploads
    "This file is empty. Please choose it again; it may not have saved properly.": "Este archivo está vacío. Por favor, elígelo de nuevo; puede que no se haya guardado bien.",
    "This file is larger than %(limit)s. Please upload a smaller copy.": "Este archivo ocupa más de %(limit)s. Por favor, sube una copia más pequeña.",
    "Please upload a PDF or a photo (JPEG, PNG). This file doesn't look like either, whatever its name says. A certificate can usually be saved or printed as a PDF.": "Por favor, sube un PDF o una foto (JPEG, PNG). Este archivo no parece ninguna de las dos cosas, diga lo que diga su nombre. Normalmente un certificado se puede guardar o imprimir como PDF.",
    "We couldn't open this file; it may be damaged or only partly saved. Please save it again and upload the new copy.": "No pudimos abrir este archivo; puede que esté dañado o que solo se haya guardado en parte. Por favor, guárdalo de nuevo y sube la copia nueva.",
    "This photo has too many pixels for us to handle. Please upload a smaller photo or a screenshot of it.": "Esta foto tiene demasiados píxeles para que podamos procesarla. Por favor, sube una foto más pequeña o una captura de pantalla de ella.",
    "This PDF is password-protected or locked, so we can't check it. Please save an unlocked copy (print it to PDF) and upload that.": "Este PDF tiene contraseña o está bloqueado, así que no podemos revisarlo. Por favor, guarda una copia desbloqueada (imprímelo como PDF) y sube esa.",
    "This PDF contains scripts or embedded files, which we can't accept. Please save it as a plain PDF (print to PDF) and upload that.": "Este PDF contiene scripts o archivos incrustados, que no podemos aceptar. Por favor, guárdalo como un PDF sencillo (imprímelo como PDF) y sube ese.",
    # Checking a certificate (public page)
    "Check a certificate": "Comprobar un certificado",
    "This certificate is genuine.": "Este certificado es auténtico.",
    "Name": "Nombre",
    "Completed on": "Completado el",
    "We couldn't find a certificate with the code “%(code)s”. Please check the code and try again; it looks like ABCDE-23456.": "No encontramos ningún certificado con el código «%(code)s». Revisa el código e inténtalo de nuevo; tiene este aspecto: ABCDE-23456.",
}


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "locale/es/LC_MESSAGES/django.po")
    catalog = polib.pofile(str(path))
    catalog.metadata["Language"] = "es"
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalog.metadata_is_fuzzy = False
    filled = 0
    for entry in catalog:
        if entry.msgid in ES:
            wording = ES[entry.msgid]
            if entry.msgid_plural:  # a (singular, plural) tuple: msgstr[0], msgstr[1]
                entry.msgstr_plural = dict(enumerate(wording))
            else:
                entry.msgstr = wording
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = entry.previous_msgid_plural = None
            filled += 1
        elif "fuzzy" in entry.flags:
            # makemessages' guess from a similar string: not ours, so it stays English.
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
    catalog.save()
    missing = sorted(set(ES) - {e.msgid for e in catalog})
    print(f"filled {filled} of {len(ES)}; not found in the catalog: {missing}")


if __name__ == "__main__":
    main()
