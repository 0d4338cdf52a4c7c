// Public API of the progress domain; re-exported by src/index.ts.
export {};
