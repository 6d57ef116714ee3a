// Chinese word segmentation with jieba (jieba-rs compiled to WebAssembly, via jieba-wasm):
// one package for every platform, its default dictionary built in, loaded once per process.
import { createRequire } from 'node:module';
import type { Segmenter } from '../../core/requests/similarity.ts';
import { keywords } from '../../core/requests/similarity.ts';

interface Jieba { cut(text: string, hmm?: boolean): string[] }
const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

export const segment: Segmenter = (text) => {
  // Loaded on first use: instantiating the module and its dictionary takes a moment that
  // processes never segmenting text (the CLI, most tests) should not pay.
  jieba ??= require('jieba-wasm') as Jieba;
  return jieba.cut(text, true);
};

/** The keywords of a request text, space-separated as stored. */
export function keywordText(text: string): string {
  return [...new Set(keywords(text, segment))].slice(0, 60).join(' ');
}
