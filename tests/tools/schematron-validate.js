// Validates an XML file against an ISO Schematron schema with node-schematron (XPath 3.1 through fontoxpath).
// Usage: node schematron-validate.js SCHEMA.sch FILE.xml
// Prints each failed assertion or report as one JSON line, then a count; exits 0 only when there are none.
// (node-schematron's own command line needs a module its package does not install, so its API is used here.)
const fs = require('fs');
const path = require('path');
const { Schema } = require(path.join(__dirname, 'node_modules', 'node-schematron'));

const [schemaFile, xmlFile] = process.argv.slice(2);
if (!schemaFile || !xmlFile) {
  console.error('usage: node schematron-validate.js SCHEMA.sch FILE.xml');
  process.exit(2);
}
const schema = Schema.fromString(fs.readFileSync(schemaFile, 'utf8'));
const results = schema.validateString(fs.readFileSync(xmlFile, 'utf8'));
for (const r of results) {
  console.log(JSON.stringify({ kind: r.isReport ? 'report' : 'failed-assert', context: r.context && r.context.nodeName, message: r.message }));
}
console.log(`schematron: ${results.length} finding(s)`);
process.exit(results.length === 0 ? 0 : 1);
