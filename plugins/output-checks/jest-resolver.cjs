// Jest resolves `require()` with the "require" export condition only, but the
// kubernetes-models packages are ESM-only and export their subpaths under
// "import" alone. Node 22 itself loads them through require(esm) by absolute
// path; in Jest we resolve these packages with the "import" condition too (the
// files are then transpiled by the regular SWC transform). Everything else
// resolves exactly as before.
const ESM_ONLY = /^(?:kubernetes-models|@kubernetes-models\/[^/]+)(?:\/|$)/;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request) && options.conditions) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...new Set([...options.conditions, 'import'])],
    });
  }
  return options.defaultResolver(request, options);
};
