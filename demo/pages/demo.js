// Sets the survey's timepoint and language from the address, and logs its events.
const survey = document.getElementById('survey');
const params = new URLSearchParams(location.search);
const timepoint = params.get('timepoint') ?? 'baseline';
if (survey) {
  survey.setAttribute('timepoint', timepoint);
  if (params.get('lang')) survey.setAttribute('lang', params.get('lang'));
  const log = document.getElementById('log');
  for (const type of [
    'rs-ready',
    'rs-draft-saved',
    'rs-submit',
    'rs-queued',
    'rs-submitted',
    'rs-error',
  ]) {
    survey.addEventListener(type, (e) => {
      if (!log) return;
      const detail = type === 'rs-submit' ? {response: {id: e.detail.response?.id}} : e.detail;
      log.textContent =
        `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail)}\n` + log.textContent;
    });
  }
}
for (const link of document.querySelectorAll('#timepoints a')) {
  const url = new URL(link.href);
  const same =
    url.searchParams.get('timepoint') === timepoint &&
    (url.searchParams.get('lang') ?? '') === (params.get('lang') ?? '');
  if (same) link.setAttribute('aria-current', 'page');
}
