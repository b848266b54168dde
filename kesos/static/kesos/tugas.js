// A background job's page: asks the job's status every two seconds and shows it; when the
// job has ended, the page is loaded again to show its result.
(function () {
  var kotak = document.querySelector("[data-tugas-status]");
  if (!kotak || kotak.dataset.tugasBerakhir === "1") {
    return;
  }
  var bar = kotak.querySelector("[data-tugas-bar]");
  var persen = kotak.querySelector("[data-tugas-persen]");
  var label = kotak.querySelector("[data-tugas-label]");
  var pesan = kotak.querySelector("[data-tugas-pesan]");
  function tanya() {
    fetch(kotak.dataset.tugasStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(r.status);
        }
        return r.json();
      })
      .then(function (s) {
        bar.value = s.persen;
        bar.textContent = s.persen + " %";
        persen.textContent = s.persen + " %";
        label.textContent = s.status_label.charAt(0).toUpperCase() + s.status_label.slice(1);
        pesan.textContent = s.pesan;
        if (s.berakhir) {
          window.location.reload();
        } else {
          window.setTimeout(tanya, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(tanya, 5000);
      });
  }
  window.setTimeout(tanya, 1000);
})();
