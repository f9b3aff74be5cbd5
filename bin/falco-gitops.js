#!/usr/bin/env node
'use strict';
// The CLI is written in TypeScript; tsx (a runtime dependency) compiles it on load.
require('tsx/cjs');
require('../lib/cli/main.ts').run();
