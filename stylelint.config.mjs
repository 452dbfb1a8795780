// The CSS linter's rules: stylelint's standard config, with the exceptions below (each says why).
// `make lint` (and pre-commit) checks static/**/*.css with it; `make format` applies its fixes.
/** @type {import("stylelint").Config} */
export default {
    extends: ["stylelint-config-standard"],
    rules: {
        // Class names are BEM in kebab case: block, block__element, block--modifier.
        "selector-class-pattern": [
            "^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+(-[a-z0-9]+)*)?$",
            { message: (selector) => `Expected class selector "${selector}" to be BEM in kebab case` },
        ],
        // The sheets are ordered by component, as the pages are built; reordering them by
        // specificity would scatter each component's rules and change which rule wins.
        "no-descending-specificity": null,
        // min-width/max-width: the range syntax is ignored whole by browsers before 2023
        // (Safari before 16.4), which would lose the layout of every page on them.
        "media-feature-range-notation": "prefix",
        // The design tokens are grouped by blank lines (colours, fonts, measures, spaces).
        "custom-property-empty-line-before": null,
        // Font names in the font stack keep their own capitals.
        "value-keyword-case": ["lower", { camelCaseSvgKeywords: true, ignoreProperties: ["/^--font-/"] }],
        // Fallbacks kept for older browsers and print engines: `clip` beside `clip-path` in the
        // visually-hidden pattern (as GOV.UK Frontend does), and page-break-* beside break-*.
        "property-no-deprecated": [true, { ignoreProperties: ["clip", "/^page-break-/"] }],
    },
};
