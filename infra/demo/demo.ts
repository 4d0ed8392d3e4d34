import { DemoClient } from './demo-client';
import { highTechDemo } from './high-tech.demo';
import { listingDemo } from './listing.demo';
import { talentDemo } from './talent.demo';

/**
 * npm run demo -- <process>: plays a process against a running stack (npm start) through the
 * HTTP API, as applicants, agencies, experts and supervisors would. API_URL picks the stack.
 */
const DEMOS: Record<string, (client: DemoClient) => Promise<void>> = {
  hightech: highTechDemo,
  listing: listingDemo,
  talent: talentDemo,
};

async function main(): Promise<void> {
  const which = process.argv[2];
  const demo = which ? DEMOS[which] : undefined;
  if (!demo) {
    console.error(`usage: npm run demo -- <${Object.keys(DEMOS).join('|')}>`);
    process.exit(2);
  }
  const client = new DemoClient(process.env.API_URL ?? 'http://127.0.0.1:3000');
  try {
    await client.call('GET', '/health');
  } catch {
    console.error(`no API at ${client.baseUrl}: start the stack first (npm start), or set API_URL`);
    process.exit(1);
  }
  await demo(client);
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
