/**
 * Wraps an object so that one of its methods works `calls` times and then rejects with `error` (a
 * dependency going down mid-way). Every other method, and the working calls, reach the real object.
 */
export function failingAfter<T extends object, K extends keyof T>(target: T, method: K, calls: number, error: Error): T {
  let count = 0;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(object) : value;
      return async (...args: unknown[]) => {
        count += 1;
        if (count > calls) throw error;
        return (value as (...inner: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
