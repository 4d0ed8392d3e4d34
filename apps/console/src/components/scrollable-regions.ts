import { useEffect } from 'react';

const LABEL = '表格（可左右滚动查看）';

/**
 * A table wider than the screen (a phone) scrolls sideways inside its own box: that box must be
 * reachable by keyboard to scroll it (WCAG 2.1.1), and named for screen readers. Ant Design's
 * table draws the box itself, so the console marks every such box that scrolls now, and unmarks
 * it when it no longer does (a wider window).
 */
export function useScrollableRegions(): void {
  useEffect(() => {
    const mark = () => {
      document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((box) => {
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls && box.tabIndex !== 0) {
          box.tabIndex = 0;
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', LABEL);
        } else if (!scrolls && box.getAttribute('aria-label') === LABEL) {
          box.removeAttribute('tabindex');
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        }
      });
    };
    let queued = 0;
    const soon = () => {
      cancelAnimationFrame(queued);
      queued = requestAnimationFrame(mark);
    };
    const observer = new MutationObserver(soon);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', soon);
    soon();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', soon);
      cancelAnimationFrame(queued);
    };
  }, []);
}
