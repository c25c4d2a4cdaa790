// cdktf's Jest matchers (toHaveResourceWithProperties, ...), as `cdktf.Testing.setupJest()`
// registers them, from the module that defines them: loading all of cdktf for every test file,
// most of which never use it, cost about 0.25 s of CPU per file.
require("cdktf/lib/testing/adapters/jest").setupJest();
