"""Demo content of the events app: the fictional association's congress, seminar, technology day,
regional days under way today and trainings, in French and English (same conventions as
home/demo_content.py)."""

# ---------------------------------------------------------------------------
# Events and trainings
# ---------------------------------------------------------------------------

EVENTS = [
    {
        "key": "congres-2027",
        "kind": "congress",
        "program": "",
        "slug": {"fr": "congres-2027", "en": "congress-2027"},
        "title": {"fr": "Congrès annuel 2027 du CQGM", "en": "CQGM 2027 Annual Congress"},
        "intro": {
            "fr": (
                "Trois jours pour apprendre, échanger et célébrer la gestion municipale, "
                "couronnés par notre soirée gala."
            ),
            "en": (
                "Three days to learn, exchange and celebrate municipal management, crowned by "
                "our gala evening."
            ),
        },
        "description": {
            "fr": (
                "<p>Le congrès annuel est <strong>le</strong> rendez-vous des gestionnaires "
                "municipaux du Québec. Cette année, le thème « Des services qui durent » nous "
                "amène à parler d’infrastructures, de finances à long terme et de relève.</p>"
                "<p>Au programme : conférences d’ouverture, une douzaine d’ateliers pratiques "
                "en petits groupes, un salon des exposants et de nombreuses occasions de "
                "réseautage avec des collègues de toutes les régions.</p>"
                "<p>Le deuxième soir, la <strong>soirée gala</strong> souligne les "
                "réalisations de nos membres et la remise des titres GMC de l’année. Conjoints "
                "et conjointes peuvent s’y joindre grâce à l’option « Accompagnateur — soirée "
                "gala ».</p>"
            ),
            "en": (
                "<p>The annual congress is <strong>the</strong> gathering of Quebec’s "
                "municipal managers. This year’s theme, “Services that last”, gets us talking "
                "about infrastructure, long-term finances and succession.</p>"
                "<p>On the program: keynote talks, a dozen hands-on workshops in small groups, "
                "an exhibitors’ hall and plenty of networking with colleagues from every "
                "region.</p>"
                "<p>On the second night, the <strong>gala evening</strong> honours our "
                "members’ achievements and the GMC titles awarded this year. Spouses and "
                "partners can join in with the “Companion — gala evening” option.</p>"
            ),
        },
        "place": {
            "fr": "Centre des congrès Horizon-Fleuve (fictif), Trois-Rivières",
            "en": "Horizon-Fleuve Convention Centre (fictional), Trois-Rivières",
        },
        "start_in_days": 150,
        "duration_days": 3,
        "credits": "0.0",
        "capacity": 600,
        "options": [
            {
                "label": {
                    "fr": "Inscription complète (trois jours)",
                    "en": "Full registration (three days)",
                },
                "member_price": "650.00",
                "non_member_price": "850.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
            {
                "label": {"fr": "Laissez-passer d’un jour", "en": "One-day pass"},
                "member_price": "295.00",
                "non_member_price": "395.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
            {
                "label": {"fr": "Accompagnateur — soirée gala", "en": "Companion — gala evening"},
                "member_price": "145.00",
                "non_member_price": "145.00",
                "taxable": True,
                "companion": True,
                "card_only": True,
            },
        ],
        "questions": [
            {
                "kind": "multiple_choice",
                "label": {
                    "fr": "À quels ateliers souhaitez-vous participer?",
                    "en": "Which workshops would you like to attend?",
                },
                "required": True,
                "choices": [
                    {
                        "fr": "Planifier l’entretien des infrastructures sur vingt ans",
                        "en": "Planning infrastructure upkeep over twenty years",
                    },
                    {
                        "fr": "Attirer et garder la relève municipale",
                        "en": "Attracting and keeping the next generation of municipal staff",
                    },
                    {
                        "fr": "Communiquer en situation d’urgence",
                        "en": "Communicating during an emergency",
                    },
                    {
                        "fr": "L’intelligence artificielle au service du citoyen",
                        "en": "Artificial intelligence in the service of citizens",
                    },
                ],
            },
            {
                "kind": "yes_no",
                "label": {
                    "fr": "Serez-vous présent à la soirée gala?",
                    "en": "Will you attend the gala evening?",
                },
                "required": True,
                "choices": [],
            },
            {
                "kind": "single_choice",
                "label": {
                    "fr": "Taille du chandail souvenir",
                    "en": "Souvenir T-shirt size",
                },
                "required": True,
                "choices": [
                    {"fr": "TP", "en": "XS"},
                    {"fr": "P", "en": "S"},
                    {"fr": "M", "en": "M"},
                    {"fr": "G", "en": "L"},
                    {"fr": "TG", "en": "XL"},
                    {"fr": "TTG", "en": "XXL"},
                ],
            },
            {
                "kind": "short_text",
                "label": {
                    "fr": "Besoins alimentaires particuliers (facultatif)",
                    "en": "Special dietary needs (optional)",
                },
                "required": False,
                "sensitive": True,
                "choices": [],
            },
            {
                "kind": "yes_no",
                "label": {
                    "fr": "S’agit-il de votre premier congrès du CQGM?",
                    "en": "Is this your first CQGM congress?",
                },
                "required": False,
                "choices": [],
            },
        ],
    },
    {
        "key": "seminaire-printemps",
        "kind": "seminar",
        "program": "",
        "slug": {"fr": "seminaire-de-printemps", "en": "spring-seminar"},
        "title": {"fr": "Séminaire de printemps", "en": "Spring seminar"},
        "intro": {
            "fr": (
                "Deux journées de réflexion en petit comité sur les grands dossiers qui "
                "attendent les directions municipales."
            ),
            "en": (
                "Two days of small-group reflection on the big issues facing municipal "
                "management teams."
            ),
        },
        "description": {
            "fr": (
                "<p>Chaque printemps, le séminaire réunit une centaine de gestionnaires pour "
                "deux journées de discussions franches et concrètes. Le format est volontairement "
                "intime : tables rondes, études de cas et échanges entre pairs.</p>"
                "<p>Cette édition porte sur la relation entre la direction générale et le "
                "conseil municipal : partage des rôles, préparation des séances et gestion des "
                "situations délicates.</p>"
            ),
            "en": (
                "<p>Every spring, the seminar brings about a hundred managers together for two "
                "days of frank, practical discussion. The format is deliberately intimate: "
                "round tables, case studies and peer exchanges.</p>"
                "<p>This edition focuses on the relationship between general management and "
                "the municipal council: sharing roles, preparing meetings and handling "
                "delicate situations.</p>"
            ),
        },
        "place": {
            "fr": "Auberge du Lac-Imaginaire (fictive), Sherbrooke",
            "en": "Auberge du Lac-Imaginaire (fictional), Sherbrooke",
        },
        "start_in_days": 60,
        "duration_days": 2,
        "credits": "0.0",
        "capacity": 120,
        "options": [
            {
                "label": {"fr": "Séminaire complet (deux jours)", "en": "Full seminar (two days)"},
                "member_price": "425.00",
                "non_member_price": "575.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
            {
                "label": {"fr": "Une seule journée", "en": "One day only"},
                "member_price": "240.00",
                "non_member_price": "320.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [
            {
                "kind": "long_text",
                "label": {
                    "fr": "Quelle situation aimeriez-vous aborder lors des tables rondes?",
                    "en": "Which situation would you like to discuss at the round tables?",
                },
                "required": False,
                "choices": [],
            },
            {
                "kind": "short_text",
                "label": {
                    "fr": "Besoins alimentaires particuliers (facultatif)",
                    "en": "Special dietary needs (optional)",
                },
                "required": False,
                "sensitive": True,
                "choices": [],
            },
        ],
    },
    {
        "key": "journee-techno",
        "kind": "techday",
        "program": "",
        "slug": {
            "fr": "journee-des-technologies-municipales",
            "en": "municipal-technology-day",
        },
        "title": {
            "fr": "Journée des technologies municipales",
            "en": "Municipal Technology Day",
        },
        "intro": {
            "fr": (
                "Une journée pour faire le point sur les outils numériques qui simplifient la "
                "vie des municipalités et de leurs citoyens."
            ),
            "en": (
                "A day to take stock of the digital tools that make life easier for "
                "municipalities and their residents."
            ),
        },
        "description": {
            "fr": (
                "<p>Cybersécurité, services en ligne, données ouvertes, intelligence "
                "artificielle : la journée techno s’adresse aux gestionnaires qui veulent "
                "prendre de bonnes décisions technologiques, sans forcément être des "
                "spécialistes.</p>"
                "<p>Des municipalités de toutes tailles viennent présenter leurs projets, leurs "
                "réussites et leurs embûches. L’après-midi, des démonstrations vous permettent "
                "de voir les outils à l’œuvre.</p>"
                "<p>Vous ne pouvez pas vous déplacer? Suivez la journée en direct grâce à "
                "l’option de webdiffusion.</p>"
            ),
            "en": (
                "<p>Cybersecurity, online services, open data, artificial intelligence: the "
                "technology day is for managers who want to make sound technology decisions "
                "without necessarily being specialists.</p>"
                "<p>Municipalities of every size present their projects, successes and "
                "stumbling blocks. In the afternoon, live demonstrations show the tools at "
                "work.</p>"
                "<p>Can’t travel? Follow the day live with the webcast option.</p>"
            ),
        },
        "place": {
            "fr": "Pavillon Numérik (fictif), Laval",
            "en": "Numérik Pavilion (fictional), Laval",
        },
        "start_in_days": 90,
        "duration_days": 1,
        "credits": "0.0",
        "capacity": 250,
        "options": [
            {
                "label": {"fr": "En présentiel", "en": "In person"},
                "member_price": "275.00",
                "non_member_price": "365.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
            {
                "label": {"fr": "En webdiffusion", "en": "Webcast"},
                "member_price": "150.00",
                "non_member_price": "210.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [
            {
                "kind": "multiple_choice",
                "label": {
                    "fr": "Quelles démonstrations vous intéressent?",
                    "en": "Which demonstrations interest you?",
                },
                "required": False,
                "choices": [
                    {
                        "fr": "Portail citoyen et paiement en ligne",
                        "en": "Resident portal and online payment",
                    },
                    {
                        "fr": "Gestion des requêtes et des plaintes",
                        "en": "Request and complaint management",
                    },
                    {
                        "fr": "Sauvegardes et plan de relève informatique",
                        "en": "Backups and IT recovery plan",
                    },
                ],
            },
            {
                "kind": "single_choice",
                "label": {
                    "fr": "Taille de votre organisation",
                    "en": "Size of your organization",
                },
                "required": True,
                "choices": [
                    {"fr": "Moins de 5 000 habitants", "en": "Under 5,000 residents"},
                    {"fr": "De 5 000 à 50 000 habitants", "en": "5,000 to 50,000 residents"},
                    {"fr": "Plus de 50 000 habitants", "en": "Over 50,000 residents"},
                    {"fr": "Organisme supramunicipal", "en": "Regional body"},
                ],
            },
        ],
    },
    {
        "key": "formation-budget",
        "kind": "training",
        "image": {
            "key": "budget-chart",
            "title": "Diagramme — budget municipal",
            "alt": {
                "fr": (
                    "Diagramme à barres de couleur, surmonté d’une courbe de tendance, qui "
                    "illustre la répartition d’un budget."
                ),
                "en": (
                    "Coloured bar chart topped by a trend line, illustrating how a budget is "
                    "divided."
                ),
            },
        },
        "program": "regular",
        "slug": {
            "fr": "preparer-et-presenter-le-budget-municipal",
            "en": "preparing-and-presenting-the-municipal-budget",
        },
        "title": {
            "fr": "Préparer et présenter le budget municipal",
            "en": "Preparing and presenting the municipal budget",
        },
        "intro": {
            "fr": (
                "Une journée pour bâtir un budget solide et le présenter clairement au conseil "
                "comme aux citoyens."
            ),
            "en": (
                "One day to build a sound budget and present it clearly to council and "
                "residents alike."
            ),
        },
        "description": {
            "fr": (
                "<p>Cette formation du programme régulier parcourt tout le cycle budgétaire : "
                "calendrier, prévisions des revenus, arbitrages entre services et programme "
                "triennal d’immobilisations.</p>"
                "<p>La seconde moitié de la journée est consacrée à la présentation : comment "
                "vulgariser les chiffres, anticiper les questions du conseil et répondre à "
                "celles des citoyens.</p>"
                "<p>Les documents de la formation sont offerts dans « Mes formations » dès "
                "votre inscription confirmée. La formation donne droit à sept crédits vers le "
                "titre GMC.</p>"
            ),
            "en": (
                "<p>This regular-program training covers the whole budget cycle: timetable, "
                "revenue forecasts, trade-offs between departments and the three-year capital "
                "program.</p>"
                "<p>The second half of the day is about presentation: how to make the numbers "
                "clear, anticipate council’s questions and answer residents’.</p>"
                "<p>The training documents are available under “My trainings” as soon as your "
                "registration is confirmed. The training counts for seven credits toward the "
                "GMC title.</p>"
            ),
        },
        "place": {
            "fr": "Centre de formation Saint-Laurent (fictif), Québec",
            "en": "Saint-Laurent Training Centre (fictional), Québec City",
        },
        "start_in_days": 40,
        "duration_days": 1,
        "credits": "7.0",
        "capacity": 35,
        # Documents for registered participants (one file for both languages).
        "documents": [
            {
                "title": "Cahier du participant — budget municipal",
                "filename": "cahier-participant-budget.pdf",
                "paragraphs": [
                    "Formation fictive de démonstration : préparer et présenter le budget "
                    "municipal.",
                    "1. Le calendrier budgétaire. 2. Les prévisions des revenus. 3. Les "
                    "arbitrages entre services. 4. Le programme triennal d’immobilisations.",
                    "Apportez une calculatrice et le dernier budget adopté de votre municipalité.",
                ],
            },
            {
                "title": "Gabarit de présentation au conseil",
                "filename": "gabarit-presentation-conseil.pdf",
                "paragraphs": [
                    "Gabarit fictif de démonstration pour présenter le budget au conseil et "
                    "aux citoyens.",
                    "Diapositive 1 : les grands chiffres. Diapositive 2 : ce qui change. "
                    "Diapositive 3 : les questions fréquentes.",
                ],
            },
        ],
        "options": [
            {
                "label": {"fr": "Formation d’une journée", "en": "One-day training"},
                "member_price": "395.00",
                "non_member_price": "525.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [
            {
                "kind": "single_choice",
                "label": {
                    "fr": "Combien de budgets avez-vous déjà préparés?",
                    "en": "How many budgets have you prepared so far?",
                },
                "required": True,
                "choices": [
                    {"fr": "Aucun", "en": "None"},
                    {"fr": "Un à trois", "en": "One to three"},
                    {"fr": "Plus de trois", "en": "More than three"},
                ],
            },
            {
                "kind": "short_text",
                "label": {
                    "fr": "Besoins alimentaires particuliers (facultatif)",
                    "en": "Special dietary needs (optional)",
                },
                "required": False,
                "sensitive": True,
                "choices": [],
            },
        ],
    },
    {
        "key": "formation-performance",
        "kind": "training",
        "program": "study",
        "slug": {
            "fr": "gestion-de-la-performance-municipale-module-1",
            "en": "municipal-performance-management-module-1",
        },
        "title": {
            "fr": "Gestion de la performance municipale — Module 1 : indicateurs et tableaux de bord",
            "en": "Municipal performance management — Module 1: indicators and dashboards",
        },
        "intro": {
            "fr": (
                "Le premier module du programme d’études consacré à la gestion de la performance "
                "municipale : choisir les bons indicateurs et en tirer des décisions."
            ),
            "en": (
                "The first module of the study program in municipal performance management: "
                "choosing the right indicators and acting on them."
            ),
        },
        "description": {
            "fr": (
                "<p>Le programme d’études consacré à la gestion de la performance municipale s’échelonne "
                "sur plusieurs modules. Ce premier module pose les bases : à quoi sert un "
                "indicateur, comment le définir et comment éviter de mesurer ce qui ne compte "
                "pas.</p>"
                "<p>Pendant deux jours, vous concevez le tableau de bord d’un service de votre "
                "propre organisation, avec l’aide de la personne formatrice et de vos "
                "collègues.</p>"
                "<p>Le module donne droit à quatorze crédits vers le titre GMC. Une "
                "confirmation de présence est offerte dans « Mes formations » quelques jours "
                "après la formation.</p>"
            ),
            "en": (
                "<p>The study program in municipal performance management spans several "
                "modules. This first one lays the groundwork: what an indicator is for, how to "
                "define it and how to avoid measuring what doesn’t matter.</p>"
                "<p>Over two days, you design a dashboard for a department of your own "
                "organization, with help from the trainer and your peers.</p>"
                "<p>The module counts for fourteen credits toward the GMC title. An attendance "
                "confirmation is available under “My trainings” a few days after the "
                "training.</p>"
            ),
        },
        "place": {
            "fr": "Carrefour des savoirs municipaux (fictif), Montréal",
            "en": "Municipal Knowledge Hub (fictional), Montréal",
        },
        "start_in_days": 75,
        "duration_days": 2,
        "credits": "14.0",
        "capacity": 30,
        "options": [
            {
                "label": {"fr": "Module de deux jours", "en": "Two-day module"},
                "member_price": "720.00",
                "non_member_price": "940.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [
            {
                "kind": "long_text",
                "label": {
                    "fr": "Pour quel service aimeriez-vous concevoir un tableau de bord?",
                    "en": "Which department would you like to design a dashboard for?",
                },
                "required": True,
                "choices": [],
            },
        ],
    },
    {
        # Under way: started yesterday, ends tomorrow, whenever the demo is loaded, so that
        # check-in at the door and the attendance list (open from the day an event starts) can
        # be tried.
        "key": "journees-regionales",
        "kind": "techday",
        "program": "",
        "slug": {
            "fr": "journees-regionales-des-services-numeriques",
            "en": "regional-digital-services-days",
        },
        "title": {
            "fr": "Journées régionales des services numériques",
            "en": "Regional Digital Services Days",
        },
        "intro": {
            "fr": (
                "Trois journées en région pour échanger sur les services en ligne offerts aux "
                "citoyens."
            ),
            "en": "Three days in the regions to compare notes on online services for residents.",
        },
        "description": {
            "fr": (
                "<p>Des équipes municipales présentent les services en ligne qu’elles ont mis "
                "en place : demandes de permis, paiement des taxes, avis aux résidents.</p>"
                "<p>Les deux derniers jours sont consacrés à des ateliers pratiques en petits "
                "groupes.</p>"
            ),
            "en": (
                "<p>Municipal teams present the online services they have set up: permit "
                "applications, tax payments, notices to residents.</p>"
                "<p>The last two days are given to hands-on workshops in small groups.</p>"
            ),
        },
        "place": {
            "fr": "Centre des congrès du Littoral (fictif), Sept-Îles",
            "en": "Littoral Convention Centre (fictional), Sept-Îles",
        },
        "start_in_days": -1,
        "duration_days": 3,
        "credits": "0.0",
        "capacity": 120,
        "options": [
            {
                "label": {"fr": "Les trois journées", "en": "All three days"},
                "member_price": "325.00",
                "non_member_price": "430.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [],
    },
    {
        "key": "formation-passee",
        "kind": "training",
        "program": "regular",
        "slug": {
            "fr": "ethique-et-deontologie-en-milieu-municipal",
            "en": "ethics-in-municipal-settings",
        },
        "title": {
            "fr": "Éthique et déontologie en milieu municipal",
            "en": "Ethics and professional conduct in municipal settings",
        },
        "intro": {
            "fr": (
                "Une journée pour reconnaître les zones grises et agir avec assurance quand "
                "l’éthique est en jeu."
            ),
            "en": (
                "One day to spot the grey areas and act with confidence when ethics are at stake."
            ),
        },
        "description": {
            "fr": (
                "<p>Conflits d’intérêts, cadeaux, confidentialité, après-mandat : cette "
                "formation du programme régulier passe en revue les règles qui encadrent le "
                "travail des gestionnaires municipaux.</p>"
                "<p>À partir de cas tirés de la pratique, les participants apprennent à "
                "repérer les situations à risque et à conseiller les élus avec tact.</p>"
                "<p>La formation donne droit à sept crédits vers le titre GMC.</p>"
            ),
            "en": (
                "<p>Conflicts of interest, gifts, confidentiality, post-employment: this "
                "regular-program training reviews the rules that frame municipal managers’ "
                "work.</p>"
                "<p>Working from real-life cases, participants learn to spot risky situations "
                "and advise elected officials tactfully.</p>"
                "<p>The training counts for seven credits toward the GMC title.</p>"
            ),
        },
        "place": {
            "fr": "Salle du Vieux-Moulin (fictive), Rimouski",
            "en": "Vieux-Moulin Hall (fictional), Rimouski",
        },
        "start_in_days": -30,
        "duration_days": 1,
        "credits": "7.0",
        "capacity": 40,
        "options": [
            {
                "label": {"fr": "Formation d’une journée", "en": "One-day training"},
                "member_price": "395.00",
                "non_member_price": "525.00",
                "taxable": True,
                "companion": False,
                "card_only": False,
            },
        ],
        "questions": [
            {
                "kind": "yes_no",
                "label": {
                    "fr": "Conseillez-vous directement les élus dans vos fonctions?",
                    "en": "Do you advise elected officials directly in your role?",
                },
                "required": True,
                "choices": [],
            },
        ],
    },
]
