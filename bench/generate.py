"""A fictional RUN series for the benchmark, written twice with the same texts:

- in this project's content format (``content/exemples/``): editions as TOML facts
  with an agenda and partners' roles plus one Markdown text per language, partners,
  milestones, news and pages;
- as plain Pelican Markdown (``Lang:`` metadata, translations linked by slug): for
  each edition a page and a programme page per language whose bodies carry the same
  facts, agenda and partners, the same news articles, and a partners page, for bare
  Pelican and for Pelican with i18n_subsites;
- as a Hugo site in Hugo's own multilingual mode (languages fr and ar, Arabic right
  to left, one file per language with the ``.fr.md``/``.ar.md`` suffix, translations
  linked by Hugo through their common path), the facts in front matter and data
  (partners in ``data/partners.toml``, the 30 sessions in the programme page's front
  matter), rendered by the benchmark's own minimal theme (``bench/hugo_theme/``):
  the same pages as the others (home, each edition with its partners, its programme
  as a table, the news, the partners and about pages, listings of editions and news).

Everything is fictional and deterministic (no randomness): the same arguments give
the same files.

``python bench/generate.py DEST --editions 50 --news 500``
"""

from __future__ import annotations

import argparse
import datetime
import shutil
from pathlib import Path

HUGO_THEME = Path(__file__).resolve().parent / "hugo_theme"

SESSIONS_PER_EDITION = 30
PARTNERS_PER_EDITION = 10
ROOMS = [("Amphi A", "المدرج أ"), ("Salle 2", "القاعة 2"), ("Salle 3", "القاعة 3")]
TYPES = ["talk", "keynote", "round-table", "workshop", "plenary"]
KINDS = ["university", "platform", "ministry", "embassy", "organisation"]
ROLES = ["co-organiser", "partner", "support", "participant", "presented"]
CITIES = [("Fictiville", "فيكتيفيل"), ("Imaginor", "إيماجينور"), ("Sableport", "سابلبور"),
          ("Montclair", "مونكلير"), ("Oasis-la-Neuve", "الواحة الجديدة")]
NAMES = ["Amina Fictive", "Youssef Exemple", "Claire Modèle", "Karim Imaginaire",
         "Salma Prototype", "Hugo Brouillon", "Nadia Esquisse", "Omar Maquette"]

FR_PARAGRAPH = (
    "Cette rencontre fictive réunit des universités imaginaires autour des MOOCs et "
    "des formations en ligne. Les équipes y présentent leurs projets, comparent leurs "
    "méthodes de production et préparent les prochaines sessions de la plateforme "
    "Exemple Université Numérique (EUN)."
)
AR_PARAGRAPH = (
    "يجمع هذا اللقاء الوهمي جامعات متخيلة حول الدروس المفتوحة واسعة الانتشار MOOCs "
    "والتكوينات عبر الإنترنت. تعرض الفرق مشاريعها وتقارن طرق الإنتاج وتعد الدورات "
    "المقبلة لمنصة Exemple Université Numérique (EUN)."
)


def _edition_date(number: int) -> datetime.date:
    return datetime.date(2012, 3, 5) + datetime.timedelta(days=91 * number)


def _partner_ids(number: int, pool: int) -> list[str]:
    return [f"partenaire-{(number * 7 + k * 3) % pool + 1}" for k in range(PARTNERS_PER_EDITION)]


def _sessions(number: int):
    """30 sessions over two days, three rooms, 45-minute slots: never overlapping."""
    start = _edition_date(number)
    for index in range(SESSIONS_PER_EDITION):
        day = start + datetime.timedelta(days=index // 15)
        slot, room = divmod(index % 15, len(ROOMS))
        begin = datetime.datetime(2000, 1, 1, 9) + datetime.timedelta(minutes=45 * slot)
        end = begin + datetime.timedelta(minutes=40)
        yield {
            "id": f"seance-{index + 1}", "day": day, "start": f"{begin:%H:%M}",
            "end": f"{end:%H:%M}", "room": ROOMS[room], "type": TYPES[index % len(TYPES)],
            "speakers": [NAMES[(number + index) % len(NAMES)],
                         NAMES[(number + index + 3) % len(NAMES)]],
            "title": (f"Séance {index + 1} : retours d'expérience sur les MOOCs ({number})",
                      f"الجلسة {index + 1}: تجارب في الدروس المفتوحة ({number})"),
            "description": ("Échanges entre équipes pédagogiques sur la production de cours.",
                            "نقاش بين الفرق البيداغوجية حول إنتاج الدروس."),
        }


def _body(lang: str, number: int, editions: int) -> str:
    paragraph = FR_PARAGRAPH if lang == "fr" else AR_PARAGRAPH
    prefix = "" if lang == "fr" else "/ar"
    other = number % editions + 1
    if lang == "fr":
        items = ["- présenter les projets de l'année ;", "- former de nouvelles équipes ;",
                 "- préparer la prochaine session."]
        link = f"Voir aussi [l'édition {other}]({prefix}/editions/run-{other}/)."
    else:
        items = ["- تقديم مشاريع السنة؛", "- تكوين فرق جديدة؛", "- إعداد الدورة المقبلة."]
        link = f"انظر أيضا [الدورة {other}]({prefix}/editions/run-{other}/)."
    return f"{paragraph}\n\n{paragraph}\n\n" + "\n".join(items) + f"\n\n{link}\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_runsite(dest: Path, editions: int, news: int, pool: int):
    """This project's content format."""
    (dest / "editions").mkdir(parents=True)
    (dest / "actualites").mkdir()
    (dest / "pages").mkdir()
    partners = []
    for k in range(1, pool + 1):
        partners.append(
            f'[[partner]]\nid = "partenaire-{k}"\nkind = "{KINDS[k % len(KINDS)]}"\n'
            f'name.fr = "Institution fictive {k}"\nname.ar = "مؤسسة وهمية {k}"\n'
            f'url = "https://partenaire-{k}.example/"\n')
    (dest / "partenaires.toml").write_text("\n".join(partners), "utf-8")
    (dest / "jalons.toml").write_text(
        '[[milestone]]\nid = "jalon-fictif"\ndate = 2013-01-15\n'
        'title.fr = "Accord fictif"\ntitle.ar = "اتفاقية وهمية"\n', "utf-8")
    for number in range(1, editions + 1):
        start = _edition_date(number)
        ids = _partner_ids(number, pool)
        city = CITIES[number % len(CITIES)]
        lines = [f"number = {number}", f"start = {start}",
                 f"end = {start + datetime.timedelta(days=1)}",
                 f"city.fr = {_quote(city[0])}", f"city.ar = {_quote(city[1])}",
                 f'host = "{ids[0]}"', ""]
        for k, pid in enumerate(ids[1:]):
            lines += ["[[partner]]", f'id = "{pid}"', f'role = "{ROLES[k % len(ROLES)]}"', ""]
        for s in _sessions(number):
            lines += ["[[session]]", f'id = "{s["id"]}"', f"day = {s['day']}",
                      f'start = "{s["start"]}"', f'end = "{s["end"]}"',
                      f"room.fr = {_quote(s['room'][0])}", f"room.ar = {_quote(s['room'][1])}",
                      f'type = "{s["type"]}"', 'language = "fr"',
                      "speakers = [" + ", ".join(map(_quote, s["speakers"])) + "]",
                      f'partners = ["{ids[1]}"]',
                      f"title.fr = {_quote(s['title'][0])}", f"title.ar = {_quote(s['title'][1])}",
                      f"description.fr = {_quote(s['description'][0])}",
                      f"description.ar = {_quote(s['description'][1])}", ""]
        (dest / "editions" / f"run-{number}.toml").write_text("\n".join(lines), "utf-8")
        for lang, title, summary in _edition_texts(number, start, city):
            (dest / "editions" / f"run-{number}.{lang}.md").write_text(
                f"Title: {title}\nSummary: {summary}\n\n{_body(lang, number, editions)}", "utf-8")
    for k, lang, text in _news(news, editions):
        (dest / "actualites" / f"actualite-{k}.{lang}.md").write_text(text, "utf-8")
    for lang, title in (("fr", "À propos de la série fictive"), ("ar", "حول السلسلة الوهمية")):
        (dest / "pages" / f"a-propos.{lang}.md").write_text(
            f"Title: {title}\n\n{_body(lang, 1, editions)}", "utf-8")


def _edition_texts(number, start, city):
    return [
        ("fr", f"{number}e Rencontre fictive",
         f"La {number}e édition fictive se tient le {start:%d/%m/%Y} à {city[0]}."),
        ("ar", f"الدورة {number} من اللقاء الوهمي",
         f"تنعقد الدورة الوهمية {number} يوم {start:%d/%m/%Y} في {city[1]}."),
    ]


def _news(count, editions):
    for k in range(1, count + 1):
        date = datetime.date(2012, 1, 1) + datetime.timedelta(days=9 * k)
        number = k % editions + 1
        yield k, "fr", (f"Title: Actualité fictive numéro {k}\nDate: {date}\n"
                        f"Summary: Une nouvelle fictive sur l'édition {number}.\n\n"
                        + _body("fr", number, editions))
        yield k, "ar", (f"Title: خبر وهمي رقم {k}\nDate: {date}\n"
                        f"Summary: خبر وهمي عن الدورة {number}.\n\n"
                        + _body("ar", number, editions))


def write_pelican(dest: Path, editions: int, news: int, pool: int):
    """The same texts and facts as plain Pelican Markdown pages and articles."""
    (dest / "pages").mkdir(parents=True)
    (dest / "articles").mkdir()
    for number in range(1, editions + 1):
        start = _edition_date(number)
        ids = _partner_ids(number, pool)
        city = CITIES[number % len(CITIES)]
        for (lang, title, summary), index in zip(_edition_texts(number, start, city), (0, 1),
                                                 strict=True):
            partners = "\n".join(
                f"- [{'Institution fictive' if lang == 'fr' else 'مؤسسة وهمية'} "
                f"{pid.split('-')[1]}](https://{pid}.example/)" for pid in ids)
            (dest / "pages" / f"run-{number}.{lang}.md").write_text(
                f"Title: {title}\nSlug: run-{number}\nLang: {lang}\nSummary: {summary}\n\n"
                f"{_body(lang, number, editions)}\n{partners}\n", "utf-8")
            rows = ["| jour | heure | salle | séance | intervenants |",
                    "| --- | --- | --- | --- | --- |"]
            for s in _sessions(number):
                rows.append(f"| {s['day']} | {s['start']}–{s['end']} | {s['room'][index]} | "
                            f"**{s['title'][index]}** {s['description'][index]} | "
                            f"{', '.join(s['speakers'])} |")
            (dest / "pages" / f"run-{number}-programme.{lang}.md").write_text(
                f"Title: {title} — programme\nSlug: run-{number}-programme\nLang: {lang}\n\n"
                + "\n".join(rows) + "\n", "utf-8")
    for lang in ("fr", "ar"):
        partners = "\n".join(f"- [Institution fictive {k}](https://partenaire-{k}.example/)"
                             for k in range(1, pool + 1))
        (dest / "pages" / f"partenaires.{lang}.md").write_text(
            f"Title: Partenaires\nSlug: partenaires\nLang: {lang}\n\n{partners}\n", "utf-8")
        (dest / "pages" / f"a-propos.{lang}.md").write_text(
            f"Title: À propos\nSlug: a-propos\nLang: {lang}\n\n{_body(lang, 1, editions)}",
            "utf-8")
    for k, lang, text in _news(news, editions):
        title, rest = text.split("\n", 1)
        (dest / "articles" / f"actualite-{k}.{lang}.md").write_text(
            f"{title}\nSlug: actualite-{k}\nLang: {lang}\nCategory: actualites\n{rest}",
            "utf-8")


HUGO_CONFIG = """\
baseURL = "/"
title = "RUN (banc d'essai)"
theme = "run-bench"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
# The series has no tags or categories; feeds are off, as in the other builders'
# development settings; dates run into the future at large sizes.
disableKinds = ["taxonomy", "term", "RSS"]
buildFuture = true

[permalinks]
  programmes = "/editions/:slug/programme/"

[languages.fr]
  languageName = "Français"
  weight = 1

[languages.ar]
  languageName = "العربية"
  languageDirection = "rtl"
  title = "RUN (اختبار الأداء)"
  weight = 2
"""


def _front(**fields) -> str:
    """TOML front matter (``+++``) of strings, lists of strings and dates."""
    lines = ["+++"]
    for key, value in fields.items():
        if isinstance(value, str):
            lines.append(f"{key} = {_quote(value)}")
        elif isinstance(value, list):
            lines.append(f"{key} = [" + ", ".join(map(_quote, value)) + "]")
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def write_hugo(dest: Path, editions: int, news: int, pool: int):
    """The same texts and facts as a Hugo site (multilingual mode, own theme)."""
    content = dest / "content"
    for folder in ("editions", "programmes", "actualites"):
        (content / folder).mkdir(parents=True)
    (dest / "data").mkdir()
    shutil.copytree(HUGO_THEME, dest / "themes" / "run-bench")
    (dest / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    (dest / "data" / "partners.toml").write_text("\n".join(
        f'[partenaire-{k}]\norder = {k}\nkind = "{KINDS[k % len(KINDS)]}"\n'
        f'name_fr = "Institution fictive {k}"\nname_ar = "مؤسسة وهمية {k}"\n'
        f'url = "https://partenaire-{k}.example/"\n' for k in range(1, pool + 1)), "utf-8")
    titles = {"_index": ("RUN (banc d'essai)", "RUN (اختبار الأداء)"),
              "editions/_index": ("Éditions", "الدورات"),
              "actualites/_index": ("Actualités", "الأخبار"),
              "programmes/_index": ("Programmes", "البرامج")}
    for name, pair in titles.items():
        for lang, title in zip(("fr", "ar"), pair, strict=True):
            extra = '\n[_build]\nrender = "never"\n' if name.startswith("programmes") else ""
            (content / f"{name}.{lang}.md").write_text(_front(title=title) + extra + "+++\n",
                                                       "utf-8")
    for number in range(1, editions + 1):
        start = _edition_date(number)
        ids = _partner_ids(number, pool)
        city = CITIES[number % len(CITIES)]
        for (lang, title, summary), index in zip(_edition_texts(number, start, city), (0, 1),
                                                 strict=True):
            roles = "".join(f'\n[[partners]]\nid = "{pid}"\nrole = "{ROLES[k % len(ROLES)]}"\n'
                            for k, pid in enumerate(ids[1:]))
            (content / "editions" / f"run-{number}.{lang}.md").write_text(
                _front(title=title, date=start, end=start + datetime.timedelta(days=1),
                       summary=summary, city=city[index], host=ids[0])
                + roles + "+++\n\n" + _body(lang, number, editions), "utf-8")
            sessions = []
            for s in _sessions(number):
                sessions += ["", "[[sessions]]", f'id = "{s["id"]}"', f'day = "{s["day"]}"',
                             f'start = "{s["start"]}"', f'end = "{s["end"]}"',
                             f"room = {_quote(s['room'][index])}", f'type = "{s["type"]}"',
                             "speakers = [" + ", ".join(map(_quote, s["speakers"])) + "]",
                             f"title = {_quote(s['title'][index])}",
                             f"description = {_quote(s['description'][index])}"]
            (content / "programmes" / f"run-{number}.{lang}.md").write_text(
                _front(title=f"{title} — programme", slug=f"run-{number}", date=start)
                + "\n".join(sessions) + "\n+++\n", "utf-8")
    for lang, title in (("fr", "Partenaires"), ("ar", "الشركاء")):
        (content / f"partenaires.{lang}.md").write_text(
            _front(title=title, layout="partners") + "+++\n", "utf-8")
    for lang, title in (("fr", "À propos de la série fictive"), ("ar", "حول السلسلة الوهمية")):
        (content / f"a-propos.{lang}.md").write_text(
            _front(title=title) + "+++\n\n" + _body(lang, 1, editions), "utf-8")
    for k, lang, text in _news(news, editions):
        head, body = text.split("\n\n", 1)
        fields = dict(line.split(": ", 1) for line in head.splitlines())
        (content / "actualites" / f"actualite-{k}.{lang}.md").write_text(
            _front(title=fields["Title"], date=datetime.date.fromisoformat(fields["Date"]),
                   summary=fields["Summary"]) + "+++\n\n" + body, "utf-8")


def generate(dest: Path, editions: int, news: int) -> dict[str, Path]:
    pool = max(20, editions * 2)
    paths = {"runsite": dest / "runsite", "pelican": dest / "pelican", "hugo": dest / "hugo"}
    write_runsite(paths["runsite"], editions, news, pool)
    write_pelican(paths["pelican"], editions, news, pool)
    write_hugo(paths["hugo"], editions, news, pool)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--editions", type=int, default=50)
    parser.add_argument("--news", type=int, default=500)
    args = parser.parse_args()
    for name, path in generate(args.dest, args.editions, args.news).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
