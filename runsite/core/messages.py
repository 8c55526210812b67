"""Every message an organiser, a translator or a maintainer can get, in French.

A problem is ``file:line: what — fix``: what is wrong, then how to fix it. Each
message has a name here, and its two halves are format strings; nothing else is
ever printed as a problem (never an exception's own text). The organisers' guide
explains the common ones; a test checks that every failure of a build prints
only messages of this list.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Message:
    what: str
    fix: str

    def format(self, values) -> tuple[str, str]:
        return self.what.format(**values), self.fix.format(**values)


M = Message
_MESSAGES = {
    # --- Any file --------------------------------------------------------------------
    "not_utf8": M("le fichier n'est pas enregistré en UTF-8",
                  "enregistrez-le en UTF-8 (Unicode) depuis votre éditeur"),
    "control_character": M("caractère invisible interdit ({char}) dans le texte",
                           "supprimez-le (il vient souvent d'un copier-coller) : retapez les "
                           "quelques caractères autour"),
    # --- Where files go ----------------------------------------------------------------
    "file_misplaced": M("fichier « {name} » hors des dossiers du site, il serait ignoré",
                        "déplacez-le : {where}"),
    "folder_unknown": M("dossier « {name} » inconnu, son contenu serait ignoré",
                        "dossiers du site : {folders} (une faute de frappe ?)"),
    "folder_in_editions": M("dossier « {name} » dans content/editions/, son contenu serait "
                            "ignoré",
                            "une édition est un fichier .toml et ses textes .fr.md et .ar.md, "
                            "directement dans content/editions/ : déplacez-les"),
    "edition_files_apart": M("le fichier de données et les textes de cette édition ne portent "
                             "pas le même nom (textes : {texts})",
                             "renommez ce fichier {expected}, ou les textes, pour qu'ils aient "
                             "le même nom"),
    "file_type_ignored": M("fichier « {name} » ignoré : {expected}", "{fix}"),
    "file_name_invalid": M("nom de fichier « {name} » invalide (espaces, majuscules, accents "
                           "ou autres signes)",
                           "renommez-le « {suggestion} » (minuscules, chiffres et tirets), et "
                           "son jumeau dans l'autre langue de même"),
    "static_name_invalid": M("nom de fichier « {name} » invalide (espaces, majuscules, "
                             "accents, points ou autres signes)",
                             "renommez-le « {suggestion} » (minuscules, chiffres, tirets, un "
                             "seul point avant l'extension)"),
    "static_language_suffix": M("nom de fichier « {name} » : un fichier publié tel quel n'a "
                                "pas de langue",
                                "renommez-le sans « .{lang}. » (par exemple {suggestion})"),
    "static_type_refused": M("fichier « {name} » d'un type que le site ne publie pas",
                             "le site publie tels quels images et documents ({types}) : "
                             "retirez ce fichier"),
    "symlink": M("lien symbolique refusé (il pourrait publier n'importe quel fichier de "
                 "l'ordinateur)", "remplacez le lien par une copie du fichier lui-même"),
    "svg_unreadable": M("image SVG illisible (XML mal formé)",
                        "enregistrez-la de nouveau depuis votre logiciel de dessin"),
    "svg_code_element": M("image SVG avec un élément <{element}> refusé (script, animation, "
                          "HTML ou élément inconnu)",
                          "exportez l'image en SVG simple (sans script ni animation), ou en "
                          "PNG"),
    "svg_declaration": M("image SVG avec des déclarations (DOCTYPE, ENTITY)",
                         "exportez l'image en SVG simple, ou en PNG"),
    "svg_processing_instruction": M("image SVG avec une instruction <?{target} …?>",
                                    "retirez-la (une feuille de style XSLT ou CSS externe), "
                                    "ou exportez l'image en PNG"),
    "svg_code_attribute": M("image SVG avec un attribut « {attribute} » (du code dans l'image)",
                            "exportez l'image sans script, ou en PNG"),
    "svg_external_style": M("image SVG dont le style charge un fichier d'un autre site",
                            "exportez l'image avec ses éléments intégrés, ou en PNG"),
    "svg_external_reference": M("image SVG qui charge un autre fichier ou un autre site "
                                "(« {reference} »)",
                                "exportez l'image avec ses éléments intégrés, ou en PNG"),
    # --- Markdown pages, news and edition texts ---------------------------------------
    "md_field_unknown": M("champ « {field} » inconnu ici", "champs possibles : {allowed}"),
    "md_field_missing": M("champ obligatoire « {field} » manquant",
                          "ajoutez en tête du fichier la ligne « {example} »"),
    "md_field_empty": M("champ « {field} » vide", "écrivez sa valeur après les deux-points, "
                        "ou retirez la ligne"),
    "md_field_required_empty": M("champ obligatoire « {field} » vide",
                                 "écrivez sa valeur après les deux-points, sur la même ligne"),
    "md_read_failed": M("lecture impossible ({reason}) : un défaut du programme, pas du texte",
                        "signalez-le aux développeurs avec ce fichier ; relancez avec "
                        "DEBUG=1 pour le détail"),
    "md_field_invalid": M("valeur « {value} » invalide pour « {field} »",
                          "corrigez cette ligne"),
    "md_field_repeated": M("champ « {field} » écrit deux fois",
                           "gardez une seule ligne « {field}: … »"),
    "md_date_invalid": M("date invalide pour « {field} » : « {value} »",
                         "écrivez une date réelle AAAA-MM-JJ, par exemple 2017-12-05 (ou "
                         "AAAA-MM si seul le mois est connu)"),
    "md_status_invalid": M("valeur « {value} » inconnue pour « Status »",
                           "écrivez « Status: draft » pour un brouillon, ou retirez la ligne"),
    "md_field_misspelt": M("champ « {field} » inconnu : vouliez-vous écrire « {meant} » ?",
                           "écrivez « {meant}: … » (les noms des champs sont en anglais, voir "
                           "content/exemples/)"),
    "md_lang_refused": M("le champ « Lang » n'est pas utilisé : le nom du fichier donne la "
                         "langue", "retirez cette ligne ; nommez le fichier nom.fr.md ou "
                         "nom.ar.md"),
    "md_slug_refused": M("le champ « Slug » n'est pas utilisé : le nom du fichier donne "
                         "l'adresse",
                         "retirez cette ligne ; pour changer l'adresse, renommez les deux "
                         "fichiers (français et arabe)"),
    "md_template_unknown": M("gabarit « {name} » inconnu",
                             "gabarits possibles : {choices} (ou retirez la ligne Template)"),
    "md_dates_differ": M("date différente de la version {language} ({other})",
                         "donnez la même date aux deux versions"),
    "html_tag_embed": M("balise HTML <{tag}> non autorisée",
                        "intégrez plutôt un lien vers la page du document ou de la vidéo : "
                        "[titre](https://…)"),
    "html_tag_code": M("balise HTML <{tag}> non autorisée",
                       "retirez-la : le site n'accepte ni script ni style dans le contenu"),
    "html_tag_form": M("balise HTML <{tag}> non autorisée",
                       "retirez-la : le site ne contient pas de formulaire ; mettez un lien"),
    "html_tag_other": M("balise HTML <{tag}> non autorisée",
                        "retirez-la, ou écrivez le texte en Markdown"),
    "html_handler": M("attribut « {attribute} » non autorisé sur <{tag}>",
                      "retirez-le : le site n'accepte pas de script dans le contenu"),
    "html_style": M("attribut « {attribute} » non autorisé sur <{tag}>",
                    "retirez-le : la mise en forme vient de la feuille de style du site (pour "
                    "un tableau, alignez avec :--- ou ---: sous l'en-tête)"),
    "html_attribute": M("attribut « {attribute} » non autorisé sur <{tag}>",
                        "retirez-le (attributs possibles ici : {allowed})"),
    "html_id_reserved": M("identifiant « {id} » réservé au site",
                          "choisissez-en un autre (qui ne commence pas par run-)"),
    "html_link_scheme": M("lien « {url} » non autorisé (schéma « {scheme}: »)",
                          "un lien commence par https://, http://, mailto: ou / (page du site)"),
    "html_remote_image": M("image d'un autre site : « {url} »",
                           "placez l'image dans content/images/ et écrivez "
                           "![description](/images/nom-du-fichier.jpg) : le site ne charge "
                           "rien d'un autre site"),
    "html_declaration": M("déclaration HTML non autorisée dans le contenu", "retirez-la"),
    "html_malformed": M("HTML refusé par le filtre de sécurité près de {what} (balise mal "
                        "fermée ou mal imbriquée ?)",
                        "écrivez ce passage en Markdown, ou fermez chaque balise dans l'ordre "
                        "où elle est ouverte"),
    "link_broken": M("lien interne vers « {href} » : cette page n'existe pas",
                     "corrigez l'adresse (par exemple /editions/run-3/ ou "
                     "/ar/editions/run-3/) ou retirez le lien"),
    "link_to_draft": M("lien vers « {href} », un brouillon qui ne sera pas publié",
                       "publiez-le d'abord (retirez {how}), ou retirez le lien"),
    "output_conflict": M("cette page s'écrirait à l'adresse /{url}, déjà prise par {other}",
                         "renommez le fichier (le nom du fichier donne l'adresse)"),
    # --- Counterparts ------------------------------------------------------------------
    "language_unknown": M("langue « {lang} » inconnue",
                          "nommez le fichier nom.fr.md ou nom.ar.md (langues du site : "
                          "{languages})"),
    "counterpart_duplicate": M("deux fichiers {language} pour la même adresse "
                               "(l'autre : {other})",
                               "renommez l'un des deux (le nom du fichier donne l'adresse)"),
    "counterpart_missing": M("cette page n'existe pas {language}",
                             "créez {file} (ou, si elle ne doit pas être traduite, ajoutez "
                             "« Untranslated: raison »)"),
    # --- TOML data files ---------------------------------------------------------------
    "toml_unquoted": M("valeur illisible sur cette ligne",
                       'un texte s\'écrit entre guillemets droits (city.fr = "Fès"), une heure '
                       'aussi (start = "09:30") ; une date s\'écrit AAAA-MM-JJ sans guillemets'),
    "toml_boolean_word": M("oui ou non s'écrit true ou false, en minuscules, sans guillemets",
                           "écrivez par exemple cancelled = true (oui) ou draft = false "
                           "(non)"),
    "toml_date_impossible": M("date impossible sur cette ligne",
                              "écrivez une date réelle AAAA-MM-JJ, par exemple 2017-12-05 "
                              "(mois de 01 à 12, jour existant)"),
    "toml_equals_missing": M("il manque « = » après le nom du champ",
                             'écrivez nom = valeur, par exemple title.fr = "…"'),
    "toml_string_unclosed": M("texte sans guillemet fermant",
                              'fermez le texte par un guillemet droit " sur la même ligne'),
    "toml_array_unclosed": M("liste sans crochet fermant",
                             'fermez la liste : speakers = ["…", "…"]'),
    "toml_header_unclosed": M("en-tête de bloc mal fermé",
                              "écrivez l'en-tête entre doubles crochets : [[session]]"),
    "toml_statement_invalid": M("ligne incompréhensible",
                                "chaque ligne est un champ (nom = valeur), un en-tête de bloc "
                                "([[session]]) ou un commentaire (# …)"),
    "toml_header_single": M("en-tête [{name}] entre crochets simples",
                            "écrivez [[{name}]] (doubles crochets) : chaque bloc en ajoute un "
                            "à la liste"),
    "toml_table_twice": M("bloc [{name}] écrit une deuxième fois (le premier est ligne "
                          "{first})",
                          "un seul bloc [{name}] par fichier : réunissez ses champs sous le "
                          "premier en-tête et retirez celui-ci"),
    "toml_month_unquoted": M("mois sans guillemets sur cette ligne",
                             'un mois seul s\'écrit entre guillemets : date = "2017-05"'),
    "toml_key_invalid": M("nom de champ invalide",
                          "un nom de champ s'écrit en lettres sans accents, chiffres et tirets, "
                          "avant « = » (les noms sont en anglais, voir content/exemples/)"),
    "toml_escape_invalid": M("barre oblique inverse \\ invalide dans un texte",
                             "écrivez \\\\ pour une barre oblique inverse, ou retirez-la"),
    "toml_newline_expected": M("quelque chose suit la valeur sur la même ligne",
                               "une seule valeur par ligne ; un commentaire commence par #"),
    "toml_other": M("syntaxe TOML invalide sur cette ligne",
                    "vérifiez les guillemets, les crochets et les dates (AAAA-MM-JJ)"),
    "toml_typographic_quotes": M("guillemets typographiques {quotes} dans une valeur",
                                 'écrivez des guillemets droits : "…" (touche 3 du clavier '
                                 "français, ou Maj+2 sur un clavier anglais)"),
    "toml_key_repeated": M("« {key} » écrit deux fois dans ce bloc",
                           "gardez une seule ligne « {key} = … »"),
    "field_unknown": M("champ inconnu « {field} »", "champs possibles : {allowed}"),
    "field_misspelt": M("champ « {field} » inconnu : vouliez-vous écrire « {meant} » ?",
                        "écrivez {meant} (les noms des champs sont en anglais, voir "
                        "content/exemples/)"),
    "field_missing": M("champ obligatoire « {field} » manquant", "{example}"),
    "field_not_text": M("« {field} » doit être un texte entre guillemets", '{field} = "…"'),
    "field_choice": M("valeur « {value} » inconnue pour « {field} »",
                      "valeurs possibles : {choices}"),
    "field_id": M("valeur « {value} » invalide pour « {field} »",
                  "en minuscules sans accents ni espaces, par exemple run-4 ou usmba"),
    "field_id_long": M("identifiant « {field} » trop long ({length} caractères)",
                       "{most} caractères au plus : gardez les mots qui le distinguent"),
    "field_per_language": M("« {field} » doit être donné dans chaque langue", "{example}"),
    "text_characters_lost": M("texte {language} dont les lettres sont perdues (des « ? » ou "
                              "des « \ufffd » à leur place)",
                              "un tableur ou un éditeur l'a enregistré dans un autre encodage "
                              "que l'UTF-8 : recopiez le texte depuis l'original, puis "
                              "enregistrez en UTF-8"),
    "field_language_missing": M("« {field} » n'a pas de texte {language}",
                                'ajoutez {field}.{lang} = "…"'),
    "field_language_unknown": M("langue « {lang} » inconnue dans « {field} »",
                                "langues du site : {languages}"),
    "field_date": M("date invalide pour « {field} » : {value}",
                    "écrivez la date AAAA-MM-JJ, par exemple 2017-12-05{month}"),
    "field_time": M("heure invalide pour « {field} » : {value}",
                    'écrivez l\'heure sur 24 h entre guillemets, par exemple {field} = "09:30"'),
    "field_integer": M("« {field} » doit être un nombre entier ≥ {minimum}", "{field} = {example}"),
    "field_boolean": M("« {field} » doit valoir true ou false", "{field} = true"),
    "field_strings": M("« {field} » doit être une liste de textes", '{field} = ["…", "…"]'),
    "field_tables": M("« {field} » doit être une suite de blocs [[{field}]]",
                      "écrivez chaque élément sous un en-tête [[{field}]]"),
    "link_not_https": M("adresse « {value} » refusée pour « {field} » : https seulement",
                        "écrivez l'adresse en https://, ou retirez-la"),
    "name_without_letter": M("« {value} » n'est pas un nom (aucune lettre)",
                             "écrivez le nom de la personne dans « {field} »"),
    "name_not_arabic": M("« {value} » n'est pas écrit en caractères arabes",
                         "écrivez ici le nom en lettres arabes ; le nom en lettres latines "
                         "va dans name"),
    "field_table": M("« {field} » doit être un bloc [{field}]",
                     "écrivez ses champs sous un en-tête [{field}]"),
    "plural_form_unknown": M("forme « {form} » inconnue {language}",
                             "formes du pluriel {language} : {forms}"),
    "plural_other_missing": M("« {field} » sans la forme « other »",
                              'ajoutez {field}.other = "…" (la forme employée par défaut)'),
    "email_invalid": M("adresse électronique « {value} » invalide",
                       'écrivez-la en entier, par exemple email = "contact@universite.ma"'),
    "id_taken": M("identifiant « {id} » déjà utilisé", "choisissez-en un autre"),
    "url_refused": M("adresse « {value} » refusée pour « {field} »",
                     "écrivez une adresse complète qui commence par https:// ou http://, sans "
                     "espace, guillemet ni chevron"),
    "url_userinfo": M("adresse « {value} » refusée pour « {field} » : ce qui précède « @ » "
                      "peut faire croire à un autre site",
                      "écrivez l'adresse du site lui-même, https://nom-du-site/…"),
    "logo_outside": M("logo « {value} » hors de content/images/",
                      'placez le fichier dans content/images/ et écrivez '
                      'logo = "images/nom-du-fichier.svg"'),
    "logo_name": M("logo « {value} » : nom de fichier invalide (espace, accent ou signe)",
                   "renommez le fichier en minuscules, chiffres et tirets, et écrivez ici ce "
                   "nouveau nom"),
    "logo_type": M("logo « {value} » : type d'image non accepté", "une image {types}"),
    "logo_missing": M("logo « {value} » introuvable",
                      'placez le fichier dans content/images/ et écrivez '
                      'logo = "images/nom-du-fichier.svg"'),
    "partners_none": M("aucun partenaire déclaré : chaque édition nomme au moins son "
                       "université hôte",
                       "déclarez les partenaires dans ce fichier, un bloc [[partner]] chacun "
                       "(voir content/exemples/partenaires.toml)"),
    "partner_unknown": M("partenaire « {id} » introuvable",
                         "déclarez-le dans content/partenaires.toml ou corrigez l'identifiant "
                         "(connus : {known})"),
    "edition_file_name": M("nom de fichier « {name} » invalide",
                           "renommez-le en minuscules sans accents ni espaces, par exemple "
                           "run-4.toml"),
    "edition_named_like_a_report": M("nom de fichier « {name} » : « {suffix} » termine le "
                                     "nom du compte rendu d'une édition",
                                     "renommez les fichiers de l'édition, par exemple "
                                     "run-4.toml, run-4.fr.md et run-4.ar.md"),
    "edition_number_mismatch": M("le numéro ({number}) ne correspond pas au nom du fichier "
                                 "({name})",
                                 "corrigez number, ou renommez les trois fichiers de "
                                 "l'édition"),
    "edition_number_taken": M("numéro {number} déjà pris par {other}",
                              "chaque édition a son propre numéro"),
    "edition_end_before_start": M("la fin ({end}) précède le début ({start})",
                                  "corrigez start ou end (end est le dernier jour)"),
    "new_date_not_postponed": M("nouvelle date pour une édition qui n'est pas reportée",
                                "ajoutez status = \"postponed\", ou retirez {field}"),
    "new_date_without_start": M("nouveau dernier jour sans nouvelle date de début",
                                "ajoutez new_start = AAAA-MM-JJ"),
    "dates_reversed": M("{later_field} ({later}) précède {earlier_field} ({earlier})",
                        "corrigez l'une des deux dates"),
    "deadline_after_event": M("{field} ({date}) tombe après l'édition (dernier jour : {last})",
                              "l'appel et les inscriptions ouvrent et ferment avant la fin "
                              "de l'édition : corrigez {field}"),
    "registration_free_and_form": M("entrée libre (free = true) mais aussi {fields}",
                                    "sans inscription, retirez {fields} ; avec inscription, "
                                    "retirez free = true"),
    "registration_without_form": M("inscriptions sans formulaire ni entrée libre",
                                   'ajoutez url = "https://…" (le formulaire), ou '
                                   "free = true"),
    "speaker_unknown": M("intervenant « {id} » inconnu de content/intervenants.toml",
                         "ajoutez-le à content/intervenants.toml, corrigez l'identifiant "
                         "(connus : {known}), ou écrivez son nom tel qu'il s'écrit, avec "
                         "majuscules et espaces"),
    "photo_without_consent": M("photo publiée sans l'accord de la personne",
                               "ajoutez photo_consent = true quand elle a accepté par "
                               "écrit, sinon retirez photo"),
    "photo_without_alt": M("photo sans description (photo_alt)",
                           'ajoutez photo_alt.fr = "…" et photo_alt.ar = "…" : ce que '
                           "montre la photo, pour qui ne la voit pas"),
    "photo_type": M("photo « {value} » : une photo est un fichier .jpg, .jpeg ou .png",
                    "enregistrez-la dans l'un de ces formats"),
    "photo_outside": M("photo « {value} » hors de content/{folder}/",
                       'placez-la dans content/{folder}/ et écrivez {field} = '
                       '"{folder}/nom-du-fichier.jpg"'),
    "photo_missing": M("photo « {value} » introuvable",
                       "vérifiez le nom du fichier dans content/{folder}/ (minuscules, "
                       "extension comprise)"),
    "photo_unreadable": M("photo « {value} » illisible : ce n'est pas une image JPEG ou PNG "
                          "complète",
                          "enregistrez-la de nouveau en JPEG depuis un logiciel d'images, "
                          "puis remplacez le fichier"),
    "photo_too_large": M("photo « {value} » trop grande (plus de {limit} millions de "
                         "pixels)",
                         "réduisez-la à 4000 pixels de côté au plus (la page l'affiche à "
                         "{shown} pixels)"),
    "document_outside": M("diapositives « {value} » hors de content/{folder}/",
                          'placez le fichier dans content/{folder}/ et écrivez {field} = '
                          '"{folder}/run-N/nom-du-fichier.pdf"'),
    "file_named_badly": M("« {value} » : nom de fichier invalide (espace, majuscule, accent ou "
                          "signe)",
                          "renommez le fichier en minuscules, chiffres et tirets "
                          "(« {suggestion} »), et écrivez ici ce nouveau nom"),
    "document_type": M("diapositives « {value} » : un fichier .pdf, .odp ou .pptx est "
                       "attendu",
                       "exportez-les en PDF depuis votre logiciel de présentation (ce que "
                       "tous les téléphones ouvrent)"),
    "document_missing": M("diapositives « {value} » introuvables",
                          "vérifiez le nom du fichier dans content/{folder}/ (minuscules, "
                          "extension comprise)"),
    "document_too_large": M("diapositives « {value} » trop lourdes ({size} Mo, au plus "
                            "{limit} Mo) pour un téléphone",
                            "exportez-les en PDF de taille réduite (images compressées), "
                            "puis remplacez le fichier"),
    "recording_detail_alone": M("« {field} » sans enregistrement (recording)",
                                'ajoutez recording = "https://…" (la page de la vidéo), ou '
                                "retirez {field}"),
    "slides_language_alone": M("« slides_language » sans diapositives (slides)",
                               'ajoutez slides = "documents/…", ou retirez slides_language'),
    "report_name": M("« {name} » ne correspond à aucune édition",
                     "le compte rendu de l'édition {edition} s'appelle {expected} : "
                     "renommez-le"),
    "report_header": M("un compte rendu n'a pas de ligne « {field}: »",
                       "retirez-la : son titre, « Compte rendu », est celui du site"),
    "picture_name_taken": M("image « {value} » : son nom est déjà celui de « {other} » dans "
                            "cette édition, l'une remplacerait l'autre",
                            "renommez l'un des deux fichiers (un nom par photo dans une "
                            "édition, autre que « <séance>-enregistrement »)"),
    "report_missing": M("compte rendu sans sa version {language}",
                        "écrivez {file} (ou retirez le compte rendu des autres langues)"),
    "gallery_photo_twice": M("photo « {value} » déjà dans la galerie de cette édition",
                             "retirez l'un des deux blocs [[photo]]"),
    "speaker_twice": M("intervenant « {id} » cité deux fois dans cette séance",
                       "retirez l'une des deux mentions"),
    "speaker_near_id": M("« {name} » ressemble à l'identifiant « {id} » de "
                         "content/intervenants.toml, mais n'en est pas un",
                         'écrivez "{id}" pour renvoyer à sa page'),
    "new_date_not_later": M("la nouvelle date ({new}) n'est pas après la date annoncée "
                            "({start})",
                            "une édition reportée a lieu plus tard : corrigez new_start"),
    "affiliation_invalid": M("« {value} » n'est pas un identifiant de partenaire",
                             'écrivez l\'identifiant (affiliation = "usmba"), ou le nom dans '
                             'chaque langue : affiliation.fr = "…" et affiliation.ar = "…"'),
    "edition_text_without_data": M("texte d'édition sans fichier de données",
                                   "créez {file} (voir content/exemples/edition.toml)"),
    "edition_text_missing": M("l'édition n'a pas de texte {language}", "créez {file}"),
    "session_id_taken": M("identifiant de séance « {id} » déjà utilisé",
                          "chaque séance a son propre id"),
    "session_without_day": M("séance à l'heure donnée sans jour, dans une édition de "
                             "plusieurs jours", "ajoutez day = AAAA-MM-JJ"),
    "session_day_outside": M("le jour {day} n'est pas un jour de l'édition ({start} – {end})",
                             "corrigez day"),
    "session_end_without_start": M("séance avec une fin mais sans début",
                                   'ajoutez start = "HH:MM"'),
    "session_ends_before_start": M("la séance finit ({end}) avant de commencer ({start})",
                                   "corrigez start ou end"),
    "room_names_differ": M("la salle « {room} » s'appelle « {other_name} » {language} "
                           "dans la séance « {other} », ici « {name} »",
                           "écrivez chaque salle avec le même nom, dans chaque langue, dans "
                           "toutes les séances"),
    "interpretation_without_language": M(
        "interpretation sans la langue de la séance",
        'ajoutez language = "fr" (ou "ar", "en") : la langue dans laquelle elle est donnée'),
    "interpretation_own_language": M(
        "la séance est {language} et interprétée vers cette même langue",
        "retirez \"{lang}\" de interpretation : on n'interprète que vers une autre "
        "langue"),
    "change_without_programme": M(
        "modification du programme d'une édition qui n'a pas de programme",
        "écrivez d'abord ses séances ([[session]]), ou retirez ce bloc [[change]]"),
    "change_after_event": M("modification datée du {date}, après l'édition (dernier jour : "
                            "{last})", "une faute de frappe dans l'année ? La date est le "
                            "jour où la modification est publiée"),
    "change_session_unknown": M("séance « {id} » inconnue dans ce programme",
                                "séances de cette édition : {known}"),
    "session_cancelled_without_change": M(
        "séance « {id} » annulée sans modification publiée qui le dise",
        "ajoutez un bloc [[change]] avec date, text.fr, text.ar et sessions = [\"{id}\"] : "
        "les visiteurs et leurs agendas sont ainsi prévenus"),
    "session_overlap": M("la séance « {id} » ({start}) chevauche « {other} » ({other_start}–"
                         "{other_end}) dans la même salle ({room})",
                         "changez l'heure ou la salle de l'une des deux"),
    # --- A programme imported from a spreadsheet (runsite/tools/programme.py) ------------
    # Told at file:row:column (the spreadsheet's row and column letter).
    "import_file_missing": M("fichier introuvable",
                             "vérifiez le chemin donné à FILE=… (par exemple "
                             "FILE=~/Bureau/programme.csv)"),
    "import_file_type": M("type de fichier « {extension} » non lu : un tableau .csv ou .xlsx "
                          "est attendu",
                          "dans le tableur, « Enregistrer sous » → « CSV UTF-8 (délimité par "
                          "des virgules) » ou « Classeur Excel (.xlsx) »"),
    "import_too_large": M("tableau trop gros ({what}), {limit} au plus",
                          "un programme tient en quelques centaines de lignes : vérifiez que "
                          "c'est le bon fichier, ou gardez seulement la feuille du programme"),
    "import_csv_broken": M("ligne illisible : un guillemet « \" » ouvert n'est jamais fermé",
                           "fermez-le, ou retirez-le de la case (le tableur n'en met que "
                           "par paires) ; puis enregistrez de nouveau le tableau"),
    "import_csv_is_workbook": M("ce fichier .csv est en fait un classeur Excel",
                                "renommez-le en .xlsx, ou enregistrez-le depuis Excel en "
                                "« CSV UTF-8 (délimité par des virgules) »"),
    "import_not_utf8": M("le fichier n'est pas enregistré en UTF-8 (c'est le « CSV » "
                         "ordinaire d'Excel)",
                         "dans Excel, « Enregistrer sous » → type « CSV UTF-8 (délimité par "
                         "des virgules) (*.csv) » ; dans LibreOffice, « Texte CSV » avec le "
                         "jeu de caractères « Unicode (UTF-8) »"),
    "import_xlsx_unreadable": M("classeur Excel illisible",
                                "ouvrez-le dans Excel et enregistrez-le de nouveau en "
                                "« Classeur Excel (.xlsx) », ou en « CSV UTF-8 (délimité par "
                                "des virgules) »"),
    "import_empty": M("aucune séance dans ce tableau",
                      "la première ligne nomme les colonnes (identifiant, titre (français)…), "
                      "puis une ligne par séance (voir content/exemples/programme.csv)"),
    "import_edition_unknown": M("édition « {edition} » introuvable",
                                "éditions existantes : {known} (créez-en une avec make "
                                "new-edition)"),
    "import_header_unknown": M("colonne « {name} » inconnue",
                               "colonnes possibles : {known}"),
    "import_header_twice": M("colonne « {name} » déjà en {first}",
                             "gardez une seule de ces deux colonnes"),
    "import_header_missing": M("colonne(s) obligatoire(s) absente(s) : {names}",
                               "ajoutez-les à la première ligne (voir "
                               "content/exemples/programme.csv)"),
    "import_id_missing": M("séance sans identifiant",
                           "écrivez-en un, en minuscules, chiffres et tirets, par exemple "
                           "« {example} » (il ne doit plus changer : il fait l'adresse de la "
                           "séance et la retrouve dans les agendas)"),
    "import_id": M("identifiant « {value} » invalide",
                   "en minuscules sans accents ni espaces, chiffres et tirets, par exemple "
                   "atelier-2"),
    "import_id_taken": M("identifiant « {id} » déjà pris par la ligne {other_row}",
                         "chaque séance a son propre identifiant"),
    "import_time": M("heure « {value} » invalide",
                     "écrivez l'heure sur 24 heures, HH:MM, par exemple 09:30"),
    "import_date": M("date « {value} » invalide",
                     "écrivez la date AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2031-04-14"),
    "import_choice": M("« {value} » inconnu dans la colonne « {column} »",
                       "valeurs possibles : {choices}"),
    "import_yes_no": M("« {value} » : oui ou rien est attendu", "écrivez oui, ou videz la "
                       "case"),
    "import_text_missing": M("case « {column} » vide",
                             "écrivez-la : chaque texte est donné dans chaque langue"),
    "import_end_before_start": M("la séance finit ({end}) avant de commencer ({start})",
                                 "corrigez le début ou la fin (sur 24 heures : 14:00 pour "
                                 "deux heures de l'après-midi)"),
    "import_end_without_start": M("une fin sans début",
                                  "écrivez aussi l'heure de début (colonne « {column} »)"),
    "import_day_missing": M("jour manquant : l'édition dure plusieurs jours",
                            "écrivez le jour de la séance, AAAA-MM-JJ"),
    "import_day_outside": M("le jour {day} n'est pas un jour de l'édition ({start} – {end})",
                            "corrigez le jour"),
    "import_overlap": M("la séance « {id} » ({start}) chevauche « {other} » de la ligne "
                        "{other_row} ({other_start}–{other_end}) dans la même salle ({room})",
                        "changez l'heure ou la salle de l'une des deux"),
    "import_interpretation_without_language": M(
        "interprétation sans la langue de la séance",
        "écrivez sa langue dans la colonne « {column} » (français, arabe ou anglais)"),
    "import_interpretation_own_language": M(
        "la séance est en « {language} » et interprétée vers « {language} »",
        "retirez cette langue de l'interprétation : on n'interprète que vers une autre "
        "langue"),
    # --- Catalogs of theme strings -----------------------------------------------------
    "po_missing": M("le catalogue de la langue « {lang} » n'existe pas",
                    "créez-le avec : make i18n-init NEWLANG={lang}"),
    "po_malformed_line": M("ligne mal formée dans le catalogue",
                           'chaque texte s\'écrit entre guillemets droits : msgstr "…" (un '
                           'guillemet à l\'intérieur s\'écrit \\")'),
    "po_disordered": M("texte du catalogue incomplet ou dans le désordre",
                       "chaque texte est un msgid suivi de son msgstr (au pluriel : msgid, "
                       "msgid_plural, puis msgstr[0], msgstr[1]…) : rétablissez la ligne "
                       "manquante"),
    "po_unreadable": M("catalogue illisible",
                       "vérifiez les guillemets et les lignes msgid/msgstr autour de cette "
                       "ligne"),
    "po_untranslated": M("texte sans traduction {language} : « {msgid} »", "{advice}"),
    "po_placeholder_unknown": M("variable inconnue dans la traduction : {names}",
                                "recopiez-la exactement comme dans le msgid : {expected}"),
    "po_placeholder_missing": M("variable absente de la traduction : {names}",
                                "ajoutez-la à sa place dans la phrase : le site y écrit une "
                                "valeur (un nom, une date)"),
    "po_lone_percent": M("signe « % » seul dans la traduction",
                         "écrivez %% pour afficher le signe pour cent"),
    "po_markup_unclosed": M("balise <bdi> ouverte et pas fermée (ou l'inverse) dans la "
                            "traduction", "fermez chaque <bdi> par </bdi>"),
    "po_charset": M("le catalogue déclare un autre encodage que UTF-8",
                    'écrivez la ligne "Content-Type: text/plain; charset=UTF-8\\n"'),
    "po_duplicate": M("texte « {msgid} » traduit deux fois dans le catalogue",
                      "gardez une seule de ses deux entrées"),
    "po_plural_forms": M("en-tête Plural-Forms différent des règles de pluriel de la langue",
                         'remettez la ligne "Plural-Forms: {expected}\\n"'),
    "po_markup": M("balise HTML absente du texte d'origine dans la traduction : {markup}",
                   "retirez-la : une traduction ne contient que le texte, les variables et "
                   "les balises du msgid (et <bdi> autour d'un nom en caractères latins)"),
    # --- Theme -------------------------------------------------------------------------
    "css_import_cycle": M("feuilles de style qui s'importent en boucle : {sheets}",
                          "retirez l'un des @import"),
    "css_reference_missing": M("« {reference} » n'existe pas dans le site publié",
                               "corrigez le chemin (relatif à la feuille de style) ou ajoutez "
                               "le fichier"),
    "css_inline_end_tag": M("« </style » dans la feuille de style : elle est copiée dans "
                            "chaque page, où ce texte fermerait l'élément <style>",
                            "retirez-le (écrivez \\3C /style dans une chaîne CSS)"),
    # --- The search index (runsite/publish/search.py) -----------------------------------
    "search_tool_missing": M("l'index de recherche n'a pas pu être construit : Pagefind "
                             "n'est pas installé ({said})",
                             "installez les outils du site : make venv (ou pip install -r "
                             "requirements.txt dans son environnement)"),
    "search_index_failed": M("l'index de recherche n'a pas pu être construit : Pagefind "
                             "s'est arrêté (code {status}) en disant « {said} »",
                             "corrigez ce qu'il signale, ou publiez sans recherche avec -e "
                             "RUN_SEARCH_INDEX=False"),
    "search_index_timeout": M("l'index de recherche n'était pas construit au bout de "
                              "{seconds} s", "relancez la publication (la machine était-elle "
                              "très chargée ?)"),
    "search_language_missing": M("l'index de recherche n'a aucune page {language}",
                                 "les pages de cette langue doivent avoir <html lang> et un "
                                 "élément data-pagefind-body (theme/templates/)"),
    "search_folder_taken": M("le site publié a déjà un dossier ou un fichier « {folder} », "
                             "où va l'index de recherche",
                             "renommez ce fichier ou ce dossier de content/"),
    # --- The share images (runsite/write/share.py) --------------------------------------
    "share_raqm_missing": M("les images de partage ne peuvent pas être dessinées : Pillow "
                            "n'a pas libraqm, sans laquelle l'arabe s'écrirait en lettres "
                            "détachées et de gauche à droite",
                            "installez libraqm et FriBiDi (Debian, Ubuntu : sudo apt install "
                            "libraqm0 libfribidi0), puis relancez la construction"),
    # --- Settings, environment and folders ---------------------------------------------
    "settings_error": M("réglages illisibles : {reason}", "corrigez cette ligne"),
    "settings_autoescape": M('JINJA_ENVIRONMENT doit contenir "autoescape": True',
                             "sans échappement, un titre ou un champ pourrait injecter du code "
                             "dans les pages : remettez-le"),
    "settings_language": M("{reason}", "corrigez RUN_LANGUAGES et DEFAULT_LANG"),
    "siteurl_missing": M("SITEURL manque : le site publié ne saurait pas son adresse",
                         "donnez l'adresse publique : make publish SITEURL=https://… (voir "
                         "docs/hosting.md)"),
    "siteurl_refused": M("SITEURL « {value} » refusée pour {target}",
                         "{allowed}"),
    "print_theme": M("le programme imprimé (PDF) ne se fait pas comme theme/print/ le "
                     "décrit ; WeasyPrint dit : « {detail} »",
                     "corrigez la feuille de style ou le chemin de la police qu'elle nomme "
                     "(theme/print/fonts/), puis relancez"),
    "pdf_needs_pango": M("les PDF du programme (RUN_PDF) demandent la bibliothèque Pango, "
                         "absente de cet ordinateur",
                         "installez-la (Debian, Ubuntu : sudo apt-get install libpango-1.0-0 "
                         "libpangoft2-1.0-0), ou construisez sans les PDF (make html, "
                         "make serve)"),
    "epoch_invalid": M("SOURCE_DATE_EPOCH=« {value} » n'est pas un nombre entier de secondes",
                       "retirez la variable, ou donnez la date en secondes (date +%s)"),
    "folder_not_writable": M("impossible d'écrire dans ce dossier",
                             "vérifiez ses droits (ou construisez ailleurs avec -o DOSSIER)"),
    "build_busy": M("une autre construction écrit déjà dans ce dossier depuis plus de "
                    "{seconds} s", "attendez qu'elle se termine, ou arrêtez-la, puis relancez"),
}
MESSAGES = MappingProxyType(_MESSAGES)

# Notices: printed, never failing.
NOTICES = MappingProxyType({
    "archive_before_the_end": "compte rendu ou photos d'une édition qui n'est pas encore "
                              "passée : ils seront publiés après son dernier jour",
    "glyph_missing": "caractères absents des polices du programme imprimé et des images "
                     "de partage : {chars} — ils y seraient remplacés par un blanc, ou "
                     "dessinés par une police de l'ordinateur ; écrivez-les autrement si "
                     "vous le pouvez",
    "document_unused": "aucune séance ne cite ce fichier : il n'est pas publié (citez-le "
                       "avec slides = \"{name}\", ou supprimez-le)",
    "recording_without_captions": "enregistrement sans sous-titres ni transcription : "
                                  "ajoutez captions = [\"fr\"] si la vidéo est sous-titrée, "
                                  "ou transcript = \"https://…\" (les personnes sourdes "
                                  "ou malentendantes en ont besoin)",
    "untranslated_declared": "pas de version {language} (exception déclarée : {reason})",
    "announced_after_the_event": "l'édition est passée, et ce texte l'annonce encore "
                                 "(« {words} ») : réécrivez-le au passé",
    "title_long": "titre de {length} caractères : les résultats de recherche en montrent "
                  "{limit} au plus, la fin sera coupée — raccourcissez-le si vous le pouvez",
    "summary_long": "résumé de {length} caractères : les résultats de recherche et les "
                    "partages en montrent {limit} au plus — gardez une phrase courte",
    "publisher_missing": "l'éditeur du site n'est pas indiqué : les déclarations "
                         "d'accessibilité et de confidentialité ne le nomment pas",
    "link_to_draft_preview": "lien vers « {href} », un brouillon : il ne sera pas publié tant "
                             "qu'il en est un",
})


def counted(number, one, several=None) -> str:
    """A count as French writes it: « 1 problème », « 0 page », « 2 problèmes » (``several``
    when the plural is not ``one`` + s: « textes du thème non traduits »)."""
    return f"{number} {one if number < 2 else several or one + 's'}"


def seconds(value) -> str:
    """« 0,05 s »: a duration as French writes it."""
    return f"{value:.2f} s".replace(".", ",")


def say(code, **values) -> tuple[str, str]:
    """``(what, fix)`` of message ``code`` with its values."""
    return MESSAGES[code].format(values)


def notice(code, **values) -> str:
    return NOTICES[code].format(**values)


def _pattern(template) -> str:
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(r".*?" if field is not None else "")
    return "".join(parts)


def problem_pattern() -> re.Pattern:
    """A printed problem: ``file[:line]: what — fix`` with a message of this list."""
    messages = "|".join(f"(?:{_pattern(m.what)} — {_pattern(m.fix)})"
                        for m in MESSAGES.values())
    return re.compile(rf"^(?P<path>[^\n]+?)(?::(?P<line>\d+))?: (?:{messages})$")
