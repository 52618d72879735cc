// Whether an element is near the visible part of its scroll container: apps mount when they come near
// and are torn down when they are far away, so a long conversation with many apps stays cheap.
import { useEffect, useState, type RefObject } from 'react';

export function useNearViewport(ref: RefObject<Element | null>, margin = '800px'): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (typeof IntersectionObserver !== 'function') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), { rootMargin: `${margin} 0px ${margin} 0px` });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return near;
}
