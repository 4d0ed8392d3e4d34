import { Alert } from 'antd';
import { useEffect, useState } from 'react';

interface Readiness {
  message?: string;
  problems?: Array<{ check: string }>;
}

type Shown = { ready: true } | { ready: false; message: string; causes: string };

/**
 * While the API is not ready (no worker polling, a department unreachable …), every page says
 * so in the API's own words (what it means for the work; the technical cause is the operators',
 * in /health/ready's `detail`), until it is ready again.
 */
export function ReadinessBanner() {
  const [shown, setShown] = useState<Shown>({ ready: true });
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      const answer = await fetch('/health/ready', { cache: 'no-store', headers: { 'accept-language': 'zh-CN' } }).catch(() => null);
      if (stopped) return;
      if (answer?.ok) return setShown({ ready: true });
      const body = (answer ? await answer.json().catch(() => ({})) : {}) as Readiness;
      if (stopped) return;
      setShown({
        ready: false,
        message: answer ? (body.message ?? '处理暂停：系统暂未就绪，请稍后再试；如长时间未恢复，请联系系统管理员') : '无法连接服务器，请检查网络或稍后再试',
        causes: (body.problems ?? []).map((p) => p.check).join(' '),
      });
    };
    void check();
    const timer = setInterval(() => void check(), 5000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <div id="processing-paused" role="alert" hidden={shown.ready} data-causes={shown.ready ? '' : shown.causes}>
      {!shown.ready && <Alert type="error" showIcon title={shown.message} />}
    </div>
  );
}
