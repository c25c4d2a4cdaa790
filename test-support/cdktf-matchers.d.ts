// Types for the cdktf Jest matchers that setup.js registers (toHaveResourceWithProperties, ...).
import "cdktf/lib/testing/adapters/jest";
