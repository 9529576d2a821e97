// Sends one REST case and checks the answer against the contract.
import { checkRestError } from './contract.js';
import type { RestCase } from './rest-cases.js';

export async function sendRest(url: string, testCase: RestCase): Promise<{ status: number; code: string | null; problems: string[] }> {
  let response: Response;
  try {
    response = await fetch(`${url}${testCase.path}`, {
      method: testCase.method,
      headers: testCase.headers,
      ...(testCase.body !== undefined && testCase.method !== 'GET' && testCase.method !== 'HEAD' ? { body: testCase.body } : {}),
      signal: AbortSignal.timeout(40_000),
    });
  } catch (error) {
    return { status: 0, code: null, problems: [`no answer: ${String((error as Error).cause ?? error).slice(0, 120)}`] };
  }
  const body = testCase.method === 'HEAD' ? '' : await response.text();
  const problems: string[] = [];
  if (!testCase.contract || testCase.method === 'HEAD') {
    if (response.status >= 500 && response.status !== 503) problems.push(`HTTP ${response.status}`);
    return { status: response.status, code: null, problems };
  }
  const checked = checkRestError(response.status, response.headers.get('content-type') ?? '', body);
  problems.push(...checked.problems);
  if (testCase.expect && response.status >= 400 && checked.code && !testCase.expect.includes(checked.code) && checked.code !== 'RATE_LIMITED') {
    problems.push(`answered ${checked.code}, expected ${testCase.expect.join('|')}`);
  }
  if (testCase.expect && response.status < 400) problems.push(`HTTP ${response.status} where ${testCase.expect.join('|')} was expected`);
  return { status: response.status, code: checked.code, problems: [...new Set(problems)] };
}
