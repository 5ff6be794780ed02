import { useCallback, useEffect, useState } from 'react';

/**
 * Width and height of an element, kept current with a ResizeObserver (charts need pixel sizes). A
 * callback ref, so that an element mounted later (after a loading state) is measured too.
 */
export function useElementSize<T extends HTMLElement>(fallback = { width: 600, height: 300 }) {
  const [element, setElement] = useState<T | null>(null);
  const [size, setSize] = useState(fallback);
  const ref = useCallback((node: T | null) => setElement(node), []);
  useEffect(() => {
    if (!element) {
      return;
    }
    const update = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) {
        setSize({ width: Math.floor(width), height: Math.floor(height) });
      }
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return { ref, ...size };
}
