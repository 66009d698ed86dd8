"""Demo content of the home app for Quorum: the fictional "Cercle québécois des gestionnaires
municipaux" (the association's facts and its home page).

Data only. Every text value is a dict ``{"fr": ..., "en": ...}``; rich text values are small
HTML strings using only <p>, <strong>, <em>, <ul>, <ol>, <li> and <a href="...">.
The association, its people, its venues and its contact details are fictional.

Page body blocks are tuples ``(block_type, value)`` with block_type one of "heading",
"paragraph", "steps", "callout", "contact" and "cta" (see home/blocks.py and
`home.demo.stream_data`).
"""

# ---------------------------------------------------------------------------
# Association
# ---------------------------------------------------------------------------

ASSOCIATION = {
    "name": {
        "fr": "Cercle québécois des gestionnaires municipaux",
        "en": "Quebec Circle of Municipal Managers",
    },
    "short_name": "CQGM",
    "email": "info@cqgm.example",
    "phone": "418 555-0142",
    "toll_free": "1 877 555-0142",
    "address": "1200, rue Fictive, bureau 300, Québec (Québec) G1R 0A0",
    # The name only: the legal notice gives the role in the reader's language.
    "privacy_officer": "Claudine Exemple-Fictif",
    "gst_number": "123456789 RT0001",
    "qst_number": "1234567890 TQ0001",
    "facebook": "https://www.facebook.com/cqgm.example",
    "linkedin": "https://www.linkedin.com/company/cqgm-example",
}

# ---------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------

HOME = {
    "title": {
        "fr": "Bienvenue au CQGM",
        "en": "Welcome to the CQGM",
    },
    "intro": {
        "fr": (
            "<p>Le <strong>Cercle québécois des gestionnaires municipaux</strong> réunit les "
            "directrices et directeurs généraux, greffiers, trésoriers et cadres qui font "
            "tourner nos villes et nos municipalités. Formations, évènements, titre GMC : "
            "tout se passe ici, dans votre dossier.</p>"
        ),
        "en": (
            "<p>The <strong>Quebec Circle of Municipal Managers</strong> brings together the "
            "general managers, clerks, treasurers and senior staff who keep our cities and "
            "towns running. Trainings, events, the GMC title: it all happens here, in your "
            "file.</p>"
        ),
    },
    "body": [
        (
            "paragraph",
            {
                "fr": (
                    "<p>Consultez le calendrier de nos formations et de nos grands rendez-vous "
                    "annuels, inscrivez-vous en quelques clics et retrouvez vos factures et vos "
                    "attestations au même endroit. Vous découvrez le site? Le "
                    "<strong>Guide du participant</strong> vous en fait faire le tour.</p>"
                ),
                "en": (
                    "<p>Browse the calendar of our trainings and major annual gatherings, "
                    "register in a few clicks and find your invoices and attestations in one "
                    "place. New to the site? The <strong>Participant guide</strong> shows you "
                    "around.</p>"
                ),
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Voir les évènements", "en": "See the events"},
                "action": "events",
                "text": {
                    "fr": "Congrès, séminaire, journée techno et formations à venir.",
                    "en": "Upcoming congress, seminar, technology day and trainings.",
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Créer un dossier", "en": "Create a file"},
                "action": "signup",
                "text": {
                    "fr": "Première visite? Ouvrez votre dossier de participant.",
                    "en": "First visit? Open your participant file.",
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Devenir membre", "en": "Become a member"},
                "action": "become_member",
                "text": {
                    "fr": "Tarifs réduits, répertoire des membres et cheminement vers le titre GMC.",
                    "en": "Reduced rates, the members' directory and a path to the GMC title.",
                },
            },
        ),
    ],
}
