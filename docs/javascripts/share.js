/* Each story of a roundup (render/roundup_page.py) gets, at the head of its footer, its own
   address to share: a button that copies it and says so, or, where the clipboard is not
   available, a link to the story, whose address the browser then shows. Each label fits the
   place archive.css keeps for it. Without this script the story is reached from the roundup's
   "In this roundup" list: its headline's id is its address. */
(function () {
  "use strict";
  var clipboard = !!navigator.clipboard && window.isSecureContext;
  var label = "Copy link", name = "Copy link to this story";
  var status = document.createElement("span");
  status.className = "na-visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function copyButton(link) {
    link.textContent = label;
    link.setAttribute("role", "button");
    link.setAttribute("aria-label", name);
    link.addEventListener("keydown", function (event) {  /* a button answers Space as well as Enter */
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(function () {
        link.textContent = status.textContent = "Link copied";
        link.setAttribute("aria-label", "Link copied");
        link.classList.add("na-copy--done");
        setTimeout(function () {
          link.textContent = label;
          link.setAttribute("aria-label", name);
          status.textContent = "";
          link.classList.remove("na-copy--done");
        }, 2500);
      }, function () {
        location.href = link.href;
      });
    });
  }

  document.querySelectorAll(".na-story").forEach(function (story) {
    var heading = story.querySelector("h2[id]"), foot = story.querySelector(".na-story__foot");
    if (!heading || !foot) return;
    var link = document.createElement("a");
    link.className = "na-copy";
    link.setAttribute("href", "#" + heading.id);
    link.textContent = "Link to story";
    foot.insertBefore(link, foot.firstChild);
    if (clipboard) copyButton(link);
  });
})();
