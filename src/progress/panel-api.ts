// Panel fitting, forecasts, back-tests and laggards; re-exported by ./index.ts.
export {};
