// Loaded by mocha before any test file (see .mocharc.json), so the mock
// runtime is in place before any code under test is imported. Each test then
// installs fresh mocks of its own with `useMocks`.
import { useMocks } from "./mocks";

void useMocks();
