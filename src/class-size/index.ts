// Public API of the class-size domain; re-exported by src/index.ts.
export {};
