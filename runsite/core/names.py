"""Field names are English; organisers may write them in French, or misspell them:
the name they meant, for a message that says it.
"""

from __future__ import annotations

import difflib

# The fields' names are English; organisers may write them in French.
FRENCH_NAMES = {"titre": "title", "resume": "summary", "résumé": "summary", "sommaire": "summary",
                "chapeau": "summary", "description": "summary", "ville": "city",
                "debut": "start", "début": "start", "fin": "end", "jour": "day",
                "salle": "room", "nom": "name", "lieu": "venue", "hote": "host",
                "hôte": "host", "numero": "number", "numéro": "number", "statut": "status",
                "gabarit": "template", "intervenants": "speakers", "langue": "language",
                "partenaires": "partners", "partenaire": "partner", "seance": "session",
                "séance": "session", "libelle": "label", "libellé": "label",
                "valeur": "value", "modifie": "modified", "modifié": "modified",
                "diapositives": "slides", "enregistrement": "recording",
                "sous-titres": "captions", "transcription": "transcript", "liens": "links",
                "legende": "caption", "légende": "caption", "crédit": "credit",
                "consentement": "consent", "fichier": "file"}

# An edition's report, written after the event: content/editions/run-4-compte-rendu.fr.md
# beside run-4.fr.md.
REPORT_SUFFIX = "-compte-rendu"


def meant(key, candidates):
    """The field ``key`` was meant to be, among ``candidates``, or None."""
    french = FRENCH_NAMES.get(key.lower())
    if french in candidates:
        return french
    close = difflib.get_close_matches(key.lower(), candidates, n=1, cutoff=0.75)
    return close[0] if close else None
