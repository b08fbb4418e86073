import { Fragment } from 'react';
import type { SearchMatch } from '../../../shared/contract/system';

/** Text with the parts a search matched marked (ranges are [start, end) in UTF-16 units, from the server). */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} style={{ backgroundColor: 'var(--mantine-color-yellow-2)', color: 'inherit', padding: 0 }}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}

/** The matched parts of a field when the match is in that field, otherwise the plain text. */
export function HighlightedField({ text, match, field }: { text: string; match?: SearchMatch | null; field: string }) {
  if (!match || match.field !== field || match.text !== text) return <>{text}</>;
  return <Highlighted text={text} ranges={match.ranges} />;
}
