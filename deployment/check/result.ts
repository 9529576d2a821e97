// What one check reports: problems make it fail; a skip says why it did not run.
export type Status = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: Status;
  /** What was examined, for the log (e.g. "12 objects in k8s/overlays/prod"). */
  checked: string[];
  problems: string[];
  skipReason?: string;
}

export function resultOf(name: string, checked: string[], problems: string[]): CheckResult {
  return { name, status: problems.length > 0 ? 'fail' : 'pass', checked, problems };
}

export function skipped(name: string, reason: string): CheckResult {
  return { name, status: 'skip', checked: [], problems: [], skipReason: reason };
}
