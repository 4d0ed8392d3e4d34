import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './shell';
import { styleNonce } from './csp';
import { completeSignIn } from './oidc';
import { RegistryProvider } from './registry';
import { THEME } from './theme';
import './app.css';

dayjs.locale('zh-cn');
const nonce = styleNonce();

// Back from the OpenID provider with a code: the session starts before the first page shows.
await completeSignIn();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={THEME} csp={{ nonce }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <RegistryProvider>
          <Shell />
        </RegistryProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
