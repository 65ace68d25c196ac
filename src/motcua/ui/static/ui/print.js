// Buttons marked data-print print the page (the Content-Security-Policy allows no inline script).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
