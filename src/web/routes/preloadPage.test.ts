import { describe, expect, it } from 'vitest';
import { QUEUE_PAGE_SIZE, queueSearch } from '../features/cases/api.js';
import { firstDataOf } from './preloadPage.js';

describe('the first data of the opened page', () => {
  it('is the address the queue asks for first (no filter, first page)', () => {
    expect(firstDataOf('/queue', '')).toBe(`/api/cases${queueSearch({}, QUEUE_PAGE_SIZE, 1)}`);
    expect(firstDataOf('/', '')).toBe(`/api/cases${queueSearch({}, QUEUE_PAGE_SIZE, 1)}`);
  });

  it('is the case for a case page, and nothing for anything else', () => {
    const id = '5ec7a5cf-73f3-44fb-bcdd-202fa0019be9';
    expect(firstDataOf(`/cases/${id}`, '')).toBe(`/api/cases/${id}`);
    expect(firstDataOf(`/cases/${id}/documentation`, '')).toBeNull();
    expect(firstDataOf('/cases/not-a-case', '')).toBeNull();
    expect(firstDataOf('/queue', '?status=new')).toBeNull();
    expect(firstDataOf('/alerts', '')).toBeNull();
  });
});
