// Every workflow the worker runs; this file is the bundler's entry point.
export { highTechCertification } from './high-tech.workflow';
export { listingSupport } from './listing.workflow';
export { talentPermits } from './talent-permits.workflow';
export { specializedRewards } from './specialized-rewards.workflow';
export { calendarRollout } from './calendar-rollout.workflow';
export { rewardLedger } from './specialized-rewards-ledger.workflow';
