// Shows how far a large upload has gone. Without JavaScript the form posts as usual; with
// it, the same POST goes through XMLHttpRequest so the browser reports upload progress,
// and the page the server answers (next step or the form with its errors) replaces this one.
(function () {
  "use strict";
  var form = document.getElementById("documents");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.FormData) { return; }
  form.addEventListener("submit", function (event) {
    var hasFiles = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length > 0;
    });
    if (!hasFiles) { return; }
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    bar.hidden = false;
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) { bar.value = Math.round(progress.loaded / progress.total * 100); }
    });
    request.addEventListener("load", function () {
      if (request.status < 400 && request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { bar.hidden = true; form.submit(); });
    request.send(data);
  });
})();
