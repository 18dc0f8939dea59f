// React 18: the wrappers set properties and listen to events, which React 18 cannot.
import {useState, version} from 'react';
import {RsSurvey} from 'resilience-survey/react';
import type {SubmittedDetail} from 'resilience-survey';

export function App() {
  const [ready, setReady] = useState('');
  const [submitted, setSubmitted] = useState<SubmittedDetail | null>(null);
  return (
    <main>
      <h1>Team check-in (React 18)</h1>
      <RsSurvey
        instrument="coping-with-error"
        timepoint="post-workshop"
        storageKey="react-18-app"
        draftDays={7}
        headers={{'X-Requested-With': 'react-18-app'}}
        onRsReady={(e) => setReady(`${e.detail.instrument.id} ${e.detail.timepoint}`)}
        onRsSubmitted={(e) => setSubmitted(e.detail)}
        onRsError={(e) => console.warn(e.detail.code, e.detail.message)}
      >
        <p>This questionnaire needs a current browser.</p>
      </RsSurvey>
      <p id="app-ready">{ready}</p>
      <p id="app-react">React {version}</p>
      {submitted && (
        <p id="app-submitted">
          The app saw rs-submitted: {submitted.id} ({String(submitted.status)})
        </p>
      )}
    </main>
  );
}
