import { type PageTablesModel, type ViewOptions } from './models';
export type PageTablesOptions = ViewOptions;
export declare function renderPageTables(root: SVGSVGElement, model: PageTablesModel, opts: PageTablesOptions): void;
