// The checker's own tests run the in-process tools for real every time:
// whole-report caching is for the product matrices, not for the tests that
// prove the checks work. helm runs stay cached by content (see cache.ts).
process.env.IACFORGE_CHECK_CACHE = 'helm';

export {};
