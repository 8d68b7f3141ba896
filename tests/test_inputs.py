"""What a build reads, through the CLI: texts in legacy encodings decoded right, bytes that
are not text rejected as binary, and the build's own database files skipped."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

from conftest import export_rows

# Our own sentences (not from any corpus), one short news text per language; each is written
# in a legacy encoding below. The first line is the headline.
TEXTS = {
    "fr": (
        "Réunion à Genève : les délégations libyennes se retrouvent jeudi\n\n"
        "La réunion prévue à Genève entre les délégations s'est ouverte jeudi après des semaines "
        "de négociations difficiles, a indiqué le porte-parole du ministère des Affaires étrangères.\n\n"
        "Selon lui, l'accord « ouvre une nouvelle étape » pour la région, où la trêve reste fragile "
        "et où les échanges de prisonniers ont été reportés à plusieurs reprises."
    ),
    "de": (
        "Außenminister beraten in Genf über die Waffenruhe\n\n"
        "Die Außenminister trafen sich am Donnerstag in Genf zu Gesprächen über die Lage in Libyen. "
        "Über die Ergebnisse wurde zunächst nichts bekannt.\n\n"
        "Beobachter äußerten sich jedoch vorsichtig optimistisch über eine dauerhafte Waffenruhe "
        "und über die Rückkehr zu politischen Verhandlungen."
    ),
    "ru": (
        "Министры обсудили положение в Ливии\n\n"
        "Министр иностранных дел провёл телефонный разговор со своим турецким коллегой. Стороны "
        "обсудили ситуацию в Ливии и договорились продолжить консультации в Москве.\n\n"
        "По словам дипломатов, встреча экспертов назначена на следующую неделю."
    ),
    "ru2": (
        "Переговоры в Анкаре отложены\n\n"
        "Запланированная на воскресенье встреча министров обороны и иностранных дел была "
        "перенесена в последний момент, сообщили источники в правительстве.\n\n"
        "Новая дата переговоров пока не объявлена; стороны продолжают контакты по телефону."
    ),
    "ar": (
        "وزيرا الخارجية يبحثان الوضع في ليبيا\n\n"
        "التقى وزير الخارجية نظيره التركي في أنقرة يوم الخميس لبحث الأوضاع في ليبيا وسبل دعم "
        "وقف إطلاق النار.\n\n"
        "وأكد الجانبان أهمية العودة إلى الحوار السياسي ومواصلة المشاورات خلال الأسابيع المقبلة."
    ),
    "tr": (
        "Dışişleri bakanları Libya'yı görüştü\n\n"
        "Dışişleri Bakanı, Rus mevkidaşıyla telefonda görüştü ve Libya'daki son gelişmeleri ele aldı. "
        "Görüşmede kalıcı ateşkesin önemi bir kez daha vurgulandı.\n\n"
        "İstanbul'da yapılması planlanan toplantının ise ileri bir tarihe ertelendiği öğrenildi."
    ),
}

# (file, language of the text, encoding it is written in)
LEGACY = [
    ("geneve-cp1252.txt", "fr", "cp1252"),
    ("genf-latin1.txt", "de", "latin-1"),
    ("moskva-cp1251.txt", "ru", "cp1251"),
    ("ankara-koi8r.txt", "ru2", "koi8-r"),
    ("ankara-cp1256.txt", "ar", "cp1256"),
    ("libya-iso8859-9.txt", "tr", "iso-8859-9"),
]


def test_legacy_encodings_are_decoded_right(run_cli, tmp_path: Path) -> None:
    d = tmp_path / "legacy"
    d.mkdir()
    for name, key, encoding in LEGACY:
        (d / name).write_bytes(TEXTS[key].encode(encoding))
    # a one-line Latin-1 text (what the issue saw read as a Baltic code page)
    (d / "short-latin1.txt").write_bytes("Réunion à Genève : accord sur un cessez-le-feu durable".encode("latin-1"))
    db = tmp_path / "legacy.db"
    proc = run_cli("build", str(d), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {Path(r["path"]).name: r for r in export_rows(db)}
    assert set(rows) == {name for name, _, _ in LEGACY} | {"short-latin1.txt"}
    for name, key, _ in LEGACY:
        row = rows[name]
        # every line read back exactly (the headline as the title, or as the text's first line)
        read_back = f"{row['title'] or ''}\n\n{row['text']}"
        for paragraph in TEXTS[key].split("\n\n"):
            assert paragraph in read_back, (name, read_back[:200])
        assert row["language"] == key[:2], (name, row["language"])
    short = rows["short-latin1.txt"]
    assert "Réunion à Genève : accord sur un cessez-le-feu durable" in f"{short['title'] or ''}\n{short['text']}"


def test_utf8_decoded_twice_before_it_was_saved_is_put_back(run_cli, tmp_path: Path) -> None:
    # a page saved after its UTF-8 had been read as Windows-1252 ("Ã§" for "ç", "Ã\xa0" for
    # "à"): read as it was written, so names are found and words match; other files untouched
    d = tmp_path / "mangled"
    d.mkdir()
    for key in ("fr", "tr"):
        mangled = TEXTS[key].encode("utf-8").decode("cp1252", errors="replace")
        assert mangled != TEXTS[key]
        (d / f"{key}.txt").write_text(mangled, encoding="utf-8")
    (d / "pt.txt").write_text("SÃO PAULO — A cidade recebeu ontem a cúpula dos ministros.\n\n"
                              "Os ministros discutiram a situação na Líbia durante três horas.", encoding="utf-8")
    db = tmp_path / "m.db"
    proc = run_cli("build", str(d), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {Path(r["path"]).name: r for r in export_rows(db)}
    for key in ("fr", "tr"):
        read_back = f"{rows[key + '.txt']['title'] or ''}\n\n{rows[key + '.txt']['text']}"
        for paragraph in TEXTS[key].split("\n\n"):
            assert paragraph in read_back, (key, read_back[:200])
    assert "SÃO PAULO" in f"{rows['pt.txt']['title'] or ''} {rows['pt.txt']['text']}"


def _random(seed: int, n: int, low: int = 0, high: int = 256) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(low, high) for _ in range(n))


def _random_words(seed: int, n: int, low: int, high: int) -> bytes:
    """Random 'words' of high bytes between spaces: the shape of text, no language."""
    rnd = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        out += bytes(rnd.randrange(low, high) for _ in range(rnd.randrange(2, 9))) + b" "
    return bytes(out)


def test_random_bytes_are_rejected_as_binary(run_cli, tmp_path: Path) -> None:
    d = tmp_path / "noise"
    d.mkdir()
    files = {
        "random.txt": _random(1, 5000),  # every byte value
        "random-high.txt": _random(2, 5000, 128),  # no NUL or control byte: decodes in any code page
        "random-printable.txt": _random(3, 5000, 32),
        "random-ascii.txt": _random(4, 5000, 33, 127),  # valid UTF-8, no words
        "random-gzip.txt": gzip.compress(_random(5, 5000)),  # compressed data named .txt
        "random.txt.gz": gzip.compress(_random(6, 5000, 128)),  # a real gzip of random bytes
        "random.html": _random(7, 5000, 128),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    # the shape of text (spaces between words) in no language we can read: an unknown encoding
    (d / "unknown-encoding.txt").write_bytes(_random_words(8, 5000, 0xE0, 0x100))
    (d / "good.txt").write_bytes(TEXTS["fr"].encode("cp1252"))
    db = tmp_path / "noise.db"
    proc = run_cli("build", str(d), "--db", str(db))
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    failures = {Path(f["path"]).name: f for f in export_rows(db, "failures")}
    for name in files:
        assert failures[name]["code"] == "E103", (name, failures.get(name))
        assert failures[name]["message"].startswith(f"[E103] {d / name}: looks binary")
        assert name in err
    assert "no encoding reads it as text" in failures["random-high.txt"]["message"]
    assert "gzip-compressed data: name it .txt.gz" in failures["random-gzip.txt"]["message"]
    assert failures["unknown-encoding.txt"]["code"] == "E104"
    assert "--encoding" in failures["unknown-encoding.txt"]["message"]
    assert [Path(r["path"]).name for r in export_rows(db)] == ["good.txt"]
    # the same command again changes nothing and reports the same failures
    again = run_cli("build", str(d), "--db", str(db))
    assert again.returncode == 1
    assert "0 new or updated, 1 unchanged" in again.stderr.decode()
    assert {Path(f["path"]).name: f["code"] for f in export_rows(db, "failures")} == {
        name: f["code"] for name, f in failures.items()
    }
    # a forced encoding does not make a file with NUL bytes or a compressed file text
    forced = tmp_path / "forced.db"
    proc = run_cli("build", str(d / "random.txt"), str(d / "random-gzip.txt"), "--encoding", "cp1252", "--db", str(forced))
    assert proc.returncode == 1 and {f["code"] for f in export_rows(forced, "failures")} == {"E103"}


def test_the_database_among_its_inputs_is_skipped(run_cli, tmp_path: Path) -> None:
    import sqlite3

    d = tmp_path / "news"
    d.mkdir()
    (d / "geneve.txt").write_bytes(TEXTS["fr"].encode("utf-8"))
    (d / "genf.txt").write_bytes(TEXTS["de"].encode("utf-8"))
    db = d / "news.db"
    first = run_cli("build", ".", "--db", "news.db", cwd=d)  # relative paths, as a user types them
    assert first.returncode == 0, first.stderr.decode()
    # a program keeps the database open in WAL mode (as a build does while it writes, or a
    # tool that sets it): its -wal and -shm files exist beside it
    reader = sqlite3.connect(db)
    try:
        reader.execute("PRAGMA journal_mode=WAL")
        reader.execute("SELECT count(*) FROM articles").fetchone()
        assert (d / "news.db-wal").exists() and (d / "news.db-shm").exists()
        # a failure an older build recorded for the database file itself
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO failures(path, stage, code, message) VALUES (?, 'ingest', 'E105', 'old')",
                         (str(db),))
        (d / "more.txt").write_bytes(TEXTS["tr"].encode("utf-8"))
        proc = run_cli("build", str(d), "--db", str(db))
    finally:
        reader.close()
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "3 input file(s)" in err and "0 failure(s)" in err, err
    assert "news.db" not in err.replace(str(db), "")  # named once, as the database, never as an input
    assert export_rows(db, "failures") == []
    assert sorted(Path(r["path"]).name for r in export_rows(db)) == ["geneve.txt", "genf.txt", "more.txt"]


def test_a_day_in_the_files_path_dates_it(run_cli, tmp_path: Path) -> None:
    """Crawlers and archives save pages by day ("2013-08-01/page.txt"): that day beats a date
    guessed from the years a text names, and a text without a date line gets it."""
    d = tmp_path / "archive" / "2013-08-01"
    d.mkdir(parents=True)
    history = ("Le canal et la guerre\n\nEn septembre 1914, la Grande-Bretagne fit de l'Egypte un protectorat. "
               "Le gouvernement égyptien a annoncé mardi de nouvelles mesures contre les manifestants au Caire.\n\n"
               "Les partis d'opposition ont dénoncé ces mesures.")
    (d / "page.txt").write_bytes(history.encode("utf-8"))
    (tmp_path / "archive" / "undated.txt").write_bytes(TEXTS["fr"].encode("utf-8"))
    db = tmp_path / "news.db"
    proc = run_cli("build", str(tmp_path / "archive"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {Path(r["path"]).name: r for r in export_rows(db)}
    assert (rows["page.txt"]["published"], rows["page.txt"]["published_source"]) == ("2013-08-01", "path")
    assert rows["undated.txt"]["published_source"] != "path"
