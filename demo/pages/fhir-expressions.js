// The page's launch context: who is answering, as a FHIR Practitioner (SDC's `%user`). Set
// before the element is defined (this script runs as the page is read; the module after).
document.getElementById('week').launchContext = {
  user: {
    resourceType: 'Practitioner',
    id: 'demo-nurse',
    qualification: [{code: {text: 'Staff nurse'}}],
  },
};
