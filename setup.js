// cdktf's Jest matchers (toHaveResourceWithProperties, ...), as `cdktf.Testing.setupJest()`
// registers them, from the module that defines them: loading all of cdktf for every test file,
// most of which never use it, cost about 0.25 s of CPU per file.
require("cdktf/lib/testing/adapters/jest").setupJest();
// As in the app's bundle (src/review/app-bundle.js): no full stack trace captured for every token
// cdktf creates (used only to decorate token resolution errors). Under Jest each one also went
// through its source-map support: most of the CPU of synthesizing in a test.
require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
