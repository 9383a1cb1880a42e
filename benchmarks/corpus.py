"""A deterministic bilingual corpus for build benchmarks: posts, pages and teaching cases.

`generate(target, pairs)` writes `target/content/` in the layout of the shipped site:

    fr/*.md, en/*.md          post pairs (same Translation_key, own slugs) and ~10% singles
    fr/pages/, en/pages/      a welcome page and a training page (Template: training)
    cases/<id>/case.fr.md     teaching cases, most with case.en.md, some with a note or an exhibit

Every text is assembled from the word and sentence pools below (written for this file), with
one `random.Random` per file seeded from `seed` and the file's index: the same arguments
always give the same bytes, and 1000 pairs take a few seconds.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("fr", "en")
KINDS = ("point-of-view", "reading-notes", "testimony", "news", "agenda")
# Point of view is what this blog mostly publishes.
KIND_WEIGHTS = (5, 2, 2, 1, 1)
TOPICS = ("leadership", "kam", "partnerships")
FIRST_DAY = datetime.date(2015, 1, 5)
SPAN_DAYS = 3650  # ten years of posts
MARKER = ".b2b-benchmark-corpus"  # written beside content/: only such a folder is ever replaced

# --------------------------------------------------------------------------- word pools

AGENTS = {
    "fr": {
        "leadership": [
            "Le manager de proximité", "Une directrice commerciale", "Le responsable d'équipe",
            "Un nouveau manager", "Le comité de direction", "Chaque chef d'équipe",
            "La dirigeante d'une PME", "Un manager qui prend son poste",
        ],
        "kam": [
            "Le responsable grands comptes", "Le key account manager", "L'équipe compte",
            "Le directeur de compte", "Un fournisseur stratégique", "Chaque responsable de compte",
            "La directrice grands comptes", "Un chargé de compte expérimenté",
        ],
        "partnerships": [
            "Le responsable des alliances", "Chaque partenaire", "Le comité de pilotage de l'alliance",
            "Une start-up qui s'allie à un groupe", "Le partenaire technologique",
            "La direction des partenariats", "Un intégrateur", "Chacun des deux associés",
        ],
    },
    "en": {
        "leadership": [
            "The line manager", "A sales director", "The team leader", "A first-time manager",
            "The executive team", "Every team lead", "The head of a small firm",
            "A manager taking up a new post",
        ],
        "kam": [
            "The key account manager", "The account team", "The account director",
            "A strategic supplier", "Every account manager", "The head of key accounts",
            "An experienced account executive", "The sales team serving a strategic customer",
        ],
        "partnerships": [
            "The alliance manager", "Each partner", "The alliance steering committee",
            "A start-up allied with a large group", "The technology partner",
            "The partnerships team", "A system integrator", "Each of the two partners",
        ],
    },
}

AGENT_VERBS = {
    "fr": [
        "doit d'abord comprendre", "gagne à clarifier", "ne peut pas négliger",
        "prend le temps de préparer", "apprend peu à peu à partager", "finit toujours par revoir",
        "cherche à construire", "hésite souvent à remettre en cause", "a intérêt à documenter",
        "découvre parfois trop tard", "sous-estime souvent", "peut s'appuyer sur",
        "doit savoir expliquer", "gagne à rendre visible",
    ],
    "en": [
        "must first understand", "gains from clarifying", "cannot neglect", "takes time to prepare",
        "slowly learns to share", "always ends up revisiting", "tries to build",
        "often hesitates to question", "has every reason to write down", "sometimes discovers too late",
        "often underestimates", "can rely on", "must be able to explain", "gains from making visible",
    ],
}

THINGS = {
    "fr": [
        "Une relation durable", "La confiance", "Un bon plan de compte", "Une alliance solide",
        "La négociation annuelle", "Le partage de la valeur", "Une équipe soudée",
        "La gouvernance d'un partenariat", "Un client stratégique", "Le leadership d'un manager",
    ],
    "en": [
        "A lasting relationship", "Trust", "A good account plan", "A strong alliance",
        "The annual negotiation", "Sharing the value", "A close-knit team",
        "The governance of a partnership", "A strategic customer", "A manager's leadership",
    ],
}

THING_VERBS = {
    "fr": ["repose sur", "suppose", "exige", "demande", "passe par", "commence par",
           "se construit avec", "ne remplace pas", "rend visible", "protège"],
    "en": ["rests on", "assumes", "requires", "calls for", "goes through", "starts with",
           "is built with", "does not replace", "brings out", "protects"],
}

OBJECTS = {
    "fr": {
        "leadership": [
            "la confiance de son équipe", "un cadre de décision lisible", "le droit à l'erreur",
            "des entretiens individuels réguliers", "une vision partagée du métier",
            "la reconnaissance du travail accompli", "l'autonomie des collaborateurs",
            "un feedback honnête et précis", "la cohésion d'une équipe transverse",
            "le leadership de chacun", "l'esprit d'équipe",
        ],
        "kam": [
            "le plan de compte", "la cartographie des décideurs", "une revue d'affaires annuelle",
            "les attentes réelles du client stratégique", "la part de portefeuille",
            "le renouvellement du contrat-cadre", "les interlocuteurs de la direction des achats",
            "la croissance du compte", "les grands comptes les plus exigeants",
            "le centre de décision du client", "le portefeuille de comptes",
        ],
        "partnerships": [
            "une gouvernance claire de l'alliance", "le partage de la valeur créée",
            "un accord de partenariat équilibré", "la complémentarité des deux entreprises",
            "une offre conjointe crédible", "les règles de sortie de la coentreprise",
            "la confiance entre partenaires", "un comité de pilotage qui décide vraiment",
            "le co-développement avec un client", "une alliance stratégique",
            "le partenariat dans la durée",
        ],
        "general": [
            "le temps long", "les petits engagements tenus", "une écoute attentive",
            "des règles simples", "la mémoire de la relation", "les désaccords exprimés tôt",
            "une parole donnée et tenue",
        ],
    },
    "en": {
        "leadership": [
            "the trust of the team", "a clear way of making decisions", "the right to make mistakes",
            "regular one-on-one meetings", "a shared view of the job", "recognition of the work done",
            "the autonomy of team members", "honest and precise feedback",
            "the cohesion of a cross-functional team", "everyone's leadership", "team morale",
        ],
        "kam": [
            "the account plan", "the stakeholder map", "an annual business review",
            "what the strategic customer really expects", "the share of wallet",
            "the renewal of the framework contract", "the people in procurement", "account growth",
            "the most demanding key accounts", "the customer's buying centre", "the account portfolio",
        ],
        "partnerships": [
            "clear governance of the alliance", "sharing the value created",
            "a balanced partnership agreement", "how the two companies complement each other",
            "a credible joint offer", "the exit rules of the joint venture", "trust between partners",
            "a steering committee that really decides", "co-development with a customer",
            "a strategic alliance", "a partnership that lasts",
        ],
        "general": [
            "the long view", "small commitments kept", "careful listening", "simple rules",
            "the memory of the relationship", "disagreements voiced early", "a promise made and kept",
        ],
    },
}

TAILS = {
    "fr": ["", "", "", " avant la prochaine négociation", " d'une année sur l'autre",
           " sans attendre une crise", " dès les premières semaines", " au lieu de subir les événements",
           " même quand les chiffres sont bons", " avec le client plutôt que contre lui", " dans la durée",
           " à chaque étape du cycle de vente", " bien avant la signature"],
    "en": ["", "", "", " before the next negotiation", " from one year to the next",
           " without waiting for a crisis", " from the first weeks", " instead of being carried by events",
           " even when the figures look good", " with the customer rather than against them",
           " over the long run", " at every stage of the sales cycle", " well before signing"],
}

OPENERS = {
    "fr": ["", "", "", "", "Dans les faits, ", "Le plus souvent, ", "Au fond, ", "Sur le terrain, ",
           "Pourtant, ", "En réalité, ", "D'expérience, ", "Dans une PME comme dans un groupe, ",
           "Trop souvent, "],
    "en": ["", "", "", "", "In practice, ", "More often than not, ", "At heart, ", "In the field, ",
           "And yet ", "In reality, ", "In our experience, ", "In a small firm as in a large group, ",
           "Too often, "],
}

MAXIMS = {
    "fr": {
        "leadership": [
            "Diriger sans autorité hiérarchique oblige à convaincre plutôt qu'à ordonner.",
            "Un manager qui écoute apprend plus vite que celui qui parle.",
            "Personne ne s'engage durablement pour un projet dont il ne comprend pas le sens.",
            "Le leadership se voit surtout dans les semaines difficiles.",
            "Déléguer, ce n'est pas disparaître : c'est rester disponible sans tout reprendre.",
            "Une équipe pardonne une erreur reconnue, rarement une erreur cachée.",
        ],
        "kam": [
            "Un grand compte se sert avec toute l'entreprise, pas avec un seul service.",
            "Le meilleur plan de compte est celui que l'équipe relit vraiment.",
            "Les chiffres disent où en est le compte ; les conversations disent où il va.",
            "Perdre un client stratégique laisse rarement une seule cause.",
            "Les achats ne sont pas un obstacle : ils sont un interlocuteur à part entière.",
            "Un key account manager qui ne connaît que ses acheteurs ne connaît pas son compte.",
        ],
        "partnerships": [
            "Une alliance qui ne prévoit pas sa sortie prépare souvent un divorce coûteux.",
            "Un partenariat se juge moins à sa signature qu'à sa troisième année.",
            "La complémentarité se prouve sur un premier projet commun, pas dans une présentation.",
            "Deux partenaires n'ont jamais exactement les mêmes intérêts, et c'est normal.",
            "Une coentreprise sans arbitre finit par arbitrer au tribunal.",
            "Le partage de la valeur se discute avant qu'il y ait de la valeur à partager.",
        ],
    },
    "en": {
        "leadership": [
            "Leading without formal authority means persuading rather than ordering.",
            "A manager who listens learns faster than one who talks.",
            "Nobody commits for long to a project whose purpose they do not understand.",
            "Leadership shows most clearly in the difficult weeks.",
            "Delegating is not disappearing: it is staying available without taking everything back.",
            "A team forgives a mistake owned up to, rarely one that was hidden.",
        ],
        "kam": [
            "A key account is served by the whole company, not by a single department.",
            "The best account plan is the one the team actually rereads.",
            "Figures tell you where the account stands; conversations tell you where it is going.",
            "Losing a strategic customer rarely has a single cause.",
            "Procurement is not an obstacle: it is a counterpart in its own right.",
            "A key account manager who only knows the buyers does not know the account.",
        ],
        "partnerships": [
            "An alliance that does not plan its exit often prepares a costly divorce.",
            "A partnership is judged less by its signing than by its third year.",
            "Complementarity is proven on a first joint project, not in a slide deck.",
            "Two partners never have exactly the same interests, and that is normal.",
            "A joint venture with no referee ends up being refereed in court.",
            "Sharing the value is discussed before there is any value to share.",
        ],
    },
}

HEADINGS = {
    "fr": {
        "leadership": ["Diriger une équipe qui ne vous rend pas compte", "Le poids de l'exemple",
                       "Déléguer sans disparaître", "Ce que l'équipe attend de son manager",
                       "Donner du sens au quotidien", "La confiance, une affaire de petits gestes"],
        "kam": ["Ce que le plan de compte ne dit pas", "Cartographier les décideurs",
                "Le rôle des achats", "Quand le premier client pèse trop lourd",
                "Préparer la revue d'affaires", "Choisir les comptes qu'on sert vraiment"],
        "partnerships": ["Gouverner une alliance", "Partager la valeur", "Prévoir la sortie",
                         "Choisir ses partenaires", "Du client au partenaire", "Le comité de pilotage"],
        "general": ["Un exemple ordinaire", "Ce qui change vraiment", "Trois questions à se poser",
                    "Les limites de l'exercice", "Par où commencer", "Ce que l'on oublie souvent",
                    "Pour aller plus loin"],
    },
    "en": {
        "leadership": ["Leading a team that does not report to you", "The weight of example",
                       "Delegating without disappearing", "What the team expects of its manager",
                       "Giving meaning to everyday work", "Trust is made of small gestures"],
        "kam": ["What the account plan does not say", "Mapping the decision-makers",
                "The role of procurement", "When the largest customer weighs too much",
                "Preparing the business review", "Choosing the accounts you really serve"],
        "partnerships": ["Governing an alliance", "Sharing the value", "Planning the exit",
                         "Choosing partners", "From customer to partner", "The steering committee"],
        "general": ["An ordinary example", "What really changes", "Three questions to ask",
                    "The limits of the exercise", "Where to start", "What is often forgotten",
                    "Going further"],
    },
}

LIST_ITEMS = {
    "fr": {
        "leadership": ["fixer un cap compréhensible par tous", "tenir un entretien individuel chaque mois",
                       "reconnaître publiquement les contributions", "dire ce qui est décidé et par qui",
                       "laisser l'équipe proposer avant de trancher", "protéger le temps de réflexion",
                       "accepter le désaccord en réunion", "raconter les erreurs et ce qu'elles ont appris"],
        "kam": ["identifier les trois décideurs qui comptent vraiment",
                "mettre à jour le plan de compte chaque trimestre",
                "préparer la revue d'affaires avec l'équipe compte", "mesurer la part de portefeuille",
                "rencontrer la direction des achats hors négociation", "suivre les engagements pris de part et d'autre",
                "repérer les zones blanches du compte", "associer le sponsor exécutif aux décisions"],
        "partnerships": ["écrire ensemble les objectifs de l'alliance", "nommer un responsable de chaque côté",
                         "prévoir un comité de pilotage trimestriel", "fixer les règles de partage des revenus",
                         "décider à l'avance des conditions de sortie",
                         "tester la complémentarité sur un projet pilote",
                         "protéger les données de chacun", "mesurer la valeur créée pour les clients communs"],
    },
    "en": {
        "leadership": ["set a direction everyone can understand", "hold a one-on-one every month",
                       "recognise contributions in public", "say what was decided and by whom",
                       "let the team propose before you decide", "protect time for thinking",
                       "welcome disagreement in meetings", "tell the story of mistakes and what they taught"],
        "kam": ["identify the three decision-makers who really matter", "update the account plan every quarter",
                "prepare the business review with the account team", "measure the share of wallet",
                "meet procurement outside of negotiations", "track the commitments made on both sides",
                "spot the white space in the account", "involve the executive sponsor in decisions"],
        "partnerships": ["write the goals of the alliance together", "name an owner on each side",
                         "hold a quarterly steering committee", "agree the revenue sharing rules",
                         "decide the exit conditions in advance", "test complementarity on a pilot project",
                         "protect each party's data", "measure the value created for joint customers"],
    },
}

QUOTES = {
    "fr": [
        ("Nous avions tous les chiffres du compte, mais personne ne savait qui décidait vraiment chez le client.",
         "une responsable grands comptes, secteur de l'emballage"),
        ("Le jour où nous avons écrit la clause de sortie, nous avons enfin parlé franchement.",
         "le directeur d'une start-up, à propos de sa coentreprise"),
        ("Mon équipe ne me rend pas compte, et pourtant c'est elle qui fait le résultat.",
         "un key account manager dans l'industrie"),
        ("Le plan de compte a cessé d'être un rapport le jour où le client l'a relu avec nous.",
         "une directrice commerciale, services aux entreprises"),
        ("Un partenaire, c'est quelqu'un avec qui l'on accepte de ne pas être d'accord.",
         "une responsable des alliances dans le logiciel"),
    ],
    "en": [
        ("We had every figure about the account, but nobody knew who really decided at the customer.",
         "a head of key accounts, packaging industry"),
        ("The day we wrote the exit clause was the day we finally spoke frankly.",
         "a start-up founder, about a joint venture"),
        ("My team does not report to me, and yet the results are theirs.",
         "a key account manager in manufacturing"),
        ("The account plan stopped being a report the day the customer reviewed it with us.",
         "a sales director, business services"),
        ("A partner is someone you agree to disagree with.",
         "an alliance manager in software"),
    ],
}

LINK_SENTENCES = {
    "fr": ["Nous en parlions déjà dans [{title}]({link}).", "Sur ce point, voir aussi [{title}]({link}).",
           "Le billet [{title}]({link}) développe cette idée.",
           "Un cas voisin est raconté dans [{title}]({link})."],
    "en": ["We touched on this in [{title}]({link}).", "On this point, see also [{title}]({link}).",
           "The post [{title}]({link}) develops this idea.",
           "A similar case is told in [{title}]({link})."],
}

TITLE_HEADS = {
    "fr": {
        "leadership": ["Diriger une équipe compte", "Le manager face au doute", "La confiance se construit lentement",
                       "Déléguer sans disparaître", "Le leadership discret", "Fédérer une équipe transverse",
                       "Donner du sens au travail commercial", "Le droit à l'erreur en équipe"],
        "kam": ["Le plan de compte, outil de dialogue", "Cartographier les décideurs", "La revue d'affaires annuelle",
                "Quand le premier client pèse trop lourd", "Le key account manager et les achats",
                "Choisir les grands comptes qu'on sert", "Renouveler un contrat-cadre", "La part de portefeuille"],
        "partnerships": ["Gouverner une alliance", "Le partenariat à l'épreuve du temps", "Réussir une coentreprise",
                         "Partager la valeur entre alliés", "Choisir ses partenaires technologiques",
                         "Le co-développement avec un client", "Prévoir la sortie d'une alliance",
                         "Quand deux PME s'allient"],
    },
    "en": {
        "leadership": ["Leading an account team", "The manager facing doubt", "Trust is built slowly",
                       "Delegating without disappearing", "Quiet leadership",
                       "Bringing a cross-functional team together",
                       "Giving meaning to sales work", "The right to make mistakes in a team"],
        "kam": ["The account plan as a tool for dialogue", "Mapping the decision-makers", "The annual business review",
                "When the largest customer weighs too much", "The key account manager and procurement",
                "Choosing the key accounts you serve", "Renewing a framework contract", "Share of wallet"],
        "partnerships": ["Governing an alliance", "Partnerships over time", "Making a joint venture work",
                         "Sharing value between allies", "Choosing technology partners",
                         "Co-development with a customer", "Planning the exit of an alliance",
                         "When two small firms join forces"],
    },
}

TITLE_TAILS = {
    "fr": ["", "", " : ce que disent les faits", " : trois leçons", ", dix ans après", " : notes de terrain",
           " dans une PME industrielle", " en période de crise", " : retour d'expérience"],
    "en": ["", "", ": what the facts say", ": three lessons", ", ten years on", ": field notes",
           " in an industrial SME", " in times of crisis", ": lessons learned"],
}

KIND_TITLES = {
    "fr": {"reading-notes": "Notes de lecture : {head}", "testimony": "Témoignage : {head}",
           "agenda": "Atelier à {city} : {head}", "news": "{head}", "point-of-view": "{head}{tail}"},
    "en": {"reading-notes": "Reading notes: {head}", "testimony": "Testimony: {head}",
           "agenda": "Workshop in {city}: {head}", "news": "{head}", "point-of-view": "{head}{tail}"},
}

KIND_OPENINGS = {
    "fr": {
        "reading-notes": "Ce livre consacré à {object} mérite une lecture attentive, crayon en main.",
        "testimony": ("{name} est {role} dans une entreprise de {sector}. "
                      "Elle nous raconte ici ce qu'elle a appris sur {object}."),
        "agenda": ("Le {day}, nous organisons à {city} une journée d'atelier consacrée à {object}, "
                   "pour douze participants."),
        "news": "Cette année encore, nous avons beaucoup travaillé sur {object}, et voici ce que nous en retenons.",
        "point-of-view": "On parle beaucoup de {object}, et souvent trop vite.",
    },
    "en": {
        "reading-notes": "This book about {object} deserves a careful reading, pencil in hand.",
        "testimony": ("{name} is {role} at a company in {sector}. "
                      "Here she tells us what she has learned about {object}."),
        "agenda": "On {day}, we are holding a one-day workshop in {city} on {object}, for twelve participants.",
        "news": "Once again this year, we worked a great deal on {object}, and here is what we take from it.",
        "point-of-view": "There is a lot of talk about {object}, often too hasty.",
    },
}

NAMES = ["Claire", "Nadia", "Sophie", "Inès", "Camille", "Léa", "Hélène", "Amina", "Julie", "Marion"]
SURNAMES = ["Durand", "Berrada", "Marchetti", "Lefèvre", "Roussel", "Haddad", "Morel", "Garnier", "Benali", "Faure"]
ROLES = {"fr": ["responsable grands comptes", "directrice commerciale", "responsable des alliances",
                "key account manager", "directrice générale"],
         "en": ["head of key accounts", "sales director", "alliance manager", "key account manager",
                "chief executive"]}
SECTORS = {"fr": ["l'emballage", "la chimie", "le logiciel", "la logistique", "l'agroalimentaire",
                  "les services industriels", "la santé", "le bâtiment"],
           "en": ["packaging", "chemicals", "software", "logistics", "food processing",
                  "industrial services", "healthcare", "construction"]}
CITIES = ["Paris", "Lyon", "Nantes", "Lille", "Bordeaux", "Toulouse", "Strasbourg", "Rennes"]
MONTHS = {"fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}

TAGS = {
    "fr": {"leadership": ["leadership", "management", "équipe", "confiance", "délégation"],
           "kam": ["grands comptes", "plan de compte", "achats", "key account management", "négociation"],
           "partnerships": ["partenariat", "alliance", "coentreprise", "co-développement", "gouvernance"]},
    "en": {"leadership": ["leadership", "management", "team", "trust", "delegation"],
           "kam": ["key accounts", "account plan", "procurement", "key account management", "negotiation"],
           "partnerships": ["partnership", "alliance", "joint venture", "co-development", "governance"]},
}

TABLE_ROWS = {
    "fr": ["Chiffre d'affaires du compte (k€)", "Interlocuteurs suivis", "Part de portefeuille (%)",
           "Projets communs en cours", "Réunions de pilotage", "Effectif de l'équipe compte"],
    "en": ["Account revenue (k€)", "Contacts followed", "Share of wallet (%)", "Joint projects under way",
           "Steering meetings", "Account team headcount"],
}
TABLE_CAPTION = {"fr": "**Tableau {n} – {what}**", "en": "**Table {n} – {what}**"}
TABLE_WHAT = {"fr": "quelques indicateurs du compte", "en": "a few account indicators"}

SUMMARY = {
    "fr": "{maxim} Un regard sur {object}, à partir de situations vécues.",
    "en": "{maxim} A look at {object}, drawn from real situations.",
}

# ------------------------------------------------------------------------- case pools

COMPANY_FIRST = ["Verrerie", "Transports", "Laboratoires", "Ateliers", "Groupe", "Fonderie", "Biscuiterie",
                 "Imprimerie", "Tissages", "Logiciels"]
COMPANY_LAST = ["Almand", "Kerval", "Brévaline", "Orvane", "Septentrion", "Morvan", "Dorsel", "Castelroc",
                "Lunéa", "Ardanne", "Valmont", "Sillon"]
INDUSTRIES = {
    "fr": ["Emballage en verre pour la cosmétique", "Transport frigorifique", "Ingrédients pour l'agroalimentaire",
           "Logiciel de gestion pour les collectivités", "Services de maintenance industrielle",
           "Fonderie d'aluminium pour l'automobile", "Impression d'étiquettes"],
    "en": ["Glass packaging for cosmetics", "Refrigerated transport", "Food ingredients",
           "Management software for local authorities", "Industrial maintenance services",
           "Aluminium foundry for the car industry", "Label printing"],
}
AUDIENCES = {
    "fr": ["Étudiants de master, responsables commerciaux, dirigeants de PME",
           "Étudiants de master et de MBA, responsables partenariats",
           "Managers commerciaux, participants à des programmes de leadership"],
    "en": ["Master's students, sales managers, SME executives",
           "Master's and MBA students, partnership managers",
           "Sales managers, participants in leadership programmes"],
}
LEVELS = ("introductory", "intermediate", "advanced")
OBJECTIVES = {
    "fr": [
        "Analyser les intérêts et les positions de chaque partie dans la négociation.",
        "Évaluer les conditions et les risques d'un programme de gestion des grands comptes.",
        "Diagnostiquer ce qu'un client stratégique attend d'un fournisseur au-delà du prix.",
        "Construire une grille de sélection des comptes à partir de données de portefeuille.",
        "Anticiper les effets d'une réorganisation sur l'équipe et sur les clients.",
        "Repérer les conflits d'intérêts entre partenaires et imaginer des mécanismes pour les contenir.",
        "Hiérarchiser les premières décisions d'un manager et mesurer leur valeur de signal.",
        "Comparer plusieurs formes d'alliance et leurs règles de gouvernance.",
    ],
    "en": [
        "Analyse each party's interests and positions in the negotiation.",
        "Assess the conditions and risks of a key account management programme.",
        "Diagnose what a strategic customer expects from a supplier beyond price.",
        "Build a grid for selecting accounts from portfolio data.",
        "Anticipate the effects of a reorganisation on the team and on customers.",
        "Identify conflicts of interest between partners and design mechanisms to contain them.",
        "Rank a manager's first decisions and weigh the signal each one sends.",
        "Compare several forms of alliance and their governance rules.",
    ],
}
CASE_SECTIONS = {
    "fr": ["{company}", "Le compte en question", "Une équipe sous tension", "Les options sur la table",
           "Ce que pense le client", "La décision"],
    "en": ["{company}", "The account in question", "A team under strain", "The options on the table",
           "What the customer thinks", "The decision"],
}
CASE_NARRATIVE = {
    "fr": [
        "{name} relut une dernière fois les chiffres du trimestre.",
        "{company} réalisait alors {revenue} millions d'euros de chiffre d'affaires avec {staff} salariés.",
        "Le conseil d'administration devait se réunir le {day} ; {name} y présenterait sa recommandation.",
        "Le premier client de {company} représentait à lui seul {share} % des ventes.",
        "Dans l'équipe, chacun avait son avis, et personne ne voulait le dire le premier.",
        "{name} savait qu'une mauvaise décision coûterait plus cher qu'une décision tardive.",
        "Le directeur commercial, en poste depuis quinze ans, défendait l'organisation existante.",
    ],
    "en": [
        "{name} reread the quarter's figures one last time.",
        "{company} then had revenue of {revenue} million euros and {staff} employees.",
        "The board was due to meet on {day}; {name} would present her recommendation there.",
        "{company}'s largest customer alone accounted for {share}% of sales.",
        "Everyone in the team had an opinion, and nobody wanted to voice it first.",
        "{name} knew that a wrong decision would cost more than a late one.",
        "The sales director, in post for fifteen years, defended the existing organisation.",
    ],
}
CASE_TITLES = {
    "fr": ["{company} : faut-il s'organiser autour des grands comptes ?",
           "{company} : une alliance à négocier", "{company} : reprendre une équipe qui doute",
           "{company} et son premier client"],
    "en": ["{company}: should it organise around key accounts?", "{company}: an alliance to negotiate",
           "{company}: taking over a team in doubt", "{company} and its largest customer"],
}


# ------------------------------------------------------------------------------ model


@dataclass
class Post:
    """One post's header values; `index` orders the corpus, `lang` is its folder."""

    index: int
    lang: str
    slug: str
    title: str
    key: str
    kind: str
    topic: str
    date: datetime.datetime
    paired: bool
    city: str

    @property
    def relpath(self) -> str:
        return f"{self.lang}/{self.slug}.md"


@dataclass
class Corpus:
    """What `generate` wrote, with counts for tests and reports."""

    root: Path  # the content folder
    pairs: int
    singles: int
    cases: int
    case_editions: int
    posts: list[Post] = field(default_factory=list)

    @property
    def post_files(self) -> int:
        return len(self.posts)

    def french_paired(self) -> list[Path]:
        """French post files that have an English translation, in corpus order."""
        return [self.root / post.relpath for post in self.posts if post.lang == "fr" and post.paired]


# -------------------------------------------------------------------------- writing


def slugify(text: str, limit: int = 60) -> str:
    """ASCII, lower-case, hyphenated; cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[0].upper() + text[1:]


def _object(rng: random.Random, lang: str, topic: str) -> str:
    pool = OBJECTS[lang][topic] if rng.random() < 0.75 else OBJECTS[lang]["general"]
    return rng.choice(pool)


def _sentence(rng: random.Random, lang: str, topic: str) -> str:
    """One sentence on `topic`: agent + verb + object, thing + verb + object, or a maxim."""
    shape = rng.random()
    if shape < 0.12:
        other = topic if rng.random() < 0.8 else rng.choice(TOPICS)
        return rng.choice(MAXIMS[lang][other])
    opener = rng.choice(OPENERS[lang])
    if shape < 0.65:
        subject = rng.choice(AGENTS[lang][topic] if rng.random() < 0.8 else AGENTS[lang][rng.choice(TOPICS)])
        verb = rng.choice(AGENT_VERBS[lang])
    else:
        subject, verb = rng.choice(THINGS[lang]), rng.choice(THING_VERBS[lang])
    if opener:
        subject = _lower_first(subject)
    text = f"{opener}{subject} {verb} {_object(rng, lang, topic)}{rng.choice(TAILS[lang])}."
    return _upper_first(text)


def _paragraph(rng: random.Random, lang: str, topic: str, first: str = "") -> str:
    sentences = [first] if first else []
    sentences += [_sentence(rng, lang, topic) for _ in range(rng.randint(3, 6))]
    return " ".join(sentences)


def _bullets(rng: random.Random, lang: str, topic: str) -> str:
    items = rng.sample(LIST_ITEMS[lang][topic], rng.randint(3, 5))
    if lang == "fr":
        return "\n".join(f"- {item}{' ;' if n < len(items) - 1 else '.'}" for n, item in enumerate(items))
    return "\n".join(f"- {_upper_first(item)}." for item in items)


def _quote(rng: random.Random, lang: str) -> str:
    text, who = rng.choice(QUOTES[lang])
    quoted = f"« {text} »" if lang == "fr" else f"“{text}”"
    return f"> {quoted}\n>\n> — {who}"


def _table(rng: random.Random, lang: str, number: int) -> str:
    first = rng.randint(2015, 2021)
    years = [str(first + n) for n in range(rng.randint(3, 4))]
    rows = rng.sample(TABLE_ROWS[lang], 3)
    lines = [TABLE_CAPTION[lang].format(n=number, what=TABLE_WHAT[lang]), "",
             "| | " + " | ".join(years) + " |", "|---" * (len(years) + 1) + "|"]
    for row in rows:
        values = [str(rng.randint(5, 60) if "%" in row else rng.randint(3, 950)) for _ in years]
        lines.append(f"| {row} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def _words(text: str) -> int:
    return len(text.split())


def _post_body(post: Post, plan: random.Random, rng: random.Random, targets: list[Post]) -> str:
    """The Markdown body: opening, ## sections with lists, quotes, links and maybe a table."""
    lang, topic = post.lang, post.topic
    # The plan (shared by both languages of a pair) fixes the structure; rng words it.
    goal = plan.randint(380, 780)  # sections overshoot: bodies come out at about 400-950 words
    with_table = plan.random() < 0.17
    name = f"{plan.choice(NAMES)} {plan.choice(SURNAMES)}"
    role_index, sector_index = plan.randrange(len(ROLES[lang])), plan.randrange(len(SECTORS[lang]))
    when = post.date.date() + datetime.timedelta(days=plan.randint(20, 60))
    day = (f"{when.day} {MONTHS['fr'][when.month - 1]} {when.year}" if lang == "fr"
           else f"{when.day} {MONTHS['en'][when.month - 1]} {when.year}")
    opening = KIND_OPENINGS[lang][post.kind].format(
        object=_object(rng, lang, topic), name=name, role=ROLES[lang][role_index],
        sector=SECTORS[lang][sector_index], city=post.city, day=day)
    blocks = [_paragraph(rng, lang, topic, opening), _paragraph(rng, lang, topic)]
    total = sum(_words(block) for block in blocks)
    headings = HEADINGS[lang][topic] + HEADINGS[lang]["general"]
    order = plan.sample(range(len(headings)), len(headings))
    links = list(targets)
    section = 0
    while total < goal and section < len(order):
        parts = [f"## {headings[order[section]]}", _paragraph(rng, lang, topic)]
        extra = plan.random()
        if extra < 0.35:
            parts.append(_bullets(rng, lang, topic))
        elif extra < 0.55:
            parts.append(_quote(rng, lang))
        if links and plan.random() < 0.6:
            target = links.pop(0)
            link = rng.choice(LINK_SENTENCES[lang]).format(title=target.title, link="{filename}/" + target.relpath)
            parts.append(_paragraph(rng, lang, topic, link))
        else:
            parts.append(_paragraph(rng, lang, topic))
        if with_table and section == 1:
            parts.append(_table(rng, lang, 1))
        blocks += parts
        total += sum(_words(part) for part in parts)
        section += 1
    while total < goal:  # every heading used: finish with plain paragraphs
        blocks.append(_paragraph(rng, lang, topic))
        total += _words(blocks[-1])
    return "\n\n".join(blocks) + "\n"


def _tags(rng: random.Random, lang: str, topic: str) -> str:
    pool = TAGS[lang][topic]
    extra = TAGS[lang][rng.choice(TOPICS)]
    chosen = list(dict.fromkeys([*rng.sample(pool, 2), rng.choice(extra)]))
    return ", ".join(chosen)


def _post_text(post: Post, seed: int, targets: list[Post]) -> str:
    plan = random.Random(f"{seed}:plan:{post.key}")
    rng = random.Random(f"{seed}:text:{post.key}:{post.lang}")
    summary = SUMMARY[post.lang].format(
        maxim=rng.choice(MAXIMS[post.lang][post.topic]), object=_object(rng, post.lang, post.topic))
    header = "\n".join([
        f"Title: {post.title}",
        f"Date: {post.date:%Y-%m-%d %H:%M}",
        f"Slug: {post.slug}",
        f"Translation_key: {post.key}",
        f"Kind: {post.kind}",
        f"Tags: {_tags(rng, post.lang, post.topic)}",
        f"Summary: {summary}",
    ])
    return f"{header}\n\n{_post_body(post, plan, rng, targets)}"


def _title(lang: str, kind: str, topic: str, head: int, tail: int, city: str) -> str:
    words = TITLE_HEADS[lang][topic][head]
    if lang == "fr" and kind in ("reading-notes", "testimony", "agenda"):
        words = _lower_first(words)  # French goes on in lower case after "Témoignage :"
    return KIND_TITLES[lang][kind].format(head=words, tail=TITLE_TAILS[lang][tail], city=city)


def _plan_posts(pairs: int, singles: int, seed: int) -> list[Post]:
    """Headers of every post: pairs first (both languages), then singles."""
    posts: list[Post] = []
    for index in range(pairs + singles):
        plan = random.Random(f"{seed}:post:{index}")
        kind = plan.choices(KINDS, KIND_WEIGHTS)[0]
        topic = plan.choice(TOPICS)
        head = plan.randrange(len(TITLE_HEADS["fr"][topic]))
        tail = plan.randrange(len(TITLE_TAILS["fr"]))
        city = plan.choice(CITIES)
        day = FIRST_DAY + datetime.timedelta(days=plan.randrange(SPAN_DAYS))
        date = datetime.datetime.combine(day, datetime.time(plan.choice((8, 9, 9, 10, 14, 18)), 0))
        paired = index < pairs
        # Singles: two in three in French, the main language.
        languages = LANGS if paired else (("fr",) if (index - pairs) % 3 != 2 else ("en",))
        titles = {lang: _title(lang, kind, topic, head, tail, city) for lang in LANGS}
        key = f"{slugify(titles['en'], 48)}-{index:05d}"
        for lang in languages:
            slug = f"{slugify(titles[lang], 48)}-{index:05d}"
            posts.append(Post(index, lang, slug, titles[lang], key, kind, topic, date, paired, city))
    return posts


PAGES = {
    "fr": [
        ("bienvenue", "Bienvenue", "welcome", None,
         "Un blog lent sur les relations entre organisations : leadership, grands comptes et partenariats.",
         ["Bienvenue sur ce blog. Nous y publions peu, mais chaque billet est écrit pour durer.",
          "## Ce que vous trouverez ici",
          "Des points de vue, des notes de lecture, des témoignages et l'annonce de nos ateliers."]),
        ("formation", "Formation", "training", "training",
         "Ateliers, programmes en entreprise et cas pédagogiques pour apprendre la relation BtoB.",
         ["Ce blog est né d'une pratique de formation, et il continue de l'accompagner.",
          "## Se former comme participant",
          "Nos ateliers réunissent une douzaine de personnes autour de situations réelles.",
          "## Enseigner avec nos cas",
          "Les formateurs trouveront ci-dessous nos cas pédagogiques, en PDF et en archive."]),
    ],
    "en": [
        ("welcome", "Welcome", "welcome", None,
         "A slow blog about relationships between organisations: leadership, key accounts and partnerships.",
         ["Welcome to this blog. We publish little, but every post is written to last.",
          "## What you will find here",
          "Points of view, reading notes, testimonies and the announcement of our workshops."]),
        ("training", "Training", "training", "training",
         "Workshops, in-company programmes and teaching cases for learning B2B relationships.",
         ["This blog grew out of our training work, and the two still go hand in hand.",
          "## Taking part as a participant",
          "Our workshops bring together a dozen people around real situations.",
          "## Teaching with our cases",
          "Trainers will find our teaching cases below, as PDFs and bundles."]),
    ],
}


def _write_pages(root: Path, seed: int) -> None:
    for lang, pages in PAGES.items():
        folder = root / lang / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        for slug, title, key, template, summary, lines in pages:
            rng = random.Random(f"{seed}:page:{slug}")
            header = [f"Title: {title}", f"Slug: {slug}", f"Translation_key: {key}"]
            if template:
                header.append(f"Template: {template}")
            header.append(f"Summary: {summary}")
            body = [line if line.startswith("##") else f"{line} {_paragraph(rng, lang, rng.choice(TOPICS))}"
                    for line in lines]
            _write(folder / f"{slug}.md", "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n")


def _case_text(lang: str, number: int, rng: random.Random, facts: dict) -> str:
    """One edition of a case: the header of the shipped cases, then ~1000 words of narrative."""
    company, name = facts["company"], facts["name"]
    topics = facts["topics"]
    day = facts["board_day"]
    board = (f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}")
    values = {"company": company, "name": name, "revenue": facts["revenue"], "staff": facts["staff"],
              "share": facts["share"], "day": board}
    objectives = [OBJECTIVES[lang][n] for n in facts["objectives"]]
    header = [
        f"Title: {CASE_TITLES[lang][facts['title']].format(company=company)}",
        f"Lang: {lang}",
        f"Authors: {facts['authors']}",
        f"Abstract: {_paragraph(rng, lang, topics[0], CASE_NARRATIVE[lang][3].format(**values))}",
        f"Objectives: {objectives[0]}",
        *[f"    {line}" for line in objectives[1:]],
        f"Topics: {', '.join(topics)}",
        f"Industry: {INDUSTRIES[lang][facts['industry']]}",
        "Country: France",
        f"Year: {facts['year']}",
        f"Audience: {AUDIENCES[lang][facts['audience']]}",
        f"Level: {facts['level']}",
        f"Date: {facts['date']:%Y-%m-%d}",
        f"Reference: RB-{facts['date'].year}-{number:03d}-{lang.upper()}",
        "Licence: CC BY-NC-SA 4.0",
    ]
    if facts["exhibit"]:
        label = "Annexe 1 - Portefeuille des comptes" if lang == "fr" else "Exhibit 1 - Account portfolio"
        header.append(f"Exhibits: exhibits/account-portfolio.csv | {label}")
    if facts["note"]:
        header += [f"Teaching_note: notes/teaching-note.{facts['note_lang']}.md",
                   f"Teaching_note_access: {facts['note']}"]
    narrative = [line.format(**values) for line in CASE_NARRATIVE[lang]]
    blocks = [" ".join(rng.sample(narrative, 3)) + " " + _paragraph(rng, lang, topics[0])]
    total = _words(blocks[0])
    for n, heading in enumerate(CASE_SECTIONS[lang]):
        if total >= facts["words"]:
            break
        topic = topics[n % len(topics)]
        parts = [f"## {heading.format(company=company)}",
                 _paragraph(rng, lang, topic, rng.choice(narrative)), _paragraph(rng, lang, topic)]
        if n == 0:
            parts.append(_table(rng, lang, 1))
        elif n == 2:
            parts.append(_quote(rng, lang))
        elif n == 3:
            parts.append(_bullets(rng, lang, topic))
        parts.append(_paragraph(rng, lang, topic, rng.choice(narrative)))
        blocks += parts
        total += sum(_words(part) for part in parts)
    while total < facts["words"]:
        blocks.append(_paragraph(rng, lang, rng.choice(topics), rng.choice(narrative)))
        total += _words(blocks[-1])
    return "\n".join(header) + "\n\n" + "\n\n".join(blocks) + "\n"


def _write_cases(root: Path, cases: int, seed: int) -> int:
    """Write `cases` case folders; return how many editions were written."""
    editions = 0
    for number in range(1, cases + 1):
        plan = random.Random(f"{seed}:case:{number}")
        company = f"{plan.choice(COMPANY_FIRST)} {plan.choice(COMPANY_LAST)}"
        case_id = f"{slugify(company, 40)}-{number:03d}"
        date = FIRST_DAY + datetime.timedelta(days=plan.randrange(SPAN_DAYS))
        authors = "; ".join(f"{plan.choice(NAMES)} {plan.choice(SURNAMES)}" for _ in range(plan.randint(1, 2)))
        note = plan.choice((None, None, "restricted", "public"))
        facts = {
            "company": company, "name": f"{plan.choice(NAMES)} {plan.choice(SURNAMES)}",
            "topics": plan.sample(TOPICS, plan.randint(1, 2)), "title": plan.randrange(len(CASE_TITLES["fr"])),
            "industry": plan.randrange(len(INDUSTRIES["fr"])), "audience": plan.randrange(len(AUDIENCES["fr"])),
            "level": plan.choice(LEVELS), "date": date, "year": date.year - plan.randint(0, 1),
            "authors": authors, "revenue": plan.randint(12, 180), "staff": plan.randint(40, 900),
            "share": plan.randint(12, 45), "board_day": date - datetime.timedelta(days=plan.randint(30, 120)),
            "words": plan.randint(900, 1150), "objectives": plan.sample(range(len(OBJECTIVES["fr"])), 4),
            "exhibit": plan.random() < 0.3, "note": note, "note_lang": "fr",
        }
        languages = ("fr", "en") if plan.random() < 0.8 else ("fr",)
        folder = root / "cases" / case_id
        for lang in languages:
            rng = random.Random(f"{seed}:case:{number}:{lang}")
            _write(folder / f"case.{lang}.md", _case_text(lang, number, rng, facts))
            editions += 1
        if facts["exhibit"]:
            rows = ["account,revenue_2023,revenue_2024,share_of_wallet"]
            rows += [f"{plan.choice(COMPANY_LAST)} {n},{plan.randint(100, 9000)},{plan.randint(100, 9000)},"
                     f"{plan.randint(5, 80)}" for n in range(1, 16)]
            _write(folder / "exhibits" / "account-portfolio.csv", "\n".join(rows) + "\n")
        if note:
            rng = random.Random(f"{seed}:case:{number}:note")
            text = ("# Note pédagogique\n\n" + "\n\n".join(
                _paragraph(rng, "fr", facts["topics"][0]) for _ in range(4)))
            _write(folder / "notes" / "teaching-note.fr.md", text + "\n")
    return editions


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def generate(target: Path, pairs: int, singles_ratio: float = 0.1, cases: int = 20, seed: int = 0) -> Corpus:
    """Write a corpus into `target/content` (replacing one this function wrote before)."""
    target = Path(target)
    content = target / "content"
    if content.exists():
        if not (target / MARKER).exists():
            raise FileExistsError(f"{content} exists and was not written by benchmarks.corpus; "
                                  "choose an empty target")
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (target / MARKER).write_text("generated by benchmarks/corpus.py\n", encoding="utf-8")
    singles = round(pairs * singles_ratio)
    posts = _plan_posts(pairs, singles, seed)
    paired = {lang: [post for post in posts if post.paired and post.lang == lang] for lang in LANGS}
    for post in posts:
        # Links go to earlier posts that exist in both languages, so they resolve in every subsite.
        earlier = paired[post.lang][: min(post.index, pairs)]
        picker = random.Random(f"{seed}:links:{post.key}")
        targets = picker.sample(earlier, min(len(earlier), picker.randint(1, 3))) if earlier else []
        _write(content / post.relpath, _post_text(post, seed, targets))
    _write_pages(content, seed)
    editions = _write_cases(content, cases, seed)
    return Corpus(content, pairs, singles, cases, editions, posts)


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.corpus TARGET --pairs N`: write a corpus and print its counts."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--singles-ratio", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    corpus = generate(args.target, args.pairs, args.singles_ratio, args.cases, args.seed)
    print(f"{corpus.root}: {corpus.pairs} pairs, {corpus.singles} singles, {corpus.post_files} post files, "
          f"{corpus.cases} cases ({corpus.case_editions} editions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
