// Required by `npm run test:unit`, the edit-run loop: each property runs a
// sample of its cases (see propertyRuns.ts). `npm test` runs them all.
process.env.FAST_CHECK_QUICK ??= "1";
