// The environment the server process starts with, beyond the user's own: `npm start` and the benchmarks use it,
// and docker/Dockerfile sets the same (a test keeps them equal).
//
// libuv's thread pool runs the file system calls and DNS lookups, with 4 threads unless UV_THREADPOOL_SIZE says
// otherwise, read once as node starts (setting it from inside the process is too late). At a burst of stops each
// take's finalize makes a few dozen file calls, fsyncs among them (spool flush, object store, directory): on 4
// threads 150 takes queued behind each other for over a second. Threads waiting on a disk cost no CPU.
export const THREADPOOL_SIZE = '16';

/** The user's environment wins: an operator's UV_THREADPOOL_SIZE is kept. */
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { UV_THREADPOOL_SIZE: THREADPOOL_SIZE, ...env };
}
