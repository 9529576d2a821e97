// The schema models accept unknown fields (a typo such as `readinesProbe` is
// silently ignored by them, and by the API server with a warning at best).
// Type-checking each rendered object as an object literal of its TypeScript
// interface makes every unknown field an "excess property" error.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, type K8sObject } from './kustomize.js';
import { kindKey, knownKinds } from './k8s-kinds.js';
import { repoRoot } from './paths.js';

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

export function checkUnknownFields(objects: K8sObject[]): string[] {
  // Inside the repository so that node_modules resolves; never written to disk.
  const fileName = join(repoRoot, 'deployment', 'check', '__rendered_objects__.ts');
  const { source, spans } = buildSource(objects);

  const host = ts.createCompilerHost(compilerOptions);
  const originalGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : originalGetSourceFile(name, languageVersion, ...rest);
  const originalFileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || originalFileExists(name);
  const originalReadFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : originalReadFile(name));

  const program = ts.createProgram([fileName], compilerOptions, host);
  const sourceFile = program.getSourceFile(fileName);
  if (!sourceFile) return ['internal: the rendered objects could not be type-checked'];
  const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];

  return diagnostics.map((d) => {
    const owner = spans.find((s) => d.start !== undefined && d.start >= s.start && d.start < s.end);
    const where = owner ? describe(owner.obj) : 'rendered objects';
    const field = d.start !== undefined && d.length !== undefined ? source.slice(d.start, d.start + d.length) : '';
    const full = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const message = full.length > 200 ? `${full.slice(0, 200)}…` : full;
    return `${where}: ${field ? `${field}: ` : ''}${message}`;
  });
}

interface Span {
  obj: K8sObject;
  start: number;
  end: number;
}

function buildSource(objects: K8sObject[]): { source: string; spans: Span[] } {
  const typeAliases = new Map<string, string>();
  let source = '';
  for (const obj of objects) {
    const info = knownKinds[kindKey(obj)];
    if (!info || typeAliases.has(kindKey(obj))) continue;
    const alias = `T${typeAliases.size}`;
    typeAliases.set(kindKey(obj), alias);
    source += `import type { ${info.typeName} as ${alias} } from '${info.typeModule}';\n`;
  }
  const spans: Span[] = [];
  objects.forEach((obj, i) => {
    const alias = typeAliases.get(kindKey(obj));
    if (!alias) return; // unknown kinds are reported by the schema check
    const start = source.length;
    source += `export const o${i}: ${alias} = ${JSON.stringify(obj, null, 2)};\n`;
    spans.push({ obj, start, end: source.length });
  });
  return { source, spans };
}
