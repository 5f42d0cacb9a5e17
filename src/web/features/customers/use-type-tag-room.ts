import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Whether a row's line of type tags does not show each tag whole: a tag past the line's end (the line
 * clips it). Tags beside another never wrap (app.css), so a tag without room shows as overflow; a tag
 * alone may wrap: its name is then wider than the column, and shown in full.
 */
function isTagLineCut(line: HTMLElement): boolean {
  return line.scrollWidth > line.clientWidth;
}

/**
 * How many type tags a row's line has room for, at most `most`: measured before the row is painted,
 * one tag fewer at a time until the shown ones fit whole (the rest fold into "+N"). A tag cut by an
 * ellipsis read "Gadījuma …" in Latvian on a desktop's column, and a type's name is its whole meaning.
 * Measured again when the cell's width or the words change (a turned tablet, another language): the
 * cell's, as the grid sets it, since on a phone the line is as wide as the tags it shows.
 */
export function useTypeTagRoom(line: RefObject<HTMLElement | null>, most: number, words: string): number {
  const [width, setWidth] = useState(0);
  const [fitted, setFitted] = useState({ key: '', room: most });
  const key = `${most}|${width}|${words}`;
  const room = fitted.key === key ? fitted.room : most;

  useLayoutEffect(() => {
    if (line.current && room > 1 && isTagLineCut(line.current)) setFitted({ key, room: room - 1 });
  });

  useEffect(() => {
    const element = line.current?.parentElement;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [line]);

  return room;
}
