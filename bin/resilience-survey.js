#!/usr/bin/env node
// `npx resilience-survey package …`: see cli/main.js.
import {main} from '../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
