/**
 * Bundles the browser-test host (entry.tsx: SLO Burn's app and panels plus a thin Grafana runtime)
 * with esbuild into artifacts/browser-host/ (git- and lint-ignored, like every test artifact), next to
 * the index.html that loads it. Test-only: nothing here is part of the plugin's webpack build or of
 * dist/.
 *
 *   npx tsx tests/browser/host/build.ts
 */
import { type Plugin, build } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HOST_DIR = __dirname;
export const BUILD_DIR = path.resolve(__dirname, '..', '..', '..', 'artifacts', 'browser-host');

export interface HostBuild {
  dir: string;
  seconds: number;
  bytes: number;
}

/** @grafana/runtime keeps `setPluginPage` to itself (Grafana calls it at start-up); see modules.d.ts. */
const runtimeInternals: Plugin = {
  name: 'sloburn-host-runtime-internals',
  setup(builder) {
    builder.onResolve({ filter: /^sloburn-host:grafana-runtime-plugin-page$/ }, () => {
      const runtimeRoot = path.dirname(require.resolve('@grafana/runtime/package.json'));
      const file = path.join(runtimeRoot, 'dist', 'esm', 'components', 'PluginPage.mjs');
      if (!existsSync(file)) {
        throw new Error(`@grafana/runtime no longer has ${file}: the host cannot set Grafana's page chrome`);
      }
      return { path: file };
    });
  },
};

/**
 * @grafana/plugin-compat (used by Scenes) imports @grafana/runtime functions that newer Grafana versions
 * have and 13.1 does not, and checks `typeof fn === 'function'` before using them: in a plugin, runtime
 * is Grafana's own module at run time, so a missing one is simply undefined. esbuild rejects a missing
 * ESM export at build time; this gives plugin-compat a @grafana/runtime whose missing names are
 * undefined, as in Grafana.
 */
const pluginCompatRuntime: Plugin = {
  name: 'sloburn-host-plugin-compat-runtime',
  setup(builder) {
    const runtimeIndex = path.join(
      path.dirname(require.resolve('@grafana/runtime/package.json')),
      'dist',
      'esm',
      'index.mjs'
    );
    builder.onResolve({ filter: /^@grafana\/runtime$/ }, (args) =>
      /[\\/]@grafana[\\/]plugin-compat[\\/]/.test(args.importer)
        ? { path: 'runtime', namespace: 'sloburn-compat' }
        : undefined
    );
    builder.onLoad({ filter: /.*/, namespace: 'sloburn-compat' }, () => {
      const compatRoot = path.dirname(require.resolve('@grafana/plugin-compat/package.json'));
      const names = new Set<string>();
      for (const file of filesUnder(path.join(compatRoot, 'dist', 'esm'))) {
        if (file.endsWith('.mjs')) {
          for (const [, list] of readFileSync(file, 'utf8').matchAll(
            /import\s*\{([^}]*)\}\s*from\s*'@grafana\/runtime'/g
          )) {
            list.split(',').forEach((item) => names.add(item.trim().split(/\s+as\s+/)[0]));
          }
        }
      }
      names.delete('');
      const runtime = JSON.stringify(runtimeIndex);
      const contents = [
        `import * as runtime from ${runtime};`,
        `export * from ${runtime};`,
        ...[...names].map((name) => `export const ${name} = Reflect.get(runtime, ${JSON.stringify(name)});`),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: path.dirname(runtimeIndex) };
    });
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
  );
}

export async function buildHost(outdir: string = BUILD_DIR): Promise<HostBuild> {
  const started = performance.now();
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { host: path.join(HOST_DIR, 'entry.tsx') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // What Grafana's production build defines; React and Grafana's packages read it.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.yaml': 'text', '.svg': 'file', '.png': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [runtimeInternals, pluginCompatRuntime],
  });
  await writeFile(path.join(outdir, 'index.html'), indexHtml(Object.keys(result.metafile.outputs)));
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { dir: outdir, seconds: (performance.now() - started) / 1000, bytes };
}

/** Grafana's index.html in miniature: a base URL for relative asset paths, the root, the bundle. */
function indexHtml(outputs: string[]): string {
  const css = outputs.some((output) => output.endsWith('host.css'))
    ? '    <link rel="stylesheet" href="/build/host.css" />\n'
    : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <base href="/" />
    <link rel="icon" href="data:," />
    <style>
      /* Grafana's own stylesheet (normalize) does this; @grafana/ui's global styles do not. */
      html, body { margin: 0; }
    </style>
    <title>SLO Burn · browser-test host</title>
${css}  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/build/host.js"></script>
  </body>
</html>
`;
}

if (require.main === module) {
  buildHost().then(
    (built) =>
      process.stdout.write(
        `host bundle: ${(built.bytes / 1e6).toFixed(1)} MB in ${built.seconds.toFixed(1)} s (${built.dir})\n`
      ),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  );
}
