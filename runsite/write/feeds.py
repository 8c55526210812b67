"""Atom feeds of the news, one per language, at mirrored paths
(/actualites/flux.atom, /ar/actualites/flux.atom), with xml:lang set."""

from __future__ import annotations

import os

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from runsite.core import urls
from runsite.core.state import of
from runsite.read.catalogs import feed_title, series_name


class FeedsGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        for code, url in urls.all_languages(self.settings, state.languages, "feed").items():
            state.outputs.declare(state, url, "un fichier du site", lang=code, page=False)

    def generate_output(self, writer):
        state = of(self.settings)
        siteurl = urls.absolute_base(self.settings)
        for code in state.languages:
            # Drafts (shown by the live preview only) are never in a feed.
            items = sorted((a for a in state.articles
                            if a.lang == code and not getattr(a, "draft", False)),
                           key=lambda a: (a.date, a.slug), reverse=True)
            path = urls.path(self.settings, state.languages, code, "feed")
            news_url = f"{siteurl}/{urls.path(self.settings, state.languages, code, 'news')}"
            feed = Atom1Feed(
                title=feed_title(state, code),
                # RFC 4287 4.1.1: a feed names its author (the entries name none).
                author_name=series_name(state, code),
                author_link=f"{siteurl}/{urls.path(self.settings, state.languages, code, 'home')}",
                link=news_url,
                description="",
                feed_url=f"{siteurl}/{path}",
                feed_guid=f"{siteurl}/{path}",
                language=code,
            )
            for article in items[: self.settings.get("FEED_MAX_ITEMS") or None]:
                link = f"{siteurl}/{article.url}"
                feed.add_item(
                    title=article.title,
                    link=link,
                    unique_id=link,
                    description=urls.absolute_links(article.summary, siteurl),
                    content=urls.absolute_links(article.content, siteurl),
                    pubdate=article.date,
                    updateddate=getattr(article, "modified", None) or article.date,
                )
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as fp:
                feed.write(fp, "utf-8")


def get_generators(pelican):
    return FeedsGenerator
