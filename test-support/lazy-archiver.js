/**
 * `archiver` as cdktf sees it under Jest (jest.config.js moduleNameMapper). cdktf requires it when
 * it loads, but calls it only in the child process that zips an asset, so the tests never do; the
 * real module is loaded on the first call. Loading cdktf took 1.0 s of CPU instead of 1.9 s over
 * the unit tier run in band (CONTRIBUTING.md, "Test tiers and suite CPU").
 */
const { join } = require("node:path");

let real;

module.exports = function archiver(...args) {
  real ??= require(join(__dirname, "..", "node_modules", "archiver"));
  return real(...args);
};
