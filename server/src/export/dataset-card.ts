// README.md at the archive's root: a Hugging Face dataset card. A YAML header (configs, features, license) that
// the `datasets` library and the Hub read, then what a modeller wants to know before training on it.
import { EMOTIONS, LOCALES } from '../protocol/index.js';
import type { CardStats } from './card-stats.js';
import { datasetFeatures, type Feature } from './dataset-features.js';
import type { MetadataFormat } from './metadata.js';
import { SPLIT_TARGET, SPLITS, type Split } from './split-assignment.js';

export interface CardInput {
  stats: CardStats;
  format: MetadataFormat;
  license: string;
  /** The export's query, as given (for the record of what this archive holds). */
  query: Record<string, unknown>;
  exportedAt: Date;
}

/** Double-quoted YAML scalars are JSON strings, so JSON.stringify quotes any text safely. */
const q = (text: string) => JSON.stringify(text);

function featureYaml(feature: Feature): string[] {
  const head = `  - name: ${q(feature.name)}`;
  switch (feature.kind) {
    case 'audio':
      return [head, '    dtype:', '      audio:', `        sampling_rate: ${feature.samplingRate}`];
    case 'class_label':
      return [head, '    dtype:', '      class_label:', '        names:', ...feature.names.map((name, index) => `          '${index}': ${q(name)}`)];
    case 'value':
      return [head, `    dtype: ${feature.dtype}`];
    case 'sequence':
      return [head, `    sequence: ${feature.dtype}`];
    case 'struct':
      return [head, '    struct:', ...feature.fields.flatMap((field) => [`    - name: ${q(field.name)}`, `      dtype: ${field.dtype}`])];
  }
}

/** Only the splits that hold takes are listed: a pattern that matches no audio would stop `load_dataset`. */
function yamlHeader(input: CardInput, splits: Split[]): string[] {
  const seen = input.stats.localesSeen().filter((locale) => (LOCALES as readonly string[]).includes(locale));
  return [
    '---',
    `license: ${q(input.license)}`,
    'task_categories:',
    '- audio-classification',
    'language:',
    ...(seen.length > 0 ? seen : [...LOCALES]).map((locale) => `- ${locale}`),
    'tags:',
    '- speech-emotion-recognition',
    '- emotional-speech',
    `pretty_name: ${q('emovox emotional speech')}`,
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...splits.flatMap((split) => [`  - split: ${split}`, `    path: ${q(`${split}/*`)}`]),
    'dataset_info:',
    '  features:',
    ...datasetFeatures(input.format).flatMap(featureYaml),
    '  splits:',
    ...splits.flatMap((split) => [`  - name: ${split}`, `    num_examples: ${input.stats.splits[split].takes}`]),
    '---',
  ];
}

const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const hours = (seconds: number) => (seconds / 3600).toFixed(2);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: (string | number)[][]) => [row(header), row(header.map(() => '---')), ...rows.map(row)];

function countsSection(stats: CardStats): string[] {
  const emotions = stats.emotionsSeen();
  const locales = stats.localesSeen();
  const all = SPLITS.map((split) => stats.splits[split]);
  return [
    '## Counts',
    '',
    ...table(
      ['split', 'speakers', 'takes', 'hours', ...emotions],
      SPLITS.map((split, index) => [split, all[index]!.speakers.size, all[index]!.takes, hours(all[index]!.seconds), ...emotions.map((emotion) => all[index]!.byEmotion.get(emotion) ?? 0)]),
    ),
    '',
    ...table(['split', ...locales], SPLITS.map((split) => [split, ...locales.map((locale) => stats.splits[split].byLocale.get(locale) ?? 0)])),
    '',
  ];
}

function listenersSection(stats: CardStats): string[] {
  return [
    '## Listener agreement',
    '',
    'Listeners rated takes blind (never their own, never told the intended emotion), choosing the emotion they heard',
    '(the six, or "other"), an intensity from 1 to 5, and any problems. A rating counts once the clip was heard to the end;',
    "repeats (test-retest) and the ratings of listeners who failed the gold takes are kept in `ratings.csv` with",
    '`counted: false` and left out of the consensus columns.',
    '',
    `- takes with at least one counted rating: ${stats.rated.length} of ${stats.takes}`,
    `- counted ratings on them: ${stats.countedRatings}; rows in ratings.csv: ${stats.ratingRows}, by ${stats.raters.size} raters`,
    `- mean agreement (the plurality's share of a take's counted ratings): ${pct(stats.meanAgreement)}`,
    `- Fleiss' kappa (takes with the most common number of ratings): ${stats.kappa === null ? 'n/a' : stats.kappa.toFixed(3)}`,
    '',
    'Recognition rate: among takes whose listeners reached a plurality, the share where it is the intended emotion.',
    '',
    ...table(
      ['intended emotion', 'takes with a plurality', 'recognised', 'recognition rate'],
      EMOTIONS.map((emotion) => {
        const entry = stats.recognition.get(emotion) ?? { decided: 0, matched: 0 };
        return [emotion, entry.decided, entry.matched, pct(entry.decided === 0 ? null : entry.matched / entry.decided)];
      }),
    ),
    '',
  ];
}

function captureSection(stats: CardStats): string[] {
  const lines = ['## Capture settings', '', 'What each browser actually used while recording (the columns of the same names):', ''];
  for (const [setting, tally] of stats.capture) {
    lines.push(`- \`${setting}\`: ${[...tally].sort((a, b) => b[1] - a[1]).map(([value, count]) => `${value} (${count})`).join(', ')}`);
  }
  lines.push('', 'Every WAV is 16 kHz mono PCM16, converted from the original recording; its gain was never changed.', '');
  return lines;
}

function splitSection(): string[] {
  const target = SPLITS.map((split) => `${split} ${Math.round(SPLIT_TARGET[split] * 100)} %`).join(', ');
  return [
    '## How the split was made',
    '',
    `- **Speaker-disjoint:** every take of a speaker is in one split. The aim is ${target} of the takes.`,
    '- **Stable:** a speaker is placed once, the first time an export holds one of their takes, and that placement is',
    '  stored; later exports, with more speakers or other filters, never move them.',
    '- **No empty split:** while a split has no speaker, the next speaker placed goes there (train first), so three',
    '  speakers are enough to fill all three.',
    '- **Balanced:** new speakers are placed largest first, each where the chi-square distance between every split\'s',
    "  takes per emotion and its target share of the whole grows least. Each split's emotion proportions thus stay close",
    "  to the whole's. The placement counts every saved take that is not rejected or replaced, whatever this export's filters.",
    '',
  ];
}

/** `datasets` infers each split's column types on its own and refuses splits that differ: say where this archive does. */
function loadingNote(stats: CardStats, splits: Split[]): string[] {
  const differing = stats.kinds.differing();
  if (differing.length === 0) return ['Every metadata column reads with the same type in every split.'];
  return [
    `Columns whose type differs between splits (known in some, unknown in every row of another): ${differing.map((column) => `\`${column}\``).join(', ')}.`,
    'If `load_dataset` answers that the metadata files "have different features", load the splits one by one',
    '(`from datasets import DatasetDict, load_dataset`):',
    `\`DatasetDict({s: load_dataset("audiofolder", data_dir=f"path/to/this/folder/{s}", split="train") for s in ${JSON.stringify(splits)}})\`,`,
    'or export again with `format=parquet`: Parquet metadata carries its column types, the same in every split.',
  ];
}

export function datasetCard(input: CardInput): string {
  const { stats } = input;
  const splits = SPLITS.filter((split) => stats.splits[split].takes > 0);
  const empty = SPLITS.filter((split) => !splits.includes(split));
  const filters = Object.entries(input.query).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${String(value)}`);
  return [
    ...yamlHeader(input, splits),
    '',
    '# emovox emotional speech',
    '',
    `Acted emotional speech recorded in the browser with emovox: ${stats.takes} takes, ${hours(SPLITS.reduce((s, split) => s + stats.splits[split].seconds, 0))} hours.`,
    'Each take is one sentence read by one speaker in one intended emotion (`emotion`); listeners then said what they',
    'perceived (`perceived_emotion`, `agreement`, `votes`, and every rating in `ratings.csv`).',
    '',
    `Exported ${input.exportedAt.toISOString()} with ${filters.length > 0 ? filters.join(', ') : 'the default filters'}.`,
    'Rejected takes and takes replaced by a re-recording are left out unless the export asked for them.',
    '',
    '```python',
    'from datasets import load_dataset',
    'dataset = load_dataset("audiofolder", data_dir="path/to/this/folder")',
    '```',
    '',
    `Each of ${splits.map((split) => `\`${split}/\``).join(', ') || 'the split folders'} holds its WAVs and its \`metadata.${input.format}\`.`,
    ...(empty.length > 0 ? [`No take is in ${empty.join(', ')} yet: too few speakers, or this export's filters left theirs out.`] : []),
    'In CSV, `true`/`false` are booleans and an empty cell is unknown; `votes` is JSON and `flags` is `;`-separated.',
    ...loadingNote(stats, splits),
    'Speaker and rater IDs are pseudonymous (the same person gets the same ID in both, and from one export to the next).',
    '',
    ...countsSection(stats),
    ...listenersSection(stats),
    ...captureSection(stats),
    ...splitSection(),
  ].join('\n');
}
