import { st } from '../../../lib/i18n/supervisor';
import { formatNumber } from '../format';
import { audioAmount } from './chart-data';

/** Seconds of audio in the largest fitting unit: "42 s", "12.5 min", "3.2 h". */
export function audioText(seconds: number): string {
  const amount = audioAmount(seconds);
  const n = formatNumber(amount.value, amount.unit === 'seconds' ? 0 : 1);
  return amount.unit === 'seconds' ? st('seconds', { n }) : amount.unit === 'minutes' ? st('minutes', { n }) : st('hours', { n });
}
