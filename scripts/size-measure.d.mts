/** @module scripts/size-measure (declarations for the TypeScript tests) */
export interface SizeRow {
  name: string;
  raw: number;
  gzip: number;
}
export declare function measureSizes(root: string): Promise<SizeRow[]>;
export declare function renderSizes(rows: SizeRow[]): string;
export declare function readSizes(text: string): string | null;
export declare function writeSizes(text: string, block: string): string;
export declare const BEGIN: string;
export declare const END: string;
