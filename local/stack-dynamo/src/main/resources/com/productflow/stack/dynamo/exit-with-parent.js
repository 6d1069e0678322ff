// Preloaded into dynalite's Node process: the JVM that started it holds our stdin open, so when that
// JVM dies without running its shutdown hooks (SIGKILL, a killed test fork) the pipe closes and we exit
// instead of lingering on the port.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
