// The pointer targets a reader sees on the page as it is now, each measured against WCAG 2.2's
// success criterion 2.5.8, Target Size (Minimum): at least 24 by 24 CSS pixels, unless one of its
// exceptions applies. Called by tests/test_tap_targets.py with the selector of what a finger can
// reach: the page ("body"), or the search panel open over it (on a phone it covers the page, whose
// own targets then do not count). Returns every target there too small, each as
// {target, width, height}, leaving out those an exception covers:
//
// - Inline: the target is in a sentence, that is, non-target words (text with a letter or digit,
//   not only separators such as "," or "·") sit on the same line of the same block.
// - Spacing: a circle of 24 px diameter centred on the target's box meets no other target's box
//   and no such circle of another undersized target.
//
// The exceptions for an equivalent control elsewhere on the page, a size the browser decides
// (an unstyled native control) and an essential presentation are not claimed by this site.
//
// A target's box is its border box together with the boxes of what it holds (a tap on them
// follows it) and of an absolutely positioned ::before or ::after that widens its hit area (its
// insets taken from the target's own box, so only where the target is positioned itself),
// cut to what is not hidden: a part clipped by an ancestor's overflow, or beyond the page's sides
// (the page does not scroll sideways), is not there for a finger. Invisible, transparent and
// pointer-events: none targets are left out, as are the off-canvas navigation drawer's and a
// closed search panel's, which no finger can reach until they open.
(root) => {
  const MINIMUM = 24;
  const RADIUS = MINIMUM / 2;
  const SELECTOR = [
    "a[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary", "label[for]",
    "[role=button]", "[role=link]", "[role=tab]", "[role=checkbox]", "[role=switch]",
  ].join(", ");
  const WORD = /[\p{L}\p{N}]/u;
  const sideways = document.documentElement.clientWidth;

  const union = (a, b) => (a ? {
    left: Math.min(a.left, b.left), top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom),
  } : { left: b.left, top: b.top, right: b.right, bottom: b.bottom });
  const cut = (box, clip) => ({
    left: Math.max(box.left, clip.left), top: Math.max(box.top, clip.top),
    right: Math.min(box.right, clip.right), bottom: Math.min(box.bottom, clip.bottom),
  });
  const width = (box) => box.right - box.left;
  const height = (box) => box.bottom - box.top;
  const empty = (box) => !box || width(box) <= 0 || height(box) <= 0;

  function shown(element) {
    return element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && getComputedStyle(element).pointerEvents !== "none";
  }

  // The border box of an element and of what it holds, with its positioned pseudo-elements.
  function reach(element) {
    let box = null;
    for (const part of [element, ...element.querySelectorAll("*")]) {
      if (part !== element && !shown(part)) continue;
      for (const rect of part.getClientRects()) if (rect.width && rect.height) box = union(box, rect);
    }
    if (!box) return null;
    if (getComputedStyle(element).position === "static") return box; // its pseudo-elements sit elsewhere
    const own = element.getBoundingClientRect();
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (style.content === "none" || style.position !== "absolute" || style.display === "none") continue;
      const inset = (side) => parseFloat(style[side]) || 0;
      box = union(box, {
        left: own.left + inset("left"), top: own.top + inset("top"),
        right: own.right - inset("right"), bottom: own.bottom - inset("bottom"),
      });
    }
    return box;
  }

  // The box cut by every ancestor that hides its overflow, and by the page's sides.
  function visible(element, box) {
    let clip = { left: 0, top: -Infinity, right: sideways, bottom: Infinity };
    for (let up = element.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      const rect = up.getBoundingClientRect();
      const hides = (overflow, size) => ["hidden", "clip"].includes(overflow) || size === 0 && overflow !== "visible";
      if (hides(style.overflowX, rect.width)) clip = cut(clip, { ...clip, left: rect.left, right: rect.right });
      if (hides(style.overflowY, rect.height)) clip = cut(clip, { ...clip, top: rect.top, bottom: rect.bottom });
    }
    const seen = cut(box, clip);
    return empty(seen) ? null : seen;
  }

  function describe(element) {
    const classes = [...element.classList].slice(0, 2).map((name) => `.${name}`).join("");
    const text = (element.getAttribute("aria-label") || element.textContent || element.title || "")
      .replace(/\s+/g, " ").trim().slice(0, 40);
    const where = element.closest("[role=dialog], header, footer, main, aside");
    const place = where ? `${where.getAttribute("aria-label") || where.tagName.toLowerCase()}: ` : "";
    return `${place}${element.tagName.toLowerCase()}${classes} “${text}”`;
  }

  // Whether non-target words share a line of the target's block: the target is in a sentence.
  function inSentence(element, box, targets) {
    if (getComputedStyle(element).display !== "inline") return false;
    let block = element.parentElement;
    while (block && ["inline", "contents"].includes(getComputedStyle(block).display)) block = block.parentElement;
    if (!block) return false;
    const texts = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!WORD.test(node.data) || targets.some((target) => target.contains(node))) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const middle = (rect.top + rect.bottom) / 2;
        if (middle > box.top && middle < box.bottom) return true;
      }
    }
    return false;
  }

  const everyTarget = [...document.querySelector(root).querySelectorAll(SELECTOR)].filter(shown);
  const outermost = everyTarget.filter((element) => !everyTarget.some((other) => other !== element && other.contains(element)));
  const targets = outermost
    .map((element) => {
      const box = reach(element);
      return { element, box: box && visible(element, box) };
    })
    .filter(({ box }) => box);
  const small = (box) => width(box) < MINIMUM - 0.01 || height(box) < MINIMUM - 0.01;
  const centre = (box) => [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  const toBox = ([x, y], box) => Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  const elements = targets.map(({ element }) => element);

  return targets
    .filter(({ box }) => small(box))
    .filter(({ element, box }) => !inSentence(element, box, elements))
    .filter(({ element, box }) => { // too close to another target for the spacing exception
      const middle = centre(box);
      return targets.some((other) => other.element !== element && (
        toBox(middle, other.box) < RADIUS
        || (small(other.box) && Math.hypot(...centre(other.box).map((value, i) => value - middle[i])) < MINIMUM)));
    })
    .map(({ element, box }) => ({
      target: describe(element), width: Math.round(width(box) * 10) / 10, height: Math.round(height(box) * 10) / 10,
    }));
}
