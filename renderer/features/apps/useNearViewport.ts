// Whether an element is near the visible part of its scroll container: apps mount when they come near
// and are torn down when they are far away, so a long conversation with many apps stays cheap. The
// observer's root is that container: with the page as root, the container's own clipping hid everything
// just outside its edges and the margin never applied, so an app scrolled barely out of view (or whose
// card shrank as it went full screen) was torn down and lost its state.
import { useEffect, useState, type RefObject } from 'react';

function scrollParentOf(el: Element): Element | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

export function useNearViewport(ref: RefObject<Element | null>, margin = '800px'): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (typeof IntersectionObserver !== 'function') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), {
      root: scrollParentOf(el),
      rootMargin: `${margin} 0px ${margin} 0px`,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return near;
}
