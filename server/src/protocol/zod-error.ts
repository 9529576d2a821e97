// One line for a failed zod parse, the same at every entry point: the first issue, with its path.
export function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  if (!first) return 'Invalid payload';
  const where = first.path.map(String).join('.');
  return where ? `${where}: ${first.message}` : first.message;
}
