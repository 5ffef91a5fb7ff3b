/* The header search box: Pagefind over the archive's roundups, companies and topics.

   Pagefind (its script, WebAssembly and index entry) loads when the reader first focuses the box;
   each query then fetches only the index chunks and the result fragments it needs. The topic,
   company and year filters load only when the reader opens them, which keeps the first query
   small however large the archive grows. Pagefind finds roundups (one record each, which keeps
   what a search fetches of each year small: render/search.py); a result lists the stories of the
   roundup its words are in, each leading to the story. The page holds only the box's place
   (partials/search.html); this script builds the box there, with the markup and classes of
   Material's search, so Material's stylesheet does the layout in both colour schemes. */
(() => {
  "use strict";
  const box = document.querySelector("[data-na-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;

  const PAGE_SIZE = 10; // results shown at a time, about (stories, and companies', topics' and years' pages)
  const FILTERS = { topic: "Topic", company: "Company", year: "Year" };
  // The meta fields (render/search.py) whose match puts a result in a tier, first tier first: a
  // company's or topic's names, a roundup's headlines, the names of what its stories are tagged with.
  const TIERS = ["names", "title", "tags"];
  const AI = "ai"; // the mark after the headline of a story a machine wrote (render/search.py)
  const UNAVAILABLE = "Search is not available right now: reload the page to try again";
  const SEARCHING_OLDER = " so far, searching earlier years…"; // after the count while they merge in
  // Icons drawn for the box, 24 units square: back (on a phone), clear, filters. The magnifier is
  // the header's own search button's.
  const ICONS = {
    back: "M21 11H7.4l5.3-5.3-1.4-1.4L3.6 12l7.7 7.7 1.4-1.4L7.4 13H21z",
    clear: "M5.4 4 4 5.4l6.6 6.6L4 18.6 5.4 20l6.6-6.6 6.6 6.6 1.4-1.4-6.6-6.6L20 5.4 18.6 4 12 10.6z",
    filters: "M3 6h18v2H3zm3 5h12v2H6zm4 5h4v2h-4z",
  };
  const icon = (name) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[name]}"/></svg>`;
  const magnifier = document.querySelector('label[for="__search"] svg')?.outerHTML ?? "";

  box.innerHTML = `<label class="md-search__overlay" for="__search"></label>
<div class="md-search__inner" role="search"><form class="md-search__form" name="search">
<input type="text" class="md-search__input" name="query" aria-label="Search the archive" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-controls="na-search-results" required>
<label class="md-search__icon md-icon" for="__search">${magnifier}${icon("back")}</label>
<nav class="md-search__options" aria-label="Search"><button type="reset" class="md-search__icon md-icon" tabindex="-1">${icon("clear")}</button></nav>
</form>
<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="-1"><div class="md-search-result" id="na-search-results">
<div class="na-search__bar"><div class="md-search-result__meta" role="status">Type to search the archive</div>
<button type="button" class="na-search__filter-button" aria-expanded="false" aria-controls="na-search-filters" hidden>${icon("filters")} Filters</button></div>
<div class="na-search__filters" id="na-search-filters" hidden></div>
<ol class="md-search-result__list"></ol>
<button type="button" class="na-search__more" hidden>More results</button>
</div></div></div></div>`;

  const root = new URL(box.dataset.naSearch, location.href);
  const index = new URL(box.dataset.naIndex, root); // the search index's folder (urls.SEARCH)
  const form = box.querySelector("form");
  const input = box.querySelector(".md-search__input");
  input.placeholder = box.dataset.placeholder || "Search";
  const reset = box.querySelector('button[type="reset"]');
  reset.title = box.dataset.clear || "Clear";
  reset.setAttribute("aria-label", reset.title);
  const status = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".na-search__more");
  const filterButton = box.querySelector(".na-search__filter-button");
  const filterPanel = box.querySelector(".na-search__filters");

  const selected = Object.fromEntries(Object.keys(FILTERS).map((name) => [name, new Set()]));
  const FIRST = 1; // bundles of roundups searched before the first results show (the newest year's)
  // Pagefind's options. It searches in the page itself: its Web Worker would cost every reader 41 KB
  // more (hooks/search_index.py does not ship it).
  const SETTINGS = { baseUrl: root.pathname, excerptLength: 28, noWorker: true };
  // The punctuation Pagefind drops from a query.
  const DROPPED = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;
  let pagefind = null; // the Pagefind module with the newest years, once asked for
  let years = []; // the years' bundles, newest first: [folder, size]
  let merging = []; // the merge of each of them, once asked for
  let through = 0; // how many of them, newest first, are merged in
  let olderWords = ""; // the folder of the older years' headline words (render/search.py), if any
  const olderFiles = new Map(); // of those, the file of each first character once asked for
  let broken = false; // a bundle failed to load: Pagefind cannot search until the page is loaded again
  let filtersLoaded = false;
  // The latest search's answer (Pagefind's: its results and the filters' counts), with its words
  // and chosen filters, whether it searched every year, and the query it answers (its generation).
  let response = null; // and ``through``: how many years' bundles it searched
  let shown = 0;
  let showing = null; // the results being added to the list, while they are
  let widening = false; // whether "More results" is being answered
  let generation = 0; // answers to queries the reader has typed past are dropped
  let timer = 0;

  // Pagefind loads from the first bundle (companies and topics) and merges in the bundles of the
  // roundups: the newest year's, then the older years two by two (render/search.py). Sorted by
  // date, Pagefind scores a roundup by its place among its bundle's dated records (0 for the oldest
  // year's own archive page, dated before its roundups) and lists the merged results by score:
  // weighing each bundle by a power of a number above the size of any bundle, newest highest,
  // turns those places into one newest-first order.
  //
  // A first query costs the same whatever the archive's age: it searches the companies and topics
  // and the newest year only, and shows those results at once; the older years merge in after,
  // newest first and only as far as they could change those results (``needed``), and the
  // results are ranked again with them (Pagefind adds a merged bundle to a running search).
  function loadPagefind() {
    pagefind ??= Promise.all([
      import(new URL("pagefind.js", index).href),
      fetch(new URL(box.dataset.naBundles, root)).then((answer) => answer.json()),
    ]).then(async ([module, bundles]) => {
      years = bundles.years;
      olderWords = bundles.older ?? "";
      await module.options(SETTINGS);
      await mergeThrough(module, FIRST);
      return module;
    });
    return pagefind;
  }

  // Merges in the years' bundles, newest first, until ``count`` of them are.
  async function mergeThrough(module, count) {
    const base = Math.max(0, ...years.map(([, size]) => size)) + 1;
    const wanted = years.slice(0, count).map(([name], newest) => merging[newest] ??= module.mergeIndex(
      new URL(`${name}/`, index).pathname, { ...SETTINGS, indexWeight: base ** (years.length - newest) }));
    await Promise.all(wanted);
    through = Math.max(through, wanted.length);
  }

  // The Pagefind module once ``count`` years (every year: Infinity) are merged in; null, and the
  // reader told so, if a bundle fails to load.
  async function loadThrough(count) {
    try {
      const module = await loadPagefind();
      await mergeThrough(module, count);
      return module;
    } catch (error) {
      unavailable(error);
      return null;
    }
  }

  const loadAll = () => loadThrough(Infinity);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function activeFilters() {
    const filters = {};
    for (const [name, values] of Object.entries(selected)) if (values.size) filters[name] = [...values];
    return filters;
  }

  async function search() {
    const term = input.value.trim();
    const filters = activeFilters();
    const mine = ++generation;
    if (!term && !Object.keys(filters).length) {
      response = null;
      list.replaceChildren();
      more.hidden = true;
      filterButton.hidden = true;
      filterPanel.hidden = true;
      filterButton.setAttribute("aria-expanded", "false");
      status.textContent = "Type to search the archive";
      return;
    }
    if (broken) {
      list.replaceChildren();
      more.hidden = true;
      return unavailable();
    }
    if (!response) status.textContent = "Searching…";
    let answer;
    let searched;
    try {
      const module = await loadPagefind();
      searched = through;
      answer = await rank(module, term || null, filters);
    } catch (error) {
      return unavailable(error);
    }
    if (mine !== generation) return;
    // Years merged in while it ran may be in its answer or not: it is asked again, of them all.
    if (through !== searched) return search();
    const whole = searched === years.length;
    response = { ...answer, term, chosen: filters, whole, through: searched, mine };
    shown = 0;
    list.replaceChildren();
    await show(mine);
    if (mine !== generation) return; // a newer query is under way: its status is the one to show
    let wanted = needed(answer, term, searched);
    describe(wanted === searched ? "" : SEARCHING_OLDER);
    filterButton.hidden = false;
    renderFilters();
    if (wanted === searched) return;
    wanted ??= await olderNeeded(term, searched).catch((error) => {
      console.error(error);
      return years.length;
    });
    if (mine !== generation) return; // not while the reader types on: the next query shows its newest year first
    if (wanted === searched) return describe(""); // settled after all
    // Again, with the years it needs, unless "More results" has merged them in already.
    if ((await loadThrough(wanted)) && mine === generation && response.through < through) await search();
  }

  // The status: how many pages were found, and in which years while the older ones wait.
  function describe(pending) {
    const found = counted(response.results);
    const newest = years[0]?.[0] ?? "";
    const oldest = years[response.through - 1]?.[0].slice(0, 4);
    const searched = response.through > 1 ? `${oldest}–${newest}` : newest;
    const where = response.whole || pending ? "" : ` in ${searched}`;
    status.textContent = (response.term ? `${found} for “${response.term}”` : found) + where + pending;
  }

  // Once a bundle has failed to load, Pagefind fails every search that would cover it: the page
  // has to be loaded again. Said at the top and, where the reader asked for more results, at the
  // foot of the list too.
  function unavailable(error) {
    if (error) console.error(error);
    broken = true;
    status.textContent = UNAVAILABLE;
    more.textContent = UNAVAILABLE;
    more.setAttribute("aria-disabled", "true");
  }

  // How many years' bundles, newest first, the first results need: those ``searched`` already
  // unless an older year could change them. An older roundup comes after every newer one of its
  // tier, so it could come first only from a better tier than the last of these (companies' and
  // topics' pages are searched whole). So no older year could change first results that end with
  // a roundup with the words in a headline; nor, where they end with one with the words in its
  // tags, a year none of whose headlines could have them (``olderNeeded``: after the first
  // results show, as it costs a request; null here). The years left wait until the reader asks
  // for more results or opens the filters: such a query fetches the same few files however many
  // years the archive holds.
  function needed(answer, term, searched) {
    const first = answer.results.slice(0, PAGE_SIZE);
    if (searched === years.length) return searched;
    if (first.length < PAGE_SIZE) return years.length;
    const last = tier(first.at(-1));
    if (last <= TIERS.indexOf("title")) return searched;
    return last === TIERS.indexOf("tags") && olderWords && term ? null : years.length;
  }

  // The years' bundles the first results need (``needed``), by the words of the older years'
  // headlines that have no Latin letter or digit. Pagefind stems no such word, so it matches one
  // of a query with a headline's where either starts with the other (the longer where it finds it
  // among the index chunks it has loaded, else the query's longest start): words with the same
  // first character, in one small file. A word of the query with a Latin letter, which Pagefind
  // stems, or a digit (where Pagefind cuts words) cannot be told so: every year is then needed.
  async function olderNeeded(term, searched) {
    const words = term.split(/\s+/).map(plain).filter(Boolean);
    if (words.some((word) => /[a-z\p{N}]/u.test(word))) return years.length;
    const held = await Promise.all(words.map(headlinesOf));
    // The oldest year that could, and every year after it, so that the years left are all older.
    for (let at = years.length - 1; at >= searched; at--) {
      const could = (word, place) => (held[place][years[at][0]] ?? []).some(
        (one) => one.startsWith(word) || word.startsWith(one));
      if (words.some(could)) return at + 1;
    }
    return searched;
  }

  // The older years' headline words with the first character of ``word``, by bundle: none where
  // there is no file (no older headline has such a word). A file that fails to load fails the
  // search's question (every year is then needed), and is asked for again by the next.
  function headlinesOf(word) {
    const name = `${word.codePointAt(0).toString(16)}.json`;
    if (!olderFiles.has(name)) {
      olderFiles.set(name, fetch(new URL(`${olderWords}${name}`, index)).then((answer) => {
        if (answer.status === 404) return {};
        if (!answer.ok) throw new Error(`${answer.url}: ${answer.status}`);
        return answer.json();
      }).catch((error) => {
        olderFiles.delete(name);
        throw error;
      }));
    }
    return olderFiles.get(name);
  }

  // A word of a query as Pagefind searches for it: in lower case, without diacritics or the
  // punctuation it drops.
  function plain(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(DROPPED, "");
  }

  // More results, for the answer shown, once the results being added are in: the older years
  // merge in first if they wait, and the results are ranked again with them; those shown stay as
  // they are (settled). One at a time: the button stays where it is (and keeps the focus) but
  // does nothing while it is answered.
  async function widen() {
    const mine = generation;
    if (widening || broken || !response || response.mine !== mine) return; // a newer query is under way
    widening = true;
    more.setAttribute("aria-disabled", "true");
    try {
      await showing;
      if (mine !== generation) return;
      if (!response.whole) {
        const { term, chosen } = response;
        const label = more.textContent;
        more.textContent = "Searching earlier years…";
        describe(SEARCHING_OLDER);
        const module = await loadAll();
        if (!module) return;
        more.textContent = label;
        if (mine !== generation) return;
        const answer = await rank(module, term || null, chosen);
        if (mine !== generation) return;
        response = { ...answer, term, chosen, whole: true, through: years.length, mine };
        describe("");
      }
      await show(mine);
    } finally {
      widening = false;
      if (!broken) more.removeAttribute("aria-disabled");
    }
  }

  function show(mine) {
    showing = showMore(mine);
    return showing;
  }

  // A result is a page: a company's, a topic's, a year's, or a roundup (shown as its stories).
  function counted(results) {
    const count = results.length;
    return count ? `${count} ${count === 1 ? "page" : "pages"} found` : "No results";
  }

  // Results come in tiers — a company's or topic's own page, then roundups with the words in a
  // headline, in their stories' tags, in their text — and newest first within a tier.
  async function rank(module, term, filters) {
    const answer = await module.search(term, { filters, sort: { date: "desc" } });
    answer.results.sort((a, b) => tier(a) - tier(b)); // stable: the date order stays within a tier
    return answer;
  }

  function tier(result) {
    const fields = result.matchedMetaFields ?? [];
    const found = TIERS.findIndex((field) => fields.includes(field));
    return found < 0 ? TIERS.length : found;
  }

  // About PAGE_SIZE results more: a roundup shows as its stories, so its fragment (5–6 KB, where
  // a company's is 1 KB) is fetched only while fewer are shown, half of those wanted at a time.
  async function showMore(mine) {
    const wanted = list.children.length + PAGE_SIZE;
    while (list.children.length < wanted && shown < response.results.length) {
      const page = response.results.slice(shown, shown + Math.ceil((wanted - list.children.length) / 2));
      const data = await Promise.all(page.map((result) => result.data()));
      if (mine !== generation) return;
      list.append(...data.flatMap((one) => (one.meta.kind ? [resultItem(one)] : storyItems(one))));
      shown += page.length;
    }
    more.hidden = response.whole && shown >= response.results.length;
  }

  // A roundup's stories, each with what it is tagged with and whether a machine wrote it: after
  // each story's headline (an h2 with its anchor) comes an empty mark whose id says so, its facts
  // between "|", each percent-encoded (render/search.py); Pagefind lists it among the roundup's
  // anchors, in order.
  function stories(data) {
    const found = [];
    for (const anchor of data.anchors ?? []) {
      if (anchor.element === "h2") found.push({ anchor, facts: new Set() });
      else if (found.length) anchor.id.split("|").forEach((fact) => found.at(-1).facts.add(decodeURIComponent(fact)));
    }
    return found;
  }

  // The stories of a roundup the search found, as results: those Pagefind found the words in (its
  // sub-results), or without words each story; those with a headline that holds a word first, and
  // only those tagged with every company and topic the reader chose.
  function storyItems(data) {
    const all = stories(data);
    const words = data.content.split(/\s+/);
    const chosen = Object.entries(activeFilters()).filter(([name]) => name !== "year")
      .flatMap(([name, values]) => values.map((value) => `${name}:${value}`));
    // Pagefind leaves a headline without text out of its sub-results: its story's words come under
    // the roundup itself, and are the story's by their place.
    const storyAt = (location) => all.filter((one) => one.anchor.location <= location).at(-1);
    const hits = input.value.trim()
      ? data.sub_results.map((hit) => ({
        ...hit,
        story: hit.anchor ? all.find((one) => one.anchor.id === hit.anchor.id) : storyAt(hit.locations[0] ?? -1),
      }))
      : all.map((story) => ({ story, locations: [] }));
    const headlineWords = (story) => story.anchor.text.split(/\s+/).length;
    const inHeadline = (hit) => hit.locations.some((at) =>
      at >= hit.story.anchor.location && at < hit.story.anchor.location + headlineWords(hit.story));
    return hits
      .filter((hit) => hit.story && chosen.every((fact) => hit.story.facts.has(fact)))
      .sort((a, b) => inHeadline(b) - inHeadline(a))
      .map((hit) => {
        const { anchor, facts } = hit.story;
        const next = all[all.indexOf(hit.story) + 1];
        const text = words.slice(anchor.location + headlineWords(hit.story), next?.anchor.location).join(" ");
        return resultItem({
          url: `${data.url}#${anchor.id}`,
          meta: { title: anchor.text || anchor.id, date: data.meta.date, ...(facts.has(AI) ? { label: "AI-generated" } : {}) },
          excerpt: hit.excerpt ?? escapeText(text.split(" ").slice(0, 28).join(" ")),
          content: text,
          lead: anchor.text,
        });
      });
  }

  function escapeText(text) {
    const node = document.createElement("span");
    node.textContent = text;
    return node.innerHTML;
  }

  // A result says what it is above its title, as a kicker: a story its date, a company's, a topic's
  // or a year's page its kind (the ``kind`` meta of render/search.py), each with its own icon
  // (archive.css, by data-kind). The title comes first in the link, so a screen reader names it first.
  function resultItem(data) {
    const kind = data.meta.kind;
    const article = element("article", "md-search-result__article md-typeset");
    article.dataset.kind = kind ? kind.toLowerCase() : "story";
    const title = element("h1", "", data.meta.title || data.url);
    // A story a machine wrote says so here too: a result may be where a reader first meets it.
    if (data.meta.label) title.append(" ", element("span", "na-ai", data.meta.label));
    article.append(element("div", "md-search-result__icon md-icon"), title);
    if (kind || data.meta.date) {
      article.append(element("p", kind ? "na-search__kind" : "na-search__kind na-search__date", kind || data.meta.date));
    }
    const excerpt = element("p", "na-search__excerpt");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text; its only markup is <mark>
    if (data.lead) dropLead(excerpt, data.lead);
    markCut(excerpt, (data.content || "").trim());
    article.append(excerpt);
    const link = element("a", "md-search-result__link");
    link.href = data.url;
    link.append(article);
    const item = element("li", "md-search-result__item");
    item.append(link);
    return item;
  }

  // A story's excerpt that starts with its headline (Pagefind reads the headline as the first words
  // of the story) starts after it: the result shows the headline above it.
  function dropLead(excerpt, lead) {
    const text = excerpt.textContent;
    const words = lead.split(/\s+/);
    const end = /[.:!?]$/.test(lead) ? "" : "\\."; // Pagefind ends a headline without a stop with one
    let at = 0;
    for (let first = 0; first < words.length && !at; first++) {
      const rest = words.slice(first).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
      at = text.match(new RegExp(`^\\s*${rest}${end}(\\s+|$)`))?.[0].length ?? 0;
    }
    const walker = document.createTreeWalker(excerpt, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      if (at <= 0) break;
      const cut = Math.min(at, node.data.length);
      node.data = node.data.slice(cut);
      at -= cut;
      if (!node.data && node.parentNode !== excerpt) node.parentNode.remove(); // an emptied <mark>
    }
  }

  // An excerpt taken from the middle of a story says so: "…" where the story's text goes on.
  function markCut(excerpt, whole) {
    const shown = excerpt.textContent.trim();
    if (!shown || !whole) return;
    if (!whole.startsWith(shown.slice(0, 24))) excerpt.prepend("… ");
    if (!whole.endsWith(shown.slice(-24))) excerpt.append(" …");
  }

  function renderFilters() {
    if (!filtersLoaded || filterPanel.hidden) return;
    const counts = response?.filters ?? {};
    filterPanel.replaceChildren(...Object.entries(FILTERS).map(([name, label]) => filterGroup(name, label, counts[name] ?? {})));
  }

  function filterGroup(name, label, counts) {
    const group = element("div", "na-search__group");
    const heading = element("span", "na-search__label", label);
    heading.id = `na-search-${name}`;
    const chips = element("div", "na-search__chips");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", heading.id);
    group.append(heading, chips);
    const values = Object.entries(counts).filter(([value, count]) => count > 0 || selected[name].has(value));
    values.sort(name === "year" ? (a, b) => b[0].localeCompare(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [value, count] of values) {
      const chip = element("button", "na-search__chip", value);
      chip.type = "button";
      chip.dataset.filter = name;
      chip.dataset.value = value;
      chip.setAttribute("aria-pressed", String(selected[name].has(value)));
      chip.append(" ", element("span", "na-search__count", String(count)));
      chips.append(chip);
    }
    if (!values.length) chips.append(element("span", "na-search__none", "none"));
    return group;
  }

  async function toggleFilters() {
    const open = filterPanel.hidden;
    filterPanel.hidden = !open;
    filterButton.setAttribute("aria-expanded", String(open));
    if (open && !filtersLoaded) {
      filterPanel.textContent = "Loading filters…";
      const module = await loadAll();
      if (!module) {
        filterPanel.textContent = "Filters are not available right now";
        return;
      }
      await module.filters();
      filtersLoaded = true;
      await search(); // again, now with a count for every filter value
    }
    renderFilters();
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    loadPagefind();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return [input, ...list.querySelectorAll(".md-search-result__link")];
  }

  input.addEventListener("focus", open);
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) toggle.checked = false; // tabbed away
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 100);
  });
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector(".md-search-result__link")?.click();
  });
  form.addEventListener("reset", () => {
    Object.values(selected).forEach((values) => values.clear());
    setTimeout(() => { search(); input.focus(); }); // after the browser has emptied the box
  });
  filterButton.addEventListener("click", toggleFilters);
  filterPanel.addEventListener("click", (event) => {
    const chip = event.target.closest(".na-search__chip");
    if (!chip) return;
    const values = selected[chip.dataset.filter];
    values.has(chip.dataset.value) ? values.delete(chip.dataset.value) : values.add(chip.dataset.value);
    search();
  });
  more.addEventListener("click", widen);
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) toggle.checked = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (toggle.checked && event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp") && box.contains(event.target)) {
      const all = links();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = all[Math.max(0, Math.min(all.length - 1, all.indexOf(event.target) + step))];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    } else if (!typing && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
  // A search asked for by address (?q=…), as the 404 page's search form does.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    open();
    input.focus();
    search();
  }
})();
