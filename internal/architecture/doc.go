// Package architecture holds the test that keeps ARCHITECTURE.md true: the
// page names every package of the module and no other, the dependency rules
// it states hold on the imports of every non-test file, and every test its
// recipes name exists. It has no code of its own.
package architecture
