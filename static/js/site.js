/* Small, optional enhancements. Everything works without this file. */
(function () {
  "use strict";

  // Videos: nothing is loaded from YouTube until the reader taps play.
  document.querySelectorAll(".video[data-embed]").forEach(function (box) {
    var link = box.querySelector(".video-facade");
    if (!link) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed");
      frame.title = box.getAttribute("data-title") || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture";
      frame.allowFullscreen = true;
      frame.loading = "eager";
      box.replaceChildren(frame);
      box.classList.add("video-playing");
    });
  });

  // Sharing: the phone's own share sheet (Zalo, Messenger, SMS...) where there is one,
  // otherwise copy the link so it can be pasted into Zalo.
  document.querySelectorAll("[data-share-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-url");
      var title = button.getAttribute("data-share-title") || document.title;
      if (navigator.share && button.hasAttribute("data-native")) {
        navigator.share({ title: title, url: url }).catch(function () {});
        return;
      }
      copy(url, button);
    });
  });

  function copy(url, button) {
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    var done = function () { if (status) status.textContent = status.getAttribute("data-done"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { select(); });
    } else {
      select();
    }
    function select() {
      var input = document.getElementById("share-url");
      if (input) { input.focus(); input.select(); document.execCommand("copy"); done(); }
    }
  }
})();
