"""The topic vocabulary (default of the ``B2B_TOPICS`` setting) and its validation."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# Weights: 3 = a phrase that on its own says what the text is about; 2 = clearly
# on topic; 1 = typical of the topic; <= 0.5 = common or ambiguous words ("client",
# "partner", "leader") that only count alongside stronger evidence. Terms are
# written naturally; matching folds case and accents, stems words and treats
# "de"/"of"-like words inside phrases as one-word wildcards. Negative weights mark
# other senses of a topic's words ("leadership contest", "compte rendu"): the longest
# match wins, so these phrases claim the words and lower the score instead.
DEFAULT_TOPICS: dict[str, dict[str, dict[str, Any]]] = {
    "leadership": {
        "fr": {
            "label": "Leadership",
            "slug": "leadership",
            "description": (
                "Diriger, c'est d'abord entraîner des personnes : son équipe, mais aussi ceux "
                "sur qui l'on n'a aucune autorité, chez un client, un fournisseur ou un allié. "
                "Cette rubrique rassemble nos réflexions sur le rôle du manager et du dirigeant : "
                "confiance, délégation, feedback, conduite du changement, management transversal "
                "et art de mener une équipe commune à plusieurs entreprises."
            ),
            "lexicon": {
                "leadership": 3.0, "sécurité psychologique": 3.0, "management bienveillant": 3.0,
                "intelligence émotionnelle": 2.5, "manager de proximité": 2.5, "management d'équipe": 2.5,
                "style de management": 2.5, "posture managériale": 2.5, "managérial": 2.0,
                "nouveau manager": 2.0, "exemplarité": 2.0, "conduite du changement": 2.0,
                "montrer l'exemple": 2.0, "donner l'exemple": 2.0, "engagement des collaborateurs": 2.0,
                "qualités de leader": 2.0, "entretien individuel": 1.5, "responsabiliser": 1.5,
                "délégation": 1.5, "déléguer": 1.5, "fédérer": 1.5, "mentorat": 1.5, "charisme": 1.5,
                "charismatique": 1.5, "chef d'équipe": 1.5, "responsable d'équipe": 1.5,
                "animer une équipe": 1.5, "encadrer": 1.2, "cadre dirigeant": 1.5, "manager": 1.0,
                "managers": 1.0, "collaborateurs": 1.0, "comité de direction": 1.0, "codir": 1.0,
                "dirigeant": 1.0, "coaching": 1.0, "mentor": 1.0, "feedback": 1.0, "motiver": 1.0,
                "démotivation": 1.0, "bienveillant": 1.0, "humilité": 1.0, "vulnérabilité": 1.0,
                "inspirer": 1.0, "cohésion": 1.0, "esprit d'équipe": 1.0, "culture d'entreprise": 1.0,
                "prise de poste": 1.0, "entretien annuel": 1.0, "prise de décision": 1.0,
                "micromanagement": 2.0, "micro-management": 2.0, "manager coach": 2.0,
                "management délégatif": 2.0, "management persuasif": 2.0, "management participatif": 2.5,
                "management directif": 2.0,
                # leading people, including those one has no authority over (another company's)
                "management transversal": 2.5, "manager transversal": 2.5, "leadership transverse": 2.5,
                "sans autorité hiérarchique": 2.5, "lien hiérarchique": 1.5, "gestion du changement": 1.5,
                "résistance au changement": 2.0, "conduire le changement": 2.0, "accompagner le changement": 1.5,
                "management à distance": 2.0, "manager à distance": 2.0, "équipe à distance": 1.5,
                "pratiques managériales": 2.0, "rôle du manager": 2.0, "son équipe": 0.7, "votre équipe": 0.7,
                "ton équipe": 0.7, "mon équipe": 0.7, "bienveillance": 1.0, "responsabilisation": 1.5,
                "bon manager": 2.0, "droit à l'erreur": 1.5, "supérieur hiérarchique": 1.0,
                "subordonnés": 1.0, "intelligence collective": 1.0, "faire grandir": 1.0,
                "qualité de vie au travail": 1.0, "donner du sens": 1.5, "fixer un cap": 1.0,
                "épuisement professionnel": 1.0, "autorité": 0.7, "écoute": 0.7, "légitimité": 0.5,
                "autonomie": 0.5, "confiance": 0.5, "vision": 0.5, "leader": 0.5, "reconnaissance": 0.5,
                "engagement": 0.3, "équipe": 0.3,
                # other senses of these words: they claim the words and lower the score
                "leader du parti": -1.0, "chef du parti": -1.0, "leader de l'opposition": -1.0,
                "leader politique": -1.0, "leader du classement": -1.0, "maillot de leader": -1.0,
                "leadership au classement": -1.0, "leader mondial": -1.0, "leader européen": -1.0,
                "leader du marché": -1.0,
            },
        },
        "en": {
            "label": "Leadership",
            "slug": "leadership",
            "description": (
                "Leading is first of all about people: your own team, and those over whom you "
                "have no authority, at a customer, a supplier or an ally. This section gathers "
                "our thinking on what managers and executives actually do: building trust, "
                "delegating, giving feedback, steering change, leading without authority and "
                "leading a team that spans several organisations."
            ),
            "lexicon": {
                "leadership": 3.0, "psychological safety": 3.0, "servant leader": 3.0,
                "lead by example": 2.5, "emotional intelligence": 2.5, "direct report": 2.5,
                "one-on-one": 2.5, "micromanage": 2.5, "micro-manage": 2.5, "autocratic": 1.5,
                "first-time manager": 2.5, "new manager": 2.0,
                "middle manager": 2.0, "people manager": 2.0, "line manager": 2.0,
                "employee engagement": 2.0, "high-performing team": 2.0, "team morale": 2.0,
                "managerial": 2.0, "leading people": 2.0, "lead a team": 2.0, "empower": 1.5,
                "empowerment": 1.5, "delegate": 1.5, "mentor": 1.5, "mentorship": 1.5, "morale": 1.5,
                "charisma": 1.5, "charismatic": 1.5, "team leader": 1.5, "team lead": 1.5,
                "change management": 1.5, "leading change": 1.5, "company culture": 1.5,
                "organisational culture": 1.5, "organizational culture": 1.5, "difficult conversation": 1.5,
                "performance review": 1.5, "performance conversation": 1.5, "coaching": 1.0, "motivate": 1.0,
                "inspire": 1.0, "humility": 1.0, "vulnerability": 1.0, "burnout": 1.0, "executive team": 1.0,
                "senior leader": 1.0, "leadership team": 3.0, "c-suite": 1.0, "great leader": 1.5,
                "good leader": 1.5, "great manager": 1.5, "good manager": 1.5, "open-door policy": 1.5,
                "leadership development": 3.0, "boss": 0.7, "team members": 0.7, "supervisor": 0.7,
                "set a direction": 1.0, "remove obstacles": 1.0, "authority": 0.7, "ownership": 0.7,
                "manager": 0.7, "feedback": 0.7, "decision-making": 0.7, "autonomy": 0.7, "listening": 0.5,
                "employees": 0.5, "trust": 0.5, "vision": 0.5, "leader": 0.5, "culture": 0.5,
                "recognition": 0.5, "staff": 0.3, "team": 0.2, "accountability": 1.0,
                # leading across organisations
                "collaborative leadership": 3.0, "leading without authority": 3.0,
                "managing change": 1.5, "lead change": 1.5, "change agent": 1.5, "remote team": 1.5,
                "distributed team": 1.5, "virtual team": 1.5, "remote manager": 2.0, "remote leader": 2.0,
                "lead remotely": 2.0, "team culture": 1.5,
                "boundary spanning": 2.0, "lead by permission": 2.0,
                # other senses of these words: they claim the words and lower the score
                "leadership contest": -1.0, "leadership challenge": -1.0, "leadership election": -1.0,
                "leadership race": -1.0, "leadership bid": -1.0, "party leader": -1.0,
                "opposition leader": -1.0, "leader of the opposition": -1.0, "race leader": -1.0,
                "market leader": -1.0, "world leader": -1.0, "industry leader": -1.0,
            },
        },
    },
    "kam": {
        "fr": {
            "label": "Gestion des grands comptes",
            "slug": "grands-comptes",
            "description": (
                "Quelques clients pèsent souvent une large part du chiffre d'affaires. Nous "
                "parlons ici du côté compte de la relation entre entreprises : servir et "
                "développer ces clients dans la durée, avec des plans de compte, la cartographie "
                "des décideurs, des revues d'affaires, la négociation avec les achats et le "
                "métier de key account manager."
            ),
            "lexicon": {
                "grand compte": 3.0, "gestion des grands comptes": 3.0, "compte clé": 3.0,
                "compte stratégique": 3.0, "key account": 3.0, "key account manager": 3.0, "kam": 3.0,
                "plan de compte": 3.0, "cartographie des décideurs": 3.0, "global account": 3.0,
                "revue de compte": 2.5, "revue d'affaires": 2.5, "business review": 2.5, "qbr": 2.5,
                "part de portefeuille": 2.5, "intimité client": 2.5, "client clé": 2.5,
                "account manager": 2.5, "responsable de compte": 2.5, "directeur de compte": 2.5,
                "chargé de compte": 2.0, "équipe compte": 2.0, "client stratégique": 2.0,
                "croissance du compte": 2.0, "développement du compte": 2.0, "portefeuille de comptes": 2.0,
                "comptes globaux": 2.0, "vente complexe": 2.0, "account-based marketing": 2.0,
                "centre de décision": 1.5, "négociation annuelle": 1.5,
                "renouvellement de contrat": 1.5, "fidélisation": 1.2, "plus gros client": 1.5,
                "premier client": 1.0, "donneur d'ordre": 1.0, "direction des achats": 1.0,
                "directions achats": 1.0, "ventes additionnelles": 1.0, "vente croisée": 1.0,
                "cross-selling": 1.0, "upselling": 1.0, "cartographie": 1.0, "prescripteur": 1.0,
                "relation commerciale": 1.0, "cycle de vente": 1.0, "customer success": 1.0,
                "sponsor exécutif": 1.0, "portefeuille clients": 1.0, "relation client": 0.7,
                "appel d'offres": 0.7, "décideurs": 0.7, "zones blanches": 0.7,
                "référencement": 0.7, "interlocuteurs": 0.5, "négociation": 0.5, "renouvellement": 0.5,
                "achats": 0.5, "compte": 0.3, "client": 0.3,
                # other senses of these words: they claim the words and lower the score
                "compte bancaire": -1.0, "compte courant": -1.0, "compte épargne": -1.0,
                "compte rendu": -1.0, "prendre en compte": -0.5, "tenir compte": -0.5, "fin de compte": -0.5,
            },
        },
        "en": {
            "label": "Key Account Management",
            "slug": "key-account-management",
            "description": (
                "A handful of customers often make up a large share of revenue. Here we look "
                "at the account side of the relationship between companies: serving and "
                "growing those customers over the years, with account plans, stakeholder maps, "
                "business reviews, dealing with procurement and the craft of the key account "
                "manager."
            ),
            "lexicon": {
                "key account": 3.0, "key account manager": 3.0, "kam": 3.0, "strategic account": 3.0,
                "global account": 3.0, "account plan": 3.0, "quarterly business review": 3.0, "qbr": 3.0,
                "executive business review": 3.0, "share of wallet": 3.0, "national account": 2.5,
                "major account": 2.5, "account manager": 2.5, "account director": 2.5, "account review": 2.5,
                "account growth": 2.5, "account strategy": 2.5, "strategic customer": 2.5,
                "strategic client": 2.5, "customer intimacy": 2.5, "stakeholder map": 2.5,
                "buying center": 2.5, "buying centre": 2.5, "buying group": 2.5, "business review": 2.0,
                "account team": 2.0, "enterprise account": 2.0, "named account": 2.0, "key customer": 2.0,
                "key client": 2.0, "economic buyer": 2.0, "multi-threading": 2.0, "single-threaded": 2.0,
                "complex sale": 2.0, "account-based marketing": 2.0, "abm": 2.0, "relationship map": 2.0,
                "account portfolio": 2.0, "largest customer": 1.5, "biggest customer": 1.5,
                "top customers": 1.5, "customer retention": 1.5,
                "trusted advisor": 1.5, "chief procurement officer": 1.5,
                "account executive": 1.5, "procurement": 1.0, "renewal": 1.0, "upsell": 1.0,
                "cross-sell": 1.0, "churn": 1.0, "customer success": 1.0, "sales cycle": 1.0,
                "total cost of ownership": 1.0, "executive sponsor": 1.0, "white space": 1.0,
                "decision-maker": 0.7, "customer relationship": 0.7, "retention": 0.5,
                "tender": 0.5, "purchasing": 0.5, "account": 0.3, "client": 0.3,
                "customer": 0.2,
                # other senses of these words: they claim the words and lower the score
                "bank account": -1.0, "current account": -1.0, "savings account": -1.0, "user account": -1.0,
                "online account": -1.0, "email account": -1.0, "into account": -0.5, "on account of": -0.5,
            },
        },
    },
    "partnerships": {
        "fr": {
            "label": "Partenariats",
            "slug": "partenariats",
            "description": (
                "La relation entre organisations : un fournisseur et son client qui gèrent "
                "ensemble leur relation, un acheteur qui fait de ses fournisseurs des "
                "partenaires, des alliances et des coentreprises, des revendeurs et des "
                "intégrateurs. Comment choisir ses partenaires, bâtir la confiance, gouverner "
                "la relation et créer une valeur commune que chacun partage."
            ),
            "lexicon": {
                "partenariat stratégique": 3.0, "accord de partenariat": 3.0, "alliance stratégique": 3.0,
                "coentreprise": 3.0, "co-entreprise": 3.0, "joint-venture": 3.0,
                "écosystème de partenaires": 3.0, "programme partenaires": 3.0,
                "programme de partenaires": 3.0, "coopétition": 3.0, "pacte d'associés": 2.5,
                "relation partenariale": 2.5, "co-développement": 2.5, "codéveloppement": 2.5,
                "co-innovation": 2.5, "co-marketing": 2.5, "vente conjointe": 2.5, "co-selling": 2.5,
                "canal indirect": 2.5, "vente indirecte": 2.5, "conflit de canal": 2.5,
                "partage des revenus": 2.5, "responsable des alliances": 2.5, "alliance manager": 2.5,
                "partenariat": 2.0, "partenarial": 2.0, "développement conjoint": 2.0,
                "innovation ouverte": 2.0, "open innovation": 2.0, "co-branding": 2.0, "consortium": 2.0,
                "protocole d'accord": 2.0, "partenaires technologiques": 2.0,
                "revendeur à valeur ajoutée": 2.0, "offre commune": 1.5, "offre conjointe": 1.5,
                "unir leurs forces": 1.5, "go-to-market": 1.5, "revendeur": 1.5, "intégrateur": 1.0,
                "accord de licence": 1.5, "accord de distribution": 1.5, "partage de la valeur": 1.5,
                "partenaire stratégique": 1.5, "alliance": 1.5, "écosystème": 1.0, "coopération": 1.0,
                "accord de coopération": 2.0, "interentreprises": 1.5, "inter-entreprises": 1.5,
                "démarche partenariale": 2.5, "réseau de partenaires": 2.5, "partenaires de distribution": 2.0,
                "groupement d'intérêt économique": 2.0, "mutualiser": 1.0,
                "synergies": 1.0, "complémentarité": 1.0, "complémentaires": 0.7, "comité de pilotage": 1.0,
                "lettre d'intention": 1.0, "gouvernance": 0.7, "partenaire": 0.7, "rapprochement": 0.7,
                # supplier-customer and buyer-supplier relationships, their governance and joint value
                "relation client-fournisseur": 3.0, "relations clients-fournisseurs": 3.0,
                "relation acheteur-fournisseur": 3.0, "relation fournisseur": 2.5,
                "relations fournisseurs": 2.5, "partenariat fournisseur": 3.0, "client-fournisseur": 2.5,
                "acheteur-fournisseur": 2.5, "gestion de la relation fournisseur": 3.0,
                "relation de confiance": 1.0, "confiance mutuelle": 2.0, "gagnant-gagnant": 2.0,
                "création de valeur": 1.5, "valeur partagée": 2.0, "co-créer de la valeur": 2.0,
                "relations durables": 1.5, "relation durable": 1.5, "long terme": 0.5,
                "business partner": 2.0, "client préféré": 2.0, "panel fournisseurs": 1.5,
                "rapport de force": 1.0, "dépendance": 0.5, "coopérations": 1.0, "alliances": 1.5,
                "relation client-prestataire": 3.0, "client et prestataire": 2.5, "client et fournisseur": 2.5,
                "fournisseur et client": 2.5, "deux parties": 1.5, "engagement mutuel": 2.0,
                "obligations réciproques": 2.0, "équilibre contractuel": 2.0, "prestataire": 0.7,
                "externalisation": 1.0, "infogérance": 1.0,
                # the buyer's side of the relationship: its suppliers (KAM is the seller's side, its accounts)
                "fournisseur stratégique": 1.5, "fournisseur privilégié": 1.5, "fournisseur de référence": 1.5,
                "acheteur": 0.7, "fournisseur": 0.5,
                "allié": 0.7, "collaboration": 0.5, "associés": 0.5, "licence": 0.5, "distributeur": 0.3,
                # other senses of these words: they claim the words and lower the score
                "partenaire officiel": -1.0, "partenaire principal": -1.0, "partenaires sociaux": -1.0,
                "partenaire d'entraînement": -1.0, "sponsor": -0.5, "mécène": -0.5, "mécénat": -1.0,
                "sponsoring": -1.0, "sponsor maillot": -1.5, "partenaire maillot": -1.0, "parrainage": -0.5,
            },
        },
        "en": {
            "label": "Partnerships",
            "slug": "partnerships",
            "description": (
                "The relationship between organisations: a supplier and its customer managing "
                "their relationship together, a buyer turning suppliers into partners, "
                "alliances and joint ventures, resellers and integrators. How to pick "
                "partners, build trust, govern the relationship and create joint value that "
                "both sides share."
            ),
            "lexicon": {
                "strategic partnership": 3.0, "strategic alliance": 3.0, "joint venture": 3.0,
                "alliance manager": 3.0, "partner program": 3.0, "partner programme": 3.0,
                "partner ecosystem": 3.0, "channel partner": 3.0, "channel conflict": 3.0, "co-sell": 3.0,
                "coopetition": 3.0, "joint go-to-market": 3.0, "partnership agreement": 3.0,
                "partner network": 2.5, "partner manager": 2.5, "co-development": 2.5,
                "joint development": 2.5, "co-innovation": 2.5, "co-marketing": 2.5, "joint marketing": 2.5,
                "deal registration": 2.5, "indirect sales": 2.5, "indirect channel": 2.5,
                "revenue sharing": 2.5, "value-added reseller": 2.5, "integration partner": 2.5,
                "partnership": 2.0, "open innovation": 2.0, "co-branding": 2.0, "consortium": 2.0,
                "reseller": 2.0, "memorandum of understanding": 2.0, "technology partner": 2.0,
                "partner-led": 2.0, "partner-sourced": 2.0, "partner marketing": 2.0,
                "solution partner": 2.0, "joint customers": 2.0, "rev-share": 2.0,
                "market development funds": 2.0, "isv": 1.5, "joint value": 1.5, "ecosystem-led": 2.0,
                "system integrator": 1.5, "integrator": 0.7, "managed service provider": 1.5,
                "hyperscaler": 1.5, "go-to-market": 1.5, "licensing agreement": 1.5,
                "offtake agreement": 1.5, "shared governance": 1.5, "alliance": 1.5, "ecosystem": 1.0,
                "synergies": 1.0, "referral": 1.0, "steering committee": 1.0, "distribution agreement": 1.0,
                "oem": 1.0, "jointly": 0.7, "complementary": 0.7, "equity stake": 0.7, "marketplace": 0.7,
                "partner": 2.0, "licensing": 0.7, "channel": 0.5, "collaboration": 0.5, "governance": 0.5,
                "distributor": 0.3, "cooperation agreement": 2.0,
                # supplier-customer and buyer-supplier relationships, their governance and joint value
                "supplier relationship": 3.0, "supplier relationship management": 3.0, "srm": 2.0,
                "buyer-supplier": 3.0, "buyer and supplier": 2.5, "supplier partnership": 3.0,
                "supplier partnerships": 3.0, "customer-supplier": 2.5, "supplier collaboration": 2.5,
                "vendor relationship": 2.5, "key supplier": 2.0, "customer of choice": 3.0,
                "win-win": 2.0, "mutual benefit": 2.0, "mutually beneficial": 2.0, "mutual trust": 2.0,
                "shared value": 2.0, "value creation": 1.0, "long-term relationship": 1.5,
                "relationship governance": 3.0, "inter-organizational": 2.5,
                "inter-organisational": 2.5, "cross-organizational": 2.0, "cross-organisational": 2.0,
                "across organizations": 2.0, "across organisations": 2.0, "organizational boundaries": 2.0,
                "organisational boundaries": 2.0, "collaborating organizations": 2.0,
                "strategic partner": 2.0, "alliances": 1.5, "both parties": 1.5, "both sides": 1.0,
                "customer and supplier": 2.5, "supplier and customer": 2.5, "client and supplier": 2.5,
                "outsourcing relationship": 2.5, "service provider": 0.7,
                # the buyer's side of the relationship: its suppliers (KAM is the seller's side, its accounts)
                "strategic supplier": 1.5, "preferred supplier": 1.5, "supplier": 0.5, "buyer": 0.3,
                "joint account": -1.0, "joint bank account": -1.0,
                # other senses of these words: they claim the words and lower the score
                "official partner": -1.0, "shirt sponsor": -1.0, "training partner": -1.0,
                "sparring partner": -1.0, "dance partner": -1.0, "sponsor": -0.5, "sponsorship": -1.0,
                "shirt sponsorship": -1.5, "kit supplier": -1.0, "naming rights": -1.0,
            },
        },
    },
}

# Other subjects that borrow the topics' words: team captains and sponsorship deals in
# sport, party leaders in politics, personal bank accounts, civil partnerships and
# inheritance, dance partners, parcel complaints, software log-ins, house keys, and the
# partnership as a legal form of business (partners who own a firm together). They
# are not topics: a text whose vocabulary leans more towards one of them than towards
# a topic is about that subject, and the topic is dropped (see tagging.CONTEXT_RATIO).
# Weights as for topics: 1.5 = unmistakable phrase, 1 = typical word, 0.5 = ambiguous.
OTHER_CONTEXTS: dict[str, dict[str, dict[str, float]]] = {
    "fr": {
        "sport": {
            "capitaine": 1.0, "brassard": 1.5, "coéquipiers": 1.0, "arbitre": 1.0, "vestiaire": 1.0,
            "football": 1.0, "footballeur": 1.0, "rugby": 1.0, "cyclisme": 1.0, "peloton": 1.0,
            "match": 0.7, "championnat": 1.0, "ligue 1": 1.5, "coupe du monde": 1.5, "tirs au but": 1.5,
            "coup d'envoi": 1.5, "terrain": 0.3, "joueurs": 0.5, "entraîneur": 0.7, "sélectionneur": 1.0,
            "maillot": 1.0, "équipementier": 1.0, "club sportif": 1.5, "clubs": 0.5, "supporters": 0.7,
            "stade": 1.0, "saison": 0.5, "sponsor": 1.0, "sponsoring": 1.0, "sponsorisé": 1.0,
            "sponsorisante": 1.0, "mécénat": 1.0, "trophée": 0.7, "tournoi": 1.0,
            "capitanat": 1.5, "xv de france": 1.5, "bleus": 0.7, "sélection": 0.5, "sélections": 0.5,
            "demi de mêlée": 1.5, "mêlée": 1.0,
        },
        "politique": {
            "parti politique": 1.5, "partis politiques": 1.5, "chef de parti": 1.5, "chef du parti": 1.5,
            "élection": 1.0, "électeurs": 1.0, "scrutin": 1.0, "députés": 1.0, "député": 1.0,
            "sénateurs": 1.0, "premier ministre": 1.0, "opposition": 0.5,
            "candidature": 0.5, "congrès": 0.5, "présidentielle": 1.0, "militants": 0.7, "adhérents": 0.5,
            "circonscription": 1.0, "parlementaire": 1.0, "premier secrétaire": 1.0,
            "primaire": 1.0, "candidats": 0.5, "gauche": 0.7, "droite": 0.5, "parti socialiste": 1.5,
        },
        "banque": {
            "compte bancaire": 1.5, "comptes bancaires": 1.5, "compte courant": 1.5, "compte de dépôt": 1.5,
            "banque": 0.7, "banques": 0.7, "bancaire": 1.0, "carte bancaire": 1.5, "chéquier": 1.0,
            "découvert": 1.0, "livret": 1.0, "épargne": 0.7, "frais bancaires": 1.5, "relevé de compte": 1.5,
            "banque en ligne": 1.5, "conseiller bancaire": 1.5, "justificatif de domicile": 1.5,
            "compte joint": 1.5,
        },
        "famille": {
            "pacs": 1.5, "pacsés": 1.5, "pacte civil de solidarité": 1.5, "succession": 0.5, "héritier": 1.0,
            "héritiers": 1.0, "conjoint survivant": 1.5, "mariage": 1.0, "époux": 1.0, "couple": 0.7,
            "couples": 0.7, "notaire": 0.7, "décès": 0.7, "concubins": 1.0, "vie commune": 1.0,
        },
        "loisirs": {
            "cours de danse": 1.5, "partenaire de danse": 1.5, "danse de salon": 1.5, "danseur": 1.0,
            "danseurs": 1.0, "danseuse": 1.0, "salsa": 1.0, "bal": 0.7,
        },
        "consommation": {
            "colis": 1.0, "réclamation": 0.7, "remboursement": 0.7, "transporteur": 0.7, "livraison": 0.5,
            "la poste": 1.0, "colissimo": 1.5, "service client": 0.7, "code de la consommation": 1.5,
            "consommateur": 0.7,
        },
        "forme juridique": {
            "forme juridique": 1.5, "société en nom collectif": 1.5, "société en commandite": 1.5,
            "responsabilité illimitée": 1.5, "responsabilité limitée": 1.0, "entreprise individuelle": 1.5,
            "apport en capital": 1.0, "apports": 0.7, "statuts": 0.7, "immatriculation": 1.0, "sarl": 1.0,
            "registre du commerce": 1.5, "capital social": 1.0,
        },
        "informatique": {
            "mot de passe": 1.5, "adresse e-mail": 1.0, "identifiant": 1.0, "se connecter": 1.0,
            "connexion": 0.5, "réinitialiser": 1.0, "réinitialisation": 1.0, "nom d'utilisateur": 1.5,
            "compte utilisateur": 1.5, "paramètres": 0.5,
        },
        "serrurerie": {
            "serrure": 1.5, "serrures": 1.5, "serrurier": 1.5, "serrurerie": 1.5, "cylindre": 1.0,
            "barillet": 1.5, "double de clé": 1.5, "double des clés": 1.5, "trousseau": 1.0,
            "clé perdue": 1.5, "cambriolage": 1.0, "effraction": 1.0,
        },
    },
    "en": {
        "sport": {
            "captain": 1.0, "captaincy": 1.0, "armband": 1.5, "teammates": 1.0, "referee": 1.0,
            "referees": 1.0, "dressing room": 1.0, "locker room": 1.0, "football": 1.0, "soccer": 1.0,
            "rugby": 1.0, "basketball": 1.0, "match": 0.5, "league": 0.7,
            "premier league": 1.5, "championship": 0.7, "world cup": 1.5, "kick-off": 1.0, "penalty": 0.5,
            "players": 0.5, "pitch": 0.3, "squad": 1.0, "stadium": 1.0, "fans": 0.7, "season": 0.5,
            "club": 0.5, "clubs": 0.5, "shirt": 1.0, "kit": 0.5, "jersey": 1.0, "sponsor": 1.0,
            "sponsorship": 1.0, "sponsors": 1.0, "trophy": 0.7, "tournament": 1.0, "coin toss": 1.5,
        },
        "politics": {
            "political party": 1.5, "party leader": 1.5, "party members": 1.5, "leadership election": 1.5,
            "leadership contest": 1.5, "election": 1.0, "elections": 1.0, "electoral": 1.0, "ballot": 1.0,
            "voters": 1.0, "vote": 0.5, "mps": 1.0, "meps": 1.0, "prime minister": 1.0, "parliament": 1.0,
            "parliamentary": 1.0, "conservative": 0.5, "labour": 0.5, "constituency": 1.0,
            "no confidence": 1.0, "nominations": 0.5, "shadow cabinet": 1.5,
            "primary election": 1.5,
        },
        "banking": {
            "bank account": 1.5, "checking account": 1.5, "savings account": 1.5, "current account": 1.5,
            "bank": 0.7, "banks": 0.7, "banking": 0.7, "credit union": 1.5, "overdraft": 1.0, "atm": 1.0,
            "atms": 1.0, "debit card": 1.5, "minimum balance": 1.5, "maintenance fee": 1.0, "deposit": 0.7,
            "deposits": 0.7, "teller": 1.0, "routing number": 1.5, "proof of address": 1.0,
            "joint account": 1.5, "joint bank account": 1.5, "joint checking": 1.5, "spending habits": 1.0,
            "finances": 0.5,
        },
        "family": {
            "civil partnership": 1.5, "civil partnerships": 1.5, "civil partners": 1.5, "same-sex": 1.0,
            "opposite-sex": 1.0, "marriage": 1.0, "married": 1.0, "spouse": 1.0, "couples": 0.3,
            "wedding": 1.0, "inheritance": 1.0, "next of kin": 1.5, "registrar": 1.0,
            "divorce": 1.0,
        },
        "leisure": {
            "dance": 1.0, "dancing": 1.0, "dancer": 1.0, "dancers": 1.0, "ballroom": 1.5, "salsa": 1.0,
            "dance partner": 1.5,
        },
        "consumer": {
            "refund": 1.0, "refunds": 1.0, "parcel": 1.0, "package": 0.3, "return policy": 1.0,
            "angry customer": 1.5, "irate": 1.0, "upset customers": 1.0, "complaint": 0.5,
            "complaints": 0.5, "retail": 0.5, "cash register": 1.0, "customer service": 0.5,
        },
        "legal form": {
            "general partnership": 1.5, "limited partnership": 1.5, "limited liability partnership": 1.5,
            "llp": 1.0, "sole proprietorship": 1.5, "sole proprietor": 1.5, "partnership deed": 1.5,
            "business structure": 1.5, "unlimited liability": 1.5, "limited liability": 1.0,
            "personal liability": 1.0, "pass-through taxation": 1.5, "llc": 1.0, "co-owners": 1.0,
            "capital contribution": 1.0, "profits and losses": 1.0, "incorporation": 0.7,
        },
        "software": {
            "password": 1.5, "passwords": 1.5, "log in": 1.0, "login": 1.0, "sign-in": 1.0,
            "username": 1.5, "email address": 1.0, "account settings": 1.5, "reset": 0.7,
            "delete account": 1.5, "user account": 1.5, "mobile app": 0.5, "two-factor": 1.0,
        },
        "locks": {
            "lock": 0.5, "locksmith": 1.5, "locksmiths": 1.5, "deadbolt": 1.5, "rekey": 1.5,
            "re-key": 1.5, "doorknob": 1.5, "door": 0.3, "house key": 1.5, "lost key": 1.5,
            "spare key": 1.5, "key blank": 1.5, "cylinder": 0.7,
        },
    },
}

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def validate_vocabulary(topics: Any) -> list[str]:
    """Return human-readable problems in a topic vocabulary (empty list when valid)."""
    if not isinstance(topics, dict) or not topics:
        return ["B2B_TOPICS must be a non-empty dict: {topic_key: {lang: {label, slug, description, lexicon}}}"]
    problems: list[str] = []
    all_langs = {lang for spec in topics.values() if isinstance(spec, dict) for lang in spec}
    slugs: dict[tuple[str, str], str] = {}
    for key, spec in topics.items():
        if not isinstance(key, str) or not _SLUG_RE.match(key):
            problems.append(f"topic key {key!r} must be lowercase letters, digits and hyphens")
        if not isinstance(spec, dict) or not spec:
            problems.append(f"topic {key!r} must map language codes to {{label, slug, description, lexicon}}")
            continue
        for lang in sorted(all_langs - set(spec)):
            problems.append(f"topic {key!r} has no entry for language {lang!r} (other topics have one)")
        for lang, entry in spec.items():
            where = f"topic {key!r} [{lang}]"
            if not isinstance(entry, dict):
                problems.append(f"{where} must be a dict with label, slug, description, lexicon")
                continue
            for field in ("label", "slug", "description"):
                if not isinstance(entry.get(field), str) or (field != "description" and not entry[field].strip()):
                    problems.append(f"{where} needs a non-empty string {field!r}")
            slug = entry.get("slug")
            if isinstance(slug, str) and slug:
                if not _SLUG_RE.match(slug):
                    problems.append(f"{where} slug {slug!r} must be lowercase letters, digits and hyphens")
                if (lang, slug) in slugs:
                    problems.append(f"{where} slug {slug!r} is already used by topic {slugs[lang, slug]!r}")
                slugs[lang, slug] = key
            problems.extend(_lexicon_problems(where, entry.get("lexicon")))
    return problems


def _lexicon_problems(where: str, lexicon: Any) -> list[str]:
    """Problems in one lexicon: must map non-empty terms to finite non-zero numbers."""
    if not isinstance(lexicon, dict) or not lexicon:
        return [f"{where} needs a non-empty 'lexicon' dict of term -> weight"]
    problems = []
    for term, weight in lexicon.items():
        if not isinstance(term, str) or not any(c.isalnum() for c in term):
            problems.append(f"{where} lexicon term {term!r} must be a word or phrase")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight == 0:
            problems.append(f"{where} lexicon weight for {term!r} must be a non-zero number, got {weight!r}")
    return problems


def resolve_topic_names(value: str, topics: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Map a "Topics:" metadata value (keys, slugs or labels, comma-separated) to topic keys.

    Returns (known topic keys in the order given, names that match no topic).
    """
    names: dict[str, str] = {}
    for key, spec in topics.items():
        names[_fold(key)] = key
        for entry in spec.values():
            for field in ("slug", "label"):
                if isinstance(entry.get(field), str):
                    names.setdefault(_fold(entry[field]), key)
    known: list[str] = []
    unknown: list[str] = []
    for name in filter(None, (part.strip() for part in re.split(r"[,;]", value))):
        key = names.get(_fold(name))
        if key is None:
            unknown.append(name)
        elif key not in known:
            known.append(key)
    return known, unknown


def _fold(name: str) -> str:
    """Case- and accent-insensitive form of a topic name."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
