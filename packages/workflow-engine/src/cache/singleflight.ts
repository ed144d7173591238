/** One caller of a shared execution: where its text chunks go, and when it stops waiting. */
export interface FlightParticipant {
  emitText(text: string): void;
  signal: AbortSignal;
}

/** What the shared work gets: a fan-out for chunks and a signal aborted once every participant has left. */
export interface FlightHandle {
  emitText(text: string): void;
  /** Every chunk emitted so far, in order. */
  readonly chunks: readonly string[];
  readonly signal: AbortSignal;
}

interface FlightState<T> {
  participants: Set<FlightParticipant>;
  chunks: string[];
  controller: AbortController;
  done: Promise<T>;
}

export interface Singleflight<T> {
  /**
   * Joins the execution in progress for `key`, or starts `work` if there is none. Chunks the work emits
   * reach every participant, late joiners first get the ones already emitted. A participant whose signal
   * aborts stops waiting at once (rejecting with its reason); the work's own signal aborts only when the
   * last participant has left, so one cancelled run never cancels the others.
   */
  join(key: string, participant: FlightParticipant, work: (flight: FlightHandle) => Promise<T>): { leader: boolean; result: Promise<T> };
  readonly size: number;
}

export function createSingleflight<T>(): Singleflight<T> {
  const flights = new Map<string, FlightState<T>>();

  function start(key: string, participant: FlightParticipant, work: (flight: FlightHandle) => Promise<T>): FlightState<T> {
    const state: FlightState<T> = { participants: new Set([participant]), chunks: [], controller: new AbortController(), done: Promise.resolve() as Promise<T> };
    flights.set(key, state);
    const handle: FlightHandle = {
      emitText(text) {
        state.chunks.push(text);
        for (const member of state.participants) member.emitText(text);
      },
      chunks: state.chunks,
      signal: state.controller.signal,
    };
    state.done = Promise.resolve()
      .then(() => work(handle))
      .finally(() => {
        if (flights.get(key) === state) flights.delete(key);
      });
    state.done.catch(() => undefined);
    return state;
  }

  function wait(key: string, state: FlightState<T>, participant: FlightParticipant): Promise<T> {
    const { signal } = participant;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        state.participants.delete(participant);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        if (state.participants.size === 0) {
          // Nobody wants the result any more: stop the work and let the next caller start afresh.
          if (flights.get(key) === state) flights.delete(key);
          state.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      state.done.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  return {
    join(key, participant, work) {
      const existing = flights.get(key);
      if (existing) {
        for (const chunk of existing.chunks) participant.emitText(chunk);
        existing.participants.add(participant);
        return { leader: false, result: wait(key, existing, participant) };
      }
      const state = start(key, participant, work);
      return { leader: true, result: wait(key, state, participant) };
    },
    get size() {
      return flights.size;
    },
  };
}
