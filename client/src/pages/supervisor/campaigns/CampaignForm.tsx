import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { EMOTIONS, INTENSITIES, type Emotion, type Intensity, type Locale, type SentenceJson } from '@emovox/server/protocol';
import { t } from '../../../lib/i18n';
import { cst, type CampaignsKey } from '../../../lib/i18n/campaigns';
import { campaignApi } from '../../../lib/campaigns/supervisor-api';
import type { Campaign } from '../../../lib/campaigns/types';
import { supervisorApi } from '../../../lib/supervisor-api';
import { errorText } from '../error-text';
import { sentencesFromText } from '../sentences/import-lines';

const LEVELS: (Intensity | null)[] = [null, ...INTENSITIES];

/** The ids of the pasted lines: an active sentence with the same text is reused, the others are created. */
export async function idsOfLines(lines: string[], locale: Locale, known: SentenceJson[], create: (text: string) => Promise<SentenceJson>): Promise<string[]> {
  const ids: string[] = [];
  for (const text of lines) {
    const found = known.find((sentence) => sentence.locale === locale && sentence.active && sentence.text === text);
    ids.push(found ? found.id : (await create(text)).id);
  }
  return ids;
}

/** Intensities are either [null] (unspecified) or levels: choosing one side clears the other. */
export function toggleLevel(levels: (Intensity | null)[], level: Intensity | null): (Intensity | null)[] {
  if (levels.includes(level)) return levels.filter((item) => item !== level);
  return level === null ? [null] : [...levels.filter((item) => item !== null), level];
}

/** Create a campaign: name, language, sentences (picked or pasted), emotions, intensities and sizes. */
export function CampaignForm(props: { onCreated: (campaign: Campaign) => void; onCancel: () => void }) {
  const [all] = createResource(() => supervisorApi.sentences());
  const [name, setName] = createSignal('');
  const [locale, setLocale] = createSignal<Locale>('en');
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = createSignal('');
  const [pasted, setPasted] = createSignal('');
  const [emotions, setEmotions] = createSignal<Emotion[]>([...EMOTIONS]);
  const [levels, setLevels] = createSignal<(Intensity | null)[]>([null]);
  const [takesPerCell, setTakesPerCell] = createSignal(1);
  const [sessionSize, setSessionSize] = createSignal(30);
  const [listenBack, setListenBack] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const ofLocale = createMemo(() => (all() ?? []).filter((sentence) => sentence.active && sentence.locale === locale()));
  const shown = createMemo(() => ofLocale().filter((sentence) => sentence.text.toLowerCase().includes(filter().trim().toLowerCase())));
  const lines = createMemo(() => sentencesFromText(pasted()));
  const chosen = () => ofLocale().filter((sentence) => picked().has(sentence.id)).length;
  const cells = () => (chosen() + lines().length) * emotions().length * levels().length;
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);
  const pick = (id: string, on: boolean) => setPicked((set) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  const problem = (): CampaignsKey | null => {
    if (!name().trim()) return 'needName';
    if (chosen() + lines().length === 0) return 'needSentences';
    if (emotions().length === 0) return 'needEmotions';
    if (levels().length === 0) return 'needIntensities';
    return null;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = problem();
    if (missing) return void setError(cst(missing));
    setBusy(true);
    setError(null);
    try {
      const pastedIds = await idsOfLines(lines(), locale(), all() ?? [], (text) => supervisorApi.createSentence(text, locale()));
      const sentenceIds = [...new Set([...ofLocale().filter((s) => picked().has(s.id)).map((s) => s.id), ...pastedIds])];
      const campaign = await campaignApi.create({
        name: name().trim(),
        locale: locale(),
        sentenceIds,
        emotions: EMOTIONS.filter((emotion) => emotions().includes(emotion)),
        intensities: LEVELS.filter((level) => levels().includes(level)),
        takesPerCell: takesPerCell(),
        sessionSize: sessionSize(),
        listenBack: listenBack(),
      });
      props.onCreated(campaign);
    } catch (failure) {
      setError(cst('failed', { message: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card campaign-form" aria-labelledby="new-campaign-title" onSubmit={(e) => void submit(e)} data-testid="campaign-form">
      <h2 id="new-campaign-title">{cst('newCampaign')}</h2>
      <div class="form-row">
        <label class="grow">
          {cst('name')}
          <input type="text" value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {cst('locale')}
          <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{cst('sentences')}</legend>
        <p class="muted" role="status">{cst('sentencesPicked', { n: chosen(), total: ofLocale().length })}</p>
        <Show when={ofLocale().length > 0} fallback={<p class="muted">{cst('noActiveSentences')}</p>}>
          <div class="form-row">
            <label class="grow">
              {cst('filter')}
              <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
            </label>
            <button type="button" onClick={() => setPicked(new Set([...picked(), ...shown().map((s) => s.id)]))}>{cst('selectAll')}</button>
            <button type="button" onClick={() => setPicked(new Set<string>())}>{cst('selectNone')}</button>
          </div>
          <ul class="sentence-picks">
            <For each={shown()}>
              {(sentence) => (
                <li>
                  <label class="inline">
                    <input type="checkbox" checked={picked().has(sentence.id)} onChange={(e) => pick(sentence.id, e.currentTarget.checked)} />
                    <span lang={sentence.locale}>{sentence.text}</span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <label>
          {cst('importLines')}
          <textarea rows={3} value={pasted()} onInput={(e) => setPasted(e.currentTarget.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{cst('emotions')}</legend>
        <For each={EMOTIONS}>
          {(emotion) => (
            <label class="inline">
              <input type="checkbox" checked={emotions().includes(emotion)} onChange={() => setEmotions(toggle(emotions(), emotion))} />
              {t(emotion)}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset>
        <legend>{cst('intensities')}</legend>
        <For each={LEVELS}>
          {(level) => (
            <label class="inline">
              <input type="checkbox" checked={levels().includes(level)} onChange={() => setLevels(toggleLevel(levels(), level))} />
              {level ? t(level) : cst('intensityNone')}
            </label>
          )}
        </For>
      </fieldset>
      <div class="form-row">
        <label>
          {cst('takesPerCell')}
          <input type="number" min={1} max={100} value={takesPerCell()} onInput={(e) => setTakesPerCell(Math.max(1, Number(e.currentTarget.value) || 1))} />
        </label>
        <label>
          {cst('sessionSize')}
          <input type="number" min={1} max={500} value={sessionSize()} onInput={(e) => setSessionSize(Math.max(1, Number(e.currentTarget.value) || 1))} />
        </label>
      </div>
      <label class="inline">
        <input type="checkbox" checked={listenBack()} onChange={(e) => setListenBack(e.currentTarget.checked)} />
        {cst('listenBack')}
      </label>
      <p class="muted">{cst('cellsPlanned', { cells: cells() })}</p>
      <Show when={error()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
      <div class="form-row">
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? cst('creating') : cst('create')}
        </button>
        <button type="button" onClick={() => props.onCancel()} disabled={busy()}>
          {cst('cancel')}
        </button>
      </div>
    </form>
  );
}
