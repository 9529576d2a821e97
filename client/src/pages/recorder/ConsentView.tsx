import { createSignal, For, Show } from 'solid-js';
import { AGE_RANGES, type AgeRange, type Gender } from '@emovox/server/protocol';
import type { ConsentAnswers } from '../../lib/api';
import { locale, t } from '../../lib/i18n';

const GENDER_LABELS = {
  female: 'genderFemale',
  male: 'genderMale',
  other: 'genderOther',
  undisclosed: 'genderUndisclosed',
} as const;

export function ConsentView(props: { busy: boolean; error: string | null; onAgree: (answers: ConsentAnswers) => void }) {
  const [ageRange, setAgeRange] = createSignal<AgeRange | ''>('');
  const [gender, setGender] = createSignal<Gender | ''>('');
  const [nativeLanguage, setNativeLanguage] = createSignal('');
  const [accent, setAccent] = createSignal('');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onAgree({
      locale: locale(),
      ageRange: ageRange() || null,
      gender: gender() || null,
      nativeLanguage: nativeLanguage().trim() || null,
      accent: accent().trim() || null,
    });
  };

  return (
    <form class="card consent" onSubmit={submit} aria-labelledby="consent-title">
      <h1 id="consent-title">{t('consentTitle')}</h1>
      <p>{t('consentWhat')}</p>
      <p>{t('consentWhy')}</p>
      <p>{t('consentDelete')}</p>
      <fieldset class="profile">
        <legend>{t('optional')}</legend>
        <label>
          {t('ageRange')}
          <select value={ageRange()} onChange={(e) => setAgeRange(e.currentTarget.value as AgeRange | '')}>
            <option value="">{t('notSaid')}</option>
            <For each={AGE_RANGES}>{(range) => <option value={range}>{range}</option>}</For>
          </select>
        </label>
        <label>
          {t('gender')}
          <select value={gender()} onChange={(e) => setGender(e.currentTarget.value as Gender | '')}>
            <option value="">{t('notSaid')}</option>
            <For each={Object.entries(GENDER_LABELS)}>{([value, key]) => <option value={value}>{t(key)}</option>}</For>
          </select>
        </label>
        <label>
          {t('nativeLanguage')}
          <input maxLength={64} value={nativeLanguage()} onInput={(e) => setNativeLanguage(e.currentTarget.value)} />
        </label>
        <label>
          {t('accent')}
          <input maxLength={64} value={accent()} onInput={(e) => setAccent(e.currentTarget.value)} />
        </label>
      </fieldset>
      <Show when={props.error}>
        <p class="alert" role="alert">{props.error}</p>
      </Show>
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? t('agreeing') : t('agree')}
      </button>
    </form>
  );
}
