import { describe, expect, it } from 'vitest';
import { columnPercents, headerWords } from '../../src/renderer/src/features/reports/columns';

// A monospaced stand-in for the browser's text measure: 6 px a Latin character, 11 px a Chinese one.
const width = (word: string) => [...word].reduce((sum, ch) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6), 0);

describe('printed report columns', () => {
  it('an English header may wrap only between its words, a Chinese one between characters', () => {
    expect(headerWords('Monthly spend (¥)')).toEqual(['Monthly', 'spend', '(¥)']);
    expect(headerWords('月均消费（元）')).toEqual(['月', '均', '消', '费', '（', '元', '）']);
  });

  it('keeps the report proportions when every header word fits', () => {
    const percents = columnPercents([{ label: 'No.', width: 1 }, { label: 'Customer', width: 3 }], 400, width, 8);
    expect(percents).toEqual([25, 75]);
  });

  it('widens a column to its longest header word, taking the room from the others in proportion', () => {
    // 6% of 300 px is 18 px, too narrow for "Arrears" (42 px + 8 px padding).
    const columns = [
      { label: 'Arrears', width: 6 },
      { label: 'Customer', width: 47 },
      { label: 'Region', width: 47 },
    ];
    const percents = columnPercents(columns, 300, width, 8);
    expect((percents[0]! * 300) / 100).toBeCloseTo(50);
    expect(percents[1]).toBeCloseTo(percents[2]!);
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100);
  });

  it('never squeezes a Chinese header below one character', () => {
    const percents = columnPercents([{ label: '序号', width: 1 }, { label: '客户名称', width: 99 }], 200, width, 8);
    expect((percents[0]! * 200) / 100).toBeGreaterThanOrEqual(19);
  });
});

describe('printed report cells', () => {
  it('widens a column so an English cell word is not split, while the page has room', () => {
    const columns = [
      { label: 'Grade', width: 5, cells: ['Quality', 'Normal'] },
      { label: 'Customer', width: 95, cells: ['白塔兴业中学'] },
    ];
    const percents = columnPercents(columns, 400, width, 8);
    expect((percents[0]! * 400) / 100).toBeCloseTo(50); // "Quality": 7 × 6 px + 8 px
  });

  it('falls back to the headers when the cell words cannot all fit the page', () => {
    const columns = [
      { label: 'Cause', width: 50, cells: ['x'.repeat(60)] },
      { label: 'Status', width: 50, cells: ['y'.repeat(60)] },
    ];
    expect(columnPercents(columns, 400, width, 8)).toEqual([50, 50]);
  });
});
