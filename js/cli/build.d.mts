/** Bundles js/cli/main.ts into one ESM file for Node (see build.mjs). */
export function buildCli(options: { root: string; outfile: string }): Promise<void>;
