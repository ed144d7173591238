import { describe, expect, it } from 'vitest';
import { withPlaceholderUrl } from './prisma-migrate-diff';

describe('withPlaceholderUrl', () => {
  it('adds the url line Prisma 6 needs inside the datasource block only', () => {
    const schema = 'generator client {\n  provider = "prisma-client"\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n';
    const copy = withPlaceholderUrl(schema);
    expect(copy).toContain('datasource db {\n  url = "postgresql://offline.invalid/weft"\n  provider = "postgresql"\n}');
    expect(copy.match(/url =/g)).toHaveLength(1);
  });

  it('leaves a schema that already has a url alone', () => {
    const schema = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';
    expect(withPlaceholderUrl(schema)).toBe(schema);
  });
});
