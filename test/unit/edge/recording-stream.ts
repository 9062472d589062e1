/**
 * @module test/unit/edge/recording-stream
 * A request body for the body-settling tests: a stream of `pieces`, pulled one at a time, that
 * records how far it was read and whether it was cancelled (Web streams only: it runs in workerd).
 */
export function recordingStream(pieces: Uint8Array[]) {
  const state = { pulled: 0, ended: false, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (state.pulled < pieces.length) c.enqueue(pieces[state.pulled++]);
      else {
        state.ended = true;
        c.close();
      }
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}
