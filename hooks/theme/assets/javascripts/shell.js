/* What the archive's generated pages need of Material's script, which only the pages written by
   hand run (main.html): 110 KB for a blog's, a documentation site's and a search engine's needs,
   where a reader's page needs these few, done the way Material does them on the same markup:

   - the colour scheme toggle, built in its place (partials/palette.html) from the palettes of
     mkdocs.yml, which the build writes into this file: the choice is kept where Material keeps
     it (localStorage, under the key the header's own script reads on every page and leaves in
     __na_palette), so it holds on every page of the site, hand-written ones too; Enter on the
     toggle switches as a click does; the browser's theme-color and color-scheme follow the header;
   - the navigation drawer on a phone: the tabs' links (the current one marked, as its tab is),
     put in its place (main.html), closed when a link in it leads within the page; the page
     behind the open search stays still on a phone;
   - the header: its shadow once the page scrolls under it, the page's title in it once the
     page's own headline has scrolled away, the tabs fading out as the page scrolls;
   - "Back to top", shown while the reader scrolls back up a page read past its start. */
(() => {
  "use strict";
  const body = document.body;
  const header = document.querySelector(".md-header");
  if (!header) return;

  // The colour scheme -----------------------------------------------------------------------------
  const palette = document.querySelector("[data-md-component=palette]");
  const COLORS = ["media", "scheme", "primary", "accent"];
  const PALETTES = /* the palettes of mkdocs.yml, written in as the site is built (theme_assets.py) */[];
  if (palette) build(palette, PALETTES);
  const inputs = palette ? [...palette.querySelectorAll("input")] : [];

  /* Material's toggles, from the palettes of mkdocs.yml (partials/palette.html): for each, a
     radio button and, when it has a toggle, the button that switches to the next palette. */
  function build(form, options) {
    options.forEach((option, index) => {
      const input = document.createElement("input");
      Object.assign(input, { className: "md-option", type: "radio", name: "__palette", id: `__palette_${index}` });
      for (const key of COLORS) input.setAttribute(`data-md-color-${key}`, option[key]);
      input.setAttribute(option.toggle ? "aria-label" : "aria-hidden", option.toggle || "true");
      form.append(input);
      if (!option.toggle) return;
      const label = document.createElement("label");
      Object.assign(label, { className: "md-header__button md-icon", title: option.toggle, hidden: true,
                             htmlFor: `__palette_${(index + 1) % options.length}` });
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
      use.setAttribute("href", `${form.dataset.naIcons}#palette-${index}`);
      svg.append(use);
      label.append(svg);
      form.append(label);
    });
  }
  const meta = (name) => {
    const element = document.createElement("meta");
    element.name = name;
    document.head.append(element);
    return element;
  };
  const themeColor = meta("theme-color");
  const colorScheme = meta("color-scheme");
  let current = 0;

  function choose(index) {
    current = index;
    const input = inputs[index];
    const color = Object.fromEntries(COLORS.map((key) => [key, input.getAttribute(`data-md-color-${key}`)]));
    if (color.media === "(prefers-color-scheme)") {  // automatic: the palette of the system's scheme
      const light = matchMedia("(prefers-color-scheme: light)").matches;
      const system = palette.querySelector(`[data-md-color-media="(prefers-color-scheme: ${light ? "light" : "dark"})"]`);
      if (system) for (const key of COLORS.slice(1)) color[key] = system.getAttribute(`data-md-color-${key}`);
    }
    body.setAttribute("data-md-color-switching", "");
    for (const key of COLORS) body.setAttribute(`data-md-color-${key}`, color[key]);
    inputs.forEach((other, at) => {
      const label = other.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = at !== index;
    });
    input.checked = true;
    try { localStorage.setItem(__na_palette, JSON.stringify({ index, color })); } catch (error) { /* not kept */ }
    const style = getComputedStyle(header);
    colorScheme.content = style.colorScheme;
    const [red, green, blue] = style.backgroundColor.match(/\d+/g) || [];
    if (blue !== undefined) themeColor.content = "#" + [red, green, blue].map((v) => (+v).toString(16).padStart(2, "0")).join("");
    setTimeout(() => body.removeAttribute("data-md-color-switching"));
  }

  if (inputs.length) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(__na_palette)); } catch (error) { /* none kept */ }
    const index = saved ? saved.index : inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
    choose(Math.max(0, Math.min(index, inputs.length - 1)));
    inputs.forEach((input, at) => input.addEventListener("change", () => choose(at)));
    palette.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const next = inputs[(current + 1) % inputs.length];
      next.click();
      next.focus();
    });
  }

  // The drawer ------------------------------------------------------------------------------------
  const drawer = document.querySelector("[data-na-drawer]");
  const tabs = document.querySelector(".md-tabs");
  if (drawer && tabs) {
    const logo = header.querySelector(".md-logo");
    const name = header.querySelector(".md-header__topic .md-ellipsis");
    const nav = document.createElement("nav");
    nav.className = "md-nav md-nav--primary md-nav--lifted";
    nav.setAttribute("aria-label", drawer.dataset.naDrawer);
    nav.dataset.mdLevel = "0";
    const title = document.createElement("label");
    title.className = "md-nav__title";
    title.htmlFor = "__drawer";
    if (logo) {
      const mark = logo.cloneNode(true);
      mark.className = "md-nav__button md-logo";
      title.append(mark);
    }
    title.append(name ? name.textContent.trim() : "");
    const list = document.createElement("ul");
    list.className = "md-nav__list";
    for (const tab of tabs.querySelectorAll(".md-tabs__link")) {
      const item = document.createElement("li");
      item.className = "md-nav__item";
      const link = document.createElement("a");
      link.className = tab.closest(".md-tabs__item--active") ? "md-nav__link md-nav__link--active" : "md-nav__link";
      link.href = tab.getAttribute("href");
      const text = document.createElement("span");
      text.className = "md-ellipsis";
      text.textContent = tab.textContent.trim();
      link.append(text);
      item.append(link);
      list.append(item);
    }
    nav.append(title, list);
    const wrap = document.createElement("div");
    wrap.className = "md-sidebar__scrollwrap";
    wrap.innerHTML = '<div class="md-sidebar__inner"></div>';
    wrap.firstChild.append(nav);
    drawer.append(wrap);
  }
  const toggle = (name) => document.getElementById(`__${name}`);
  // A link within the page closes the drawer and the search, as Material's script does (a click,
  // so that whatever watches them hears it).
  addEventListener("hashchange", () => setTimeout(() => {
    for (const name of ["drawer", "search"]) if (toggle(name) && toggle(name).checked) toggle(name).click();
    backToTop.hidden = true;
  }, 125));
  // On a phone the page stays still behind the open search. The search's own script closes it
  // without an event (Escape, a result): a key or a click after that lets the page go too.
  const phone = matchMedia("(max-width: 59.984375em)");
  const search = toggle("search");
  let locked = 0;
  const still = () => setTimeout(() => {
    const lock = search.checked && phone.matches;
    if (lock === body.hasAttribute("data-md-scrolllock")) return;
    if (lock) {
      locked = scrollY;
      body.setAttribute("data-md-scrolllock", "");
      body.style.top = `-${locked}px`;
    } else {
      body.removeAttribute("data-md-scrolllock");
      body.style.top = "";
      scrollTo(0, locked);
    }
  }, search.checked ? 400 : 100);
  if (search) for (const [target, kind] of [[search, "change"], [window, "keyup"], [window, "click"]]) {
    target.addEventListener(kind, still);
  }

  // The header and "Back to top" ------------------------------------------------------------------
  const title = document.querySelector("[data-md-component=header-title]");
  const headline = document.querySelector(".md-content h1");
  const main = document.querySelector(".md-main");
  const backToTop = document.querySelector("[data-md-component=top]") || {};
  if (backToTop.addEventListener) backToTop.addEventListener("click", (event) => {
    event.preventDefault();
    scrollTo({ top: 0 });
  });
  let last = scrollY;
  let pending = false;
  function update() {
    pending = false;
    const y = scrollY;
    const height = header.offsetHeight;
    const past = main ? y >= main.offsetTop - height : false;
    header.classList.toggle("md-header--shadow", past);
    if (title && headline) {
      const box = headline.getBoundingClientRect();
      title.classList.toggle("md-header__title--active", box.height > 0 && box.bottom <= height);
    }
    if (tabs) tabs.hidden = y >= 10;
    if (backToTop.style) {
      const shown = past && last > y && y > 0;
      backToTop.style.top = `${height + 16}px`;
      backToTop.hidden = !shown;
      if (shown) backToTop.removeAttribute("tabindex");
      else if (backToTop.getAttribute("tabindex") !== "-1") {
        backToTop.setAttribute("tabindex", "-1");
        backToTop.blur();
      }
    }
    last = y;
  }
  addEventListener("scroll", () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(update);
    }
  }, { passive: true });
  addEventListener("resize", update, { passive: true });
  update();
})();
