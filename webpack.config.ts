import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

// Extends the scaffolded config (never edited) with what the nested panels and bundled dashboards need.
const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return merge(baseConfig, {
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: '../dashboards', to: 'dashboards', noErrorOnMissing: true },
          { from: 'panels/*/img/*', to: '.', noErrorOnMissing: true },
        ],
      }),
    ],
  });
};

export default config;
