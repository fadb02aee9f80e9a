import { toProcountorUnit } from '../../../lib/procountor/units';

describe('units', () => {
  it.each([
    ['kpl', 'PIECE'],
    ['pcs', 'PIECE'],
    ['h', 'HOUR'],
    ['hour', 'HOUR'],
    ['tuntia', 'HOUR'],
    ['kk', 'MONTH'],
    ['month', 'MONTH'],
    ['päivä', 'DAY'],
    ['day', 'DAY'],
    ['week', 'WEEK'],
    ['vk', 'WEEK'],
    ['WEEK', 'WEEK'],
    ['m²', 'SQUARE_METER'],
    ['', 'PIECE'],
    [null, 'PIECE'],
    ['furlong', 'PIECE'],
  ])('maps %j to %s', (text, unit) => {
    expect(toProcountorUnit(text as string | null)).toBe(unit);
  });
});
