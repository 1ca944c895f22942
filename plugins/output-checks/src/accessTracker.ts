import { closest, isPlainObject } from './util';
import type { ObjectPath, SchemaIssue } from './schemaErrors';

/**
 * Records which properties a validator reads. ajv-compiled validators read
 * every property their schema defines (`data.replicas`, also when absent) and
 * iterate maps (`for (const k in data)`), but never look at a key the schema
 * does not define — so a key nobody read is unknown. Objects the validator
 * never looked into are free-form (x-kubernetes-preserve-unknown-fields,
 * `type: object` without properties) and are not checked.
 */
export class AccessTracker {
  private readonly accessed = new WeakMap<object, Set<string>>();
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T): T {
    if (typeof value !== 'object' || value === null) {
      return value;
    }
    const target: object = value;
    const existing = this.proxies.get(target);
    if (existing) {
      return existing as T;
    }
    const keys = new Set<string>();
    this.accessed.set(target, keys);
    const record = (key: string | symbol) => {
      if (typeof key === 'string') {
        keys.add(key);
      }
    };
    const proxy = new Proxy(target, {
      get: (t, key) => {
        record(key);
        return this.wrap(Reflect.get(t, key));
      },
      has: (t, key) => {
        record(key);
        return Reflect.has(t, key);
      },
      getOwnPropertyDescriptor: (t, key) => {
        record(key);
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }

  unknownFields(value: unknown, at: ObjectPath = []): SchemaIssue[] {
    if (Array.isArray(value)) {
      return value.flatMap((item, i) => this.unknownFields(item, [...at, i]));
    }
    if (!isPlainObject(value)) {
      return [];
    }
    const keys = this.accessed.get(value);
    if (!keys || keys.size === 0) {
      return [];
    }
    return Object.keys(value).flatMap(key => {
      if (keys.has(key)) {
        return this.unknownFields(value[key], [...at, key]);
      }
      const known = [...keys].filter(k => !(k in value));
      const suggestion = closest(key, known);
      return [
        {
          path: [...at, key],
          atKey: true,
          message: `unknown field${
            suggestion ? ` — did you mean "${suggestion}"?` : ''
          }`,
        },
      ];
    });
  }
}
