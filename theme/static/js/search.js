// The site's search (theme/templates/search.html): the only script of the site.
// It loads Pagefind's index of the page's language (pagefind/, built at publication
// by runsite/publish/search.py), searches as the visitor types and when the form is
// sent, and lists the pages found. Texts come from the page (data- attributes, from
// the catalogs); results are built with DOM methods and textContent only, and link
// only to this site. The form works from the start: a search asked for before the
// index is loaded waits for it. Where WebAssembly is refused, the form goes and a
// notice says why, above the list of the site's sections that is always there.

const root = document.getElementById("run-search");
const form = root.querySelector(".run-search__form");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("run-search-status");
const list = document.getElementById("run-search-results");
const elsewhere = document.getElementById("run-search-elsewhere");
const notice = document.getElementById("run-search-notice");
const lang = document.documentElement.lang;
const plurals = new Intl.PluralRules(lang);
const DELAY = 250; // ms after the last key before searching
const MAX = 30; // results shown

let pagefind = null;
let ready = null; // the index loaded: start()
let timer = 0;
let latest = 0; // the last search asked for: older answers are dropped

function sameSite(url) {
  // Only an address of this site, under the index's base (a sub-path on a project site).
  try {
    const target = new URL(url, document.baseURI);
    const base = new URL("..", new URL(root.dataset.index, document.baseURI));
    return target.origin === location.origin && target.pathname.startsWith(base.pathname)
      ? target.href : null;
  } catch {
    return null;
  }
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: "\u00a0" };

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name) => ENTITIES[name]);
}

// An excerpt is plain text: the <bdi> the page had around a Latin name in Arabic (or an
// Arabic one in French) is gone, and "(PDF، 19 كيلوبايت" would read "19، PDF". Each run
// of the other script gets its own direction again.
const RTL = document.documentElement.dir === "rtl";
// ("RUN 3": a Latin word and the number after it read as one run.)
const OTHER = RTL ? /([A-Za-z\u00c0-\u024f][\w\u00c0-\u024f.\-/:@]*(?: \d+)*)/
  : /([\u0600-\u06ff][\u0600-\u06ff\s]*[\u0600-\u06ff]|[\u0600-\u06ff])/;

function isolated(text) {
  const fragment = document.createDocumentFragment();
  text.split(OTHER).forEach((piece, index) => {
    if (!piece) return;
    if (index % 2) {  // a run of the other script: the split's captured group
      const bdi = document.createElement("bdi");
      bdi.dir = RTL ? "ltr" : "rtl";
      bdi.textContent = piece;
      fragment.append(bdi);
    } else {
      fragment.append(document.createTextNode(piece));
    }
  });
  return fragment;
}

// Arabic writes "and", "with", "like" and "so" as one letter joined to the word: the
// index holds "والمختبرات" as "و المختبرات" (runsite/publish/search.py, the same rule),
// so that "مختبر" finds it. A query drops those letters; an excerpt joins them back.
const PROCLITIC = /(^|[^\u0621-\u064a])([وف][بك]?|[بك])(?=ال[\u0621-\u064a]{2})/g;
const SPLIT = /(^|[^\u0621-\u064a])([وف][بك]?|[بك]) (?=(?:<mark>)?ال[\u0621-\u064a]{2})/g;

function withoutProclitics(query) {
  return query.replace(PROCLITIC, "$1");
}

function excerpt(text) {
  text = text.replace(SPLIT, "$1$2");
  // Pagefind's excerpt is escaped text with <mark> around the words found: rebuild
  // the marks as elements, everything else as text.
  const paragraph = document.createElement("p");
  paragraph.className = "run-search__excerpt";
  let marked = false;
  for (const part of text.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const node = isolated(decode(part));
      if (marked) {
        const mark = document.createElement("mark");
        mark.append(node);
        paragraph.append(mark);
      } else {
        paragraph.append(node);
      }
    }
  }
  return paragraph;
}

function count(n) {
  if (n === 0) return root.dataset.none;
  const text = root.dataset["count" + plurals.select(n).replace(/^./, (c) => c.toUpperCase())]
    ?? root.dataset.countOther;
  return text.replace("{n}", String(n)); // Latin digits, as the catalogs write them
}

async function run(query) {
  const asked = ++latest;
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    list.hidden = true;
    elsewhere.hidden = true;
    status.textContent = "";
    return;
  }
  await ready;
  const found = await pagefind.search(withoutProclitics(query));
  const pages = await Promise.all(found.results.slice(0, MAX).map((result) => result.data()));
  if (asked !== latest) return;
  const items = [];
  for (const page of pages) {
    const href = sameSite(page.url);
    if (!href) continue;
    const item = document.createElement("li");
    item.className = "run-search__result";
    const title = document.createElement("h2");
    title.className = "run-search__title";
    const link = document.createElement("a");
    link.href = href;
    link.textContent = (page.meta && page.meta.title) || page.url;
    title.append(link);
    item.append(title, excerpt(page.excerpt || ""));
    items.push(item);
  }
  list.replaceChildren(...items);
  list.hidden = items.length === 0;
  for (const link of elsewhere.querySelectorAll("a")) {
    const url = new URL(link.href);
    url.searchParams.set("q", query);
    link.href = url.href;
  }
  elsewhere.hidden = false;
  status.textContent = count(found.results.length > MAX ? found.results.length : items.length);
}

function later(query) {
  clearTimeout(timer);
  timer = setTimeout(() => run(query).catch(broken), DELAY);
}

function broken() {
  // WebAssembly refused, the index missing or unreadable: the page stays as without
  // JavaScript, with a notice that says why.
  form.hidden = true;
  list.hidden = true;
  status.textContent = "";
  notice.textContent = root.dataset.blocked;
  notice.hidden = false;
}

async function load() {
  // The smallest WebAssembly module (its header): refused here if the browser or
  // the page's policy does not allow WebAssembly, before anything is loaded.
  await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  pagefind = await import(root.dataset.index);
  // On the page's thread: the worker would need the page's policy too.
  await pagefind.options({ noWorker: true, excerptLength: 24 });
  // Loads the language's index and its WebAssembly module: it fails here, not on the
  // first word typed, if the browser refuses them.
  await pagefind.init();
}

function start() {
  ready = load();
  ready.catch(broken);
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    // On a phone, the keyboard closes and shows the results it would cover.
    input.blur();
    run(input.value).catch(broken);
  });
  input.addEventListener("input", () => later(input.value));
  if (query) run(query).catch(broken);
}

start();
