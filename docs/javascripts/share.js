/* A story's "Link to this story" (render/roundup_page.py) becomes a button that copies the story's
   address, and says so; without this script, or where the clipboard refuses, it stays a link to
   the story, whose address the browser then shows. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var status = document.createElement("span");
  status.className = "na-visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  document.querySelectorAll("a.na-copy").forEach(function (link) {
    var label = "Copy link", name = "Copy link to this story";
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
  });
})();
