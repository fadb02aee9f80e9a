// Zapier's runtime loads ./index.js; the app itself is TypeScript, compiled to dist/ by `npm run build`.
module.exports = require('./dist/index.js');
