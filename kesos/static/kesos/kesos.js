// Behaviour without inline scripts, so that the Content-Security-Policy can forbid them.
// data-konfirmasi on a form or a button asks before submitting; data-kirim-saat-ganti on a
// select submits its form when the choice changes.
document.addEventListener("submit", function (e) {
  var tanya = (e.submitter && e.submitter.dataset.konfirmasi) || e.target.dataset.konfirmasi;
  if (tanya && !window.confirm(tanya)) {
    e.preventDefault();
  }
});
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("select[data-kirim-saat-ganti]")) {
    e.target.form.submit();
  }
});
