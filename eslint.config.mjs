// ESLint for the site's own JavaScript (make lint). The recommended rules, for plain browser scripts.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["site_overrides/assets/javascripts/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...globals.browser } },
    // Every script shares the page's global scope: a top-level var, function, let, const or class would leak a name
    // (tests/test_client_storage.py checks the same in Chromium).
    rules: { "no-implicit-globals": ["error", { lexicalBindings: true }] },
  },
];
