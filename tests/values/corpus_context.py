"""The units and gazetteer the corpus of written forms is read with: those of a ledger on
Soviet–Turkish relations 1917–1921, as the demo's documents name them."""

from __future__ import annotations

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.models import Entity
from sourcecrit.names import fold
from sourcecrit.values import ParseContext

UNITS = {
    "gold-ruble": ["gold ruble", "gold rubles", "gold roubles", "rubles gold", "ruble gold"],
    "ruble": ["ruble", "rubles", "rouble", "₽"],
    "turkish-lira": ["Turkish lira", "Turkish liras", "lira", "liras", "LT", "TL", "₺"],
    "italian-lira": ["Italian lira", "Italian liras"],
    "dollar": ["dollar", "dollars", "US dollar", "$"],
    "pound": ["pound sterling", "pounds sterling", "pound", "pounds", "£"],
    "rifle": ["rifle", "rifles", "Mauser rifles"],
    "cartridge": ["cartridge", "cartridges"],
    "gun": ["gun", "guns", "field guns", "cannon", "cannons"],
    "machine-gun": ["mitrailleuse", "mitrailleuses", "machine gun", "machine guns"],
    "soldier": ["soldier", "soldiers", "men", "troops", "Red Army soldiers"],
}

ENTITIES = [
    Entity(id="mustafa-kemal", label="Mustafa Kemal", kind="person",
           variants=["Mustafa Kemal Pasha", "Atatürk", "Mustafa Kemal Paşa"]),
    Entity(id="budyonny", label="Semyon Budyonny", kind="person", variants=["Budyenny", "Budennii"]),
    Entity(id="ordzhonikidze", label="Sergo Ordzhonikidze", kind="person", variants=["Ordzhonikidze"]),
    Entity(id="chicherin", label="Georgy Chicherin", kind="person", variants=["Chicherin"]),
    Entity(id="miasnikian", label="Alexander Miasnikian", kind="person"),
    Entity(id="narimanov", label="Nariman Narimanov", kind="person", variants=["Narimanov"]),
    Entity(id="karabekir", label="Kazım Karabekir", kind="person", variants=["Karabekir"]),
    Entity(id="halil-pasha", label="Halil Pasha", kind="person", variants=["Halil Kut"]),
    Entity(id="cebesoy", label="Ali Fuat Cebesoy", kind="person", variants=["Ali Fuat Pasha"]),
    Entity(id="yusuf-kemal", label="Yusuf Kemal", kind="person", variants=["Yusuf Kemal Tengirşenk"]),
    Entity(id="legran", label="Boris Legran", kind="person", variants=["Legran"]),
    Entity(id="mdivani", label="Budu Mdivani", kind="person", variants=["Mdivani"]),
    Entity(id="frunze", label="Mikhail Frunze", kind="person", variants=["Frunze"]),
    Entity(id="stalin", label="Joseph Stalin", kind="person", variants=["Stalin", "I. Stalin"]),
    Entity(id="trotsky", label="Leon Trotsky", kind="person", variants=["Trotsky"]),
    Entity(id="djemal-bey", label="Djemal Bey", kind="person"),
    Entity(id="cemal-bey", label="Cemal Bey", kind="person"),
    Entity(id="havza", label="Havza", kind="place"),
    Entity(id="gumru", label="Gümrü", kind="place", variants=["Alexandropol", "Leninakan"]),
    Entity(id="kars", label="Kars", kind="place"),
    Entity(id="erzurum", label="Erzurum", kind="place", variants=["Erzerum"]),
    Entity(id="trabzon", label="Trabzon", kind="place", variants=["Trebizond"]),
    Entity(id="baku", label="Baku", kind="place", variants=["Bakı"]),
    Entity(id="enzeli", label="Enzeli", kind="place", variants=["Bandar-e Anzali"]),
    Entity(id="ankara", label="Ankara", kind="place", variants=["Angora"]),
]


def corpus_context() -> ParseContext:
    """A parse context with the corpus's units and gazetteer."""
    units = {fold(name): unit for unit, names in UNITS.items() for name in (unit, *names)}
    gazetteer = Gazetteer(ENTITIES)
    return ParseContext(resolve_unit=lambda text: units.get(fold(text)), resolve_entity=gazetteer.resolve,
                        suggest_entity=gazetteer.suggest, entity_label=gazetteer.label)


GAZETTEER = Gazetteer(ENTITIES)
