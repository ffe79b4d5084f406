"""Spanish wording for the strings people meet first: emails, check-ins, reminders, navigation.

Run after `manage.py makemessages -l es` to fill these into locale/es, then compilemessages.
Strings not listed here stay in English until someone translates them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ES = {
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
            entry.msgstr = ES[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            filled += 1
    catalog.save()
    missing = sorted(set(ES) - {e.msgid for e in catalog})
    print(f"filled {filled} of {len(ES)}; not found in the catalog: {missing}")


if __name__ == "__main__":
    main()
