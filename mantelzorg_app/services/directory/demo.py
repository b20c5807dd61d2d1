"""The demo sociale kaart: about 40 services for Leusden and 14 for Poperinge, in plain words.

Every organisation is made up (its name says "(voorbeeld)" or is plainly invented); the network is
Leusden's and Poperinge's own: a consulent mantelzorg, the Mantelzorgcafé, the inloopuur every 14
days, buurthulp and lotgenotengroepen beside the professional organisations. Phone numbers are
zeros after the area code but for the last two digits (public: ``033-000 00 xx`` / ``057 00 00
xx``; partners' direct lines ``033-000 01 xx`` / ``057 00 01 xx``); house numbers are in the 900s
(made up); postcodes are the hub's own wijken's.

Ids are uuid5 in ``taxonomy.NAMESPACE`` from the hub's slug and the names, so a second load or an
export gives the same ids. ``checked_on`` counts back from today, so the demo stays true: three
entries (``STALE``) are older than 6 months, for the coordinator's flag.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Membership, Organization, Role, Service, ServiceSchedule
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.directory.indexing import index_service
from mantelzorg_app.services.directory.taxonomy import CATEGORY_VALUES, NAMESPACE
from mantelzorg_app.services.platform import places
from mantelzorg_app.services.platform.hubs import wijken as wijken_of

STALE_DAYS = 240  # older than 6 months: the stale flag shows these


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    informal: bool = False
    # Wie is wie (professional organisations): contact for partners, direct line's last two digits, days
    contact: str = ""
    line: str = ""
    days: str = ""


@dataclass(frozen=True)
class Place:
    name: str  # the location's name
    street: str  # street and (made-up) house number
    postcode: str  # one of the hub's wijken's postcodes
    city: str
    wijk: str  # the wijk it lies in (its postcodes hold ``postcode``)


# Opening hours: (byday, opens, closes[, words]). A byday with a number ("1TU") is MONTHLY.
Hours = tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    org: str  # Org.key
    category: str
    name: str
    summary: str  # one line on the card
    what: str  # description: what they do
    call: str  # application_process: what happens when you call
    costs: str  # fees_description
    who: str  # eligibility_description
    place: str  # key in the hub's places
    hours: tuple[Hours, ...] = ()
    languages: str = "nl"
    area: tuple[str, ...] = ()  # wijk names served; () = the whole hub


@dataclass(frozen=True)
class DemoDirectory:
    phone: str  # the public number without its last two digits
    line: str  # a partner's direct line without its last two digits
    province: str
    country: str
    orgs: tuple[Org, ...]
    places: dict[str, Place]
    entries: tuple[Entry, ...]
    links: dict[str, str]  # a demo professional's first name: the Org.key they keep
    stale: tuple[str, ...]  # services not checked for more than 6 months


WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
# HSDS schedules have WEEKLY and MONTHLY only (our table keeps no interval): "every 14 days on
# Thursday" is kept as the 1st and 3rd Thursday of the month, and its words say "om de 14 dagen".
EVERY_14_DAYS = "1TH,3TH"

LEUSDEN = DemoDirectory(
    phone="033-000 00 ",
    line="033-000 01 ",
    province="Utrecht",
    country="NL",
    orgs=(
        Org(
            "steunpunt",
            "Steunpunt Mantelzorg Leusden (voorbeeld)",
            "De consulenten mantelzorg van Leusden. Zij denken met u mee en kennen de hulp in de buurt.",
            contact="Fatima Voorbeeld",
            line="01",
            days="maandag, dinsdag en donderdag",
        ),
        Org(
            "welzijn",
            "Welzijn Leusden (voorbeeld)",
            "Welzijnswerk met veel vrijwilligers: vervoer, boodschappen, formulieren en samen eten.",
            contact="Sanne Voorbeeld",
            line="02",
            days="maandag tot en met vrijdag, 's ochtends",
        ),
        Org(
            "sociaal_team",
            "Sociaal Team Leusden (voorbeeld)",
            "Het loket van de gemeente voor zorg en hulp thuis (Wmo).",
            contact="Mehmet Voorbeeld",
            line="03",
            days="dinsdag en woensdag",
        ),
        Org(
            "schakel",
            "Thuiszorg De Schakel (voorbeeld)",
            "Wijkverpleging en verzorging bij u thuis.",
            contact="Joke Voorbeeld",
            line="04",
            days="maandag tot en met vrijdag",
        ),
        Org(
            "zonnehof",
            "Zorggroep Zonnehof (voorbeeld)",
            "Zorg thuis, een logeerhuis en uitleen van hulpmiddelen.",
            contact="Peter Voorbeeld",
            line="05",
            days="woensdag en vrijdag",
        ),
        Org(
            "schoon",
            "Schoon Thuis Leusden (voorbeeld)",
            "Hulp in het huishouden, via de gemeente of zelf betaald.",
            contact="Ineke Voorbeeld",
            line="06",
            days="maandag en donderdag",
        ),
        Org(
            "hoeve",
            "Zorgboerderij De Hoeve (voorbeeld)",
            "Dagbesteding op een boerderij in Achterveld.",
            contact="Wim Voorbeeld",
            line="07",
            days="dinsdag tot en met vrijdag",
        ),
        Org(
            "trefpunt",
            "Dagcentrum Het Trefpunt (voorbeeld)",
            "Dagbesteding en een ontmoetingscentrum voor mensen met geheugenproblemen.",
            contact="Linda Voorbeeld",
            line="08",
            days="maandag, woensdag en donderdag",
        ),
        Org(
            "dementienetwerk",
            "Dementienetwerk Leusden (voorbeeld)",
            "Casemanagers dementie: zij begeleiden u en uw naaste vanaf de diagnose.",
            contact="Ahmed Voorbeeld",
            line="09",
            days="maandag tot en met donderdag",
        ),
        Org(
            "horst",
            "Huisartsenpraktijk De Horst (voorbeeld)",
            "Huisartsen en praktijkondersteuners in Leusden-Centrum.",
            contact="Marieke Voorbeeld",
            line="10",
            days="dinsdag en donderdag",
        ),
        Org(
            "hamersveld",
            "Gezondheidscentrum Hamersveld (voorbeeld)",
            "Huisartsen, een praktijkondersteuner ggz en een fysiotherapeut onder één dak.",
            contact="Tom Voorbeeld",
            line="11",
            days="maandag en woensdag",
        ),
        Org(
            "warm_bord",
            "Maaltijdservice Warm Bord (voorbeeld)",
            "Warme maaltijden aan huis, elke dag.",
            contact="Karin Voorbeeld",
            line="12",
            days="maandag tot en met vrijdag",
        ),
        Org(
            "cafe",
            "Kerngroep Mantelzorgcafé Leusden",
            "Mantelzorgers die samen het Mantelzorgcafé maken.",
            True,
        ),
        Org("even_vrij", "Oppasgroep Even Vrij", "Vrijwilligers die oppassen, zodat u even weg kunt.", True),
        Org(
            "buren_zuid",
            "Buurthulp Leusden-Zuid",
            "Buren die elkaar helpen in Zuid, Groenhouten en Tabaksteeg.",
            True,
        ),
        Org(
            "buren_achterveld",
            "Burenhulp Achterveld",
            "Inwoners van Achterveld en Stoutenburg die helpen.",
            True,
        ),
        Org("klussers", "Klussendienst De Handige Buur", "Vrijwilligers voor kleine klusjes in huis.", True),
        Org("lotgenoten", "Lotgenotengroepen Leusden", "Groepen van mantelzorgers die elkaar steunen.", True),
        Org("geheugencafe", "Geheugencafé Leusden", "Vrijwilligers die het Geheugencafé maken.", True),
        Org(
            "thuisadministratie",
            "Thuisadministratie Leusden",
            "Vrijwilligers die helpen met post en geld.",
            True,
        ),
    ),
    places={
        "steunpunt": Place("Steunpunt Mantelzorg", "Hamersveldseweg 901", "3833 GA", "Leusden", "Hamersveld"),
        "deel": Place("Wijkcentrum De Deel", "Groene Zoom 902", "3832 AB", "Leusden", "Zuid"),
        "welzijn": Place("Welzijn Leusden", "De Biezenkamp 903", "3831 GE", "Leusden", "Centrum"),
        "gemeentehuis": Place("Gemeentehuis", "Hessenweg 904", "3831 LA", "Leusden", "Centrum"),
        "schakel": Place("Kantoor De Schakel", "Tabaksteeg 905", "3832 TB", "Leusden", "Tabaksteeg"),
        "zonnehof": Place("Zorggroep Zonnehof", "Rozendaalselaan 906", "3831 RZ", "Leusden", "Rozendaal"),
        "logeerhuis": Place("Logeerhuis De Linde", "Rozendaalselaan 907", "3831 RZ", "Leusden", "Rozendaal"),
        "schoon": Place("Schoon Thuis", "Arnhemseweg 908", "3832 GH", "Leusden", "Groenhouten"),
        "hoeve": Place("Zorgboerderij De Hoeve", "Dorpsstraat 909", "3791 AV", "Achterveld", "Achterveld"),
        "trefpunt": Place("Het Trefpunt", "Hamersveldseweg 910", "3833 HT", "Leusden", "Hamersveld"),
        "horst": Place(
            "Huisartsenpraktijk De Horst", "Burgemeester de Beaufortweg 911", "3831 HS", "Leusden", "Centrum"
        ),
        "gezondheidscentrum": Place(
            "Gezondheidscentrum", "Hamersveldseweg 912", "3833 GC", "Leusden", "Hamersveld"
        ),
        "warm_bord": Place("Keuken Warm Bord", "Arnhemseweg 913", "3832 WB", "Leusden", "Zuid"),
        "bibliotheek": Place("Bibliotheek", "De Biezenkamp 914", "3831 GE", "Leusden", "Centrum"),
        "dorpshuis": Place("Dorpshuis Achterveld", "Dorpsstraat 915", "3791 AD", "Achterveld", "Achterveld"),
        "stoutenburg": Place(
            "Buurthuis Stoutenburg", "Stoutenburgerlaan 916", "3835 PB", "Stoutenburg", "Stoutenburg"
        ),
    },
    entries=(
        # Steun voor mantelzorgers
        Entry(
            "steunpunt",
            "mantelzorgondersteuning",
            "Consulent mantelzorg",
            "Een vast persoon die met u meedenkt over de zorg en over uzelf.",
            "De consulent luistert naar uw verhaal. Samen kijkt u wat u zwaar vindt. "
            "De consulent zoekt hulp die past en regelt die met u.",
            "U belt of u laat een bericht achter. De consulent belt u binnen 2 werkdagen terug. "
            "Daarna komt zij bij u thuis, als u dat wilt.",
            "Gratis.",
            "Voor iedereen in Leusden die zorgt voor een ander.",
            "steunpunt",
            (("MO,TU,TH", "09:00", "17:00"),),
            "nl en",
        ),
        Entry(
            "steunpunt",
            "mantelzorgondersteuning",
            "Inloopuur mantelzorg",
            "Loop binnen met uw vraag. Twee consulenten en twee vrijwilligers zijn er.",
            "Om de 14 dagen is er een inloopuur in Wijkcentrum De Deel. "
            "U kunt zonder afspraak komen. U praat met een consulent of met een vrijwilliger.",
            "U hoeft niet te bellen. Kom gewoon binnen. Wilt u zeker zijn van een gesprek? "
            "Bel dan en wij zetten u op de lijst.",
            "Gratis. Koffie en thee staan klaar.",
            "Voor mantelzorgers en voor wie denkt dat hij mantelzorger is.",
            "deel",
            (
                (
                    EVERY_14_DAYS,
                    "13:30",
                    "15:30",
                    "Om de 14 dagen op donderdag. Kijk in de agenda voor de data.",
                ),
            ),
        ),
        Entry(
            "cafe",
            "mantelzorgondersteuning",
            "Mantelzorgcafé Leusden",
            "Elke maand een avond met andere mantelzorgers, in een huiselijke sfeer.",
            "Mantelzorgers maken het café zelf. U drinkt een kop koffie en praat met anderen. "
            "Soms komt er een spreker over een onderwerp dat u zelf kiest.",
            "U hoeft zich niet aan te melden. Bellen mag ook: een vrijwilliger vertelt u meer.",
            "Gratis.",
            "Voor iedereen die zorgt voor een familielid, vriend of buur.",
            "deel",
            (("1TU", "19:30", "21:30", "Elke eerste dinsdag van de maand."),),
        ),
        Entry(
            "sociaal_team",
            "mantelzorgondersteuning",
            "Mantelzorgwaardering",
            "Een keer per jaar een cadeau als dank voor uw zorg.",
            "De gemeente bedankt mantelzorgers op de Dag van de Mantelzorg in november. "
            "U krijgt een tasje met een cadeaubon.",
            "U meldt zich aan met een formulier. Wij helpen u daarbij aan de telefoon.",
            "Gratis.",
            "Voor mantelzorgers die zorgen voor iemand die in Leusden woont.",
            "gemeentehuis",
        ),
        Entry(
            "steunpunt",
            "mantelzorgondersteuning",
            "Cursus Goed voor uzelf zorgen",
            "Vier avonden leren hoe u de zorg volhoudt.",
            "In een kleine groep praat u over grenzen, stress en hulp vragen. Een trainer leidt de groep.",
            "U belt en geeft u op. Wij sturen u een brief met de data.",
            "Gratis.",
            "Voor mantelzorgers die merken dat het zwaar wordt.",
            "steunpunt",
            (("2MO", "19:30", "21:30", "Vier keer per jaar een reeks van vier avonden."),),
        ),
        # Even vrij: respijtzorg
        Entry(
            "zonnehof",
            "respijtzorg",
            "Logeerhuis De Linde",
            "Uw naaste logeert een weekend of een week. U kunt even rusten.",
            "Uw naaste slaapt een paar nachten in het logeerhuis. Er is dag en nacht zorg. "
            "Zo heeft u even tijd voor uzelf.",
            "U belt. Wij komen kennismaken en kijken samen welke data passen.",
            "Vaak betaalt de gemeente of de zorgverzekering. Anders € 45 per nacht.",
            "Voor mensen die veel zorg nodig hebben en hun mantelzorger.",
            "logeerhuis",
            ((WEEKDAYS, "09:00", "17:00", "Bellen voor een logeerplek."),),
        ),
        Entry(
            "even_vrij",
            "respijtzorg",
            "Oppas aan huis door vrijwilligers",
            "Een vrijwilliger past een dagdeel op, zodat u even weg kunt.",
            "Een vaste vrijwilliger komt bij u thuis. Hij of zij blijft bij uw naaste. "
            "U gaat naar de kapper, de winkel of een vriendin.",
            "U belt. Een coördinator komt bij u langs. Daarna zoekt zij een vrijwilliger die bij u past.",
            "Gratis.",
            "Voor mantelzorgers in heel Leusden.",
            "welzijn",
            (("MO,WE,FR", "09:00", "12:00", "Bellen in de ochtend."),),
        ),
        Entry(
            "schakel",
            "respijtzorg",
            "Respijtzorg thuis: oppas door een zorgverlener",
            "Een verzorgende neemt de zorg een dag of een nacht over.",
            "Een verzorgende van De Schakel komt bij u thuis. Zij geeft ook zorg: wassen, medicijnen, eten. "
            "U kunt een dag weg of een nacht goed slapen.",
            "U belt. Wij maken een afspraak bij u thuis. Wij kijken samen hoe vaak u dit nodig heeft.",
            "Met een indicatie betaalt de gemeente. "
            "U betaalt dan een eigen bijdrage van ongeveer € 21 per maand.",
            "Voor mantelzorgers van iemand die niet alleen kan zijn.",
            "schakel",
            ((WEEKDAYS, "08:30", "17:00"),),
        ),
        # Dagbesteding
        Entry(
            "hoeve",
            "dagbesteding",
            "Dagbesteding op de zorgboerderij",
            "Een fijne dag op de boerderij, tussen de dieren en de moestuin.",
            "Uw naaste helpt op de boerderij of rust uit. Er is een warme lunch. "
            "Wij halen uw naaste thuis op en brengen hem of haar terug.",
            "U belt. U komt een dag kijken. Daarna vraagt u samen met ons een indicatie aan.",
            "Met een indicatie van de gemeente. U betaalt een eigen bijdrage.",
            "Voor ouderen en mensen met dementie of een beperking.",
            "hoeve",
            (("TU,WE,TH,FR", "09:30", "16:00"),),
            area=("Achterveld", "Stoutenburg"),
        ),
        Entry(
            "trefpunt",
            "dagbesteding",
            "Dagbesteding Het Trefpunt",
            "Samen bezig zijn in een groep: koken, wandelen, spelletjes.",
            "Uw naaste komt een of meer dagen per week. Er is een vaste groep en vaste begeleiding. "
            "Voor u is dat een vrije dag.",
            "U belt. Wij maken een afspraak om kennis te maken.",
            "Met een indicatie van de gemeente. U betaalt een eigen bijdrage.",
            "Voor ouderen die thuis wonen.",
            "trefpunt",
            (("MO,WE,FR", "09:30", "15:30"),),
        ),
        Entry(
            "welzijn",
            "dagbesteding",
            "Ontmoetingsochtend voor ouderen",
            "Elke dinsdag koffie, een praatje en een activiteit.",
            "Ouderen uit de buurt komen samen in De Deel. Er is koffie, een spel of een lezing. "
            "Vrijwilligers zijn er om te helpen.",
            "U hoeft niet te bellen. Kom gewoon langs.",
            "€ 2 per keer, met koffie.",
            "Voor ouderen in Leusden, ook samen met hun mantelzorger.",
            "deel",
            (("TU", "10:00", "12:00"),),
        ),
        # Zorg thuis
        Entry(
            "schakel",
            "thuiszorg",
            "Wijkverpleging De Schakel",
            "Verpleging en verzorging bij u thuis, door een vaste wijkverpleegkundige.",
            "De wijkverpleegkundige helpt met wassen, aankleden, wondzorg en medicijnen. "
            "Zij kijkt ook hoe het met u als mantelzorger gaat.",
            "U belt. De wijkverpleegkundige komt bij u thuis en kijkt welke zorg nodig is.",
            "Gratis. De zorgverzekering betaalt. U betaalt geen eigen risico.",
            "Voor iedereen die thuis zorg nodig heeft.",
            "schakel",
            ((WEEKDAYS, "08:00", "17:00", "Voor spoed zijn wij dag en nacht bereikbaar."),),
            "nl en tr",
        ),
        Entry(
            "zonnehof",
            "thuiszorg",
            "Thuiszorg Zonnehof",
            "Hulp bij wassen, aankleden en medicijnen, 's ochtends en 's avonds.",
            "Een verzorgende komt op vaste tijden bij u thuis. "
            "U krijgt zo min mogelijk verschillende gezichten.",
            "U belt. Wij komen langs voor een gesprek. Daarna starten wij meestal binnen een week.",
            "Gratis. De zorgverzekering betaalt.",
            "Voor mensen die thuis wonen en hulp nodig hebben bij de verzorging.",
            "zonnehof",
            ((EVERY_DAY, "08:00", "20:00"),),
        ),
        Entry(
            "zonnehof",
            "thuiszorg",
            "Uitleen hulpmiddelen",
            "Lenen van een rolstoel, rollator, douchestoel of hoog bed.",
            "U leent een hulpmiddel voor korte tijd, bijvoorbeeld na een ziekenhuisopname. "
            "Wij leggen uit hoe het werkt.",
            "U belt of komt langs. Wij zoeken het hulpmiddel voor u op. Soms brengen wij het thuis.",
            "De eerste 26 weken gratis met uw zorgverzekering. Daarna vraagt u het aan bij de gemeente.",
            "Voor iedereen in Leusden.",
            "zonnehof",
            ((WEEKDAYS, "09:00", "12:30"),),
        ),
        # Hulp in het huishouden
        Entry(
            "schoon",
            "huishoudelijke_hulp",
            "Huishoudelijke hulp via de gemeente",
            "Schoonmaken in huis als het zelf niet meer lukt.",
            "Een vaste hulp maakt uw huis schoon. Zij doet ook de was als dat nodig is.",
            "U vraagt het eerst aan bij het Sociaal Team. Daarna belt u ons. Wij komen kennismaken.",
            "U betaalt een eigen bijdrage van ongeveer € 21 per maand.",
            "Voor inwoners van Leusden met een indicatie van de gemeente.",
            "schoon",
            (("MO,TU,TH", "08:30", "16:30"),),
        ),
        Entry(
            "schoon",
            "huishoudelijke_hulp",
            "Huishoudelijke hulp zelf betalen",
            "Een hulp voor het huishouden, zonder aanvraag bij de gemeente.",
            "U kiest zelf hoe vaak de hulp komt: elke week of om de week. Ook wassen en strijken kan.",
            "U belt. Wij maken een afspraak bij u thuis en spreken een vaste dag af.",
            "€ 29 per uur.",
            "Voor iedereen in Leusden.",
            "schoon",
            (("MO,TU,TH", "08:30", "16:30"),),
        ),
        # Vervoer
        Entry(
            "sociaal_team",
            "vervoer",
            "Regiotaxi (voorbeeld)",
            "Een taxi die u thuis ophaalt, voor een klein bedrag per rit.",
            "De regiotaxi rijdt in de regio. U deelt de taxi soms met anderen. Een rolstoel kan mee.",
            "U vraagt een pas aan bij het Sociaal Team. Daarna belt u de regiotaxi een uur voor de rit.",
            "Met een pas ongeveer € 0,90 per kilometer. Zonder pas betaalt u meer.",
            "Voor mensen die niet zelf kunnen reizen.",
            "gemeentehuis",
            ((EVERY_DAY, "06:00", "23:00", "Bellen om een rit te boeken."),),
        ),
        Entry(
            "welzijn",
            "vervoer",
            "Vrijwilligersvervoer Rijdende Buren",
            "Een vrijwilliger rijdt u naar de dokter, het ziekenhuis of op visite.",
            "Een vrijwilliger haalt u thuis op met zijn eigen auto. Hij wacht of haalt u later weer op.",
            "U belt twee dagen voor de rit. Wij zoeken een chauffeur en bellen u terug.",
            "€ 0,35 per kilometer, voor de benzine.",
            "Voor inwoners van Leusden die niet zelf kunnen rijden.",
            "welzijn",
            ((WEEKDAYS, "09:00", "12:00", "Bellen om een rit te boeken."),),
        ),
        Entry(
            "buren_achterveld",
            "vervoer",
            "Rolstoelbus Achterveld",
            "Een busje met een lift voor een rolstoel, gereden door vrijwilligers.",
            "De bus rijdt in Achterveld, Stoutenburg en naar Leusden. Bijvoorbeeld naar het ziekenhuis.",
            "U belt een week voor de rit. Een vrijwilliger belt terug.",
            "€ 5 per rit in het dorp. Verder: € 0,40 per kilometer.",
            "Voor mensen in een rolstoel en hun mantelzorger.",
            "dorpshuis",
            (("MO,WE", "10:00", "12:00", "Bellen om een rit te boeken."),),
            area=("Achterveld", "Stoutenburg"),
        ),
        # Maaltijden
        Entry(
            "warm_bord",
            "maaltijden",
            "Maaltijdservice Warm Bord",
            "Elke dag een warme maaltijd aan huis.",
            "Wij brengen de maaltijd warm of gekoeld bij u thuis. U kiest uit drie menu's. "
            "Ook zoutarm of zonder vlees.",
            "U belt. Wij vragen wat u lust en spreken de dagen af. "
            "Een dag later brengen wij de eerste maaltijd.",
            "€ 9,50 per maaltijd.",
            "Voor iedereen die niet meer zelf kookt.",
            "warm_bord",
            ((WEEKDAYS, "09:00", "13:00", "Bestellen voor de volgende dag."),),
        ),
        Entry(
            "welzijn",
            "maaltijden",
            "Samen eten in De Deel",
            "Elke donderdag samen een warme maaltijd eten met buurtgenoten.",
            "Vrijwilligers koken een eenvoudige maaltijd. U eet aan een lange tafel met anderen.",
            "U belt tot woensdag 12 uur en zegt dat u komt.",
            "€ 6 per maaltijd.",
            "Voor iedereen die niet graag alleen eet, ook samen met uw naaste.",
            "deel",
            (("TH", "12:00", "13:30"),),
        ),
        # Boodschappen
        Entry(
            "welzijn",
            "boodschappen",
            "Boodschappendienst",
            "Een vrijwilliger doet elke week uw boodschappen.",
            "U geeft uw boodschappenlijst door. Een vrijwilliger haalt de boodschappen en brengt ze thuis.",
            "U belt. Wij zoeken een vaste vrijwilliger. Die belt u om een dag af te spreken.",
            "Gratis. U betaalt alleen de boodschappen.",
            "Voor mensen die zelf niet naar de winkel kunnen.",
            "welzijn",
            ((WEEKDAYS, "09:00", "12:00"),),
        ),
        Entry(
            "buren_achterveld",
            "boodschappen",
            "Boodschappenmaatje Achterveld",
            "Samen met een buur naar de winkel, of de buur gaat voor u.",
            "Een buur uit het dorp gaat met u mee naar de winkel. Of hij neemt uw boodschappen mee.",
            "U belt het dorpshuis. Een vrijwilliger belt u terug.",
            "Gratis.",
            "Voor inwoners van Achterveld en Stoutenburg.",
            "dorpshuis",
            (("MO,WE", "10:00", "12:00"),),
            area=("Achterveld", "Stoutenburg"),
        ),
        # Hulp uit de buurt
        Entry(
            "buren_zuid",
            "buurthulp",
            "Buurthulp Leusden-Zuid",
            "Buren helpen buren: een boodschap, een praatje of even oppassen.",
            "Vrijwilligers uit de buurt helpen bij kleine dingen. "
            "Een boodschap, de hond uitlaten of een kop koffie.",
            "U belt of stuurt een bericht. Een buur uit de groep neemt contact met u op.",
            "Gratis.",
            "Voor bewoners van Zuid, Groenhouten en Tabaksteeg.",
            "deel",
            ((WEEKDAYS, "09:00", "17:00"),),
            area=("Zuid", "Groenhouten", "Tabaksteeg"),
        ),
        Entry(
            "buren_achterveld",
            "buurthulp",
            "Burenhulp Achterveld",
            "Inwoners van het dorp helpen elkaar met kleine dingen.",
            "Een vrijwilliger helpt u met een klusje, een boodschap of een bezoekje. "
            "Iedereen kent elkaar hier.",
            "U belt het dorpshuis. Wij zoeken een buur die kan helpen.",
            "Gratis.",
            "Voor inwoners van Achterveld en Stoutenburg.",
            "dorpshuis",
            (("MO,WE", "10:00", "12:00"),),
            area=("Achterveld", "Stoutenburg"),
        ),
        Entry(
            "klussers",
            "buurthulp",
            "Klussendienst De Handige Buur",
            "Vrijwilligers voor een klein klusje: een lamp, een kraan, een schilderij.",
            "Een handige vrijwilliger komt langs voor een klusje van een uur of twee. "
            "Grote klussen doen wij niet.",
            "U belt en vertelt wat er moet gebeuren. Wij bellen u terug met een datum.",
            "Gratis. U betaalt alleen het materiaal.",
            "Voor ouderen en mantelzorgers die het zelf niet kunnen.",
            "welzijn",
            (("TU,TH", "09:00", "11:00"),),
        ),
        Entry(
            "welzijn",
            "buurthulp",
            "Maatje voor een praatje",
            "Een vrijwilliger komt elke week op bezoek voor een praatje of een wandeling.",
            "Een vaste vrijwilliger komt bij u of uw naaste langs. "
            "U drinkt koffie, wandelt of doet een spel.",
            "U belt. Een coördinator komt kennismaken en zoekt een maatje dat bij u past.",
            "Gratis.",
            "Voor mensen die zich alleen voelen.",
            "welzijn",
            ((WEEKDAYS, "09:00", "12:00"),),
            "nl en",
        ),
        # Praten met anderen
        Entry(
            "lotgenoten",
            "lotgenoten",
            "Lotgenotengroep Zorgen voor je partner",
            "Praten met anderen die zorgen voor hun man of vrouw.",
            "Een kleine groep komt elke maand samen. U deelt uw zorgen en tips. "
            "Een vrijwilliger leidt het gesprek.",
            "U belt en meldt zich aan. Een vrijwilliger vertelt u hoe het gaat.",
            "Gratis.",
            "Voor mensen die zorgen voor hun partner.",
            "steunpunt",
            (("2WE", "14:00", "16:00", "Elke tweede woensdag van de maand."),),
        ),
        Entry(
            "lotgenoten",
            "lotgenoten",
            "Oudergroep Zorgen voor je kind",
            "Ouders van een kind met een ziekte of beperking praten samen.",
            "Ouders komen samen op een avond. U praat over school, zorg en rust. En over uzelf.",
            "U belt of stuurt een bericht. U mag eerst een keer komen kijken.",
            "Gratis.",
            "Voor ouders van een kind dat veel zorg nodig heeft.",
            "deel",
            (("3MO", "20:00", "22:00", "Elke derde maandag van de maand."),),
        ),
        Entry(
            "lotgenoten",
            "lotgenoten",
            "Wandelgroep voor mantelzorgers",
            "Elke zaterdag samen wandelen en praten in de buitenlucht.",
            "U wandelt een uur met andere mantelzorgers door het bos. Daarna drinkt u samen koffie.",
            "U hoeft niet te bellen. Kom om 10 uur naar het dorpshuis in Stoutenburg.",
            "Gratis.",
            "Voor alle mantelzorgers.",
            "stoutenburg",
            (("SA", "10:00", "11:30"),),
        ),
        # Papierwerk en geld
        Entry(
            "welzijn",
            "administratie",
            "Hulp bij formulieren",
            "Hulp bij een brief of formulier van de gemeente, de belasting of het CAK.",
            "Een vrijwilliger leest de brief met u. Hij helpt u het formulier in te vullen.",
            "U komt naar het spreekuur in de bibliotheek. Neem de brief mee. Bellen mag ook.",
            "Gratis.",
            "Voor iedereen in Leusden.",
            "bibliotheek",
            (("WE", "13:30", "15:30"),),
            "nl en ar",
        ),
        Entry(
            "thuisadministratie",
            "administratie",
            "Thuisadministratie",
            "Een vrijwilliger helpt thuis met uw post, rekeningen en geld.",
            "Een vaste vrijwilliger komt bij u thuis. Samen ordent u de post en betaalt u rekeningen.",
            "U belt. Wij komen kennismaken en zoeken een vrijwilliger.",
            "Gratis.",
            "Voor mensen die hun papieren niet meer overzien.",
            "welzijn",
            (("MO,TH", "09:00", "12:00"),),
        ),
        Entry(
            "sociaal_team",
            "administratie",
            "Hulp aanvragen bij de gemeente (Wmo)",
            "Hier vraagt u hulp thuis, vervoer of een hulpmiddel aan.",
            "Het Sociaal Team kijkt met u welke hulp u nodig heeft. "
            "Bijvoorbeeld huishoudelijke hulp of een pas voor de regiotaxi.",
            "U belt. Iemand van het Sociaal Team komt bij u thuis voor een gesprek. "
            "Uw mantelzorger mag erbij zijn.",
            "Het gesprek is gratis. Voor de meeste hulp betaalt u een eigen bijdrage.",
            "Voor inwoners van Leusden.",
            "gemeentehuis",
            ((WEEKDAYS, "09:00", "12:30"),),
        ),
        # Huisarts en praktijk
        Entry(
            "horst",
            "huisarts",
            "Praktijkondersteuner ouderen",
            "Een verpleegkundige van de huisarts die thuis komt bij ouderen.",
            "De praktijkondersteuner kijkt hoe het gaat met uw naaste en met u. "
            "Zij let op vallen, medicijnen en geheugen. Zij overlegt met de huisarts.",
            "U belt de praktijk en vraagt naar de praktijkondersteuner ouderen. Zij belt u terug.",
            "Gratis.",
            "Voor patiënten van de praktijk van 75 jaar en ouder, en hun mantelzorger.",
            "horst",
            (("TU,TH", "08:30", "12:00"),),
        ),
        Entry(
            "hamersveld",
            "huisarts",
            "Praktijkondersteuner ggz",
            "Praten als het zwaar is, bij de praktijk van de huisarts.",
            "Voelt u zich somber of moe door de zorg? De praktijkondersteuner ggz praat met u. "
            "U krijgt een paar gesprekken.",
            "U vraagt het aan de huisarts. Daarna maakt de assistente een afspraak voor u.",
            "Gratis. U betaalt geen eigen risico.",
            "Voor patiënten van het gezondheidscentrum.",
            "gezondheidscentrum",
            (("MO,WE", "09:00", "17:00"),),
            "nl en",
        ),
        # Dementie en geheugen
        Entry(
            "dementienetwerk",
            "dementie",
            "Casemanager dementie",
            "Een vaste begeleider voor u en uw naaste als er dementie is.",
            "De casemanager helpt u vanaf de diagnose. Zij legt uit wat dementie doet. "
            "Zij regelt hulp als het nodig is.",
            "De huisarts meldt u aan. U mag ook zelf bellen. "
            "De casemanager komt binnen twee weken bij u thuis.",
            "Gratis. De zorgverzekering betaalt.",
            "Voor mensen met dementie of geheugenproblemen en hun mantelzorger.",
            "trefpunt",
            (("MO,TU,WE,TH", "09:00", "17:00"),),
            "nl tr",
        ),
        Entry(
            "trefpunt",
            "dementie",
            "Ontmoetingscentrum De Ontmoeting",
            "Een plek voor mensen met dementie, met hulp en uitleg voor de mantelzorger.",
            "Uw naaste komt een paar dagen per week naar het ontmoetingscentrum. "
            "U kunt naar gespreksavonden voor mantelzorgers.",
            "U belt. Wij nodigen u uit om te komen kijken. U hoeft geen indicatie te hebben.",
            "€ 5 per dag voor de lunch.",
            "Voor thuiswonende mensen met dementie en hun mantelzorger.",
            "trefpunt",
            (("MO,WE,TH", "10:00", "16:00"),),
        ),
        Entry(
            "geheugencafe",
            "dementie",
            "Geheugencafé Leusden",
            "Elke maand een avond over leven met dementie, met koffie.",
            "Een deskundige vertelt over een onderwerp. Daarna is er tijd voor vragen en een praatje.",
            "U hoeft zich niet aan te melden. Kom gewoon binnen.",
            "Gratis.",
            "Voor mensen met dementie, hun mantelzorgers en andere belangstellenden.",
            "deel",
            (("3WE", "19:30", "21:30", "Elke derde woensdag van de maand."),),
        ),
        # Jonge mantelzorgers
        Entry(
            "steunpunt",
            "jonge_mantelzorgers",
            "Jonge mantelzorgers Leusden",
            "Leuke dingen doen met jongeren die ook thuis zorgen.",
            "Zorg jij thuis voor je moeder, vader, broer of zus? "
            "Eens per maand doe je iets leuks met andere jongeren. "
            "Je kunt ook praten met een consulent.",
            "Jij of je ouder belt of appt. Een consulent spreekt met je af.",
            "Gratis.",
            "Voor kinderen en jongeren van 8 tot 24 jaar.",
            "steunpunt",
            (("2WE", "15:30", "17:30", "Elke tweede woensdag van de maand."),),
        ),
        Entry(
            "welzijn",
            "jonge_mantelzorgers",
            "Jongerenwerker: praten over thuis",
            "Een jongerenwerker luistert als het thuis zwaar is.",
            "Je praat met een jongerenwerker op school of in De Deel. "
            "Zij helpt je met school en vrije tijd naast de zorg.",
            "Je belt, appt of loopt binnen. Wat je vertelt, blijft tussen jou en de jongerenwerker.",
            "Gratis.",
            "Voor jongeren van 12 tot 23 jaar.",
            "deel",
            (("WE,FR", "14:00", "18:00"),),
        ),
        # Werk en mantelzorg
        Entry(
            "steunpunt",
            "werk_en_mantelzorg",
            "Spreekuur werk en mantelzorg",
            "Advies over werken en zorgen tegelijk: verlof, uren en praten met uw baas.",
            "Een consulent vertelt welk verlof er is. "
            "Zij helpt u het gesprek met uw werkgever voor te bereiden.",
            "U belt en maakt een afspraak. Het spreekuur is 's avonds, na het werk.",
            "Gratis.",
            "Voor mantelzorgers die werken, en voor werkgevers in Leusden.",
            "steunpunt",
            (("1TH", "17:00", "19:00", "Elke eerste donderdag van de maand, op afspraak."),),
        ),
        Entry(
            "sociaal_team",
            "werk_en_mantelzorg",
            "Mantelzorgvriendelijk werkgeven",
            "Uitleg voor werkgevers over mantelzorgers in hun bedrijf.",
            "Wij vertellen werkgevers hoe zij mantelzorgers steunen. "
            "Bijvoorbeeld met vaste vrije uren of thuiswerken.",
            "De werkgever belt. Wij komen langs voor een gesprek.",
            "Gratis.",
            "Voor werkgevers in Leusden.",
            "gemeentehuis",
            ((WEEKDAYS, "09:00", "12:30"),),
        ),
    ),
    links={"Fatima": "steunpunt"},
    stale=("Spreekuur werk en mantelzorg", "Klussendienst De Handige Buur"),
)

POPERINGE = DemoDirectory(
    phone="057 00 00 ",
    line="057 00 01 ",
    province="West-Vlaanderen",
    country="BE",
    orgs=(
        Org(
            "sociaal_huis",
            "Sociaal Huis Poperinge (voorbeeld)",
            "Het Sociaal Huis van OCMW en stad: één loket voor zorg, premies en hulp thuis.",
            contact="Koen Voorbeeld",
            line="01",
            days="maandag, dinsdag en donderdag",
        ),
        Org(
            "kouter",
            "Lokaal Dienstencentrum De Kouter (voorbeeld)",
            "Een dienstencentrum met een restaurant, activiteiten en hulp voor ouderen.",
            contact="Griet Voorbeeld",
            line="02",
            days="maandag tot en met vrijdag",
        ),
        Org(
            "mmc",
            "Minder Mobielen Centrale Poperinge (voorbeeld)",
            "Vrijwilligers die rijden voor wie niet zelf kan reizen.",
            contact="Luc Voorbeeld",
            line="03",
            days="dinsdag en donderdag",
        ),
        Org(
            "thuisverpleging",
            "Thuisverpleging Westhoek (voorbeeld)",
            "Thuisverpleging in Poperinge en de deelgemeenten.",
            contact="An Voorbeeld",
            line="04",
            days="maandag tot en met vrijdag",
        ),
        Org(
            "gezinszorg",
            "Gezinszorg Hoppeland (voorbeeld)",
            "Gezinszorg en poetshulp bij u thuis.",
            contact="Stijn Voorbeeld",
            line="05",
            days="woensdag en vrijdag",
        ),
        Org(
            "oppashulp",
            "Oppashulp Westhoek (voorbeeld)",
            "Oppas aan huis door vrijwilligers, overdag en 's nachts.",
            contact="Els Voorbeeld",
            line="06",
            days="maandag en donderdag",
        ),
        Org(
            "sint_jan",
            "Woonzorgcentrum Sint-Jan (voorbeeld)",
            "Een woonzorgcentrum met kortverblijf en een dagverzorgingscentrum.",
            contact="Ria Voorbeeld",
            line="07",
            days="dinsdag tot en met vrijdag",
        ),
        Org(
            "ziekenfonds",
            "Ziekenfonds Westhoek (voorbeeld)",
            "Een ziekenfonds met een dienst maatschappelijk werk en een uitleendienst.",
            contact="Bart Voorbeeld",
            line="08",
            days="maandag, woensdag en vrijdag",
        ),
        Org("cafe", "Mantelzorgcafé Poperinge", "Mantelzorgers die samen het Mantelzorgcafé dragen.", True),
        Org("watou_helpt", "Watou Helpt", "Vrijwilligers uit Watou die hun dorpsgenoten helpen.", True),
        Org("praatgroep", "Praatgroep Dementie Westhoek", "Mantelzorgers van mensen met dementie.", True),
    ),
    places={
        "sociaal_huis": Place("Sociaal Huis", "Gasthuisstraat 901", "8970", "Poperinge", "Poperinge"),
        "kouter": Place("Dienstencentrum De Kouter", "Ieperstraat 902", "8970", "Poperinge", "Poperinge"),
        "thuisverpleging": Place(
            "Thuisverpleging Westhoek", "Boeschepestraat 903", "8970", "Poperinge", "Poperinge"
        ),
        "gezinszorg": Place("Gezinszorg Hoppeland", "Casselstraat 904", "8970", "Poperinge", "Poperinge"),
        "sint_jan": Place("Woonzorgcentrum Sint-Jan", "Provenstraat 905", "8972", "Proven", "Proven"),
        "ziekenfonds": Place("Kantoor Ziekenfonds", "Grote Markt 906", "8970", "Poperinge", "Poperinge"),
        "watou": Place("Zaal De Hommel", "Watouplein 907", "8978", "Watou", "Watou"),
        "reningelst": Place("Ontmoetingscentrum", "Reningelstplein 908", "8970", "Reningelst", "Reningelst"),
    },
    entries=(
        Entry(
            "sociaal_huis",
            "mantelzorgondersteuning",
            "Onthaal Sociaal Huis",
            "Met al uw vragen over zorg en hulp kunt u hier terecht.",
            "Een maatschappelijk werker luistert naar uw vraag. Samen zoekt u welke hulp er is. "
            "Zij kent ook de vrijwilligers in de buurt.",
            "U belt of komt langs. Wij maken een afspraak. Als u niet kunt komen, komen wij bij u thuis.",
            "Gratis.",
            "Voor alle inwoners van Poperinge en de deelgemeenten.",
            "sociaal_huis",
            ((WEEKDAYS, "09:00", "12:00"), ("WE", "13:30", "16:30")),
            "nl fr",
        ),
        Entry(
            "cafe",
            "mantelzorgondersteuning",
            "Mantelzorgcafé Poperinge",
            "Elke maand een namiddag met andere mantelzorgers, bij een kop koffie.",
            "Mantelzorgers dragen het café zelf. U praat met anderen die ook zorgen. "
            "Soms is er een spreker over een thema dat u zelf kiest.",
            "U hoeft niet in te schrijven. Bellen mag: iemand van de kerngroep vertelt u meer.",
            "Gratis.",
            "Voor iedereen die zorgt voor een familielid, kennis of buur.",
            "kouter",
            (("2TH", "14:00", "16:30", "Elke tweede donderdag van de maand."),),
        ),
        Entry(
            "sociaal_huis",
            "administratie",
            "Mantelzorgpremie",
            "Elk jaar een premie van de stad voor wie thuis zorgt.",
            "De stad geeft mantelzorgers een premie als dank. Het Sociaal Huis helpt u de aanvraag te doen.",
            "U belt of komt langs. Wij vullen het formulier samen met u in.",
            "Gratis. U krijgt € 25 per maand (voorbeeldbedrag).",
            "Voor mantelzorgers van iemand die in Poperinge woont en veel zorg nodig heeft.",
            "sociaal_huis",
            ((WEEKDAYS, "09:00", "12:00"),),
        ),
        Entry(
            "kouter",
            "maaltijden",
            "Warme maaltijd in het dienstencentrum",
            "Elke middag een warme maaltijd in het restaurant van De Kouter.",
            "U eet samen met anderen in het restaurant. Wie niet kan komen, krijgt de maaltijd aan huis.",
            "U belt de dag voordien voor 10 uur en zegt dat u komt.",
            "€ 8 per maaltijd. Met een laag inkomen betaalt u minder.",
            "Voor senioren en mantelzorgers.",
            "kouter",
            ((WEEKDAYS, "11:45", "13:30"),),
        ),
        Entry(
            "kouter",
            "dagbesteding",
            "Activiteiten in het dienstencentrum",
            "Kaarten, turnen, een uitstap of een voordracht, elke week.",
            "In De Kouter is er elke dag iets te doen. U komt wanneer u wilt. Ook uw naaste is welkom.",
            "U hoeft niet te bellen. Kom gewoon binnen of vraag de kalender.",
            "De meeste activiteiten zijn gratis. Een uitstap kost meer.",
            "Voor senioren in Poperinge.",
            "kouter",
            ((WEEKDAYS, "09:00", "17:00"),),
        ),
        Entry(
            "mmc",
            "vervoer",
            "Minder Mobielen Centrale",
            "Een vrijwilliger rijdt u naar de dokter, de winkel of op bezoek.",
            "Een vrijwillige chauffeur haalt u thuis op met de eigen wagen en brengt u terug.",
            "U wordt eerst lid. Daarna belt u twee werkdagen voor de rit.",
            "Lidgeld € 12 per jaar. Per rit € 0,40 per kilometer.",
            "Voor wie weinig geld heeft en niet zelf kan rijden of de bus nemen.",
            "kouter",
            (("TU,TH", "09:00", "11:30", "Bellen om een rit te vragen."),),
        ),
        Entry(
            "thuisverpleging",
            "thuiszorg",
            "Thuisverpleging Westhoek",
            "Een verpleegkundige komt bij u thuis voor verzorging en wondzorg.",
            "De verpleegkundige helpt met wassen, spuiten, medicatie en wondzorg. Ook in het weekend.",
            "U belt of uw huisarts belt. Wij komen meestal dezelfde dag nog.",
            "Het ziekenfonds betaalt bijna alles terug.",
            "Voor iedereen die thuis verpleging nodig heeft.",
            "thuisverpleging",
            ((EVERY_DAY, "07:00", "20:00"),),
            "nl fr",
        ),
        Entry(
            "gezinszorg",
            "huishoudelijke_hulp",
            "Gezinszorg en poetshulp",
            "Hulp bij het huishouden en de verzorging, bij u thuis.",
            "Een verzorgende helpt met wassen, koken en boodschappen. Een poetshulp maakt uw huis proper.",
            "U belt. Een maatschappelijk werker komt bij u thuis en bekijkt hoeveel uren u krijgt.",
            "U betaalt per uur, volgens uw inkomen. Vaak tussen € 1 en € 15.",
            "Voor gezinnen en ouderen die het niet alleen redden.",
            "gezinszorg",
            (("MO,TU,TH,FR", "08:30", "16:30"),),
        ),
        Entry(
            "oppashulp",
            "respijtzorg",
            "Oppashulp",
            "Een vrijwilliger past op uw naaste, overdag of 's nachts.",
            "Een vrijwilliger blijft bij uw naaste. U kunt even weg of een nacht doorslapen.",
            "U belt. Wij komen bij u thuis kennismaken en zoeken een vrijwilliger.",
            "€ 4 per uur. Uw ziekenfonds betaalt soms een deel terug.",
            "Voor mantelzorgers van iemand die niet alleen kan blijven.",
            "sociaal_huis",
            (("MO,TH", "09:00", "12:00"),),
        ),
        Entry(
            "sint_jan",
            "respijtzorg",
            "Kortverblijf in het woonzorgcentrum",
            "Uw naaste logeert enkele dagen of weken in het woonzorgcentrum.",
            "Uw naaste krijgt een eigen kamer en dag en nacht zorg. U kunt op vakantie of even rusten.",
            "U belt. Wij bekijken samen wanneer er een kamer vrij is.",
            "€ 65 per dag. Het ziekenfonds betaalt soms een deel terug.",
            "Voor ouderen die thuis wonen en veel zorg nodig hebben.",
            "sint_jan",
            ((WEEKDAYS, "09:00", "16:00"),),
        ),
        Entry(
            "sint_jan",
            "dagbesteding",
            "Dagverzorgingscentrum Den Hop",
            "Overdag opvang en zorg, 's avonds weer thuis.",
            "Uw naaste komt een of meer dagen per week. Er is zorg, een middagmaal en iets te doen. "
            "Wij halen uw naaste thuis op.",
            "U belt. U komt eerst een dag proberen.",
            "€ 30 per dag, met vervoer en maaltijd.",
            "Voor ouderen die overdag zorg en gezelschap nodig hebben.",
            "sint_jan",
            ((WEEKDAYS, "08:30", "17:00"),),
            area=("Proven", "Krombeke", "Roesbrugge-Haringe", "Poperinge"),
        ),
        Entry(
            "ziekenfonds",
            "thuiszorg",
            "Uitleendienst hulpmiddelen",
            "Een rolstoel, een ziekenhuisbed of een rollator huren.",
            "U huurt een hulpmiddel zo lang als nodig. Wij brengen het bij u thuis en leggen het uit.",
            "U belt of komt naar het kantoor.",
            "Leden betalen een kleine huurprijs per maand.",
            "Voor leden van het ziekenfonds.",
            "ziekenfonds",
            (("MO,WE,FR", "09:00", "12:00"),),
            "nl fr",
        ),
        Entry(
            "ziekenfonds",
            "administratie",
            "Dienst maatschappelijk werk",
            "Hulp bij premies, het zorgbudget en papieren voor de zorg.",
            "Een maatschappelijk werker zoekt uit op welke premies u recht heeft. "
            "Bijvoorbeeld het zorgbudget.",
            "U belt en maakt een afspraak op kantoor of bij u thuis.",
            "Gratis voor leden.",
            "Voor leden van het ziekenfonds en hun mantelzorgers.",
            "ziekenfonds",
            (("MO,WE,FR", "09:00", "12:00"),),
        ),
        Entry(
            "watou_helpt",
            "boodschappen",
            "Boodschappendienst Watou",
            "Een vrijwilliger doet uw boodschappen of gaat met u mee.",
            "Vrijwilligers uit het dorp halen uw boodschappen. Of zij rijden met u naar de winkel.",
            "U belt. Een vrijwilliger belt u terug om een dag af te spreken.",
            "Gratis. U betaalt alleen de boodschappen.",
            "Voor inwoners van Watou.",
            "watou",
            (("MO,TH", "10:00", "12:00"),),
            area=("Watou",),
        ),
        Entry(
            "praatgroep",
            "lotgenoten",
            "Praatgroep dementie",
            "Praten met andere mantelzorgers van iemand met dementie.",
            "Elke maand komt de groep samen. U deelt ervaringen en krijgt tips. "
            "Soms komt er een dementie-expert.",
            "U belt of komt gewoon binnen.",
            "Gratis.",
            "Voor mantelzorgers van iemand met dementie.",
            "reningelst",
            (("4TU", "14:00", "16:00", "Elke vierde dinsdag van de maand."),),
        ),
        Entry(
            "sociaal_huis",
            "dementie",
            "Referentiepersoon dementie",
            "Een medewerker van het Sociaal Huis die veel weet over dementie.",
            "Zij legt uit wat dementie is en wat u kunt doen. Zij brengt u in contact met hulp.",
            "U belt het Sociaal Huis en vraagt naar de referentiepersoon dementie.",
            "Gratis.",
            "Voor mensen met dementie en hun mantelzorgers in Poperinge.",
            "sociaal_huis",
            (("TU,TH", "09:00", "12:00"),),
        ),
    ),
    links={"Koen": "sociaal_huis"},
    stale=("Boodschappendienst Watou",),
)

DIRECTORIES = {"leusden": LEUSDEN, "poperinge": POPERINGE}


def uid(slug: str, kind: str, name: str) -> str:
    """The stable HSDS id of one demo object: the same on every load and in every export."""
    return str(uuid.uuid5(NAMESPACE, f"{slug}:{kind}:{name}"))


def load_directory(
    session: Session, hub: Hub, wijk_ids: dict[str, int], professionals: dict[str, int]
) -> list[Service]:
    """Adds the hub's demo sociale kaart (none for a hub without one), indexes every service and
    links the demo professionals to the organisation whose entries they keep. Does not commit."""
    demo = DIRECTORIES.get(hub.slug)
    if demo is None:
        return []
    assert hub.id is not None
    slug = hub.slug
    wijken = wijken_of(session, hub.id)
    organizations: dict[str, Organization] = {}
    for org in demo.orgs:
        organization = Organization(
            hub_id=hub.id,
            uid=uid(slug, "organization", org.name),
            name=org.name,
            description=org.description,
            email="" if org.informal else f"{org.key.replace('_', '-')}@{slug}.example.org",
            informal=org.informal,
            partner_contact=org.contact,
            partner_phone=f"{demo.line}{org.line}" if org.line else "",
            partner_hours=org.days,
        )
        session.add(organization)
        organizations[org.key] = organization
    session.flush()
    today = utcnow().date()
    services = []
    for number, entry in enumerate(demo.entries, start=1):
        assert entry.category in CATEGORY_VALUES, entry.name
        place = demo.places[entry.place]
        wijk = places.wijk_of(wijken, wijk_ids[place.wijk], None)
        assert wijk is not None and places.area(place.postcode) in {
            places.area(p) for p in wijk.postcodes.split()
        }
        days_ago = STALE_DAYS + 3 * number if entry.name in demo.stale else 2 + (number * 11) % 120
        service = Service(
            hub_id=hub.id,
            organization_id=organizations[entry.org].id,
            uid=uid(slug, "service", entry.name),
            category=entry.category,
            name=entry.name,
            summary=entry.summary,
            description=entry.what,
            application_process=entry.call,
            fees_description=entry.costs,
            eligibility_description=entry.who,
            languages=entry.languages,
            phone=f"{demo.phone}{number:02d}",
            phone_uid=uid(slug, "phone", entry.name),
            location_uid=uid(slug, "location", entry.name),
            address_uid=uid(slug, "address", entry.name),
            service_at_location_uid=uid(slug, "service_at_location", entry.name),
            location_name=place.name,
            address_1=place.street,
            postal_code=place.postcode,
            city=place.city,
            state_province=demo.province,
            country=demo.country,
            wijk_id=wijk.id,
            area_wijk_ids=" ".join(str(wijk_ids[name]) for name in entry.area),
            checked_on=today - timedelta(days=days_ago),
        )
        session.add(service)
        session.flush()
        for count, (byday, opens, closes, *words) in enumerate(entry.hours, start=1):
            session.add(
                ServiceSchedule(
                    service_id=service.id,
                    uid=uid(slug, "schedule", f"{entry.name}:{count}"),
                    freq="MONTHLY" if any(ch.isdigit() for ch in byday) else "WEEKLY",
                    byday=byday,
                    opens_at=opens,
                    closes_at=closes,
                    description=words[0] if words else "",
                )
            )
        index_service(session, service)
        services.append(service)
    for first_name, key in demo.links.items():
        if first_name not in professionals:
            continue
        for membership in session.exec(
            select(Membership).where(
                Membership.person_id == professionals[first_name],
                Membership.hub_id == hub.id,
                Membership.role == Role.professional,
            )
        ):
            membership.organization_id = organizations[key].id
            session.add(membership)
    return services
