"""Demo content of the guide app: the participant guide and the group registration guide of the
fictional association, in French and English (same conventions as home/demo_content.py)."""

# ---------------------------------------------------------------------------
# Guides
# ---------------------------------------------------------------------------

PARTICIPANT_GUIDE = {
    "slug": {"fr": "guide-du-participant", "en": "participant-guide"},
    "title": {"fr": "Guide du participant", "en": "Participant guide"},
    "intro": {
        "fr": (
            "Ce guide vous accompagne de la création de votre dossier jusqu’à votre demande "
            "d’adhésion, en passant par chacun des menus de votre espace personnel. Gardez-le "
            "sous la main : il répond à la plupart des questions qu’on nous pose."
        ),
        "en": (
            "This guide walks you through your participant file, from creating it to applying "
            "for membership, with a stop at every menu of your personal space. Keep it handy: "
            "it answers most of the questions we receive."
        ),
    },
    "body": [
        # --- Logging in -----------------------------------------------------
        (
            "heading",
            {"fr": "Se connecter ou créer son dossier", "en": "Logging in or creating your file"},
        ),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Vous êtes membre du CQGM, ou vous avez déjà suivi une de nos formations "
                    "ou assisté à l’un de nos évènements? Vous avez alors très probablement un "
                    "dossier de participant : inutile d’en ouvrir un deuxième. Connectez-vous "
                    "simplement avec vos accès habituels.</p>"
                    "<p>C’est votre première visite? Créez votre dossier en quelques minutes. "
                    "Il vous servira ensuite pour toutes vos inscriptions, vos factures et vos "
                    "attestations, d’une année à l’autre.</p>"
                ),
                "en": (
                    "<p>Are you a CQGM member, or have you already taken one of our trainings "
                    "or attended one of our events? Then you most likely have a participant "
                    "file already, so there is no need to open a second one. Simply log in "
                    "with your usual credentials.</p>"
                    "<p>First time here? Create your file in a few minutes. You will then use "
                    "it for all your registrations, invoices and attestations, year after "
                    "year.</p>"
                ),
            },
        ),
        (
            "steps",
            {
                "title": {"fr": "Vous avez déjà un dossier", "en": "You already have a file"},
                "steps": [
                    {
                        "title": {"fr": "Ouvrir la page de connexion", "en": "Open the login page"},
                        "text": {
                            "fr": (
                                "<p>Cliquez sur « <strong>Se connecter</strong> », en haut de "
                                "chaque page du site.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Log in</strong>” at the top of any page of "
                                "the site.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Entrer vos accès", "en": "Enter your credentials"},
                        "text": {
                            "fr": (
                                "<p>Saisissez votre identifiant, ou l’adresse courriel inscrite "
                                "à votre dossier, puis votre mot de passe.</p>"
                            ),
                            "en": (
                                "<p>Type your username, or the e-mail address recorded in your "
                                "file, followed by your password.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Un trou de mémoire?", "en": "Drawing a blank?"},
                        "text": {
                            "fr": (
                                "<p>Sous le formulaire, « <strong>Identifiant oublié?</strong> » "
                                "vous renvoie votre identifiant par courriel, et "
                                "« <strong>Mot de passe oublié?</strong> » vous envoie un lien "
                                "pour en choisir un nouveau.</p>"
                            ),
                            "en": (
                                "<p>Below the form, “<strong>Forgot your username?</strong>” "
                                "e-mails your username to you, and “<strong>Forgot your "
                                "password?</strong>” sends you a link to choose a new one.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Se connecter", "en": "Log in"},
                "action": "login",
                "text": {
                    "fr": "Accédez à votre dossier de participant.",
                    "en": "Go to your participant file.",
                },
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": {"fr": "Le courriel tarde à arriver?", "en": "No e-mail in your inbox?"},
                "text": {
                    "fr": (
                        "<p>Nos messages partent dans les minutes qui suivent votre demande. "
                        "Jetez un œil à vos courriels indésirables et vérifiez que vous utilisez "
                        "bien l’adresse inscrite à votre dossier. Le lien de réinitialisation "
                        "n’est valide que pour une durée limitée : s’il a expiré, refaites "
                        "simplement la demande.</p>"
                    ),
                    "en": (
                        "<p>Our messages go out within minutes of your request. Have a look in "
                        "your junk mail folder and make sure you are using the address recorded "
                        "in your file. The reset link only works for a limited time: if it has "
                        "expired, just ask for a new one.</p>"
                    ),
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Identifiant oublié?", "en": "Forgot your username?"},
                "action": "forgot_username",
                "text": {
                    "fr": "Recevez votre identifiant par courriel.",
                    "en": "Get your username by e-mail.",
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Mot de passe oublié?", "en": "Forgot your password?"},
                "action": "password_reset",
                "text": {
                    "fr": "Recevez un lien pour choisir un nouveau mot de passe.",
                    "en": "Get a link to choose a new password.",
                },
            },
        ),
        # --- Creating a file ------------------------------------------------
        (
            "heading",
            {"fr": "Créer votre dossier de participant", "en": "Creating your participant file"},
        ),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Vous aimeriez suivre une formation ou prendre part à un évènement du "
                    "CQGM? Cliquez sur « <strong>Créer un dossier</strong> » et laissez-vous "
                    "guider. Le formulaire compte cinq courtes étapes, et vous pouvez revenir "
                    "en arrière à tout moment avant de le confirmer.</p>"
                ),
                "en": (
                    "<p>Would you like to take a training or join one of the CQGM’s events? "
                    "Click “<strong>Create a file</strong>” and follow along. The form has five "
                    "short steps, and you can go back at any time before confirming it.</p>"
                ),
            },
        ),
        (
            "steps",
            {
                "title": {"fr": "Les cinq étapes", "en": "The five steps"},
                "steps": [
                    {
                        "title": {"fr": "Identité et connexion", "en": "Identity and login"},
                        "text": {
                            "fr": (
                                "<p>Indiquez votre prénom, votre nom et votre adresse courriel, "
                                "puis choisissez un identifiant et un mot de passe. Votre "
                                "courriel professionnel fait un excellent identifiant : vous "
                                "ne l’oublierez pas.</p>"
                            ),
                            "en": (
                                "<p>Enter your first name, last name and e-mail address, then "
                                "choose a username and a password. Your work e-mail makes an "
                                "excellent username: you won’t forget it.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Coordonnées", "en": "Contact details"},
                        "text": {
                            "fr": (
                                "<p>Inscrivez votre adresse au travail et votre adresse "
                                "personnelle, ainsi qu’un numéro de téléphone où vous "
                                "joindre.</p>"
                            ),
                            "en": (
                                "<p>Enter your work address and your home address, along with a "
                                "phone number where we can reach you.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Employeur et fonction", "en": "Employer and position"},
                        "text": {
                            "fr": (
                                "<p>Choisissez votre municipalité ou votre organisme dans la "
                                "liste, puis précisez le poste que vous occupez et sa date de "
                                "début. Votre organisme n’y figure pas? Ajoutez-le, notre "
                                "équipe validera l’information.</p>"
                            ),
                            "en": (
                                "<p>Pick your municipality or organization from the list, then "
                                "state your position and its start date. Your organization is "
                                "missing? Add it and our team will check the details.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Informations", "en": "Information"},
                        "text": {
                            "fr": (
                                "<p>Parlez-nous un peu de vous : vos champs d’expertise, les "
                                "ordres professionnels dont vous faites partie et, si vous le "
                                "voulez, votre profil LinkedIn. Tout reste modifiable par la "
                                "suite.</p>"
                            ),
                            "en": (
                                "<p>Tell us a little about yourself: your areas of expertise, "
                                "the professional orders you belong to and, if you wish, your "
                                "LinkedIn profile. You can change all of it later.</p>"
                            ),
                        },
                    },
                    {
                        "title": {
                            "fr": "Consentements et abonnements",
                            "en": "Consents and subscriptions",
                        },
                        "text": {
                            "fr": (
                                "<p>Choisissez les communications que vous acceptez de recevoir "
                                "et prenez connaissance de notre politique de confidentialité. "
                                "Confirmez : votre dossier est créé et vous voilà "
                                "connecté.</p>"
                            ),
                            "en": (
                                "<p>Choose which communications you agree to receive and read "
                                "our privacy policy. Confirm, and your file is created and you "
                                "are logged in.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Créer un dossier", "en": "Create a file"},
                "action": "signup",
                "text": {
                    "fr": "Ouvrez votre dossier de participant dès maintenant.",
                    "en": "Open your participant file right now.",
                },
            },
        ),
        # --- The menus of the file ------------------------------------------
        ("heading", {"fr": "Les menus de votre dossier", "en": "The menus of your file"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Une fois connecté, vous arrivez à l’accueil de votre dossier. De là, "
                    "vous pouvez :</p>"
                    "<ul>"
                    "<li>ajouter ou remplacer votre photo de profil;</li>"
                    "<li>aller droit à vos formations ou à vos factures grâce aux liens "
                    "rapides;</li>"
                    "<li>lancer votre demande d’adhésion avec « <strong>Devenir "
                    "membre</strong> », si vous n’êtes pas encore membre.</li>"
                    "</ul>"
                    "<p>Voici ce que contient chacun des menus.</p>"
                ),
                "en": (
                    "<p>Once logged in, you land on the home page of your file. From there you "
                    "can:</p>"
                    "<ul>"
                    "<li>add or replace your profile photo;</li>"
                    "<li>jump straight to your trainings or your invoices with the quick "
                    "links;</li>"
                    "<li>start your membership application with “<strong>Become a "
                    "member</strong>” if you are not a member yet.</li>"
                    "</ul>"
                    "<p>Here is what each menu holds.</p>"
                ),
            },
        ),
        ("heading", {"fr": "Mon dossier", "en": "My file"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Vos renseignements de base se trouvent ici :</p>"
                    "<ul>"
                    "<li><strong>Code d’accès</strong> : changez votre identifiant de "
                    "connexion, par exemple pour passer à votre courriel professionnel;</li>"
                    "<li><strong>Adresses</strong> : gardez à jour votre adresse au travail et "
                    "votre adresse personnelle;</li>"
                    "<li><strong>Courriel</strong> : remplacez l’adresse à laquelle nous vous "
                    "écrivons.</li>"
                    "</ul>"
                    "<p>Pour protéger votre compte, le site vous redemande votre mot de passe "
                    "avant tout changement de code d’accès ou de courriel. Pensez à enregistrer "
                    "vos changements avec le bouton situé en bas, à droite de la page.</p>"
                ),
                "en": (
                    "<p>Your basic details live here:</p>"
                    "<ul>"
                    "<li><strong>Access code</strong>: change the username you log in with, "
                    "for instance to switch to your work e-mail;</li>"
                    "<li><strong>Addresses</strong>: keep your work and home addresses up to "
                    "date;</li>"
                    "<li><strong>E-mail</strong>: replace the address we write to.</li>"
                    "</ul>"
                    "<p>To protect your account, the site asks for your password again before "
                    "any change to your access code or e-mail. Remember to save your changes "
                    "with the button at the bottom right of the page.</p>"
                ),
            },
        ),
        ("heading", {"fr": "Mes informations", "en": "My information"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Cette section nous aide à mieux vous connaître, et donc à mieux vous "
                    "servir :</p>"
                    "<ul>"
                    "<li><strong>Allergies et intolérances</strong> : utiles pour les repas "
                    "servis pendant nos activités;</li>"
                    "<li><strong>Expertises</strong> : les domaines où vous excellez, du "
                    "traitement des eaux à l’urbanisme;</li>"
                    "<li><strong>Ordres professionnels et associations</strong> : ceux dont "
                    "vous êtes membre;</li>"
                    "<li><strong>Profil LinkedIn</strong> : le lien s’affiche dans le "
                    "répertoire des membres, que seuls les membres peuvent consulter.</li>"
                    "</ul>"
                ),
                "en": (
                    "<p>This section helps us get to know you, and so serve you better:</p>"
                    "<ul>"
                    "<li><strong>Allergies and intolerances</strong>: useful for the meals "
                    "served at our activities;</li>"
                    "<li><strong>Expertise</strong>: the fields where you shine, from water "
                    "treatment to urban planning;</li>"
                    "<li><strong>Professional orders and associations</strong>: the ones you "
                    "belong to;</li>"
                    "<li><strong>LinkedIn profile</strong>: the link appears in the members’ "
                    "directory, which only members can browse.</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": {
                    "fr": "Vos allergies restent confidentielles",
                    "en": "Your allergies stay confidential",
                },
                "text": {
                    "fr": (
                        "<p>Nous ne recueillons vos allergies qu’avec votre consentement exprès, "
                        "que vous pouvez retirer en tout temps. Seuls vous et les membres de "
                        "notre équipe qui organisent les repas y ont accès; elles ne sont "
                        "jamais montrées à la personne déléguée qui vous inscrit.</p>"
                    ),
                    "en": (
                        "<p>We only record your allergies with your express consent, which you "
                        "may withdraw at any time. Only you and the staff members who arrange "
                        "the meals can see them; they are never shown to a delegate who "
                        "registers you.</p>"
                    ),
                },
            },
        ),
        ("heading", {"fr": "Mes fonctions", "en": "My positions"}),
        (
            "steps",
            {
                "title": {
                    "fr": "Vous changez d’emploi ou de poste?",
                    "en": "Changing jobs or positions?",
                },
                "steps": [
                    {
                        "title": {
                            "fr": "Terminer l’ancienne fonction",
                            "en": "End your former position",
                        },
                        "text": {
                            "fr": (
                                "<p>Indiquez la date de fin de la fonction que vous quittez. "
                                "Elle demeure dans votre historique.</p>"
                            ),
                            "en": (
                                "<p>Enter the end date of the position you are leaving. It "
                                "stays in your history.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Ajouter la nouvelle", "en": "Add the new one"},
                        "text": {
                            "fr": (
                                "<p>Choisissez votre nouvel employeur, votre titre et la date "
                                "de votre entrée en fonction.</p>"
                            ),
                            "en": (
                                "<p>Pick your new employer, your job title and your start date.</p>"
                            ),
                        },
                    },
                    {
                        "title": {
                            "fr": "Vérifier votre adresse principale",
                            "en": "Check your main address",
                        },
                        "text": {
                            "fr": (
                                "<p>L’adresse de votre employeur actuel devient "
                                "automatiquement votre adresse principale. Faites un saut dans "
                                "« Mes informations » pour confirmer que tout le reste est à "
                                "jour.</p>"
                            ),
                            "en": (
                                "<p>Your current employer’s address automatically becomes your "
                                "main address. Drop by “My information” to make sure everything "
                                "else is current.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        ("heading", {"fr": "Titre GMC et attestations", "en": "GMC title and attestations"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Le titre de <strong>gestionnaire municipal certifié (GMC)</strong> "
                    "reconnaît votre formation et votre expérience. Une barre de progression "
                    "vous montre les crédits déjà accumulés, ceux qui vous manquent pour "
                    "obtenir le titre et, une fois titulaire, ceux à cumuler pendant le cycle "
                    "en cours pour le conserver.</p>"
                    "<p>Vos attestations y sont aussi réunies : cliquez sur "
                    "« <strong>Voir</strong> » pour en afficher une et la télécharger en "
                    "PDF.</p>"
                ),
                "en": (
                    "<p>The <strong>certified municipal manager (GMC)</strong> title recognizes "
                    "your training and experience. A progress bar shows the credits you have "
                    "earned, the ones you still need to obtain the title and, once you hold "
                    "it, the ones to earn during the current cycle to keep it.</p>"
                    "<p>Your attestations are gathered here as well: click "
                    "“<strong>View</strong>” to open one and download it as a PDF.</p>"
                ),
            },
        ),
        ("heading", {"fr": "Mes formations", "en": "My trainings"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Retrouvez toutes vos inscriptions et participations aux formations, "
                    "qu’elles fassent partie du programme régulier ou du programme d’études "
                    "consacré à la gestion de la performance municipale. Pour chacune, vous pouvez :</p>"
                    "<ul>"
                    "<li>télécharger les documents fournis par la personne formatrice;</li>"
                    "<li>obtenir votre confirmation de présence, offerte quelques jours après "
                    "la formation, dès que notre équipe a saisi les présences.</li>"
                    "</ul>"
                ),
                "en": (
                    "<p>Find all your training registrations and attendance, whether they "
                    "belong to the regular program or to the study program in municipal "
                    "performance management. For each one you can:</p>"
                    "<ul>"
                    "<li>download the documents supplied by the trainer;</li>"
                    "<li>get your attendance confirmation, available a few days after the "
                    "training, as soon as our team has recorded attendance.</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Mes formations", "en": "My trainings"},
                "action": "my_trainings",
                "text": {
                    "fr": "Vos formations, leurs documents et vos confirmations de présence.",
                    "en": "Your trainings, their documents and your attendance confirmations.",
                },
            },
        ),
        ("heading", {"fr": "Mes évènements", "en": "My events"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Vos inscriptions à nos grands rendez-vous annuels (le congrès, le "
                    "séminaire de printemps et la journée des technologies municipales) y sont "
                    "classées en deux listes : les évènements à venir et ceux auxquels vous "
                    "avez déjà participé.</p>"
                ),
                "en": (
                    "<p>Your registrations to our major annual gatherings (the congress, the "
                    "spring seminar and the municipal technology day) are sorted into two "
                    "lists: upcoming events and the ones you have already attended.</p>"
                ),
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Mes évènements", "en": "My events"},
                "action": "my_events",
                "text": {
                    "fr": "Vos évènements à venir et passés.",
                    "en": "Your upcoming and past events.",
                },
            },
        ),
        ("heading", {"fr": "Mes factures et crédits", "en": "My invoices and credits"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Toutes vos factures et vos notes de crédit sont regroupées ici, avec "
                    "leur état de paiement. Cliquez sur « <strong>Voir</strong> » pour "
                    "afficher une pièce et la télécharger.</p>"
                    "<p>Vous avez le choix du mode de paiement :</p>"
                    "<ul>"
                    "<li>virement Interac;</li>"
                    "<li>virement bancaire (dépôt direct);</li>"
                    "<li>carte de crédit, directement en ligne;</li>"
                    "<li>chèque libellé au nom du CQGM.</li>"
                    "</ul>"
                    "<p>Les instructions propres à chaque mode vous sont envoyées par courriel "
                    "dès que vous l’avez choisi.</p>"
                ),
                "en": (
                    "<p>All your invoices and credit notes are gathered here, with their "
                    "payment status. Click “<strong>View</strong>” to open a document and "
                    "download it.</p>"
                    "<p>You can pay the way that suits you:</p>"
                    "<ul>"
                    "<li>Interac e-Transfer;</li>"
                    "<li>bank transfer (direct deposit);</li>"
                    "<li>credit card, right on the site;</li>"
                    "<li>cheque made out to the CQGM.</li>"
                    "</ul>"
                    "<p>The instructions for each method are e-mailed to you as soon as you "
                    "choose it.</p>"
                ),
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Mes factures et crédits", "en": "My invoices and credits"},
                "action": "my_invoices",
                "text": {
                    "fr": "Consultez, téléchargez et payez vos factures.",
                    "en": "View, download and pay your invoices.",
                },
            },
        ),
        ("heading", {"fr": "Mes abonnements", "en": "My subscriptions"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Choisissez les communications que vous voulez recevoir : infolettre, "
                    "annonces de formations, invitations aux évènements. Vos choix se "
                    "modifient en tout temps.</p>"
                ),
                "en": (
                    "<p>Choose the communications you want to receive: newsletter, training "
                    "announcements, event invitations. You can change your choices at any "
                    "time.</p>"
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {"fr": "Note aux membres", "en": "A word to members"},
                "text": {
                    "fr": (
                        "<p>En désactivant vos abonnements, vous ne recevrez plus aucune des "
                        "publications du CQGM, dont le bulletin qui vous tient au courant de la "
                        "vie de votre association. Nous vous recommandons donc de les garder "
                        "actifs.</p>"
                    ),
                    "en": (
                        "<p>If you turn your subscriptions off, you will no longer receive any "
                        "CQGM publication, including the bulletin that keeps you up to date "
                        "with your association. We therefore recommend that you keep them "
                        "on.</p>"
                    ),
                },
            },
        ),
        ("heading", {"fr": "Mes intérêts", "en": "My interests"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Cochez les sujets qui vous passionnent : finances municipales, "
                    "ressources humaines, gestion de projets, technologies, et plus encore. "
                    "Nous nous en servirons pour vous proposer, au fil du temps, des "
                    "formations et des contenus qui vous ressemblent.</p>"
                ),
                "en": (
                    "<p>Tick the topics you care about: municipal finance, human resources, "
                    "project management, technology and more. Over time, we will use them to "
                    "suggest trainings and content that match your needs.</p>"
                ),
            },
        ),
        ("heading", {"fr": "Mon mot de passe", "en": "My password"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Changez votre mot de passe ici, en saisissant d’abord celui que vous "
                    "utilisez actuellement. Quelques bonnes habitudes à prendre :</p>"
                    "<ul>"
                    "<li>renouvelez-le régulièrement;</li>"
                    "<li>choisissez-en un que vous n’utilisez nulle part ailleurs;</li>"
                    "<li>ne le confiez à personne, pas même à un collègue ni à notre "
                    "équipe.</li>"
                    "</ul>"
                ),
                "en": (
                    "<p>Change your password here, starting with the one you use now. A few "
                    "good habits:</p>"
                    "<ul>"
                    "<li>renew it regularly;</li>"
                    "<li>pick one you don’t use anywhere else;</li>"
                    "<li>never share it with anyone, not even a colleague or our team.</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {"fr": "Vous soupçonnez une fraude?", "en": "Suspect fraud?"},
                "text": {
                    "fr": (
                        "<p>Si vous croyez que quelqu’un d’autre se sert de votre compte, "
                        "changez votre mot de passe sans attendre et écrivez-nous aussitôt à "
                        '<a href="mailto:info@cqgm.example">info@cqgm.example</a>.</p>'
                    ),
                    "en": (
                        "<p>If you think someone else is using your account, change your "
                        "password right away and write to us immediately at "
                        '<a href="mailto:info@cqgm.example">info@cqgm.example</a>.</p>'
                    ),
                },
            },
        ),
        # --- Becoming a member ----------------------------------------------
        ("heading", {"fr": "Devenir membre", "en": "Becoming a member"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>L’adhésion au CQGM vous donne droit à des tarifs réduits, vous ouvre "
                    "le répertoire des membres et vous permet de cheminer vers le titre GMC. "
                    "La demande se fait en ligne; notre équipe l’examine, puis la cotisation "
                    "vous est facturée dès son approbation.</p>"
                ),
                "en": (
                    "<p>Joining the CQGM gives you reduced rates, opens the members’ directory "
                    "to you and lets you work toward the GMC title. You apply online; our team "
                    "reviews your application, and your dues are invoiced as soon as it is "
                    "approved.</p>"
                ),
            },
        ),
        (
            "steps",
            {
                "title": {
                    "fr": "Vous avez déjà un dossier de participant",
                    "en": "You already have a participant file",
                },
                "steps": [
                    {
                        "title": {"fr": "Connectez-vous", "en": "Log in"},
                        "text": {
                            "fr": (
                                "<p>Cliquez sur « <strong>Se connecter</strong> » et entrez vos "
                                "accès.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Log in</strong>” and enter your credentials.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Ouvrez « Mon dossier »", "en": "Open “My file”"},
                        "text": {
                            "fr": (
                                "<p>Repérez le bouton « <strong>Devenir membre</strong> » "
                                "dans le menu « Mon dossier ».</p>"
                            ),
                            "en": (
                                "<p>In the “My file” menu, click “<strong>Become a "
                                "member</strong>”.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Complétez la demande", "en": "Complete the application"},
                        "text": {
                            "fr": (
                                "<p>Vos renseignements sont déjà remplis : il ne reste que les "
                                "étapes propres à l’adhésion, dont le dépôt de vos "
                                "documents.</p>"
                            ),
                            "en": (
                                "<p>Your details are already filled in: only the "
                                "membership-specific steps remain, including uploading your "
                                "documents.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "steps",
            {
                "title": {
                    "fr": "Vous n’avez pas encore de dossier : les sept étapes",
                    "en": "You don’t have a file yet: the seven steps",
                },
                "steps": [
                    {
                        "title": {"fr": "Identité et connexion", "en": "Identity and login"},
                        "text": {
                            "fr": (
                                "<p>Cliquez sur « <strong>Devenir membre</strong> », puis "
                                "ouvrez le formulaire d’adhésion. Cette première étape crée "
                                "votre dossier.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Become a member</strong>”, then open the "
                                "membership form. This first step creates your file.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Coordonnées", "en": "Contact details"},
                        "text": {
                            "fr": "<p>Adresse au travail, adresse personnelle et téléphone.</p>",
                            "en": "<p>Work address, home address and phone number.</p>",
                        },
                    },
                    {
                        "title": {"fr": "Employeur et fonction", "en": "Employer and position"},
                        "text": {
                            "fr": (
                                "<p>Votre municipalité ou votre organisme, votre poste et votre "
                                "date d’entrée en fonction.</p>"
                            ),
                            "en": (
                                "<p>Your municipality or organization, your position and your "
                                "start date.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Résolution d’embauche", "en": "Hiring resolution"},
                        "text": {
                            "fr": (
                                "<p>Déposez, en PDF, la résolution du conseil qui confirme votre "
                                "embauche. Ce document est <strong>obligatoire</strong>.</p>"
                            ),
                            "en": (
                                "<p>Upload, as a PDF, the council resolution confirming your "
                                "hiring. This document is <strong>required</strong>.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Diplôme", "en": "Diploma"},
                        "text": {
                            "fr": (
                                "<p>Joignez une copie de votre diplôme le plus pertinent, en "
                                "PDF.</p>"
                            ),
                            "en": "<p>Attach a copy of your most relevant diploma, as a PDF.</p>",
                        },
                    },
                    {
                        "title": {
                            "fr": "Informations et consentements",
                            "en": "Information and consents",
                        },
                        "text": {
                            "fr": (
                                "<p>Expertises, ordres professionnels, abonnements et "
                                "consentements.</p>"
                            ),
                            "en": (
                                "<p>Expertise, professional orders, subscriptions and consents.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Révision et envoi", "en": "Review and submit"},
                        "text": {
                            "fr": (
                                "<p>Relisez le tout, puis soumettez votre demande. Un courriel "
                                "en confirme la réception, et un autre vous annoncera la "
                                "décision.</p>"
                            ),
                            "en": (
                                "<p>Read everything over, then submit your application. One "
                                "e-mail confirms we received it, and another will let you know "
                                "the decision.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {"fr": "Préparez vos documents", "en": "Get your documents ready"},
                "text": {
                    "fr": (
                        "<p>Avant de commencer, ayez sous la main, en format PDF, votre "
                        "<strong>résolution d’embauche</strong> (obligatoire) et une "
                        "<strong>copie de votre diplôme</strong> : vous en aurez besoin aux "
                        "étapes 4 et 5. S’il manque une pièce, notre équipe vous écrira pour "
                        "vous la demander.</p>"
                    ),
                    "en": (
                        "<p>Before you start, have your <strong>hiring resolution</strong> "
                        "(required) and a <strong>copy of your diploma</strong> ready as PDF "
                        "files: you will need them at steps 4 and 5. If something is missing, "
                        "our team will write to ask for it.</p>"
                    ),
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Devenir membre", "en": "Become a member"},
                "action": "become_member",
                "text": {
                    "fr": "Commencez votre demande d’adhésion.",
                    "en": "Start your membership application.",
                },
            },
        ),
        # --- Contact --------------------------------------------------------
        (
            "contact",
            {
                "title": {"fr": "Communiquez avec nous", "en": "Get in touch"},
                "text": {
                    "fr": (
                        "<p>Une question sur votre dossier, une inscription ou une facture? "
                        "Notre équipe vous répond du lundi au vendredi, pendant les heures de "
                        "bureau. Suivez-nous aussi sur Facebook et LinkedIn pour ne rien "
                        "manquer des activités du Cercle.</p>"
                    ),
                    "en": (
                        "<p>A question about your file, a registration or an invoice? Our team "
                        "answers Monday to Friday during office hours. You can also follow us "
                        "on Facebook and LinkedIn so you never miss what the Circle is up "
                        "to.</p>"
                    ),
                },
            },
        ),
    ],
}


GROUP_REGISTRATION_GUIDE = {
    "slug": {"fr": "guide-inscriptions-multiples", "en": "group-registration-guide"},
    "title": {
        "fr": "Inscriptions multiples (compte délégué)",
        "en": "Group registrations (delegate account)",
    },
    "intro": {
        "fr": (
            "Vous inscrivez plusieurs collègues de votre organisation à un évènement du CQGM? "
            "Le compte délégué vous permet de tout gérer à partir de votre propre dossier."
        ),
        "en": (
            "Registering several colleagues from your organization to a CQGM event? A delegate "
            "account lets you handle everything from your own file."
        ),
    },
    "body": [
        # --- What it is -----------------------------------------------------
        ("heading", {"fr": "Qu’est-ce qu’un compte délégué?", "en": "What is a delegate account?"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Un compte délégué, qu’on appelle aussi « super-utilisateur », est un "
                    "dossier de participant auquel notre équipe a ajouté un rôle particulier : "
                    "celui d’inscrire d’autres personnes de la même organisation. Plutôt que de "
                    "demander à chacun de s’inscrire de son côté, une seule personne s’occupe "
                    "des inscriptions de toute l’équipe, depuis un seul compte.</p>"
                    "<p>C’est la formule idéale pour la direction générale, le greffe ou les "
                    "ressources humaines qui coordonnent la présence d’un groupe au congrès, au "
                    "séminaire de printemps ou à la journée des technologies municipales.</p>"
                ),
                "en": (
                    "<p>A delegate account, also called a “super-user” account, is a "
                    "participant file to which our team has added a special role: registering "
                    "other people from the same organization. Instead of asking everyone to "
                    "register on their own, one person takes care of the whole team’s "
                    "registrations from a single account.</p>"
                    "<p>It is the ideal setup for the general management, clerk’s office or "
                    "human resources staff who coordinate a group’s attendance at the congress, "
                    "the spring seminar or the municipal technology day.</p>"
                ),
            },
        ),
        # --- Getting one ----------------------------------------------------
        ("heading", {"fr": "Obtenir un compte délégué", "en": "Getting a delegate account"}),
        (
            "steps",
            {
                "title": {"fr": "Demander l’accès", "en": "Asking for access"},
                "steps": [
                    {
                        "title": {"fr": "Ayez un dossier", "en": "Have a file"},
                        "text": {
                            "fr": (
                                "<p>Le rôle de délégué s’ajoute à un dossier de participant "
                                "existant. Si vous n’en avez pas encore, cliquez d’abord sur "
                                "« <strong>Créer un dossier</strong> ».</p>"
                            ),
                            "en": (
                                "<p>The delegate role is added to an existing participant file. "
                                "If you don’t have one yet, start with “<strong>Create a "
                                "file</strong>”.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Écrivez-nous", "en": "Write to us"},
                        "text": {
                            "fr": (
                                "<p>Communiquez avec notre équipe en précisant votre nom, votre "
                                "identifiant et l’organisation, ou les organisations, pour "
                                "lesquelles vous ferez des inscriptions.</p>"
                            ),
                            "en": (
                                "<p>Contact our team with your name, your username and the "
                                "organization, or organizations, you will be registering people "
                                "for.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Attendez l’activation", "en": "Wait for activation"},
                        "text": {
                            "fr": (
                                "<p>Notre équipe vérifie la demande et active le rôle. Vous "
                                "recevez un courriel de confirmation; à votre prochaine "
                                "connexion, l’inscription de groupe apparaît sur les pages des "
                                "évènements.</p>"
                            ),
                            "en": (
                                "<p>Our team checks the request and grants the role. You get a "
                                "confirmation e-mail, and the next time you log in, group "
                                "registration shows up on the event pages.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": {"fr": "Et votre propre inscription?", "en": "What about yourself?"},
                "text": {
                    "fr": (
                        "<p>La personne déléguée peut s’inscrire elle-même à partir du même "
                        "compte, comme ses collègues, mais rien ne l’y oblige : vous pouvez "
                        "très bien gérer les inscriptions d’un groupe sans y participer.</p>"
                    ),
                    "en": (
                        "<p>A delegate can register themself from the same account, just like "
                        "their colleagues, but doesn’t have to: you can perfectly well manage a "
                        "group’s registrations without attending.</p>"
                    ),
                },
            },
        ),
        # --- Registering colleagues -----------------------------------------
        ("heading", {"fr": "Inscrire vos collègues", "en": "Registering your colleagues"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Chaque personne est inscrite individuellement, avec ses propres choix "
                    "et ses propres réponses. Reprenez simplement les étapes ci-dessous pour "
                    "chacune d’elles.</p>"
                ),
                "en": (
                    "<p>Each person is registered individually, with their own choices and "
                    "answers. Simply repeat the steps below for each of them.</p>"
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "tip",
                "title": {"fr": "Avant de commencer", "en": "Before you start"},
                "text": {
                    "fr": (
                        "<p>Gagnez du temps en préparant une liste :</p>"
                        "<ul>"
                        "<li>le nom de chaque personne à inscrire et l’option retenue;</li>"
                        "<li>ses choix d’ateliers et, pour le congrès, sa taille de "
                        "chandail;</li>"
                        "<li>sa présence ou non à la soirée gala, et celle d’un éventuel "
                        "accompagnateur.</li>"
                        "</ul>"
                        "<p>Les allergies, elles, ne vous sont jamais montrées : chaque personne "
                        "les indique elle-même dans son dossier, en toute confidentialité.</p>"
                    ),
                    "en": (
                        "<p>Save time by preparing a list with:</p>"
                        "<ul>"
                        "<li>the name of each person to register and the option chosen;</li>"
                        "<li>their workshop choices and, for the congress, their T-shirt "
                        "size;</li>"
                        "<li>whether they will attend the gala evening, and with a companion "
                        "or not.</li>"
                        "</ul>"
                        "<p>Allergies, on the other hand, are never shown to you: each person "
                        "records them in their own file, in confidence.</p>"
                    ),
                },
            },
        ),
        (
            "steps",
            {
                "title": {
                    "fr": "Une inscription, pas à pas",
                    "en": "One registration, step by step",
                },
                "steps": [
                    {
                        "title": {"fr": "Connectez-vous", "en": "Log in"},
                        "text": {
                            "fr": (
                                "<p>Cliquez sur « <strong>Se connecter</strong> » et entrez les "
                                "accès de votre compte délégué.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Log in</strong>” and enter the credentials "
                                "of your delegate account.</p>"
                            ),
                        },
                    },
                    {
                        "title": {
                            "fr": "Ouvrez la page de l’évènement",
                            "en": "Open the event page",
                        },
                        "text": {
                            "fr": (
                                "<p>Rendez-vous dans la section des évènements et choisissez "
                                "celui qui vous intéresse.</p>"
                            ),
                            "en": (
                                "<p>Go to the events section and pick the one you are "
                                "interested in.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Choisissez la personne", "en": "Pick the person"},
                        "text": {
                            "fr": (
                                "<p>Sélectionnez votre collègue dans le menu déroulant, ou "
                                "tapez quelques lettres de son nom dans la barre de recherche. "
                                "Seules les personnes de votre organisation qui ont un compte "
                                "actif y apparaissent.</p>"
                            ),
                            "en": (
                                "<p>Select your colleague in the drop-down list, or type a few "
                                "letters of their name in the search bar. Only people from your "
                                "organization with an active account are listed.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Cliquez sur « Inscrire »", "en": "Click “Register”"},
                        "text": {
                            "fr": (
                                "<p>Cliquez sur « <strong>Inscrire</strong> », choisissez "
                                "l’option d’inscription et répondez à toutes les questions du "
                                "formulaire : ateliers, repas, taille de chandail, et "
                                "ainsi de suite.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Register</strong>”, choose the registration "
                                "option and answer every question on the form: workshops, "
                                "meals, T-shirt size and so on.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Révisez et confirmez", "en": "Review and confirm"},
                        "text": {
                            "fr": (
                                "<p>Au bas du récapitulatif, « <strong>Précédent</strong> » "
                                "vous ramène au formulaire pour corriger un choix, tandis que "
                                "« <strong>Continuer</strong> » confirme l’inscription.</p>"
                            ),
                            "en": (
                                "<p>At the bottom of the summary, “<strong>Previous</strong>” "
                                "takes you back to the form to fix a choice, while "
                                "“<strong>Continue</strong>” confirms the registration.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {"fr": "Un nom manque dans la liste?", "en": "A name is missing?"},
                "text": {
                    "fr": (
                        "<p>Une personne sans compte actif ne peut pas être inscrite. Si vous ne "
                        "trouvez pas votre collègue, remplissez la demande de création de compte "
                        "offerte directement sur la page de l’évènement. Notre équipe ouvre le "
                        "compte et vous avise; vous pourrez alors faire l’inscription. Nul "
                        "besoin de nous écrire en plus.</p>"
                    ),
                    "en": (
                        "<p>Someone without an active account cannot be registered. If you "
                        "can’t find your colleague, fill in the account-creation request "
                        "available right on the event page. Our team opens the account and lets "
                        "you know, and you can then complete the registration. No need to "
                        "write to us as well.</p>"
                    ),
                },
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {
                    "fr": "Une facture par inscription",
                    "en": "One invoice per registration",
                },
                "text": {
                    "fr": (
                        "<p>Chaque inscription produit sa propre facture, au nom de la personne "
                        "inscrite. Il n’est pas possible de réunir plusieurs inscriptions sur "
                        "une même facture, même lorsque c’est la même organisation qui "
                        "paie.</p>"
                    ),
                    "en": (
                        "<p>Every registration generates its own invoice, in the registered "
                        "person’s name. Several registrations can’t be combined on one invoice, "
                        "even when the same organization is paying.</p>"
                    ),
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Voir les évènements", "en": "See the events"},
                "action": "events",
                "text": {
                    "fr": "Choisissez l’évènement auquel inscrire votre équipe.",
                    "en": "Choose the event you want to register your team for.",
                },
            },
        ),
        # --- Companions -----------------------------------------------------
        (
            "heading",
            {"fr": "Accompagnateurs à la soirée gala", "en": "Companions at the gala evening"},
        ),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Le congrès se clôt par une soirée gala à laquelle conjoints et "
                    "conjointes sont les bienvenus. Une fois les inscriptions de vos "
                    "participants terminées, revenez sur la page du congrès et ajoutez les "
                    "accompagnateurs à partir de votre compte délégué, en choisissant l’option "
                    "« Accompagnateur — soirée gala ». Chaque accompagnateur est rattaché à une "
                    "personne déjà inscrite.</p>"
                ),
                "en": (
                    "<p>The congress wraps up with a gala evening that spouses and partners are "
                    "welcome to attend. Once your participants are all registered, come back to "
                    "the congress page and add the companions from your delegate account by "
                    "choosing the “Companion — gala evening” option. Each companion is linked "
                    "to a person who is already registered.</p>"
                ),
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {"fr": "Carte de crédit seulement", "en": "Credit card only"},
                "text": {
                    "fr": (
                        "<p>Les billets d’accompagnateur se paient <strong>uniquement par carte "
                        "de crédit</strong>, au moment de l’inscription.</p>"
                    ),
                    "en": (
                        "<p>Companion tickets can be paid <strong>by credit card only</strong>, "
                        "when you register them.</p>"
                    ),
                },
            },
        ),
        # --- Payment --------------------------------------------------------
        ("heading", {"fr": "Payer les inscriptions", "en": "Paying for registrations"}),
        (
            "steps",
            {
                "title": {"fr": "Choisir votre mode de paiement", "en": "Choosing how to pay"},
                "steps": [
                    {
                        "title": {"fr": "Par carte de crédit", "en": "By credit card"},
                        "text": {
                            "fr": (
                                "<p>Utilisez le bouton « <strong>Payer maintenant</strong> ». Une "
                                "page de paiement sécurisée s’ouvre; la facture est marquée payée "
                                "dès que la transaction est acceptée.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>Pay now</strong>”. A secure payment page "
                                "opens, and the invoice is marked paid as soon as the "
                                "transaction goes through.</p>"
                            ),
                        },
                    },
                    {
                        "title": {
                            "fr": "Par chèque, dépôt direct ou virement Interac",
                            "en": "By cheque, direct deposit or Interac e-Transfer",
                        },
                        "text": {
                            "fr": (
                                "<p>Sélectionnez le mode qui vous convient, puis cliquez sur "
                                "« <strong>Envoyer</strong> ». Vous recevrez par courriel une "
                                "confirmation et la marche à suivre; notre équipe inscrit le paiement "
                                "dès qu’elle le reçoit.</p>"
                            ),
                            "en": (
                                "<p>Select the method that suits you, then click "
                                "“<strong>Send</strong>”. A confirmation e-mail tells you what "
                                "to do next, and our team records the payment as soon as it "
                                "arrives.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Pensez à inscrire le numéro de facture sur votre chèque ou dans la "
                    "description de votre virement : cela nous aide à associer chaque paiement "
                    "à la bonne inscription.</p>"
                ),
                "en": (
                    "<p>Please write the invoice number on your cheque or in the description "
                    "of your transfer: it helps us match each payment to the right "
                    "registration.</p>"
                ),
            },
        ),
        # --- Invoices -------------------------------------------------------
        ("heading", {"fr": "Consulter les factures", "en": "Viewing invoices"}),
        (
            "steps",
            {
                "title": {"fr": "Retrouver une facture", "en": "Finding an invoice"},
                "steps": [
                    {
                        "title": {"fr": "« Mon compte »", "en": "“My account”"},
                        "text": {
                            "fr": (
                                "<p>Une fois connecté, repérez « <strong>Mon "
                                "compte</strong> » en haut à droite de l’écran.</p>"
                            ),
                            "en": (
                                "<p>Once logged in, click “<strong>My account</strong>” at the "
                                "top right.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "« Factures »", "en": "“Invoices”"},
                        "text": {
                            "fr": (
                                "<p>Ouvrez l’onglet « <strong>Factures</strong> ». Les factures "
                                "de toutes les inscriptions que vous avez faites y sont "
                                "regroupées.</p>"
                            ),
                            "en": (
                                "<p>Open the “<strong>Invoices</strong>” tab. The invoices for "
                                "every registration you made are gathered there.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "« Visualiser »", "en": "“View”"},
                        "text": {
                            "fr": (
                                "<p>Le bouton « <strong>Visualiser</strong> » ouvre la "
                                "facture en PDF, prête à être téléchargée.</p>"
                            ),
                            "en": (
                                "<p>Click “<strong>View</strong>” to download the invoice as a "
                                "PDF.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Factures", "en": "Invoices"},
                "action": "my_invoices",
                "text": {
                    "fr": "Toutes les factures de vos inscriptions, au même endroit.",
                    "en": "All the invoices for your registrations, in one place.",
                },
            },
        ),
        # --- Changes and cancellation ---------------------------------------
        ("heading", {"fr": "Modifier une inscription", "en": "Changing a registration"}),
        (
            "paragraph",
            {
                "fr": (
                    "<p>Un changement d’atelier, de repas ou d’option? Vous pouvez modifier "
                    "l’inscription vous-même depuis votre compte délégué, et la personne "
                    "inscrite peut aussi le faire depuis son propre dossier. Les changements "
                    "sont acceptés jusqu’à la date limite de modification indiquée sur la page "
                    "de l’évènement. Si le prix change, une facture ou une note de crédit est "
                    "produite en conséquence.</p>"
                ),
                "en": (
                    "<p>Switching a workshop, a meal or an option? You can change the "
                    "registration yourself from your delegate account, and the registered "
                    "person can do it from their own file too. Changes are accepted until the "
                    "modification deadline shown on the event page. If the price changes, an "
                    "invoice or a credit note is issued accordingly.</p>"
                ),
            },
        ),
        ("heading", {"fr": "Annuler une inscription", "en": "Cancelling a registration"}),
        (
            "steps",
            {
                "title": {"fr": "Demander une annulation", "en": "Requesting a cancellation"},
                "steps": [
                    {
                        "title": {"fr": "Ouvrez l’inscription", "en": "Open the registration"},
                        "text": {
                            "fr": (
                                "<p>Dans l’espace membre, retrouvez l’inscription à annuler, "
                                "dans votre liste de délégué ou dans « Mes évènements ».</p>"
                            ),
                            "en": (
                                "<p>In the member area, find the registration to cancel, in "
                                "your delegate list or under “My events”.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Faites la demande par écrit", "en": "Ask in writing"},
                        "text": {
                            "fr": (
                                "<p>Remplissez le formulaire de demande d’annulation en "
                                "précisant la raison, puis envoyez-le. La demande est horodatée "
                                "au moment de l’envoi.</p>"
                            ),
                            "en": (
                                "<p>Fill in the cancellation request form, giving the reason, "
                                "and send it. The request is time-stamped when it is sent.</p>"
                            ),
                        },
                    },
                    {
                        "title": {"fr": "Attendez la réponse", "en": "Wait for the answer"},
                        "text": {
                            "fr": (
                                "<p>Après approbation par notre équipe, l’inscription est "
                                "annulée et une note de crédit est émise. Un paiement par carte "
                                "est remboursé sur la même carte; autrement, le montant est "
                                "porté à votre crédit ou remboursé selon l’entente "
                                "convenue.</p>"
                            ),
                            "en": (
                                "<p>Once our team approves it, the registration is cancelled "
                                "and a credit note is issued. A card payment is refunded to the "
                                "same card; otherwise the amount is credited to your file or "
                                "refunded as agreed.</p>"
                            ),
                        },
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "kind": "important",
                "title": {
                    "fr": "Respectez la date limite d’annulation",
                    "en": "Mind the cancellation deadline",
                },
                "text": {
                    "fr": (
                        "<p>Chaque évènement a sa propre date limite d’annulation, affichée sur "
                        "sa page. Une fois cette date passée, le formulaire ne reçoit plus de "
                        "demande : vérifiez-la dès l’inscription et notez-la à votre "
                        "agenda.</p>"
                    ),
                    "en": (
                        "<p>Each event has its own cancellation deadline, shown on its page. "
                        "Once that date has passed, the form no longer takes requests: check "
                        "it when you register and put it in your calendar.</p>"
                    ),
                },
            },
        ),
        # --- Contact --------------------------------------------------------
        (
            "contact",
            {
                "title": {"fr": "Des questions?", "en": "Questions?"},
                "text": {
                    "fr": (
                        "<p>Pour obtenir un compte délégué, signaler un problème d’inscription "
                        "ou poser une question sur une facture, communiquez avec notre équipe. "
                        "Précisez le nom de l’évènement et celui des personnes concernées : "
                        "nous pourrons vous répondre plus vite.</p>"
                    ),
                    "en": (
                        "<p>To get a delegate account, report a registration problem or ask "
                        "about an invoice, contact our team. Mention the event and the names of "
                        "the people involved so we can answer you faster.</p>"
                    ),
                },
            },
        ),
        (
            "cta",
            {
                "label": {"fr": "Se connecter", "en": "Log in"},
                "action": "login",
                "text": {
                    "fr": "Accédez à votre compte délégué.",
                    "en": "Go to your delegate account.",
                },
            },
        ),
    ],
}

GUIDES = [PARTICIPANT_GUIDE, GROUP_REGISTRATION_GUIDE]
