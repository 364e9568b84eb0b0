/** Types of scripts/api-types.mjs, for the test that checks the committed portal API types. */
export declare const API_TYPES_FILE: string;
export declare function renderApiTypes(document: object): Promise<string>;
