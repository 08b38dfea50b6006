// Main's one reading of the wall clock. Everything else receives `now` from bootstrap, so tests run
// every service on a clock they set.
export const systemNow = (): Date => new Date();
