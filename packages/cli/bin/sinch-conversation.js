#!/usr/bin/env node
// The `sinch-conversation` bin: a file in the repository (not in dist), so installing a fresh clone links it before any build.
import "../dist/bin.js"
