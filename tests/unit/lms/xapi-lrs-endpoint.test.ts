import { describe, expect, it } from 'vitest';
import { lrsConfigSchema, lrsEndpointAllowed } from '../../../src/lms/xapi-send';

describe('lrsEndpointAllowed', () => {
  it('should refuse plain http except to this machine', () => {
    expect(lrsEndpointAllowed('http://example.com/xapi/')).toBe(false);
    expect(lrsEndpointAllowed('http://127.0.0.1:8080/xapi/')).toBe(true);
    expect(lrsEndpointAllowed('http://localhost/xapi/')).toBe(true);
    expect(lrsEndpointAllowed('http://[::1]/xapi/')).toBe(true);
    expect(lrsEndpointAllowed('http://127.0.0.1.example.com/')).toBe(false);
    expect(lrsEndpointAllowed('https://lrs.example.com/xapi/')).toBe(true);
    expect(
      lrsConfigSchema.safeParse({ endpoint: 'http://example.com/xapi/', key: 'k', secret: 's' })
        .success,
    ).toBe(false);
  });
});
