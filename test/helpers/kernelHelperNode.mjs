// Starts kernelHelperNode.ts in a Node worker thread: worker threads do not take tsx's loader from
// execArgv, so the thread registers it itself.
import { register } from 'tsx/esm/api';

register();
await import('./kernelHelperNode.ts');
