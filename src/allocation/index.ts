// Public API of the allocation domain; re-exported by src/index.ts.
export {};
