import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** What the `dharura` command is built from (as `tsconfig.server.json` compiles it). */
const sourceDirs = ['src/cli', 'src/server', 'src/shared'];

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (rel !== path.join('src', 'server', 'db', 'migrations')) out.push(...sourceFiles(root, rel));
    } else if (entry.name.endsWith('.json')) {
      out.push(rel); // data the code imports (county boundaries), copied as it is
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(rel);
    }
  }
  return out;
}

/**
 * The `dharura` command compiled once to plain JavaScript in a temporary directory, so each CLI test
 * starts `node <entry>` instead of compiling the whole server again through tsx (seconds of CPU per
 * run). Type-only transpilation (the type check is `npm run check`'s job); the directory mirrors the
 * repository (`package.json`, `node_modules` and the migrations linked back) so the code finds its
 * migrations and packages exactly as the built CLI does.
 */
export function compileCli(root = process.cwd()): { entry: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dharura-cli-build-'));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    isolatedModules: true,
    esModuleInterop: true,
  };
  for (const rel of sourceDirs.flatMap((d) => sourceFiles(root, d))) {
    if (rel.endsWith('.json')) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), readFileSync(path.join(root, rel)));
      continue;
    }
    const { outputText } = ts.transpileModule(readFileSync(path.join(root, rel), 'utf8'), {
      compilerOptions: options,
      fileName: rel,
    });
    const out = path.join(dir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  symlinkSync(path.join(root, 'src/server/db/migrations'), path.join(dir, 'src/server/db/migrations'), 'dir');
  return { entry: path.join(dir, 'src/cli/index.js'), dir };
}
