"""`sourcecrit check`: every kind of problem is reported with its file, line and plain words."""

from __future__ import annotations

from pathlib import Path


from sourcecrit.cli import main
from sourcecrit import load_ledger
from tests.conftest import write_files

DECLARATIONS = """
subjects:
  - id: treaty-of-moscow
    label: Treaty of Moscow
  - id: havza-meeting
    label: Meeting at Havza
properties:
  - id: signed-on
    label: signed on
    type: date
  - id: participants
    label: participants
    type: entities
    multi: true
  - id: place
    label: place
    type: entities
  - id: amount
    label: amount
    type: quantity
units:
  - id: gold-ruble
    label: gold ruble
    variants: [gold rubles]
"""

GAZETTEER = """
entities:
  - id: ordzhonikidze
    label: Ordzhonikidze
    kind: person
  - id: havza
    label: Havza
    kind: place
"""

SOURCES = """
sources:
  - id: akalin-2017
    type: webpage
    title: Historical Solidarity
    kind: authored-narrative
"""


def make_ledger(root: Path, claims: str, **extra: str) -> Path:
    files = {
        "declarations/declarations.yaml": DECLARATIONS,
        "gazetteer/entities.yaml": GAZETTEER,
        "sources/sources.yaml": SOURCES,
        "claims/akalin-2017.yaml": claims,
    }
    files.update({name.replace("__", "/").replace("_yaml", ".yaml"): text for name, text in extra.items()})
    return write_files(root, files)


def claim(value: str, *, property: str = "signed-on", subject: str = "treaty-of-moscow", extra: str = "") -> str:
    return f"""
source: akalin-2017
claims:
  - id: c1
    subject: {subject}
    property: {property}
    value: {value}
    locator: line 3
    quote: "the words"
{extra}"""


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_ledger(root, use_cache=False).problems]


def test_valid_ledger_has_no_problems(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921"))
    assert problems_of(root) == []


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    root = make_ledger(tmp_path, "claims:\n  - id: c1\n    value: [16 March\n  - id: c2\n")
    found = problems_of(root)
    assert len(found) == 1
    assert found[0].startswith(f"{root}/claims/akalin-2017.yaml:4: YAML syntax")


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path):
    text = claim("16 March 1921") + "    value: 16 May 1921\n"
    root = make_ledger(tmp_path, text)
    assert f"{root}/claims/akalin-2017.yaml:9: key 'value' appears twice in this mapping (first on line 6); keep one" in problems_of(root)


def test_an_item_that_is_no_record_is_named_by_its_own_line(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921") + "  - just a line of text\n  - [a, list]\n")
    found = problems_of(root)
    assert f"{root}/claims/akalin-2017.yaml:9: each item of 'claims' must be a mapping of fields" in found
    assert f"{root}/claims/akalin-2017.yaml:10: each item of 'claims' must be a mapping of fields" in found


def test_unknown_subject_suggests_the_close_one(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921", subject="treaty-of-moscw"))
    assert problems_of(root) == [
        f"{root}/claims/akalin-2017.yaml:4: claim 'c1': unknown subject 'treaty-of-moscw'; did you mean 'treaty-of-moscow'?"
    ]


def test_unknown_property_and_source(tmp_path):
    text = claim("16 March 1921", property="signed_on").replace("source: akalin-2017", "source: akalin-2071")
    root = make_ledger(tmp_path, text)
    found = problems_of(root)
    assert any(":5: claim 'c1': unknown property 'signed_on'; did you mean 'signed-on'?" in p for p in found)
    assert any(":1: claim 'c1': unknown source 'akalin-2071'; did you mean 'akalin-2017'?" in p for p in found)


def test_impossible_date(tmp_path):
    root = make_ledger(tmp_path, claim("30 February 1921"))
    found = problems_of(root)
    assert len(found) == 1 and ":6: claim 'c1':" in found[0] and "30 February 1921" in found[0]


def test_value_that_does_not_fit_its_type(tmp_path):
    root = make_ledger(tmp_path, claim("ten thousand gold rubles"))
    found = problems_of(root)
    assert len(found) == 1 and ":6: claim 'c1':" in found[0]


def test_unknown_entity_gets_a_suggestion_never_a_merge(tmp_path):
    root = make_ledger(tmp_path, claim("[Ordzhonikidze, Havsa]", property="participants", subject="havza-meeting"))
    found = problems_of(root)
    assert len(found) == 1
    assert "'Havsa' is not in the gazetteer but is close to Havza (havza); add it as a variant?" in found[0]
    assert ":6:" in found[0]


def test_a_name_read_through_the_transliteration_key_is_listed_at_info_level(tmp_path):
    # Orjonikidze was refused as only close; the key (dzh/j) takes it to one entity alone
    root = make_ledger(tmp_path, claim("[Orjonikidze, Havza]", property="participants", subject="havza-meeting"))
    ledger = load_ledger(root, use_cache=False)
    (note,) = ledger.problems
    assert note.severity == "info" and not note.is_error
    assert "'Orjonikidze' is read as Ordzhonikidze (ordzhonikidze) through the transliteration key" in note.message
    assert ledger.values["c1"].ids() == {"ordzhonikidze", "havza"}


def test_single_valued_entity_property_takes_one(tmp_path):
    root = make_ledger(tmp_path, claim("[Havza, Ordzhonikidze]", property="place", subject="havza-meeting"))
    assert any("takes one place, not several" in p for p in problems_of(root))


def test_duplicate_id_points_at_the_first(tmp_path):
    text = claim("16 March 1921") + claim("16 March 1921").split("claims:\n", 1)[1]
    root = make_ledger(tmp_path, text)
    assert f"{root}/claims/akalin-2017.yaml:9: duplicate claim id 'c1' (first at {root}/claims/akalin-2017.yaml:3); give it another id" in problems_of(root)


def test_empty_quote(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921").replace('"the words"', '""'))
    assert f"{root}/claims/akalin-2017.yaml:8: claim 'c1': the quote is empty; copy the source's exact words" in problems_of(root)


def test_non_utf8_file(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921"))
    (root / "claims" / "latin1.yaml").write_bytes("claims:\n  - id: x\n    quote: G\xfcmr\xfc\n".encode("latin-1"))
    assert f"{root}/claims/latin1.yaml:3: the file is not UTF-8 text; save it as UTF-8 in your editor" in problems_of(root)


def test_cites_cycle(tmp_path):
    sources = SOURCES + """
  - id: book-a
    title: A
    cites: [book-b]
  - id: book-b
    title: B
    cites: [book-a]
"""
    root = make_ledger(tmp_path, claim("16 March 1921"), sources__sources_yaml=sources)
    found = problems_of(root)
    assert any("sources cite each other in a circle: book-a → book-b → book-a" in p for p in found)


def test_unknown_field_suggests_the_right_name(tmp_path):
    root = make_ledger(tmp_path, claim("16 March 1921", extra="    attributed: akalin-2017\n"))
    assert any(":9: claim 'c1': unknown field 'attributed'; did you mean 'attributed_to'?" in p for p in problems_of(root))


def test_yaml_11_booleans_and_dates_stay_text(tmp_path):
    sources = SOURCES.replace("title: Historical Solidarity", "title: no")
    root = make_ledger(tmp_path, claim("1921-03-16"), sources__sources_yaml=sources)
    ledger = load_ledger(root, use_cache=False)
    assert ledger.sources["akalin-2017"].title == "no"
    assert ledger.claims["c1"].value == "1921-03-16"


def test_every_problem_at_once(tmp_path):
    text = claim("30 February 1921") + """  - id: c2
    subject: nowhere
    property: signed-on
    value: 16 March 1921
    quote: ""
"""
    root = make_ledger(tmp_path, text)
    assert len([p for p in load_ledger(root, use_cache=False).problems if p.is_error]) == 3


def test_check_command_exit_status_and_no_traceback(tmp_path, capsys):
    root = make_ledger(tmp_path, claim("30 February 1921"))
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "claims/akalin-2017.yaml:6:" in out.out
    assert "1 error" in out.out


def test_check_command_on_a_good_ledger(tmp_path, capsys):
    root = make_ledger(tmp_path, claim("16 March 1921"))
    assert main(["check", str(root)]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_check_on_a_folder_that_is_no_ledger(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "not a ledger" in capsys.readouterr().err


def test_loading_is_one_documented_call(small_ledger):
    import sourcecrit

    ledger = sourcecrit.load_ledger(small_ledger)
    assert len(ledger.claims) == 9 and not ledger.errors


def test_a_date_far_from_the_ledgers_period_is_a_warning_naming_the_likely_reading(tmp_path):
    dates = ["16 March 1921", "1 March 1921", "20 November 1917 OS", "8 July 1920", "3 December 1920",
             "10 June 1335"]
    claims = "source: akalin-2017\nclaims:\n" + "".join(
        f"  - id: c{n}\n    subject: treaty-of-moscow\n    property: signed-on\n    value: {value}\n"
        f"    locator: line {n}\n    quote: \"the words\"\n" for n, value in enumerate(dates, 1))
    ledger = load_ledger(make_ledger(tmp_path, claims), use_cache=False)
    (warning,) = ledger.problems
    assert warning.severity == "warning" and ":36:" in str(warning)  # the line of its value
    assert ("claim 'c6': read as 10 June 1335, far from the ledger's other dates (1917–1921); 1335 in a "
            "Rumi year is 10 June 1919: if the source means that, write '10 Haziran 1335 Rumi'") in warning.message


def _many_claims(source: str, subject: str = "treaty-of-moscow") -> str:
    return f"source: {source}\nclaims:\n" + "".join(
        f"  - {{id: c{n}, subject: {subject}, property: signed-on, value: {n} March 1921, locator: line {n}, quote: words}}\n"
        for n in range(1, 6))


def test_a_source_with_errors_is_named_once_not_as_unknown_for_each_claim(tmp_path):
    """A mistyped field drops the source's record; its claims are not 'unknown source', and one
    problem per file names them, pointing at the record (a thesis has hundreds of claims)."""
    root = make_ledger(tmp_path, _many_claims("akalin-2017"))
    sources = (root / "sources/sources.yaml").read_text()
    (root / "sources/sources.yaml").write_text(sources.replace("  - id: akalin-2017\n", "  - id: akalin-2017\n    date_order: dym\n"))
    found = problems_of(root)
    assert not any("unknown source" in p for p in found)
    waiting = [p for p in found if "is not loaded" in p]
    assert waiting == [f"{root}/claims/akalin-2017.yaml:1: claim 'c1' and 4 more of this file: source 'akalin-2017' "
                       f"is not loaded, its record has errors ({root}/sources/sources.yaml:2)"]
    assert any("date_order is dmy" in p for p in found)


def test_a_subject_with_errors_is_named_once_and_fixing_it_clears_the_claims(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCECRIT_CACHE_DIR", str(tmp_path / "cache"))
    root = make_ledger(tmp_path, _many_claims("akalin-2017"))
    declarations = root / "declarations/declarations.yaml"
    good = declarations.read_text()
    declarations.write_text(good.replace("    label: Treaty of Moscow\n", "    label: Treaty of Moscow\n    colour: red\n"))
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "claim 'c1' and 4 more of this file: subject 'treaty-of-moscow' is not loaded" in out and "unknown subject" not in out
    declarations.write_text(good)  # fixed: the claims' files are judged again, from the cache too
    assert main(["check", str(root)]) == 0
