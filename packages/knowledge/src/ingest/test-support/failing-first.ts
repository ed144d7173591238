/**
 * Wraps an object so that the first `times` calls of one of its methods reject with `error` (a dependency that is
 * down for a moment, then back). Later calls, and every other method, reach the real object.
 */
export function failingFirst<T extends object, K extends keyof T>(target: T, method: K, times: number, error: Error): T & { failures(): number } {
  let count = 0;
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property === 'failures') return () => Math.min(count, times);
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(object) : value;
      return async (...args: unknown[]) => {
        count += 1;
        if (count <= times) throw error;
        return (value as (...inner: unknown[]) => unknown).apply(object, args);
      };
    },
  }) as T & { failures(): number };
}
