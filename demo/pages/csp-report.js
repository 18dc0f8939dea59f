// Counts Content Security Policy violations on the page (the end-to-end tests read it).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({
    directive: e.violatedDirective,
    blocked: e.blockedURI,
    sample: e.sample,
  });
  const out = document.getElementById('violations');
  if (out) out.textContent = String(window.cspViolations.length);
});
